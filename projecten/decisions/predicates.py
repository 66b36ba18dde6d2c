"""The decision adds no relation of its own: who decides is the gebiedsregisseur of the
Smederij (`smederijen.predicates.is_gebiedsregisseur_of`); what may be decided is the
lifecycle (`projecten.proposals.predicates.may_move`)."""
