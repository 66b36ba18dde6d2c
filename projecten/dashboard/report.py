"""The dashboard's figures as the page shows them: sections of figures, each a table with
its chart, every count a link to the list it counts where such a list exists.

`dashboard_sections` turns `DashboardData` (grouped sums from the selectors) into plain
values for the templates: they print, they never add up or decide. Adding up happens
here, over the grouped rows (a few hundred at most, whatever the number of records).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from budget.models import Klap
from budget.money import ZERO, format_euro
from projecten.dashboard import charts
from projecten.dashboard.selectors import DashboardData, YearFigures
from projecten.models import DecisionMethodKind, Theme
from projecten.workflow import HANDED_IN_STATUSES, ProposalStatus
from wijken.models import AreaKind

S = ProposalStatus
APPROVED_EVER = (S.APPROVED, S.IN_PROGRESS, S.ACCOUNTED, S.COMPLETED, S.CANCELLED)
LISTED_STATUSES = {status.value for status in HANDED_IN_STATUSES}


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""
    numeric: bool = True
    # Written into the cell's accessible name for a link: "12" alone says nothing.
    link_label: str = ""


def _cell_html(cell: Cell, first: bool) -> str:
    text = escape(cell.text)
    if cell.href:
        text = f'<a class="utrecht-link utrecht-link--html-a" href="{escape(cell.href)}">{text}</a>'
    if first:
        return f'<th scope="row" class="utrecht-table__header-cell">{text}</th>'
    numeric = " utrecht-table__cell--numeric" if cell.numeric else ""
    return f'<td class="utrecht-table__cell{numeric}">{text}</td>'


def _row_html(row: list[Cell]) -> str:
    cells = "".join(_cell_html(cell, i == 0) for i, cell in enumerate(row))
    # Every text and link was escaped by _cell_html.
    return mark_safe(f'<tr class="utrecht-table__row">{cells}</tr>')  # noqa: S308  # nosec B308 B703


@dataclass
class Table:
    id: str
    caption: str
    columns: list[str]
    rows: list[list[Cell]]  # the first cell of a row is its header
    foot: list[Cell] | None = None
    # The figure's heading says it already: the caption stays for the region's label.
    caption_hidden: bool = True

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        """Each column's label and whether it is numeric (aligned right like its cells): a
        column is as its first row's cell says; the row headers' column never is."""
        first = self.rows[0] if self.rows else []
        return [
            (label, i > 0 and (i >= len(first) or getattr(first[i], "numeric", True)))
            for i, label in enumerate(self.columns)
        ]

    @property
    def body_rows(self) -> list[str]:
        """The rows as markup, escaped: a page holds a thousand cells, which the template
        engine would take a quarter of a second to write (decision 0033)."""
        return [_row_html(row) for row in self.rows]

    @property
    def foot_row(self) -> str:
        return _row_html(self.foot) if self.foot else ""


@dataclass
class Figure:
    id: str
    title: str
    table: Table
    chart: charts.Chart | None = None
    note: str = ""


@dataclass
class Section:
    id: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    note: str = ""


# --- formatting ------------------------------------------------------------------------------


def euro(value) -> str:
    return format_euro(value if value is not None else ZERO)


# Numbers in Dutch notation, as money is (budget.money.format_euro): 1.234 and 12,5. Written
# here rather than with django.utils.formats, which asks the active language a thousand
# times a page.


def count(value) -> str:
    return f"{int(value or 0):,}".replace(",", ".")


def decimal(value, places: int = 1) -> str:
    whole, _sep, fraction = f"{float(value):,.{places}f}".partition(".")
    return f"{whole.replace(',', '.')},{fraction}" if places else whole.replace(",", ".")


def percent(value) -> str:
    return "–" if value is None else f"{decimal(value)}%"


def days(value) -> str:
    return "–" if value is None else decimal(value)


def ratio(part, whole) -> float | None:
    return None if not whole else round(float(part) / float(whole) * 100, 1)


# --- adding up the grouped rows ----------------------------------------------------------------


class Figures:
    """Sums over DashboardData for any set of years and Smederijen."""

    def __init__(self, data: DashboardData):
        self.data = data
        self.years = data.shown_years
        self.smederij_ids = {s.pk for s in data.smederijen}
        self.filtered = bool(data.scope.smederij_id or data.scope.wijkteam_id or data.scope.kind)

    def _years(self, years):
        return self.years if years is None else years

    def money(self, *, years=None, smederijen=None, klap=None) -> dict[str, Decimal]:
        found = dict.fromkeys(("granted", "released", "paid", "refunded"), ZERO)
        for sums in self._money_rows(years, smederijen, klap):
            for key, value in sums.items():
                found[key] += value
        found["committed"] = found["granted"] - found["released"]
        found["spent"] = found["paid"] - found["refunded"]
        return found

    def _money_rows(self, years, smederijen, klap):
        """The grouped rows asked for: looked up by key when the Smederijen are named."""
        years = self._years(years)
        klaps = [klap] if klap else Klap.values
        if smederijen is not None:
            money = self.data.money
            for year in years:
                for smederij in smederijen:
                    for klap_ in klaps:
                        sums = money.get((year, smederij, klap_))
                        if sums:
                            yield sums
            return
        wanted = set(years)
        for (year, _smederij, klap_), sums in self.data.money.items():
            if year in wanted and klap_ in klaps:
                yield sums

    def pot(self, *, years=None, smederijen=None, klap=None) -> Decimal | None:
        """The pot for these years and Smederijen. Korte klap: their shares (all of the
        korte klap pot when nothing narrows the Smederijen). Lange klap is one pot of the
        programme: None when the Smederijen are narrowed down."""
        scope_klap = self.data.scope.klap
        total = ZERO
        for year in self._years(years):
            pots = self.data.pots.get(year)
            if pots is None:
                continue
            if klap in (None, Klap.KORTE) and scope_klap != Klap.LANGE:
                if smederijen is None and not self.filtered:
                    total += pots.korte_klap_pot
                else:
                    ids = self.smederij_ids if smederijen is None else smederijen
                    total += sum((v for k, v in pots.shares.items() if k in ids), ZERO)
            if klap in (None, Klap.LANGE) and scope_klap != Klap.KORTE:
                if smederijen is not None or self.filtered:
                    if klap == Klap.LANGE:
                        return None
                else:
                    total += pots.lange_klap_pot
        return total

    def _per_year(self, years) -> Iterable[YearFigures]:
        for year in self._years(years):
            yield self.data.per_year[year]

    def funnel(self, *, years=None, smederijen=None) -> dict[str, int]:
        return self._add(years, smederijen, "funnel", 0)

    def facts(self, *, years=None, smederijen=None) -> dict[str, Decimal]:
        return self._add(years, smederijen, "facts", Decimal(0))

    def _add(self, years, smederijen, name, zero) -> dict:
        found: dict = {}
        for figures in self._per_year(years):
            rows = getattr(figures, name)
            picked = (
                rows.values() if smederijen is None else (rows[s] for s in smederijen if s in rows)
            )
            for row in picked:
                for key, value in row.items():
                    found[key] = found.get(key, zero) + value
        return found

    def themes(self, *, years=None) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for figures in self._per_year(years):
            for theme, row in figures.themes.items():
                into = found.setdefault(theme, {"handed_in": 0, "funded": 0})
                for key, value in row.items():
                    into[key] += value
        return found

    def methods(self, *, years=None) -> dict[str, int]:
        found: dict[str, int] = {}
        for figures in self._per_year(years):
            for method, n in figures.methods.items():
                found[method] = found.get(method, 0) + n
        return found


def approved_ever(funnel: dict[str, int]) -> int:
    return sum(funnel.get(status, 0) for status in APPROVED_EVER)


def approval_rate(funnel: dict[str, int]) -> float | None:
    approved = approved_ever(funnel)
    decided = approved + funnel.get(S.REJECTED, 0) + funnel.get(S.DEFERRED, 0)
    return ratio(approved, decided)


def turnout(facts: dict[str, Decimal]) -> float | None:
    return ratio(facts.get("ballots", 0), facts.get("inhabitants", 0))


def co_funding(facts, klap=None) -> dict[str, Decimal]:
    klaps = [klap] if klap else Klap.values
    return {
        status: sum((facts.get(f"{status}:{k}", ZERO) for k in klaps), ZERO)
        for status in ("asked", "promised", "received")
    }


def leverage(received: Decimal, committed: Decimal) -> str:
    """External euros per municipal euro."""
    if not committed:
        return "–"
    return decimal(float(received) / float(committed), 2)


# --- the page ---------------------------------------------------------------------------------


def _url_pattern(name: str) -> str:
    """The path of `name` with a slot for its slug: reversed once, not once a row."""
    return reverse(name, kwargs={"slug": "SLUG"}).replace("SLUG", "{slug}")


class Links:
    """The lists a figure counts, with the figure's filters applied."""

    def __init__(self, data: DashboardData, page_url: str):
        self.data = data
        self.page_url = page_url
        self.by_pk = {s.pk: s for s in data.smederijen}
        self.proposal_list = _url_pattern("projecten:smederij-proposals")
        self.smederij_page = _url_pattern("dashboard:smederij")
        self.wijkteam_page = _url_pattern("dashboard:wijkteam")

    def _params(self, **extra) -> dict:
        scope = self.data.scope
        params = {"klap": scope.klap, "theme": scope.theme, **extra}
        return {k: v for k, v in params.items() if v not in ("", None)}

    def proposals(self, smederij_pk, *, year=None, status="") -> str:
        """A Smederij's list of proposals, filtered; none for a status it does not list."""
        smederij = self.by_pk.get(smederij_pk)
        if smederij is None or (status and status not in LISTED_STATUSES):
            return ""
        year = year if year is not None else self.data.scope.year
        url = self.proposal_list.format(slug=smederij.slug)
        return f"{url}?{urlencode(self._params(status=status, year=year))}"

    def smederij_figures(self, smederij) -> str:
        url = self.smederij_page.format(slug=smederij.slug)
        params = self._params(year=self.data.scope.year)
        return f"{url}?{urlencode(params)}" if params else url

    def wijkteam_figures(self, wijkteam) -> str:
        url = self.wijkteam_page.format(slug=wijkteam.slug)
        params = self._params(year=self.data.scope.year)
        return f"{url}?{urlencode(params)}" if params else url

    def year(self, year) -> str:
        scope = self.data.scope.with_year(year)
        return f"{self.page_url}{scope.querystring()}"


