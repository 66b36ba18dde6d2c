"""Correcting an area's shape in the admin: its buurten, and the outline drawn again on save."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from wijken.models import Area, Buurt, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _change_form_data(admin_client, area) -> tuple[str, dict]:
    """What the browser would post back: the form and its inline as the page shows them."""
    url = reverse("admin:wijken_area_change", args=[area.pk])
    response = admin_client.get(url)
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if name == "buurten":
            value = [getattr(buurt, "pk", buurt) for buurt in value or []]
        data[name] = "" if value is None else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, "")
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[f"{inline_form.prefix}-{name}"] = value
    return url, data


def test_giving_an_area_a_buurt_in_the_admin_draws_its_outline_again(admin_client, seeded):
    centrum = Area.objects.get(name="Centrum")
    before = centrum.outline_path
    west = Buurt.objects.get(name="West")
    url, data = _change_form_data(admin_client, centrum)
    data["buurten"] = [*data["buurten"], west.pk]

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    centrum.refresh_from_db()
    assert centrum.outline_path != before
    assert set(centrum.buurten.values_list("name", flat=True)) == {"Centrum", "West"}
    assert "West" not in Municipality.objects.get().rest_names


def test_the_admin_refuses_an_area_without_buurten_and_without_a_reason(admin_client, seeded):
    krakeel = Area.objects.get(name="Krakeel")
    url, data = _change_form_data(admin_client, krakeel)
    data["buurten"] = []
    data["no_outline_reason"] = ""

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "no_outline_reason" in response.context["adminform"].form.errors
    assert Area.objects.get(name="Krakeel").outline_path == krakeel.outline_path


def test_the_buurten_choice_says_where_each_buurt_lies_now(admin_client, seeded):
    krakeel = Area.objects.get(name="Krakeel")

    html = admin_client.get(reverse("admin:wijken_area_change", args=[krakeel.pk])).content.decode()

    assert "West (BU01185007) – in geen gebied" in html
    assert "Oost (BU01185008) – Oost" in html
