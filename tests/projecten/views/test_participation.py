"""Comments, supports and attachments through the browser: role matrices, refusals and pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
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
from projecten.participation.services import attachment_add, comment_create, comment_hide
from tests import factories
from tests.projecten import uploads
from tests.projecten.roles import login

pytestmark = pytest.mark.django_db

# Every participation endpoint answers 404 to whoever may not see the proposal:
# a visitor and a resident or professional of elsewhere never learn it exists.
UNSEEN = {"visitor", "other_resident", "other_professional"}


def handed_in(smederij, status=ProposalStatus.SUBMITTED, **kwargs):
    return factories.ProposalFactory(
        smederij=smederij, status=status, submitted_at=timezone.now(), year=2013, **kwargs
    )


@pytest.fixture
def proposal(smederij):
    """Handed in by a neighbour, so that the 'resident' role is not its submitter."""
    return handed_in(smederij, title="Buurtfeest in het park")


def detail(proposal):
    return reverse("projecten:proposal-detail", kwargs={"pk": proposal.pk})


# --- comments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 302),
        ("other_resident", 404),
        ("initiatiefgroep_member", 302),
        ("professional", 302),
        ("other_professional", 404),
        ("gebiedsregisseur", 302),
        ("stuurgroep_member", 302),
    ],
)
def test_who_may_comment(client, smederij, other_smederij, proposal, role, status):
    user = login(client, role, smederij, other_smederij)

    response = client.post(
        reverse("projecten:comment-create", kwargs={"pk": proposal.pk}), {"body": "Leuk plan!"}
    )

    assert response.status_code == status
    if status == 302:
        comment = Comment.objects.get()
        # To the new comment itself (its page of the comments, its anchor).
        assert response["Location"] == f"{detail(proposal)}#reactie-{comment.pk}"
        assert comment.author == user
    else:
        assert not Comment.objects.exists()
        assert b"Buurtfeest" not in response.content


def test_an_unverified_account_reads_what_a_visitor_reads_and_may_not_comment(
    client, smederij, proposal
):
    # Its home area comes from a postcode anyone can type: until the address is confirmed,
    # the area's handed-in proposals are out of its reach (issue 14, item 6).
    unverified = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    client.force_login(unverified)

    assert client.get(detail(proposal)).status_code == 404
    response = client.post(
        reverse("projecten:comment-create", kwargs={"pk": proposal.pk}), {"body": "Hoi"}
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()
    unverified.email_verified_at = timezone.now()
    unverified.save(update_fields=["email_verified_at"])
    assert client.get(detail(proposal)).status_code == 200


def test_comment_endpoint_refuses_get(client, resident, proposal):
    client.force_login(resident)
    assert (
        client.get(reverse("projecten:comment-create", kwargs={"pk": proposal.pk})).status_code
        == 405
    )


@pytest.mark.parametrize(("body", "field_error"), [("   ", "required"), ("x" * 2001, "max_length")])
def test_invalid_comment_shows_the_page_again_with_the_text_kept(
    client, resident, proposal, body, field_error
):
    client.force_login(resident)

    response = client.post(
        reverse("projecten:comment-create", kwargs={"pk": proposal.pk}), {"body": body}
    )

    assert response.status_code == 400
    form = response.context["comment_form"]
    assert [e.code for e in form.errors.as_data()["body"]] == [field_error]
    assert b"hoogeveen-error-summary" in response.content
    if body.strip():
        assert body.encode() in response.content
    assert not Comment.objects.exists()


def test_comments_are_shown_oldest_first_with_name_and_date(client, resident, proposal, smederij):
    first_author = factories.ResidentFactory(home_area=smederij.area, display_name="Anna")
    second_author = factories.ResidentFactory(home_area=smederij.area, display_name="Bert")
    comment_create(proposal=proposal, actor=first_author, body="Eerste reactie")
    comment_create(proposal=proposal, actor=second_author, body="Tweede reactie")
    client.force_login(resident)

    html = client.get(detail(proposal)).content.decode()

    assert html.index("Eerste reactie") < html.index("Tweede reactie")
    assert "<strong>Anna</strong>" in html and "<strong>Bert</strong>" in html
    assert first_author.email not in html
    assert "<time datetime=" in html


def test_hidden_comment_shows_the_reason_instead_of_the_text(
    client, resident, proposal, gebiedsregisseur
):
    comment = comment_create(proposal=proposal, actor=resident, body="Gemene tekst")
    comment_hide(comment=comment, actor=gebiedsregisseur, reason="Persoonlijke aanval")
    client.force_login(resident)

    client.cookies["django_language"] = "en"  # the language switch
    html = client.get(detail(proposal)).content.decode()

    assert "Gemene tekst" not in html
    assert "This comment was hidden by the gebiedsregisseur: Persoonlijke aanval" in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 403),
        ("other_resident", 404),
        ("initiatiefgroep_member", 403),
        ("professional", 403),
        ("other_professional", 404),
        ("gebiedsregisseur", 200),
        ("stuurgroep_member", 403),
    ],
)
def test_who_may_hide_a_comment(client, smederij, other_smederij, proposal, role, status):
    comment = Comment.objects.create(proposal=proposal, author=proposal.submitter, body="Tekst")
    login(client, role, smederij, other_smederij)
    address = reverse("projecten:comment-hide", kwargs={"pk": comment.pk})

    assert client.get(address).status_code == status
    response = client.post(address, {"reason": "Niet over het plan"})

    comment.refresh_from_db()
    if status == 200:
        assert response.status_code == 302
        assert comment.is_hidden and comment.hidden_reason == "Niet over het plan"
    else:
        assert response.status_code == status
        assert not comment.is_hidden
        assert b"Tekst" not in response.content


def test_gebiedsregisseur_shows_hide_links_and_hides_with_a_required_reason(
    client, gebiedsregisseur, proposal
):
    comment = Comment.objects.create(proposal=proposal, author=proposal.submitter, body="Tekst")
    client.force_login(gebiedsregisseur)
    address = reverse("projecten:comment-hide", kwargs={"pk": comment.pk})
    assert address in client.get(detail(proposal)).content.decode()

    refused = client.post(address, {"reason": "  "})
    assert refused.status_code == 400
    assert "reason" in refused.context["form"].errors

    done = client.post(address, {"reason": "Scheldwoorden"})
    assert done["Location"] == f"{detail(proposal)}#reactie-{comment.pk}"
    assert ProposalEvent.objects.filter(
        proposal=proposal, kind=EventKind.COMMENT_HIDDEN, message="Scheldwoorden"
    ).exists()


def test_residents_see_no_hide_link(client, resident, proposal):
    comment = Comment.objects.create(proposal=proposal, author=proposal.submitter, body="Tekst")
    client.force_login(resident)
    html = client.get(detail(proposal)).content.decode()
    assert reverse("projecten:comment-hide", kwargs={"pk": comment.pk}) not in html


# --- supports ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 302),
        ("other_resident", 404),
        ("initiatiefgroep_member", 302),
        ("professional", 403),
        ("other_professional", 404),
        ("gebiedsregisseur", 403),
        ("stuurgroep_member", 403),
    ],
)
def test_who_may_support(client, smederij, other_smederij, proposal, role, status):
    user = login(client, role, smederij, other_smederij)

    response = client.post(reverse("projecten:support-add", kwargs={"pk": proposal.pk}))

    assert response.status_code == status
    if status == 302:
        assert list(Support.objects.values_list("user", flat=True)) == [user.pk]
    else:
        assert not Support.objects.exists()


def test_submitter_cannot_support_their_own_proposal(client, proposal):
    client.force_login(proposal.submitter)
    response = client.post(reverse("projecten:support-add", kwargs={"pk": proposal.pk}))
    assert response.status_code == 403
    assert not Support.objects.exists()


def test_double_click_on_support_gives_one_support_and_no_error(client, resident, proposal):
    client.force_login(resident)
    address = reverse("projecten:support-add", kwargs={"pk": proposal.pk})

    first = client.post(address)
    second = client.post(address, follow=True)

    assert first.status_code == 302
    assert second.status_code == 200
    assert Support.objects.count() == 1
    # The first click's thanks, then "you already support this proposal": no error.
    assert [m.level_tag for m in second.context["messages"]] == ["success", "info"]


def test_support_button_toggles(client, resident, proposal):
    client.force_login(resident)
    add = reverse("projecten:support-add", kwargs={"pk": proposal.pk})
    remove = reverse("projecten:support-remove", kwargs={"pk": proposal.pk})

    before = client.get(detail(proposal)).content.decode()
    assert f'action="{add}"' in before and f'action="{remove}"' not in before

    client.post(add)
    after = client.get(detail(proposal))
    assert after.context["proposal"].support_count == 1
    html = after.content.decode()
    assert f'action="{remove}"' in html and f'action="{add}"' not in html

    assert client.post(remove)["Location"] == detail(proposal) + "#steun"
    assert not Support.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 302),
        ("other_resident", 404),
        ("initiatiefgroep_member", 302),
        ("professional", 302),
        ("other_professional", 404),
        ("gebiedsregisseur", 302),
        ("stuurgroep_member", 302),
    ],
)
def test_taking_back_support_touches_only_ones_own(
    client, smederij, other_smederij, proposal, role, status
):
    neighbour = factories.ResidentFactory(home_area=smederij.area)
    Support.objects.create(proposal=proposal, user=neighbour)
    login(client, role, smederij, other_smederij)

    response = client.post(reverse("projecten:support-remove", kwargs={"pk": proposal.pk}))

    assert response.status_code == status
    assert list(Support.objects.values_list("user", flat=True)) == [neighbour.pk]


def test_support_cannot_be_taken_back_after_the_decision(client, resident, smederij):
    approved = handed_in(smederij, status=ProposalStatus.APPROVED)
    Support.objects.create(proposal=approved, user=resident)
    client.force_login(resident)

    response = client.post(
        reverse("projecten:support-remove", kwargs={"pk": approved.pk}), follow=True
    )

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Support.objects.count() == 1


# --- attachments ------------------------------------------------------------------------


@pytest.fixture
def sent_back(smederij):
    """A proposal its submitter may change again, and the area can see."""
    return handed_in(smederij, status=ProposalStatus.CHANGES_REQUESTED)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 403),
        ("other_resident", 404),
        ("initiatiefgroep_member", 403),
        ("professional", 403),
        ("other_professional", 404),
        ("gebiedsregisseur", 403),
        ("stuurgroep_member", 403),
    ],
)
def test_only_the_submitter_uploads(client, smederij, other_smederij, sent_back, role, status):
    login(client, role, smederij, other_smederij)
    address = reverse("projecten:attachment-create", kwargs={"pk": sent_back.pk})

    assert client.get(address).status_code == status
    response = client.post(address, {"file": uploads.pdf(), "kind": "quote"})

    assert response.status_code == status
    assert not Attachment.objects.exists()


def test_submitter_uploads_a_quote_for_a_budget_line(client, sent_back):
    line = factories.BudgetLineFactory(proposal=sent_back)
    client.force_login(sent_back.submitter)
    address = reverse("projecten:attachment-create", kwargs={"pk": sent_back.pk})

    assert client.get(address).status_code == 200
    response = client.post(
        address, {"file": uploads.pdf("offerte.pdf"), "kind": "quote", "budget_line": line.pk}
    )

    assert response["Location"] == detail(sent_back) + "#bijlagen"
    attachment = Attachment.objects.get()
    assert attachment.budget_line == line and attachment.original_name == "offerte.pdf"


def test_png_renamed_to_pdf_is_accepted_as_png(client, sent_back):
    client.force_login(sent_back.submitter)
    client.post(
        reverse("projecten:attachment-create", kwargs={"pk": sent_back.pk}),
        {"file": uploads.png("stiekem.pdf"), "kind": "photo", "publish_consent": "on"},
    )
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.publish_consent


@pytest.mark.parametrize(
    "make_file",
    [uploads.exe_named_pdf, uploads.text_named_jpg, uploads.too_large_pdf, uploads.damaged_pdf],
)
def test_files_that_lie_are_refused_with_a_message_beside_the_field(client, sent_back, make_file):
    client.force_login(sent_back.submitter)

    response = client.post(
        reverse("projecten:attachment-create", kwargs={"pk": sent_back.pk}),
        {"file": make_file(), "kind": "other"},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["file"]
    assert b"hoogeveen-error-summary" in response.content
    assert not Attachment.objects.exists()


def test_a_budget_line_of_another_proposal_is_no_choice(client, sent_back):
    foreign = factories.BudgetLineFactory()
    client.force_login(sent_back.submitter)
    response = client.post(
        reverse("projecten:attachment-create", kwargs={"pk": sent_back.pk}),
        {"file": uploads.pdf(), "kind": "quote", "budget_line": foreign.pk},
    )
    assert response.status_code == 400
    assert "budget_line" in response.context["form"].errors


def test_upload_form_and_remove_buttons_only_for_the_submitter_while_editable(
    client, resident, sent_back
):
    attachment = attachment_add(
        proposal=sent_back, actor=sent_back.submitter, file=uploads.pdf(), kind="quote"
    )
    upload = reverse("projecten:attachment-create", kwargs={"pk": sent_back.pk})
    remove = reverse("projecten:attachment-remove", kwargs={"pk": attachment.pk})

    client.force_login(sent_back.submitter)
    html = client.get(detail(sent_back)).content.decode()
    assert upload in html and remove in html

    client.force_login(resident)
    html = client.get(detail(sent_back)).content.decode()
    assert upload not in html and remove not in html

    sent_back.status = ProposalStatus.IN_REVIEW
    sent_back.save()
    client.force_login(sent_back.submitter)
    html = client.get(detail(sent_back)).content.decode()
    assert upload not in html and remove not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 403),
        ("other_resident", 404),
        ("initiatiefgroep_member", 403),
        ("professional", 403),
        ("other_professional", 404),
        ("gebiedsregisseur", 403),
        ("stuurgroep_member", 403),
    ],
)
def test_only_the_submitter_removes(client, smederij, other_smederij, sent_back, role, status):
    attachment = attachment_add(
        proposal=sent_back, actor=sent_back.submitter, file=uploads.pdf(), kind="quote"
    )
    login(client, role, smederij, other_smederij)
    url = reverse("projecten:attachment-remove", kwargs={"pk": attachment.pk})

    assert client.get(url).status_code == status  # not even the question
    response = client.post(url)

    assert response.status_code == status
    assert Attachment.objects.exists()


def test_removing_an_attachment_asks_first_and_changes_nothing(client, sent_back):
    attachment = attachment_add(
        proposal=sent_back, actor=sent_back.submitter, file=uploads.pdf("offerte.pdf"), kind="quote"
    )
    client.force_login(sent_back.submitter)
    client.cookies["django_language"] = "nl"

    response = client.get(reverse("projecten:attachment-remove", kwargs={"pk": attachment.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "offerte.pdf verwijderen" in page
    assert "Het bestand wordt voorgoed verwijderd" in page
    assert "utrecht-button--secondary-action utrecht-button--danger" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_submitter_removes_an_attachment(client, sent_back):
    attachment = attachment_add(
        proposal=sent_back, actor=sent_back.submitter, file=uploads.pdf(), kind="quote"
    )
    client.force_login(sent_back.submitter)

    response = client.post(reverse("projecten:attachment-remove", kwargs={"pk": attachment.pk}))

    assert response["Location"] == detail(sent_back) + "#bijlagen"
    assert not Attachment.objects.exists()


# --- downloads --------------------------------------------------------------------------


def _attach(proposal, kind, make_file, consent=False):
    """An attachment as the submitter left it, whatever the proposal's status is now."""
    upload = make_file()
    checked_type = "application/pdf" if upload.name.endswith(".pdf") else "image/png"
    attachment = Attachment(
        proposal=proposal,
        kind=kind,
        original_name=upload.name,
        content_type=checked_type,
        size=upload.size,
        publish_consent=consent,
        uploaded_by=proposal.submitter,
    )
    attachment.file.save("upload", upload, save=True)
    return attachment


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("resident", 404),
        ("other_resident", 404),
        ("initiatiefgroep_member", 404),
        ("professional", 200),
        ("other_professional", 404),
        ("gebiedsregisseur", 200),
        ("stuurgroep_member", 200),
    ],
)
def test_private_attachments_only_for_those_who_see_private_parts(
    client, smederij, other_smederij, proposal, role, status
):
    quote = _attach(proposal, AttachmentKind.QUOTE, uploads.pdf)
    login(client, role, smederij, other_smederij)

    response = client.get(reverse("projecten:attachment-download", kwargs={"pk": quote.pk}))

    assert response.status_code == status


