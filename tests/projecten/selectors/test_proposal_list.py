"""The counts a list of proposals shows: right, and by subquery, not by joining both tables."""

import pytest
from django.utils import timezone

from projecten.models import Comment, Proposal, ProposalStatus, Support
from projecten.proposals.selectors import proposal_list
from tests import factories

pytestmark = pytest.mark.django_db


def test_supports_and_comments_are_counted_apart_and_hidden_comments_not_at_all(smederij):
    proposal = factories.ProposalFactory(
        smederij=smederij, status=ProposalStatus.SUBMITTED, submitted_at=timezone.now()
    )
    quiet = factories.ProposalFactory(
        smederij=smederij, status=ProposalStatus.SUBMITTED, submitted_at=timezone.now()
    )
    for _ in range(3):
        Support.objects.create(proposal=proposal, user=factories.ResidentFactory())
    author = factories.ResidentFactory()
    Comment.objects.create(proposal=proposal, author=author, body="een")
    Comment.objects.create(proposal=proposal, author=author, body="twee")
    Comment.objects.create(
        proposal=proposal,
        author=author,
        body="weg",
        hidden_at=timezone.now(),
        hidden_by=factories.UserFactory(),
        hidden_reason="Scheldwoord",
    )

    counted = {
        p.pk: (p.support_count, p.comment_count)
        for p in proposal_list(queryset=Proposal.objects.all())
    }

    # A join of both tables would count 3 × 2 rows for each.
    assert counted == {proposal.pk: (3, 2), quiet.pk: (0, 0)}


def test_the_counts_are_subqueries_so_a_page_counts_only_its_own_rows():
    sql = str(proposal_list(queryset=Proposal.objects.all())[:20].query)
    # Joined, the counts would need every support and comment of the history, grouped,
    # before the page took its twenty (issue 12).
    assert 'JOIN "projecten_support"' not in sql
    assert 'JOIN "projecten_comment"' not in sql
    assert "GROUP BY" not in sql.rsplit(")", 1)[-1]
