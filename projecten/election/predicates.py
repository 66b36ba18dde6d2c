"""The election adds no relation of its own: its permissions (`rules.py`) are built from
`smederijen.predicates`, which accept a round (it has `.smederij`) or a Smederij. When a
round accepts ballots is a rule of its services, not of a permission."""
