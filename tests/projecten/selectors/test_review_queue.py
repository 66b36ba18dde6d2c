"""The review queue: only the covering wijkteam's Smederijen, oldest first, counts in one query."""

import datetime

import pytest
from django.utils import timezone

from projecten.models import ProposalStatus
from projecten.review import selectors as selectors_review
from tests import factories

pytestmark = pytest.mark.django_db


def handed_in(smederij, status="submitted", days_ago=1, **fields):
    return factories.ProposalFactory(
        smederij=smederij,
        status=status,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        year=2013,
        **fields,
    )


def test_professional_sees_only_the_smederijen_of_their_wijkteam(
    smederij, other_smederij, professional
):
    mine = handed_in(smederij)
    handed_in(other_smederij)
    assert list(selectors_review.review_queue(professional)) == [mine]


def test_gebiedsregisseur_sees_every_smederij_of_their_wijkteam(smederij, gebiedsregisseur):
    sibling = factories.SmederijFactory(wijkteam=smederij.wijkteam)
    a, b = handed_in(smederij), handed_in(sibling)
    handed_in(factories.SmederijFactory())
    assert set(selectors_review.review_queue(gebiedsregisseur)) == {a, b}


def test_professional_in_two_wijkteams_sees_both(smederij, other_smederij, professional):
    factories.WijkteamMembershipFactory(user=professional, wijkteam=other_smederij.wijkteam)
    a, b = handed_in(smederij), handed_in(other_smederij)
    assert set(selectors_review.review_queue(professional)) == {a, b}


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_queue_never_holds_drafts_or_withdrawn_proposals(smederij, professional, status):
    handed_in(smederij, status=status)
    assert not selectors_review.review_queue(professional).exists()


def test_queue_is_oldest_first(smederij, professional):
    new = handed_in(smederij, days_ago=1)
    old = handed_in(smederij, days_ago=30)
    middle = handed_in(smederij, days_ago=10)
    assert list(selectors_review.review_queue(professional)) == [old, middle, new]


@pytest.mark.parametrize("role", ["resident", "stuurgroep_member", "initiatiefgroep_member"])
def test_queue_is_empty_for_who_does_not_work_in_a_wijkteam(smederij, request, role):
    handed_in(smederij)
    user = request.getfixturevalue(role)
    assert not selectors_review.review_queue(user).exists()
    assert not any(selectors_review.review_status_counts(user).values())


def test_queue_counts_advices_and_whether_i_advised(smederij, professional):
    proposal = handed_in(smederij, status="in_review")
    colleague = factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user
    factories.AdviceFactory(proposal=proposal, professional=colleague)
    (row,) = selectors_review.review_queue(professional)
    assert (row.advice_count, row.advised_by_me) == (1, False)
    factories.AdviceFactory(proposal=proposal, professional=professional)
    (row,) = selectors_review.review_queue(professional)
    assert (row.advice_count, row.advised_by_me) == (2, True)


def test_status_counts_in_one_query(
    smederij, other_smederij, professional, django_assert_num_queries
):
    for status, n in [("submitted", 3), ("in_review", 2), ("deciding", 1), ("approved", 1)]:
        for _ in range(n):
            handed_in(smederij, status=status)
    handed_in(other_smederij, status="submitted")
    handed_in(smederij, status="draft")
    with django_assert_num_queries(1):
        counts = selectors_review.review_status_counts(professional)
    assert counts[ProposalStatus.SUBMITTED] == 3
    assert counts[ProposalStatus.IN_REVIEW] == 2
    assert counts[ProposalStatus.DECIDING] == 1
    assert counts[ProposalStatus.APPROVED] == 1
    assert counts[ProposalStatus.REJECTED] == 0
    assert "draft" not in counts and "withdrawn" not in counts


def test_decision_method_years_are_the_current_and_open_future_budget_years(db):
    factories.BudgetYearFactory(year=2030)
    closed = factories.BudgetYearFactory(year=2031)
    closed.status, closed.closed_at = "closed", timezone.now()
    closed.save()
    years = selectors_review.decision_method_years(today=datetime.date(2029, 6, 1))
    assert years == [2029, 2030]


def test_decision_methods_list_the_gebiedsregisseurs_smederijen_with_the_default(
    smederij, other_smederij, gebiedsregisseur, django_assert_num_queries
):
    sibling = factories.SmederijFactory(wijkteam=smederij.wijkteam)
    factories.DecisionMethodFactory(smederij=sibling, year=2013, method="election")
    with django_assert_num_queries(2):
        rows = selectors_review.decision_methods_for(gebiedsregisseur, years=[2013, 2014])
    assert {row["smederij"] for row in rows} == {smederij, sibling}
    methods = {
        (row["smederij"], cell["year"]): cell["method"] for row in rows for cell in row["years"]
    }
    assert methods[(sibling, 2013)] == "election"
    assert methods[(sibling, 2014)] == "assessment"
    assert methods[(smederij, 2013)] == "assessment"