def dashboard_sections(data: DashboardData, *, page_url: str, level: str) -> list[Section]:
    """The sections of the page. `level`: "programme", "wijkteam" or "smederij"."""
    figures = Figures(data)
    links = Links(data, page_url)
    trend = data.scope.year is None
    if not data.years:
        return []
    sections = [
        _money_section(data, figures, links, trend=trend, level=level),
        _funnel_section(data, figures, links, trend=trend, level=level),
        _participation_section(data, figures, links, trend=trend, level=level),
        _co_funding_section(data, figures, links, trend=trend, level=level),
        _accounting_section(data, figures, links, trend=trend, level=level),
    ]
    return sections


def _row_header(text, href="") -> Cell:
    return Cell(text, href, numeric=False)


def _groups(data: DashboardData, level: str, links: Links):
    """(header cell, set of Smederij pks) per row of a per-area table."""
    if level == "smederij":
        return []
    return [(_row_header(s.name, links.smederij_figures(s)), {s.pk}) for s in data.smederijen]


def _wijkteam_groups(data: DashboardData, links: Links):
    teams: dict[int, tuple] = {}
    for s in data.smederijen:
        teams.setdefault(s.wijkteam_id, (s.wijkteam, set()))[1].add(s.pk)
    return [
        (_row_header(team.name, links.wijkteam_figures(team)), ids)
        for team, ids in sorted(teams.values(), key=lambda t: t[0].name)
    ]


