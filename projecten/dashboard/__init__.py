"""The figures over every Smederij and year: the stuurgroep's dashboard, the same figures for
a wijkteam or one Smederij, and the exports that carry them away (issue 13)."""
