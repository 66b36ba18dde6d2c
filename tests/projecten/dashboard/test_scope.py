"""The scope narrows every kind of record the same way, through its path to the proposal."""

import pytest

from budget.models import Klap
from projecten.dashboard.forms import FigureFilterForm
from projecten.dashboard.scope import FigureScope
from projecten.models import Proposal
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_empty_scope_counts_everything():
    ProposalFactory.create_batch(2)
    assert FigureScope().proposals(Proposal.objects.all()).count() == 2


def test_scope_narrows_by_year_klap_wijkteam_and_kind():
    kept = ProposalFactory(year=2025, klap=Klap.KORTE)
    ProposalFactory(year=2024, klap=Klap.KORTE, smederij=kept.smederij)
    ProposalFactory(year=2025, klap=Klap.LANGE, smederij=kept.smederij)
    other = ProposalFactory(year=2025, klap=Klap.KORTE)
    scope = FigureScope(
        year=2025,
        klap=Klap.KORTE,
        wijkteam_id=kept.smederij.wijkteam_id,
        kind=kept.smederij.area.kind,
    )
    found = set(scope.proposals(Proposal.objects.all()))
    assert kept in found
    assert other not in found or other.smederij.wijkteam_id == kept.smederij.wijkteam_id
    assert all(p.year == 2025 and p.klap == Klap.KORTE for p in found)


def test_without_year_keeps_the_other_filters():
    scope = FigureScope(year=2025, klap=Klap.LANGE).without_year()
    assert scope.year is None and scope.klap == Klap.LANGE


def test_form_turns_its_parameters_into_a_scope_and_back():
    form = FigureFilterForm({"year": "2025", "klap": "korte", "theme": ""}, years=[2025, 2024])
    scope = form.scope()
    assert scope == FigureScope(year=2025, klap="korte")
    assert scope.querystring() == "?year=2025&klap=korte"


def test_form_ignores_a_year_that_does_not_exist():
    form = FigureFilterForm({"year": "1999"}, years=[2025])
    assert form.scope().year is None
    assert "year" in form.errors
