"""The money adds no relation of its own: the gebiedsregisseur of the Smederij answers for it
(`smederijen.predicates.is_gebiedsregisseur_of`); what a status allows is `projecten/workflow.py`."""
