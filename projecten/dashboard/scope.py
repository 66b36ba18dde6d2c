"""Which records a figure or an export counts: the dashboard's filters as one value.

The dashboard, its per-wijkteam and per-Smederij pages and the exports all narrow their
records the same way; this is the one place that says how. A scope filters any queryset
that reaches a proposal, through the path to it (`""` for proposals, `"proposal__"` for
grants, `"grant__proposal__"` for payments), so a figure and the list it links to can never
disagree about what "wijken, korte klap, 2025" means.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class FigureScope:
    """Empty fields mean "all". `year=None` is the trend over every year."""

    year: int | None = None
    wijkteam_id: int | None = None
    smederij_id: int | None = None
    kind: str = ""  # wijken.models.AreaKind
    klap: str = ""  # budget.models.Klap
    theme: str = ""  # projecten.models.Theme

    def smederij_q(self, path: str = "") -> Q:
        """The condition on the Smederij, for a queryset at `path` from a Smederij."""
        q = Q()
        if self.smederij_id:
            q &= Q(**{f"{path}pk": self.smederij_id})
        if self.wijkteam_id:
            q &= Q(**{f"{path}wijkteam_id": self.wijkteam_id})
        if self.kind:
            q &= Q(**{f"{path}area__kind": self.kind})
        return q

    def includes(self, smederij) -> bool:
        """Whether `smederij` (with its area) lies in the scope: `smederij_q` in Python, for
        a list of Smederijen already read."""
        return (
            (not self.smederij_id or smederij.pk == self.smederij_id)
            and (not self.wijkteam_id or smederij.wijkteam_id == self.wijkteam_id)
            and (not self.kind or smederij.area.kind == self.kind)
        )

    def proposal_q(self, path: str = "", *, with_year: bool = True) -> Q:
        """The condition on the proposal, for a queryset at `path` from a proposal."""
        q = self.smederij_q(f"{path}smederij__")
        if with_year and self.year:
            q &= Q(**{f"{path}year": self.year})
        if self.klap:
            q &= Q(**{f"{path}klap": self.klap})
        if self.theme:
            q &= Q(**{f"{path}theme": self.theme})
        return q

    def proposals(self, queryset: QuerySet, path: str = "", *, with_year: bool = True):
        return queryset.filter(self.proposal_q(path, with_year=with_year))

    def without_year(self) -> "FigureScope":
        return replace(self, year=None)

    def with_year(self, year: int | None) -> "FigureScope":
        return replace(self, year=year)

    def as_params(self) -> dict[str, str]:
        """The query parameters that give this scope back (the filter form's names)."""
        params = {
            "year": self.year,
            "wijkteam": self.wijkteam_id,
            "smederij": self.smederij_id,
            "kind": self.kind,
            "klap": self.klap,
            "theme": self.theme,
        }
        return {key: str(value) for key, value in params.items() if value}

    def querystring(self) -> str:
        params = self.as_params()
        return "?" + urlencode(params) if params else ""