def test_submitter_downloads_their_own_quote(client, proposal):
    quote = _attach(proposal, AttachmentKind.QUOTE, uploads.pdf)
    client.force_login(proposal.submitter)
    response = client.get(reverse("projecten:attachment-download", kwargs={"pk": quote.pk}))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_photos_with_consent_are_public_on_funded_proposals(client, smederij):
    funded = handed_in(smederij, status=ProposalStatus.APPROVED)
    public = _attach(funded, AttachmentKind.PHOTO, uploads.png, consent=True)
    no_consent = _attach(funded, AttachmentKind.PHOTO, uploads.png)
    quote = _attach(funded, AttachmentKind.QUOTE, uploads.pdf)

    def download(attachment):
        return client.get(reverse("projecten:attachment-download", kwargs={"pk": attachment.pk}))

    assert download(public).status_code == 200
    assert download(public)["Content-Type"] == "image/png"
    assert download(no_consent).status_code == 404
    assert download(quote).status_code == 404


def test_photo_with_consent_on_a_proposal_not_funded_is_not_public(client, proposal):
    photo = _attach(proposal, AttachmentKind.PHOTO, uploads.png, consent=True)
    response = client.get(reverse("projecten:attachment-download", kwargs={"pk": photo.pk}))
    assert response.status_code == 404