def _kind_groups(data: DashboardData):
    kinds: dict[str, set] = {}
    for s in data.smederijen:
        kinds.setdefault(s.area.kind, set()).add(s.pk)
    return [
        (_row_header(str(label).capitalize()), kinds[kind])
        for kind, label in ((AreaKind.WIJK, _("wijken")), (AreaKind.DORP, _("dorpen")))
        if kind in kinds
    ]


def _year_rows(data: DashboardData, links: Links):
    return [(_row_header(str(year), links.year(year)), year) for year in data.shown_years]


def _money_row(figures: Figures, *, years=None, smederijen=None, klap=None) -> list[Cell]:
    money = figures.money(years=years, smederijen=smederijen, klap=klap)
    pot = figures.pot(years=years, smederijen=smederijen, klap=klap)
    free = None if pot is None else pot - money["committed"]
    return [
        Cell(euro(pot) if pot is not None else "–"),
        Cell(euro(money["committed"])),
        Cell(euro(money["spent"])),
        Cell(euro(money["released"])),
        Cell(euro(money["refunded"])),
        Cell(euro(free) if free is not None else "–"),
    ]


def _money_columns(first: str) -> list[str]:
    return [
        first,
        _("Pot"),
        _("Granted"),
        _("Paid"),
        _("Released"),
        _("Paid back"),
        _("Free"),
    ]


