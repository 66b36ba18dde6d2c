"""Comments, supports and attachments: each service with the allowed and every refused case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projecten.models import (
    Attachment,
    AttachmentKind,
    Comment,
    EventKind,
    ProposalEvent,
    ProposalStatus,
    Support,
)
from projecten.participation.services import (
    attachment_add,
    attachment_remove,
    comment_create,
    comment_hide,
    support_add,
    support_remove,
)
from tests import factories
from tests.projecten import uploads

pytestmark = pytest.mark.django_db


def handed_in(smederij, status=ProposalStatus.SUBMITTED, **kwargs):
    return factories.ProposalFactory(
        smederij=smederij, status=status, submitted_at=timezone.now(), year=2013, **kwargs
    )


def error_codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


@pytest.fixture
def proposal(smederij):
    return handed_in(smederij)


@pytest.fixture
def other_resident(other_smederij):
    return factories.ResidentFactory(home_area=other_smederij.area)


# --- comment_create ---------------------------------------------------------------------


def test_resident_comments_and_the_text_is_stripped(proposal, resident):
    comment = comment_create(proposal=proposal, actor=resident, body="  Goed plan!  \n")

    assert comment.body == "Goed plan!"
    assert comment.author == resident and comment.proposal == proposal


def test_professional_of_the_wijkteam_may_comment(proposal, professional):
    assert comment_create(proposal=proposal, actor=professional, body="Mooi.").pk


def test_empty_comment_is_refused(proposal, resident):
    with pytest.raises(ValidationError) as caught:
        comment_create(proposal=proposal, actor=resident, body="   \n ")
    assert error_codes(caught.value, "body") == ["required"]
    assert not Comment.objects.exists()


def test_comment_longer_than_2000_characters_is_refused(proposal, resident):
    comment_create(proposal=proposal, actor=resident, body="x" * 2000)
    with pytest.raises(ValidationError) as caught:
        comment_create(proposal=proposal, actor=resident, body="x" * 2001)
    assert error_codes(caught.value, "body") == ["max_length"]
    assert Comment.objects.count() == 1


def test_resident_of_another_smederij_cannot_comment(proposal, other_resident):
    with pytest.raises(PermissionDenied):
        comment_create(proposal=proposal, actor=other_resident, body="Hallo")


def test_unverified_resident_cannot_comment(proposal, smederij):
    unverified = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    with pytest.raises(PermissionDenied):
        comment_create(proposal=proposal, actor=unverified, body="Hallo")


def test_nobody_comments_on_a_draft(smederij, resident):
    draft = factories.ProposalFactory(smederij=smederij)
    with pytest.raises(PermissionDenied):
        comment_create(proposal=draft, actor=resident, body="Hallo")


# --- comment_hide -----------------------------------------------------------------------


@pytest.fixture
def comment(proposal, resident):
    return comment_create(proposal=proposal, actor=resident, body="Onaardige tekst")


def test_gebiedsregisseur_hides_a_comment_with_a_reason_and_it_is_kept(
    comment, gebiedsregisseur, proposal
):
    comment_hide(comment=comment, actor=gebiedsregisseur, reason=" Persoonlijke aanval ")

    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_by == gebiedsregisseur
    assert comment.hidden_reason == "Persoonlijke aanval"
    assert comment.body == "Onaardige tekst"
    event = ProposalEvent.objects.get(proposal=proposal, kind=EventKind.COMMENT_HIDDEN)
    assert event.actor == gebiedsregisseur and event.message == "Persoonlijke aanval"


def test_hiding_without_a_reason_is_refused(comment, gebiedsregisseur):
    with pytest.raises(ValidationError) as caught:
        comment_hide(comment=comment, actor=gebiedsregisseur, reason="  ")
    assert error_codes(caught.value, "reason") == ["required"]
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not ProposalEvent.objects.filter(kind=EventKind.COMMENT_HIDDEN).exists()


def test_a_hidden_comment_cannot_be_hidden_again(comment, gebiedsregisseur):
    comment_hide(comment=comment, actor=gebiedsregisseur, reason="Eerste keer")
    with pytest.raises(ValidationError) as caught:
        comment_hide(comment=comment, actor=gebiedsregisseur, reason="Tweede keer")
    assert error_codes(caught.value, "reason") == ["already_hidden"]
    comment.refresh_from_db()
    assert comment.hidden_reason == "Eerste keer"


@pytest.mark.parametrize("role", ["resident", "professional", "stuurgroep_member"])
def test_only_the_gebiedsregisseur_hides_comments(comment, role, request):
    with pytest.raises(PermissionDenied):
        comment_hide(comment=comment, actor=request.getfixturevalue(role), reason="Weg ermee")
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_gebiedsregisseur_of_another_wijkteam_cannot_hide(comment, other_smederij):
    other = factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user
    with pytest.raises(PermissionDenied):
        comment_hide(comment=comment, actor=other, reason="Weg ermee")


# --- supports ---------------------------------------------------------------------------


def test_resident_supports_a_proposal_of_their_smederij(proposal, resident):
    support, created = support_add(proposal=proposal, actor=resident)

    assert created and support.user == resident
    assert proposal.supports.count() == 1


def test_supporting_twice_keeps_one_support_without_an_error(proposal, resident):
    """The second insert hits the unique constraint; the service answers 'already supported'."""
    first, _ = support_add(proposal=proposal, actor=resident)
    again, created = support_add(proposal=proposal, actor=resident)

    assert not created and again == first
    assert Support.objects.count() == 1


def test_submitter_cannot_support_their_own_proposal(proposal):
    with pytest.raises(PermissionDenied):
        support_add(proposal=proposal, actor=proposal.submitter)


def test_resident_of_another_smederij_cannot_support(proposal, other_resident):
    with pytest.raises(PermissionDenied):
        support_add(proposal=proposal, actor=other_resident)
    assert not Support.objects.exists()


@pytest.mark.parametrize("role", ["professional", "gebiedsregisseur", "stuurgroep_member"])
def test_people_who_do_not_live_there_cannot_support(proposal, role, request):
    with pytest.raises(PermissionDenied):
        support_add(proposal=proposal, actor=request.getfixturevalue(role))


def test_unverified_resident_cannot_support(proposal, smederij):
    unverified = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    with pytest.raises(PermissionDenied):
        support_add(proposal=proposal, actor=unverified)


@pytest.mark.parametrize("status", [ProposalStatus.APPROVED, ProposalStatus.REJECTED])
def test_support_is_closed_after_the_decision(smederij, resident, status):
    decided = handed_in(smederij, status=status)
    with pytest.raises(PermissionDenied):
        support_add(proposal=decided, actor=resident)


def test_resident_takes_their_support_back(proposal, resident):
    support_add(proposal=proposal, actor=resident)

    assert support_remove(proposal=proposal, actor=resident) is True
    assert not Support.objects.exists()
    assert support_remove(proposal=proposal, actor=resident) is False


def test_support_cannot_be_taken_back_after_the_decision(smederij, resident):
    decided = handed_in(smederij, status=ProposalStatus.APPROVED)
    Support.objects.create(proposal=decided, user=resident)

    with pytest.raises(ValidationError) as caught:
        support_remove(proposal=decided, actor=resident)
    assert caught.value.code == "closed"
    assert Support.objects.count() == 1


def test_taking_back_removes_only_ones_own_support(proposal, resident, initiatiefgroep_member):
    support_add(proposal=proposal, actor=resident)
    support_add(proposal=proposal, actor=initiatiefgroep_member)

    support_remove(proposal=proposal, actor=resident)

    assert list(Support.objects.values_list("user", flat=True)) == [initiatiefgroep_member.pk]


# --- attachments ------------------------------------------------------------------------


@pytest.fixture
def draft(smederij, resident):
    return factories.ProposalFactory(smederij=smederij, submitter=resident)


def test_submitter_adds_a_pdf_stored_under_a_random_name(draft, resident):
    attachment = attachment_add(
        proposal=draft, actor=resident, file=uploads.pdf("Offerte Jansen.pdf"), kind="quote"
    )

    assert attachment.original_name == "Offerte Jansen.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(uploads.PDF_BYTES)
    assert attachment.uploaded_by == resident
    assert "Jansen" not in attachment.file.name
    assert attachment.file.name.startswith("projecten/") and attachment.file.name.endswith(".pdf")
    assert attachment.file.storage.exists(attachment.file.name)


def test_png_renamed_to_pdf_is_stored_as_png(draft, resident):
    attachment = attachment_add(
        proposal=draft, actor=resident, file=uploads.png("foto.pdf"), kind="photo"
    )

    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("make_file", "code"),
    [
        (uploads.exe_named_pdf, "wrong_type"),
        (uploads.text_named_jpg, "wrong_type"),
        (uploads.too_large_pdf, "too_large"),
        (uploads.damaged_pdf, "damaged"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(draft, resident, make_file, code):
    with pytest.raises(ValidationError) as caught:
        attachment_add(proposal=draft, actor=resident, file=make_file(), kind="other")
    assert caught.value.code == code
    assert not Attachment.objects.exists()


def test_a_photo_must_be_an_image(draft, resident):
    with pytest.raises(ValidationError) as caught:
        attachment_add(proposal=draft, actor=resident, file=uploads.pdf(), kind="photo")
    assert error_codes(caught.value, "kind") == ["photo_not_image"]


def test_a_receipt_is_not_a_proposal_attachment(draft, resident):
    with pytest.raises(ValidationError):
        attachment_add(proposal=draft, actor=resident, file=uploads.pdf(), kind="receipt")


def test_consent_to_publish_is_kept_for_photos_only(draft, resident):
    photo = attachment_add(
        proposal=draft, actor=resident, file=uploads.jpeg(), kind="photo", publish_consent=True
    )
    document = attachment_add(
        proposal=draft, actor=resident, file=uploads.pdf(), kind="other", publish_consent=True
    )
    assert photo.publish_consent and photo.content_type == "image/jpeg"
    assert not document.publish_consent


def test_quote_is_linked_to_a_budget_line_of_the_same_proposal(draft, resident):
    line = factories.BudgetLineFactory(proposal=draft)
    attachment = attachment_add(
        proposal=draft, actor=resident, file=uploads.pdf(), kind="quote", budget_line=line
    )
    assert attachment.budget_line == line

    foreign = factories.BudgetLineFactory()
    with pytest.raises(ValidationError) as caught:
        attachment_add(
            proposal=draft, actor=resident, file=uploads.pdf(), kind="quote", budget_line=foreign
        )
    assert error_codes(caught.value, "budget_line") == ["other_proposal"]


def test_only_the_submitter_adds_attachments(draft, initiatiefgroep_member):
    with pytest.raises(PermissionDenied):
        attachment_add(
            proposal=draft, actor=initiatiefgroep_member, file=uploads.pdf(), kind="other"
        )


def test_no_attachments_once_submitted(proposal):
    with pytest.raises(PermissionDenied):
        attachment_add(
            proposal=proposal, actor=proposal.submitter, file=uploads.pdf(), kind="other"
        )


def test_attachment_added_on_request_for_changes_shows_on_the_timeline(smederij):
    sent_back = handed_in(smederij, status=ProposalStatus.CHANGES_REQUESTED)

    attachment_add(
        proposal=sent_back,
        actor=sent_back.submitter,
        file=uploads.pdf("lijst.pdf"),
        kind="signatures",
    )

    event = ProposalEvent.objects.get(proposal=sent_back, kind=EventKind.EDITED)
    assert "lijst.pdf" in event.text


def test_the_uploaders_path_is_not_kept_in_the_name(draft, resident):
    attachment = attachment_add(
        proposal=draft,
        actor=resident,
        file=uploads.pdf("C:\\Users\\jan\\offerte.pdf"),
        kind="quote",
    )
    assert attachment.original_name == "offerte.pdf"


def test_submitter_removes_an_attachment_and_its_file(
    draft, resident, django_capture_on_commit_callbacks
):
    attachment = attachment_add(proposal=draft, actor=resident, file=uploads.pdf(), kind="quote")
    name, storage = attachment.file.name, attachment.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attachment, actor=resident)

    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_others_cannot_remove_an_attachment(draft, resident, initiatiefgroep_member):
    attachment = attachment_add(proposal=draft, actor=resident, file=uploads.pdf(), kind="quote")
    with pytest.raises(PermissionDenied):
        attachment_remove(attachment=attachment, actor=initiatiefgroep_member)
    assert Attachment.objects.exists()


def test_attachments_stay_once_the_proposal_is_submitted(draft, resident):
    attachment = attachment_add(proposal=draft, actor=resident, file=uploads.pdf(), kind="quote")
    draft.status = ProposalStatus.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.save()

    with pytest.raises(PermissionDenied):
        attachment_remove(attachment=attachment, actor=resident)
    assert Attachment.objects.filter(kind=AttachmentKind.QUOTE).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_supports_at_the_same_moment_end_as_one(smederij, resident):
    """Two requests of the same resident at once: the constraint keeps one, neither fails."""
    import threading

    from django.db import connection as main_connection
    from django.db import connections

    proposal = handed_in(smederij)
    barrier = threading.Barrier(2)
    outcomes, failures = [], []

    def click():
        try:
            barrier.wait()
            outcomes.append(support_add(proposal=proposal, actor=resident)[1])
        except Exception as error:  # the test reports it below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert main_connection.vendor == "postgresql"
    assert failures == []
    assert sorted(outcomes) == [False, True]
    assert Support.objects.filter(proposal=proposal, user=resident).count() == 1