# --- queries ----------------------------------------------------------------------------


def _fill(proposal, smederij, count):
    for _ in range(count):
        neighbour = factories.ResidentFactory(home_area=smederij.area)
        Support.objects.create(proposal=proposal, user=neighbour)
        Comment.objects.create(proposal=proposal, author=neighbour, body="Mee eens")
        _attach(proposal, AttachmentKind.QUOTE, uploads.pdf)
        factories.BudgetLineFactory(proposal=proposal)


@pytest.mark.parametrize("role", ["resident", "gebiedsregisseur", "submitter"])
def test_detail_page_issues_a_fixed_number_of_queries(
    client, smederij, other_smederij, sent_back, role, django_assert_max_num_queries
):
    if role == "submitter":
        client.force_login(sent_back.submitter)
    else:
        login(client, role, smederij, other_smederij)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(detail(sent_back)).status_code == 200
        return len(captured)

    _fill(sent_back, smederij, 1)
    one = queries()
    _fill(sent_back, smederij, 19)
    twenty = queries()

    assert one == twenty
    with django_assert_max_num_queries(one):
        client.get(detail(sent_back))


# --- one form, one comment (decision 0022) -------------------------------------------------------


def test_a_double_post_of_the_comment_form_places_one_comment(client, resident, proposal):
    client.force_login(resident)
    page = client.get(detail(proposal)).content.decode()
    token = page.split('name="submission_token" value="')[1][:36]
    url = reverse("projecten:comment-create", kwargs={"pk": proposal.pk})

    responses = [client.post(url, {"body": "Leuk plan!", "submission_token": token}) for _ in "12"]

    assert [r.status_code for r in responses] == [302, 302]
    assert Comment.objects.count() == 1
    comment = Comment.objects.get()
    assert {r["Location"] for r in responses} == {f"{detail(proposal)}#reactie-{comment.pk}"}