def _money_section(data, figures: Figures, links: Links, *, trend, level) -> Section:
    section = Section(
        "money",
        _("Money"),
        note=_(
            "Granted is what was granted and not released; paid is what was paid and not "
            "paid back; free is the pot minus what was granted. Lange klap is one pot for the "
            "whole programme: for a wijkteam or a Smederij only its grants count."
        ),
    )
    klaps = [(Klap.KORTE, _("korte klap")), (Klap.LANGE, _("lange klap"))]
    if data.scope.klap:
        klaps = [k for k in klaps if k[0] == data.scope.klap]
    rows = [
        [_row_header(str(label).capitalize()), *_money_row(figures, klap=klap)]
        for klap, label in klaps
    ]
    total = [_row_header(_("Total")), *_money_row(figures)]
    money = {klap: figures.money(klap=klap) for klap, _label in klaps}
    pots = {klap: figures.pot(klap=klap) or ZERO for klap, _label in klaps}
    section.figures.append(
        Figure(
            "money-klap",
            _("Pot, granted and paid per klap"),
            Table(
                "money-klap-table",
                _("Pot, granted and paid per klap"),
                _money_columns(_("Klap")),
                rows,
                total,
            ),
            charts.bar_chart(
                title=_("Pot, granted and paid per klap"),
                desc=_("Bars per klap: the pot, what was granted and what was paid."),
                categories=[str(label) for _k, label in klaps],
                series=[
                    (_("Pot"), [pots[k] for k, _l in klaps]),
                    (_("Granted"), [money[k]["committed"] for k, _l in klaps]),
                    (_("Paid"), [money[k]["spent"] for k, _l in klaps]),
                ],
                fmt=euro,
            ),
        )
    )
    if trend:
        years = data.shown_years
        rows = []
        for header, year in _year_rows(data, links):
            pots_ = data.pots[year]
            rows.append(
                [
                    header,
                    Cell(euro(pots_.total)),
                    Cell(euro(pots_.korte_klap_pot)),
                    Cell(euro(pots_.lange_klap_pot)),
                    Cell(percent(ratio(pots_.lange_klap_pot, pots_.total))),
                    *_money_row(figures, years=[year])[1:3],
                ]
            )
        section.figures.append(
            Figure(
                "money-years",
                _("The pot over the years"),
                Table(
                    "money-years-table",
                    _("The pot, its split and its use per year"),
                    [
                        _("Year"),
                        _("Total pot"),
                        _("Korte klap pot"),
                        _("Lange klap pot"),
                        _("Share of lange klap"),
                        _("Granted"),
                        _("Paid"),
                    ],
                    rows,
                ),
                charts.line_chart(
                    title=_("The pot over the years"),
                    desc=_(
                        "Lines per year: the total pot, the korte klap pot and the lange klap pot."
                    ),
                    x_labels=[str(y) for y in years],
                    series=[
                        (_("Total pot"), [data.pots[y].total for y in years]),
                        (_("Korte klap pot"), [data.pots[y].korte_klap_pot for y in years]),
                        (_("Lange klap pot"), [data.pots[y].lange_klap_pot for y in years]),
                    ],
                    fmt=euro,
                ),
            )
        )
    groups = _groups(data, level, links)
    if groups:
        rows = [[header, *_money_row(figures, smederijen=ids)] for header, ids in groups]
        names = [h.text for h, _ids in groups]
        spent = [figures.money(smederijen=ids)["spent"] for _h, ids in groups]
        committed = [figures.money(smederijen=ids)["committed"] for _h, ids in groups]
        section.figures.append(
            Figure(
                "money-smederij",
                _("Money per Smederij"),
                Table(
                    "money-smederij-table",
                    _("Money per Smederij"),
                    _money_columns(_("Smederij")),
                    rows,
                ),
                charts.stacked_bar_chart(
                    title=_("Money per Smederij"),
                    desc=_(
                        "A bar per Smederij: what was paid, and what was granted and not paid yet."
                    ),
                    categories=names,
                    series=[
                        (_("Paid"), spent),
                        (
                            _("Granted, not paid yet"),
                            [max(c - s, ZERO) for c, s in zip(committed, spent, strict=True)],
                        ),
                    ],
                    fmt=euro,
                ),
            )
        )
    if level == "programme":
        for fid, title, first, rows_of in (
            (
                "money-wijkteam",
                _("Money per wijkteam"),
                _("Wijkteam"),
                _wijkteam_groups(data, links),
            ),
            ("money-kind", _("Wijken and dorpen"), _("Kind of area"), _kind_groups(data)),
        ):
            rows = [[header, *_money_row(figures, smederijen=ids)] for header, ids in rows_of]
            section.figures.append(
                Figure(
                    fid,
                    title,
                    Table(f"{fid}-table", title, _money_columns(first), rows),
                    charts.bar_chart(
                        title=title,
                        desc=_("Bars per group: what was granted and what was paid."),
                        categories=[h.text for h, _ids in rows_of],
                        series=[
                            (
                                _("Granted"),
                                [figures.money(smederijen=ids)["committed"] for _h, ids in rows_of],
                            ),
                            (
                                _("Paid"),
                                [figures.money(smederijen=ids)["spent"] for _h, ids in rows_of],
                            ),
                        ],
                        fmt=euro,
                    ),
                )
            )
    return section


