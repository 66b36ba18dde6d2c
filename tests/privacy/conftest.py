"""A resident with something of everything, and a neighbour whose data must never leak."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from budget.models import Grant
from projecten.election.services import ballot_cast
from projecten.models import Attachment, AttachmentKind, ProposalStatus
from tests import factories
from tests.projecten.uploads import PDF_BYTES, image_bytes


def attach(proposal, user, name, *, kind=AttachmentKind.PHOTO, accounting=None):
    content = image_bytes("PNG") if name.endswith(".png") else PDF_BYTES
    attachment = Attachment(
        proposal=proposal,
        kind=kind,
        accounting=accounting,
        original_name=name,
        content_type="image/png" if name.endswith(".png") else "application/pdf",
        size=len(content),
        uploaded_by=user,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def neighbour(smederij):
    return factories.ResidentFactory(
        home_area=smederij.area, display_name="Buurvrouw Bakker", email="bakker@example.org"
    )


@pytest.fixture
def world(smederij, neighbour):
    """`resident` (Jan de Vries) did a bit of everything; so did the neighbour."""
    jan = factories.ResidentFactory(
        home_area=smederij.area, display_name="Jan de Vries", email="jan@example.org"
    )
    factories.InitiatiefgroepMembershipFactory(user=jan, smederij=smederij)
    group = factories.GroupFactory(area=smederij.area, name="Buurtvereniging Krakeel")
    factories.GroupMembershipFactory(group=group, user=jan)

    submitted = factories.ProposalFactory(
        smederij=smederij,
        submitter=jan,
        title="Jeu de boules baan",
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    draft = factories.ProposalFactory(
        smederij=smederij, submitter=jan, title="Mijn geheime concept", status=ProposalStatus.DRAFT
    )
    funded = factories.ProposalFactory(
        smederij=smederij,
        submitter=jan,
        title="Speeltuin opknappen",
        year=2013,
        status=ProposalStatus.ACCOUNTED,
        submitted_at=timezone.now(),
        amount_requested=Decimal("1000.00"),
    )
    Grant.objects.create(
        budget_year=factories.BudgetYearFactory(year=2013),
        proposal=funded,
        klap="korte",
        smederij=smederij,
        amount=Decimal("1000.00"),
        granted_by=factories.UserFactory(),
    )
    accounting = factories.AccountingFactory(proposal=funded, submitted_by=jan)
    neighbours_idea = factories.ProposalFactory(
        smederij=smederij,
        submitter=neighbour,
        title="Bankje van de buurvrouw",
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )

    files = {
        "photo": attach(submitted, jan, "mijn-tuin.png"),
        "draft": attach(draft, jan, "concept.pdf", kind=AttachmentKind.QUOTE),
        "receipt": attach(
            funded, jan, "bon-bouwmarkt.pdf", kind=AttachmentKind.RECEIPT, accounting=accounting
        ),
        "funded_photo": attach(funded, jan, "voor-de-opknapbeurt.png"),
        "neighbours": attach(neighbours_idea, neighbour, "buurvrouw.png"),
    }

    factories.CommentFactory(proposal=neighbours_idea, author=jan, body="Mooi plan, buurvrouw!")
    factories.CommentFactory(proposal=submitted, author=neighbour, body="Geheim van de buurvrouw")
    factories.SupportFactory(proposal=neighbours_idea, user=jan)
    factories.SupportFactory(proposal=submitted, user=neighbour)
    vote = factories.AssessmentVoteFactory(proposal=neighbours_idea)
    factories.VoteCastFactory(vote=vote, voter=jan, choice="for", motivation="Goed voor de wijk")
    factories.VoteCastFactory(vote=vote, voter=neighbour, choice="against")

    election = factories.ElectionRoundFactory(smederij=smederij)
    ideas = [factories.ElectionIdeaFactory(election_round=election) for _ in range(2)]
    jan_voted = ballot_cast(
        election_round=election, actor=jan, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    ballot_cast(
        election_round=election, actor=neighbour, idea_ids=[ideas[1].pk], age_confirmed=True
    )
    return {
        "jan": jan,
        "submitted": submitted,
        "draft": draft,
        "funded": funded,
        "files": files,
        "election": election,
        "ideas": ideas,
        "jan_voted": jan_voted,
        "neighbours_idea": neighbours_idea,
        "group": group,
    }