def test_the_same_comment_without_a_token_is_one_within_two_minutes_and_two_after(
    client, resident, proposal, time_machine
):
    client.force_login(resident)
    url = reverse("projecten:comment-create", kwargs={"pk": proposal.pk})
    now = timezone.now()

    time_machine.move_to(now, tick=False)
    client.post(url, {"body": "Eens!"})
    time_machine.move_to(now + datetime.timedelta(seconds=110), tick=False)
    response = client.post(url, {"body": "Eens!"})
    assert response.status_code == 302
    assert Comment.objects.count() == 1, "a double click"
    time_machine.move_to(now + datetime.timedelta(minutes=3), tick=False)
    client.post(url, {"body": "Eens!"})
    assert Comment.objects.count() == 2, "the same words later are a new comment"


# --- Rate limits (issue 14, item 8) -------------------------------------------------------------


def test_comments_past_the_limit_are_refused_in_dutch_and_keep_the_text(
    client, resident, proposal, monkeypatch
):
    from projecten.participation import services as participation_services
    from smederijen.ratelimits import RateLimit

    monkeypatch.setattr(participation_services, "COMMENTS", RateLimit("comments", 2, 600))
    client.force_login(resident)
    url = reverse("projecten:comment-create", kwargs={"pk": proposal.pk})
    for number in (1, 2):
        assert client.post(url, {"body": f"Reactie {number}"}).status_code == 302
    response = client.post(url, {"body": "Nog een reactie"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Probeer het over een paar minuten opnieuw" in page
    assert "Nog een reactie" in page
    assert Comment.objects.filter(author=resident).count() == 2


def test_supports_past_the_limit_are_refused_with_a_message(
    client, resident, smederij, monkeypatch
):
    from projecten.participation import services as participation_services
    from smederijen.ratelimits import RateLimit

    monkeypatch.setattr(participation_services, "SUPPORTS", RateLimit("supports", 1, 3600))
    first, second = handed_in(smederij, title="Eerste"), handed_in(smederij, title="Tweede")
    client.force_login(resident)
    client.post(reverse("projecten:support-add", kwargs={"pk": first.pk}))
    response = client.post(reverse("projecten:support-add", kwargs={"pk": second.pk}), follow=True)
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert second.supports.count() == 0 and first.supports.count() == 1