FUNNEL_STAGES = (
    ("handed_in", ""),
    (S.SUBMITTED, S.SUBMITTED),
    (S.CHANGES_REQUESTED, S.CHANGES_REQUESTED),
    (S.IN_REVIEW, S.IN_REVIEW),
    (S.DECIDING, S.DECIDING),
    (S.APPROVED, S.APPROVED),
    (S.REJECTED, S.REJECTED),
    (S.DEFERRED, S.DEFERRED),
    (S.WITHDRAWN, S.WITHDRAWN),
    (S.IN_PROGRESS, S.IN_PROGRESS),
    (S.ACCOUNTED, S.ACCOUNTED),
    (S.COMPLETED, S.COMPLETED),
    (S.CANCELLED, S.CANCELLED),
)


def _stage_label(key) -> str:
    if key == "handed_in":
        return _("handed in")
    return str(S(key).label)


def _funnel_section(data, figures: Figures, links: Links, *, trend, level) -> Section:
    section = Section(
        "proposals",
        _("Proposals"),
        note=_(
            "Handed in counts every proposal that was submitted, also those withdrawn later; "
            "each status counts the proposals that have it now. The approval rate is approved "
            "(at some point) out of decided."
        ),
    )
    funnel = figures.funnel()
    one = next(iter(figures.smederij_ids)) if level == "smederij" else None
    rows = []
    for key, status in FUNNEL_STAGES:
        href = links.proposals(one, status=status) if one is not None else ""
        rows.append(
            [_row_header(_stage_label(key).capitalize()), Cell(count(funnel.get(key, 0)), href)]
        )
    medians = [data.per_year[y].median_days for y in data.shown_years]
    summary = [
        [_row_header(_("Approval rate")), Cell(percent(approval_rate(funnel)))],
    ]
    if not trend:
        summary.append(
            [_row_header(_("Median days from submission to decision")), Cell(days(medians[0]))]
        )
    section.figures.append(
        Figure(
            "funnel",
            _("From idea to project"),
            Table(
                "funnel-table",
                _("Proposals per status"),
                [_("Status"), _("Proposals")],
                rows + summary,
            ),
            charts.bar_chart(
                title=_("Proposals per status"),
                desc=_("A bar per status: how many proposals have it."),
                categories=[_stage_label(k) for k, _s in FUNNEL_STAGES],
                series=[(_("Proposals"), [funnel.get(k, 0) for k, _s in FUNNEL_STAGES])],
                fmt=count,
            ),
            note=""
            if one is not None
            else _(
                "There is no list of proposals across Smederijen: the figures of each Smederij "
                "link to its list."
            ),
        )
    )
    columns = [
        _("Handed in"),
        _("Approved"),
        _("Rejected"),
        _("Deferred"),
        _("Withdrawn"),
        _("Approval rate"),
    ]
    if trend:
        rows = []
        for header, year in _year_rows(data, links):
            f = figures.funnel(years=[year])
            rows.append(
                [
                    header,
                    Cell(count(f.get("handed_in", 0))),
                    Cell(count(approved_ever(f))),
                    Cell(count(f.get(S.REJECTED, 0))),
                    Cell(count(f.get(S.DEFERRED, 0))),
                    Cell(count(f.get(S.WITHDRAWN, 0))),
                    Cell(percent(approval_rate(f))),
                    Cell(days(data.per_year[year].median_days)),
                ]
            )
        years = data.shown_years
        section.figures.append(
            Figure(
                "funnel-years",
                _("Proposals over the years"),
                Table(
                    "funnel-years-table",
                    _("Proposals per year"),
                    [_("Year"), *columns, _("Median days to decision")],
                    rows,
                ),
                charts.line_chart(
                    title=_("Proposals over the years"),
                    desc=_("Lines per year: proposals handed in and approved."),
                    x_labels=[str(y) for y in years],
                    series=[
                        (
                            _("Handed in"),
                            [figures.funnel(years=[y]).get("handed_in", 0) for y in years],
                        ),
                        (_("Approved"), [approved_ever(figures.funnel(years=[y])) for y in years]),
                    ],
                    fmt=count,
                ),
            )
        )
    groups = _groups(data, level, links)
    if groups:
        rows = []
        for header, ids in groups:
            (pk,) = ids
            f = figures.funnel(smederijen=ids)
            year = data.scope.year
            rows.append(
                [
                    header,
                    Cell(count(f.get("handed_in", 0)), links.proposals(pk, year=year)),
                    Cell(count(approved_ever(f))),
                    Cell(count(f.get(S.REJECTED, 0)), links.proposals(pk, status=S.REJECTED)),
                    Cell(count(f.get(S.DEFERRED, 0)), links.proposals(pk, status=S.DEFERRED)),
                    Cell(count(f.get(S.WITHDRAWN, 0))),
                    Cell(percent(approval_rate(f))),
                ]
            )
        section.figures.append(
            Figure(
                "funnel-smederij",
                _("Proposals per Smederij"),
                Table(
                    "funnel-smederij-table",
                    _("Proposals per Smederij"),
                    [_("Smederij"), *columns],
                    rows,
                ),
                charts.bar_chart(
                    title=_("Approval rate per Smederij"),
                    desc=_("A bar per Smederij: the share of decided proposals that was approved."),
                    categories=[h.text for h, _ids in groups],
                    series=[
                        (
                            _("Approval rate"),
                            [
                                approval_rate(figures.funnel(smederijen=ids)) or 0
                                for _h, ids in groups
                            ],
                        )
                    ],
                    fmt=percent,
                ),
            )
        )
    methods = figures.methods()
    rows = [
        [_row_header(str(label).capitalize()), Cell(count(methods.get(value, 0)))]
        for value, label in DecisionMethodKind.choices
    ]
    rows.append([_row_header(_("Lange klap: the stuurgroep")), Cell("–")])
    section.figures.append(
        Figure(
            "methods",
            _("How the Smederijen decide"),
            Table(
                "methods-table",
                _("How the Smederijen decide on korte klap"),
                [_("Way of deciding"), _("Smederijen") if not trend else _("Smederij-years")],
                rows,
            ),
            note=_("The stuurgroep decides on every lange klap proposal."),
        )
    )
    return section


