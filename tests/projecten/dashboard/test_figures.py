"""Every figure of the dashboard equals the sum of the records it counts, for each filter."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from budget.models import Klap
from projecten.dashboard import report
from projecten.dashboard.scope import FigureScope
from projecten.dashboard.selectors import dashboard_data
from projecten.workflow import ProposalStatus as S
from tests import factories
from wijken.models import AreaKind

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _scopes(history):
    return {
        "everything": FigureScope(),
        "one year": FigureScope(year=2025),
        "closed year": FigureScope(year=2024),
        "wijkteam": FigureScope(wijkteam_id=history.wijk.wijkteam_id),
        "dorpen": FigureScope(kind=AreaKind.DORP),
        "lange klap": FigureScope(klap=Klap.LANGE),
        "theme": FigureScope(theme=history.proposals[0].theme),
        "one Smederij": FigureScope(smederij_id=history.dorp.pk, year=2024),
    }


def _in_scope(scope, proposal) -> bool:
    smederij = proposal.smederij
    return (
        (scope.year is None or proposal.year == scope.year)
        and (not scope.smederij_id or smederij.pk == scope.smederij_id)
        and (not scope.wijkteam_id or smederij.wijkteam_id == scope.wijkteam_id)
        and (not scope.kind or smederij.area.kind == scope.kind)
        and (not scope.klap or proposal.klap == scope.klap)
        and (not scope.theme or proposal.theme == scope.theme)
    )


SCOPE_NAMES = [
    "everything",
    "one year",
    "closed year",
    "wijkteam",
    "dorpen",
    "lange klap",
    "theme",
    "one Smederij",
]


@pytest.mark.parametrize("name", SCOPE_NAMES)
def test_money_figures_are_the_sums_of_grants_payments_releases_and_refunds(history, name):
    scope = _scopes(history)[name]
    figures = report.Figures(dashboard_data(scope=scope))
    grants = [g for g in history.grants if _in_scope(scope, g.proposal)]
    ids = {g.pk for g in grants}

    def total(kind):
        return sum((r.amount for r in history.records[kind] if r.grant_id in ids), Decimal(0))

    money = figures.money()
    assert money["granted"] == sum((g.amount for g in grants), Decimal(0))
    assert money["paid"] == total("paid")
    assert money["released"] == total("released")
    assert money["refunded"] == total("refunded")
    assert money["committed"] == money["granted"] - money["released"]


@pytest.mark.parametrize("name", SCOPE_NAMES)
def test_funnel_counts_the_handed_in_proposals_per_status(history, name):
    scope = _scopes(history)[name]
    funnel = report.Figures(dashboard_data(scope=scope)).funnel()
    counted = [p for p in history.proposals if _in_scope(scope, p)]
    assert funnel.get("handed_in", 0) == len(counted)
    for status in S:
        if status != S.DRAFT:
            assert funnel.get(status, 0) == sum(p.status == status for p in counted), status


@pytest.mark.parametrize("name", SCOPE_NAMES)
def test_participation_and_co_funding_count_their_records(history, name):
    scope = _scopes(history)[name]
    facts = report.Figures(dashboard_data(scope=scope)).facts()
    assert facts.get("supports", 0) == sum(_in_scope(scope, p) for p in history.supports)
    assert facts.get("comments", 0) == sum(_in_scope(scope, p) for p in history.comments)
    for status in ("asked", "promised", "received"):
        expected = sum(
            (
                c.amount
                for c in history.co_funding
                if c.status == status and _in_scope(scope, c.proposal)
            ),
            Decimal(0),
        )
        assert report.co_funding(facts)[status] == expected
    rounds = [
        r
        for r in history.rounds
        if (scope.year is None or r.year == scope.year)
        and scope.includes(r.smederij)
        and scope.klap != Klap.LANGE
    ]
    assert facts.get("rounds", 0) == len(rounds)
    assert facts.get("ballots", 0) == sum(r.online_voters + r.paper_voters for r in rounds)


def test_pots_follow_the_budget_years_and_shares(history):
    everything = report.Figures(dashboard_data(scope=FigureScope(year=2025)))
    assert everything.pot() == Decimal("300000.00")
    assert everything.pot(klap=Klap.KORTE) == Decimal("180000.00")
    one = report.Figures(dashboard_data(scope=FigureScope(year=2025, smederij_id=history.wijk.pk)))
    # A Smederij's pot is its korte klap share; lange klap is the programme's.
    assert one.pot() == Decimal("9000.00")
    assert one.pot(klap=Klap.LANGE) is None


def test_a_closed_year_is_read_from_the_cache_and_an_open_year_from_the_database(
    history,
):
    from tests import factories

    dashboard_data(scope=FigureScope())
    closed = next(p for p in history.proposals if p.year == 2024)
    open_ = next(p for p in history.proposals if p.year == 2025)
    factories.SupportFactory(proposal=closed)
    factories.SupportFactory(proposal=open_)
    data = dashboard_data(scope=FigureScope())
    figures = report.Figures(data)
    before_2024 = sum(p.year == 2024 for p in history.supports)
    before_2025 = sum(p.year == 2025 for p in history.supports)
    assert figures.facts(years=[2024])["supports"] == before_2024  # kept for an hour
    assert figures.facts(years=[2025])["supports"] == before_2025 + 1  # live
    cache.clear()
    fresh = report.Figures(dashboard_data(scope=FigureScope()))
    assert fresh.facts(years=[2024])["supports"] == before_2024 + 1


def test_the_figures_cost_the_same_queries_for_one_year_and_for_the_trend(
    history, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        dashboard_data(scope=FigureScope(year=2025))
    cache.clear()
    with django_assert_max_num_queries(8):
        dashboard_data(scope=FigureScope())


def test_the_report_builds_every_section_with_a_table_per_figure(history):
    data = dashboard_data(scope=FigureScope(year=2025))
    sections = report.dashboard_sections(data, page_url="/cijfers/", level="programme")
    assert [s.id for s in sections] == [
        "money",
        "proposals",
        "participation",
        "co-funding",
        "verantwoording",
    ]
    for section in sections:
        for figure in section.figures:
            assert figure.table.rows, figure.id
            for row in figure.table.rows:
                assert len(row) == len(figure.table.columns), figure.id


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_median_days_to_a_decision_is_the_median_of_the_decisions(monkeypatch, vendor):
    """PostgreSQL takes the median in SQL; the quick start's SQLite has no PERCENTILE_CONT,
    so its path reads the durations (tried here on PostgreSQL with the vendor pretended)."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from projecten.dashboard.selectors import read_year_figures

    submitted = timezone.now() - dt.timedelta(days=100)
    for days in (2, 10, 30):
        factories.DecisionFactory(
            proposal=factories.ProposalFactory(
                year=2025, status="rejected", submitted_at=submitted
            ),
            decided_at=submitted + dt.timedelta(days=days),
        )
    monkeypatch.setattr(connection, "vendor", vendor)
    figures = read_year_figures(scope=FigureScope(), years=[2025], today=timezone.localdate())
    assert figures[2025].median_days == 10.0
    assert figures[2025].decided_count == 3


def test_a_text_column_of_a_table_has_its_header_aligned_as_its_cells():
    table = report.Table(
        "t",
        "Kaart",
        ["Smederij", "Bedrag", "Stap"],
        [[report.Cell("Elim"), report.Cell("€ 1,00"), report.Cell("laagste kwart", numeric=False)]],
    )
    assert table.header_cells == [("Smederij", False), ("Bedrag", True), ("Stap", False)]


def test_a_counted_round_without_its_inhabitants_adds_ballots_but_no_turnout():
    """Rounds counted before the inhabitants were kept at the close: the sum is NULL."""
    from django.utils import timezone

    from projecten.dashboard.selectors import read_year_figures

    this_year = timezone.localdate().year
    factories.ElectionRoundFactory(
        year=this_year, counted_at=timezone.now(), online_voters=7, inhabitants=None
    )
    figures = read_year_figures(scope=FigureScope(), years=[this_year], today=timezone.localdate())
    (facts,) = figures[this_year].facts.values()
    assert facts["ballots"] == 7 and "inhabitants" not in facts
