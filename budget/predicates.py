"""Who may see and set the money of the programme. The budget adds no relation of its own:
the stuurgroep sets the pot (DESIGN.md), the functional administrator keeps the budget
years in order (`smederijen.predicates`). Decision 0034 says why every stuurgroep member,
and not only the chair, records a change."""

from smederijen.predicates import is_beheerder, is_stuurgroep_member

# The pot, its split, the shares and their history: the stuurgroep and the administrator.
may_view_pot = is_stuurgroep_member | is_beheerder
# Opening a year, changing its split, setting shares, moving money between Smederijen.
may_set_pot = is_stuurgroep_member