def _participation_row(figures: Figures, **where) -> list[Cell]:
    facts = figures.facts(**where)
    funnel = figures.funnel(**where)
    return [
        Cell(count(facts.get("rounds", 0))),
        Cell(count(facts.get("ballots", 0))),
        Cell(percent(turnout(facts))),
        Cell(count(facts.get("supports", 0))),
        Cell(count(facts.get("comments", 0))),
        Cell(count(funnel.get("submitters", 0))),
    ]


PARTICIPATION_COLUMNS = (
    "Elections",
    "Ballots",
    "Turnout",
    "Supports",
    "Comments",
    "Residents who submitted",
)


def _participation_section(data, figures: Figures, links: Links, *, trend, level) -> Section:
    section = Section(
        "participation",
        _("Participation"),
        note=_(
            "Turnout is the ballots (online and on paper) of the counted elections as a share "
            "of the inhabitants at their close. Residents who submitted are counted per "
            "Smederij and year."
        ),
    )
    columns = [
        _("Elections"),
        _("Ballots"),
        _("Turnout"),
        _("Supports"),
        _("Comments"),
        _("Residents who submitted"),
    ]
    total = [_row_header(_("Total")), *_participation_row(figures)]
    if trend:
        rows_of = _year_rows(data, links)
        rows = [[h, *_participation_row(figures, years=[y])] for h, y in rows_of]
        years = data.shown_years
        chart = charts.line_chart(
            title=_("Turnout over the years"),
            desc=_("A line per year: the turnout of the Smederij elections."),
            x_labels=[str(y) for y in years],
            series=[(_("Turnout"), [turnout(figures.facts(years=[y])) or 0 for y in years])],
            fmt=percent,
        )
        first = _("Year")
    else:
        rows_of = _groups(data, level, links)
        rows = [[h, *_participation_row(figures, smederijen=ids)] for h, ids in rows_of]
        chart = (
            charts.bar_chart(
                title=_("Turnout per Smederij"),
                desc=_("A bar per Smederij: the turnout of its election."),
                categories=[h.text for h, _ids in rows_of],
                series=[
                    (
                        _("Turnout"),
                        [turnout(figures.facts(smederijen=ids)) or 0 for _h, ids in rows_of],
                    )
                ],
                fmt=percent,
            )
            if rows_of
            else None
        )
        first = _("Smederij")
    section.figures.append(
        Figure(
            "participation-table-figure",
            _("Elections, supports and comments"),
            Table(
                "participation-table",
                _("Elections, supports and comments"),
                [first, *columns],
                rows,
                total,
            ),
            chart,
        )
    )
    return section


