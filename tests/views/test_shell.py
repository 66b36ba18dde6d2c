"""The site shell: layout, language, the home page and the NLDS forms of the auth pages."""

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse

from smederijen.models import Smederij
from tests import factories
from tests.factories import TEST_PASSWORD
from wijken.models import AreaKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Smederij.objects.select_related("area")


def _section(html: str, testid: str) -> str:
    match = re.search(rf'<ul[^>]*data-testid="{testid}"[^>]*>(.*?)</ul>', html, re.S)
    assert match, f"no list {testid}"
    return match.group(1)


def _names(fragment: str) -> set[str]:
    return set(
        re.findall(r'<a class="utrecht-link[^"]*" href="/smederijen/[^"]+/">([^<]+)</a>', fragment)
    )


def test_home_page_is_dutch_by_default(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "De Smederijen van Hoogeveen" in html
    assert "Hoe werkt het?" in html
    assert "Korte klap" in html and "Lange klap" in html


def test_home_page_lists_the_seeded_smederijen_grouped_in_wijken_and_dorpen(client, seeded):
    html = client.get(reverse("home")).content.decode()

    wijken = _names(_section(html, "wijken"))
    dorpen = _names(_section(html, "dorpen"))
    assert len(wijken) == 16
    assert len(dorpen) == 8
    assert wijken == {s.name for s in seeded if s.area.kind == AreaKind.WIJK}
    assert dorpen == {s.name for s in seeded if s.area.kind == AreaKind.DORP}
    for smederij in seeded:
        assert f'href="{smederij.get_absolute_url()}"' in html


def test_home_page_leaves_out_inactive_smederijen(client, seeded):
    gone = seeded.first()
    Smederij.objects.filter(pk=gone.pk).update(is_active=False)

    html = client.get(reverse("home")).content.decode()

    assert gone.get_absolute_url() not in html


def test_home_page_needs_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_logged_in_home_page_needs_a_fixed_number_of_queries(
    client, seeded, django_assert_max_num_queries
):
    client.force_login(factories.UserFactory())
    # session, user, the Smederijen, and the role checks of the menu
    with django_assert_max_num_queries(7):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_every_page_starts_with_a_skip_link_to_main(client):
    html = client.get(reverse("home")).content.decode()

    body = html.split("<body", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'href="#main"' in first_link
    assert "utrecht-skip-link" in first_link
    assert 'id="main"' in html
    assert "Naar de inhoud" in html


def test_shell_has_landmarks_and_marks_the_current_menu_item(client):
    html = client.get(reverse("smederijen:smederij-list")).content.decode()

    assert "<header" in html and "<footer" in html and "<main" in html
    nav = re.search(r'<nav [^>]*aria-label="Hoofdmenu"[^>]*>(.*?)</nav>', html, re.S).group(1)
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', nav)
    assert current == ["Smederijen"]


def test_pages_have_their_own_title(client, seeded):
    smederij = seeded.first()
    titles = {
        re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
        for url in (
            reverse("home"),
            reverse("smederijen:smederij-list"),
            smederij.get_absolute_url(),
            reverse("login"),
            reverse("password_reset"),
        )
    }
    assert len(titles) == 5


def test_smederij_page_shows_its_area_wijkteam_and_inhabitants(client, seeded):
    smederij = seeded.select_related("wijkteam").first()

    html = client.get(smederij.get_absolute_url()).content.decode()

    assert smederij.name in html
    assert smederij.wijkteam.name in html
    assert f"{smederij.area.inhabitants:,}".replace(",", ".") in html


def test_no_inline_script_or_style_in_the_shell(client, seeded):
    html = client.get(reverse("home")).content.decode()

    assert "style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)


def test_login_page_renders_the_nlds_form_with_labels_and_autocomplete(client):
    html = client.get(reverse("login")).content.decode()

    assert "novalidate" in html
    assert 'class="utrecht-form-field utrecht-form-field--text' in html
    assert re.search(r'<label class="utrecht-form-label" for="id_username">E-mailadres', html)
    assert re.search(r'<label class="utrecht-form-label" for="id_password">Wachtwoord', html)
    # Both fields are required: the attribute says so, the label marks only optional ones.
    assert "verplicht" not in html
    username = re.search(r'<input [^>]*name="username"[^>]*>', html).group(0)
    password = re.search(r'<input [^>]*name="password"[^>]*>', html).group(0)
    assert 'autocomplete="username"' in username
    assert "utrecht-textbox" in username
    assert " required" in username and " required" in password
    assert 'autocomplete="current-password"' in password
    assert "data-error-summary" not in html


def test_invalid_login_shows_error_summary_linking_to_the_field_and_keeps_the_email(client):
    user = factories.UserFactory(email="anna@example.org")

    response = client.post(
        reverse("login"), {"username": user.email, "password": "niet-het-goede-wachtwoord"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r"<div [^>]*data-error-summary[^>]*>(.*?)</ul>", html, re.S)
    assert summary, "no error summary"
    assert "Er ging iets mis" in summary.group(1)
    assert 'href="#id_username"' in summary.group(1)
    assert 'value="anna@example.org"' in html
    assert "<title>Fout:" in html


def test_empty_login_marks_each_field_invalid_and_describes_the_error(client):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()

    username = re.search(r'<input [^>]*name="username"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in username
    assert 'aria-describedby="id_username_error"' in username
    assert 'id="id_username_error"' in html
    assert 'href="#id_password"' in html


def test_password_reset_pages_use_the_nlds_form_with_email_autocomplete(client):
    html = client.get(reverse("password_reset")).content.decode()

    email = re.search(r'<input [^>]*name="email"[^>]*>', html).group(0)
    assert 'autocomplete="email"' in email
    assert "utrecht-textbox" in email


def test_password_change_uses_current_and_new_password_autocomplete(client):
    client.force_login(factories.UserFactory())

    html = client.get(reverse("password_change")).content.decode()

    old = re.search(r'<input [^>]*name="old_password"[^>]*>', html).group(0)
    new = re.search(r'<input [^>]*name="new_password1"[^>]*>', html).group(0)
    assert 'autocomplete="current-password"' in old
    assert 'autocomplete="new-password"' in new
    assert 'aria-describedby="id_new_password1_helptext"' in new
    assert 'id="id_new_password1_helptext"' in html


def test_logout_is_a_post_form_with_csrf(client):
    client.force_login(factories.UserFactory())

    html = client.get(reverse("home")).content.decode()

    form = re.search(r'<form method="post" action="/accounts/logout/">(.*?)</form>', html, re.S)
    assert form and "csrfmiddlewaretoken" in form.group(1)


def test_language_switch_turns_the_site_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "The Smederijen of Hoogeveen" in html
    assert "Skip to main content" in html


def test_my_overview_needs_login(client):
    response = client.get(reverse("smederijen:my-overview"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_my_overview_shows_how_to_start_to_a_user_without_roles(client):
    client.force_login(factories.UserFactory())

    html = client.get(reverse("smederijen:my-overview")).content.decode()

    assert "Zo begint u" in html


def test_my_overview_explains_the_roles_of_an_initiatiefgroep_member(
    client, initiatiefgroep_member, smederij
):
    client.force_login(initiatiefgroep_member)

    html = client.get(reverse("smederijen:my-overview")).content.decode()

    assert "Initiatiefgroep" in html
    assert smederij.get_absolute_url() in html
    assert "Zo begint u" not in html


def test_money_and_postcode_filters_speak_dutch():
    rendered = Template("{% load money postcode %}{{ amount|euro }} | {{ code|postcode }}").render(
        Context({"amount": "1234.5", "code": "7901ab"})
    )

    assert rendered == "€\u00a01.234,50 | 7901 AB"


def test_too_many_failed_logins_show_the_dutch_lockout_page(client, settings):
    user = factories.UserFactory()
    wrong = {"username": user.email, "password": "fout"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), wrong)

    response = client.post(reverse("login"), wrong)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Te veel mislukte pogingen; probeer het over een uur opnieuw." in html
    assert '<html lang="nl"' in html


def test_a_locked_account_refuses_the_right_password_and_others_are_unaffected(client, settings):
    locked, other = factories.UserFactory(), factories.UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": locked.email, "password": "fout"})

    # The right password no longer opens the account: same answer as a wrong one, no session.
    right = client.post(reverse("login"), {"username": locked.email, "password": TEST_PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("smederijen:my-overview")).status_code == 302

    # Another account from the same address: its first wrong password is a plain refusal,
    # its right password logs in.
    wrong = client.post(reverse("login"), {"username": other.email, "password": "fout"})
    assert wrong.status_code == 200
    assert (
        client.post(
            reverse("login"), {"username": other.email, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    assert client.get(reverse("smederijen:my-overview")).status_code == 200


def test_password_reset_sends_a_dutch_email_with_a_link(client, mailoutbox):
    user = factories.UserFactory(email="bert@example.org")

    response = client.post(reverse("password_reset"), {"email": user.email})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Kies een nieuw wachtwoord voor Smederijen Hoogeveen"
    assert "Kies dan een nieuw wachtwoord met deze link" in mail.body
    assert "/accounts/reset/" in mail.body
    assert "bert@example.org" in mail.body


class _EveryWidgetForm(forms.Form):
    title = forms.CharField(label="Title", help_text="Short and clear.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    themes = forms.MultipleChoiceField(
        label="Themes",
        choices=[("x", "X"), ("y", "Y")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="I agree")
    year = forms.ChoiceField(label="Year", choices=[("2013", "2013")])
    story = forms.CharField(label="Story", widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("The plan", "title", "kind", "themes"), "agree", "year", "story"
        )
        self.helper.add_input(Submit("save", "Save"))


def _render_crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_crispy_pack_renders_every_widget_in_nlds_markup():
    html = _render_crispy(_EveryWidgetForm())

    assert "<form" in html and "novalidate" in html
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert 'id="id_title_helptext"' in html
    assert "utrecht-select" in html and "utrecht-textarea" in html
    assert re.search(r"<legend [^>]*>Kind", html), "radio group without legend"
    assert re.search(r"<legend [^>]*>Themes", html), "checkbox group without legend"
    assert 'class="utrecht-radio-button utrecht-radio-button--html-input"' in html
    assert re.search(
        r'<label class="utrecht-form-label utrecht-form-label--checkbox" for="id_agree">', html
    )
    assert re.search(r"<legend [^>]*>The plan</legend>", html)
    assert re.search(r'<button type="submit" name="save"[^>]*utrecht-button--primary-action', html)
    assert "data-error-summary" not in html


def test_crispy_pack_links_the_error_summary_to_each_invalid_field():
    form = _EveryWidgetForm(data={"title": "", "year": "2013"})
    form.is_valid()

    html = _render_crispy(form)

    summary = re.search(r"<div [^>]*data-error-summary[^>]*>(.*?)</ul>", html, re.S).group(1)
    assert 'href="#id_title"' in summary
    assert 'href="#id_kind_0"' in summary  # a radio group: its first option
    assert 'href="#id_agree"' in summary
    assert 'id="id_kind_0"' in html
    title = re.search(r'<input [^>]*name="title"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in title
    assert 'aria-describedby="id_title_helptext id_title_error"' in title
    assert "utrecht-textbox--invalid" in title
    assert re.search(r'<fieldset [^>]*aria-describedby="id_kind_error"', html)