def _co_funding_section(data, figures: Figures, links: Links, *, trend, level) -> Section:
    section = Section(
        "co-funding",
        _("Co-funding"),
        note=_(
            "Money from sponsors, funds and partners for the proposals. Leverage: euros "
            "received from elsewhere per euro granted by the Smederijen."
        ),
    )
    columns = [_("Asked"), _("Promised"), _("Received"), _("Granted"), _("Leverage")]

    def row(klap=None, **where):
        cf = co_funding(figures.facts(**where), klap)
        committed = figures.money(klap=klap, **where)["committed"]
        return [
            Cell(euro(cf["asked"])),
            Cell(euro(cf["promised"])),
            Cell(euro(cf["received"])),
            Cell(euro(committed)),
            Cell(leverage(cf["received"], committed)),
        ]

    klaps = [(Klap.KORTE, _("korte klap")), (Klap.LANGE, _("lange klap"))]
    rows = [[_row_header(str(label).capitalize()), *row(klap)] for klap, label in klaps]
    section.figures.append(
        Figure(
            "co-funding-klap",
            _("Co-funding per klap"),
            Table(
                "co-funding-klap-table",
                _("Co-funding per klap"),
                [_("Klap"), *columns],
                rows,
                [_row_header(_("Total")), *row()],
            ),
            charts.bar_chart(
                title=_("Co-funding per klap"),
                desc=_("Bars per klap: co-funding asked, promised and received."),
                categories=[str(label) for _k, label in klaps],
                series=[
                    (name, [co_funding(figures.facts(), k)[status] for k, _l in klaps])
                    for status, name in (
                        ("asked", _("Asked")),
                        ("promised", _("Promised")),
                        ("received", _("Received")),
                    )
                ],
                fmt=euro,
            ),
        )
    )
    rows_of = _year_rows(data, links) if trend else _groups(data, level, links)
    if rows_of:
        rows = [[h, *(row(years=[key]) if trend else row(smederijen=key))] for h, key in rows_of]
        section.figures.append(
            Figure(
                "co-funding-rows",
                _("Co-funding per year") if trend else _("Co-funding per Smederij"),
                Table(
                    "co-funding-rows-table",
                    _("Co-funding per year") if trend else _("Co-funding per Smederij"),
                    [_("Year") if trend else _("Smederij"), *columns],
                    rows,
                ),
            )
        )
    return section


def _accounting_section(data, figures: Figures, links: Links, *, trend, level) -> Section:
    section = Section(
        "verantwoording",
        _("Verantwoording and themes"),
        note=_(
            "Running projects owe a verantwoording within four weeks of their end date; late "
            "ones have not filed it after that."
        ),
    )
    columns = [
        _("Running"),
        _("Late"),
        _("Accounted for"),
        _("Completed"),
        _("Cancelled"),
        _("Paid back"),
    ]

    def row(**where):
        f = figures.funnel(**where)
        return [
            Cell(count(f.get(S.APPROVED, 0) + f.get(S.IN_PROGRESS, 0))),
            Cell(count(f.get("late", 0))),
            Cell(count(f.get(S.ACCOUNTED, 0))),
            Cell(count(f.get(S.COMPLETED, 0))),
            Cell(count(f.get(S.CANCELLED, 0))),
            Cell(euro(figures.money(**where)["refunded"])),
        ]

    rows_of = _year_rows(data, links) if trend else _groups(data, level, links)
    rows = [[h, *(row(years=[key]) if trend else row(smederijen=key))] for h, key in rows_of]
    section.figures.append(
        Figure(
            "verantwoording-table-figure",
            _("Verantwoording"),
            Table(
                "verantwoording-table",
                _("Verantwoording of the funded projects"),
                [_("Year") if trend else _("Smederij"), *columns],
                rows,
                [_row_header(_("Total")), *row()],
            ),
        )
    )
    themes = figures.themes()
    theme_rows = [
        (label, themes.get(value, {"handed_in": 0, "funded": 0}))
        for value, label in [*Theme.choices, ("", _("no theme"))]
        if value in themes or value != ""
    ]
    section.figures.append(
        Figure(
            "themes",
            _("Themes"),
            Table(
                "themes-table",
                _("Proposals per theme"),
                [_("Theme"), _("Handed in"), _("Funded")],
                [
                    [
                        _row_header(str(label).capitalize()),
                        Cell(count(t["handed_in"])),
                        Cell(count(t["funded"])),
                    ]
                    for label, t in theme_rows
                ],
            ),
            charts.bar_chart(
                title=_("Proposals per theme"),
                desc=_("Bars per theme: proposals handed in and funded."),
                categories=[str(label) for label, _t in theme_rows],
                series=[
                    (_("Handed in"), [t["handed_in"] for _l, t in theme_rows]),
                    (_("Funded"), [t["funded"] for _l, t in theme_rows]),
                ],
                fmt=count,
            ),
        )
    )
    return section


# --- the choropleth ---------------------------------------------------------------------------

MAP_MEASURES = ("granted", "turnout", "proposals")
STEPS = 4


@dataclass
class MapMeasure:
    key: str
    label: str
    url: str
    current: bool


@dataclass
class Choropleth:
    measure: str
    title: str
    values: dict[int, int]  # smederij pk -> shade step
    names: dict[int, str]  # smederij pk -> accessible name with the value
    legend: list[tuple[int, str]]
    table: Table
    measures: list[MapMeasure]


def choropleth(data: DashboardData, *, measure: str, page_url: str) -> Choropleth | None:
    """Each Smederij shaded by one measure of the chosen year, in four steps of equal
    numbers of Smederijen (quartiles), the value in the area's accessible name."""
    if data.scope.year is None or not data.smederijen:
        return None
    measure = measure if measure in MAP_MEASURES else "granted"
    figures = Figures(data)
    titles = {
        "granted": _("Granted per inhabitant"),
        "turnout": _("Turnout of the election"),
        "proposals": _("Proposals per 1,000 inhabitants"),
    }
    formats: dict[str, Callable] = {
        "granted": euro,
        "turnout": percent,
        "proposals": lambda v: "–" if v is None else decimal(v),
    }
    values: dict[int, float | Decimal | None] = {}
    for s in data.smederijen:
        inhabitants = s.area.inhabitants or 0
        if measure == "granted":
            committed = figures.money(smederijen={s.pk})["committed"]
            values[s.pk] = (
                (committed / inhabitants).quantize(Decimal("0.01")) if inhabitants else None
            )
        elif measure == "turnout":
            values[s.pk] = turnout(figures.facts(smederijen={s.pk}))
        else:
            handed_in = figures.funnel(smederijen={s.pk}).get("handed_in", 0)
            values[s.pk] = round(handed_in / inhabitants * 1000, 1) if inhabitants else None
    fmt = formats[measure]
    known = sorted(v for v in values.values() if v is not None)
    bounds = (
        [known[min(len(known) - 1, (len(known) * i) // STEPS)] for i in range(1, STEPS)]
        if known
        else []
    )
    steps: dict[int, int] = {}
    for pk, value in values.items():
        if value is None:
            continue
        steps[pk] = 1 + sum(1 for b in bounds if value > b)
    edges = [known[0], *bounds, known[-1]] if known else []
    legend = []
    for step in range(1, STEPS + 1):
        if not edges:
            break
        low, high = edges[step - 1], edges[step]
        legend.append(
            (
                step,
                _("%(step)s: %(low)s to %(high)s")
                % {"step": _step_name(step), "low": fmt(low), "high": fmt(high)},
            )
        )
    names = {
        s.pk: f"{s.name}: {fmt(values[s.pk])}"
        + (f" ({_step_name(steps[s.pk])})" if s.pk in steps else "")
        for s in data.smederijen
    }
    table = Table(
        "map-table",
        titles[measure],
        [_("Smederij"), titles[measure], _("Step on the map")],
        [
            [
                _row_header(s.name),
                Cell(fmt(values[s.pk])),
                Cell(_step_name(steps[s.pk]) if s.pk in steps else "–", numeric=False),
            ]
            for s in data.smederijen
        ],
        caption_hidden=False,
    )
    scope_qs = data.scope.querystring()
    joiner = "&" if scope_qs else "?"
    return Choropleth(
        measure=measure,
        title=titles[measure],
        values=steps,
        names=names,
        legend=legend,
        table=table,
        measures=[
            MapMeasure(
                key, titles[key], f"{page_url}{scope_qs}{joiner}kaart={key}#map", key == measure
            )
            for key in MAP_MEASURES
        ],
    )


def _step_name(step: int) -> str:
    return {
        1: _("lowest quarter"),
        2: _("second quarter"),
        3: _("third quarter"),
        4: _("highest quarter"),
    }[step]
