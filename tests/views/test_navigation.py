"""Every role finds its jobs from the home page: the menu, the next steps, the Smederij hub
and the overview link to each page a role needs (DESIGN.md's table of roles)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)"', html))


def _main(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def _menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="hoogeveen-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def test_a_visitor_is_told_to_register_or_log_in(client):
    html = client.get(reverse("home")).content.decode()
    assert reverse("smederijen:register") in _links(html)
    assert reverse("login") in _links(html)
    assert "Wat wilt u doen?" in html
    assert reverse("projecten:proposal-create") not in _links(html)


def test_a_resident_finds_a_new_proposal_own_proposals_and_own_smederij(client, resident):
    client.force_login(resident)
    html = client.get(reverse("home")).content.decode()
    menu = _menu(html)
    assert reverse("projecten:proposal-create") in menu
    assert reverse("projecten:my-proposals") in menu
    smederij = resident.home_area.smederij
    assert smederij.get_absolute_url() in _links(html)
    # No job of another role.
    assert reverse("projecten:review-queue") not in _links(html)
    assert reverse("projecten:vote-list") not in _links(html)


def test_the_menu_stays_short_for_every_role(
    client, resident, initiatiefgroep_member, professional, gebiedsregisseur, stuurgroep_member
):
    for user in (resident, initiatiefgroep_member, professional, gebiedsregisseur):
        client.force_login(user)
        assert len(_menu(client.get(reverse("home")).content.decode())) <= 6


def test_the_smederij_page_is_the_hub_of_its_area(client, smederij, resident, gebiedsregisseur):
    url = smederij.get_absolute_url()
    # A visitor: the elections and results are public; a login for an idea.
    html = client.get(url).content.decode()
    links = _links(html)
    assert reverse("projecten:election:round-list", args=[smederij.slug]) in links
    assert f"{reverse('login')}?next={url}" in links
    assert reverse("projecten:accounting-overview", args=[smederij.slug]) not in links

    client.force_login(resident)
    links = _links(client.get(url).content.decode())
    assert reverse("projecten:proposal-create") in links
    assert reverse("projecten:smederij-proposals", args=[smederij.slug]) in links
    assert reverse("smederijen:initiatiefgroep-join", args=[smederij.slug]) in links

    client.force_login(gebiedsregisseur)
    links = _links(_main(client.get(url).content.decode()))
    for name in ("accounting-overview", "smederij-proposals", "shared-good-list"):
        assert reverse(f"projecten:{name}", args=[smederij.slug]) in links
    assert reverse("projecten:election:round-create", args=[smederij.slug]) in links
    assert reverse("smederijen:initiatiefgroep", args=[smederij.slug]) in links
    assert reverse("projecten:proposal-create") not in links


def test_a_resident_of_another_area_cannot_send_in_an_idea_here(client, other_smederij, resident):
    client.force_login(resident)
    html = client.get(other_smederij.get_absolute_url()).content.decode()
    links = _links(_main(html))
    assert reverse("projecten:proposal-create") not in links
    assert "Woont u ergens anders?" in html
    assert reverse("smederijen:initiatiefgroep-join", args=[other_smederij.slug]) not in links


def test_the_overview_links_each_role_to_its_work(
    client, smederij, initiatiefgroep_member, gebiedsregisseur, professional, stuurgroep_member
):
    client.force_login(initiatiefgroep_member)
    links = _links(client.get(reverse("smederijen:my-overview")).content.decode())
    assert reverse("smederijen:initiatiefgroep", args=[smederij.slug]) in links
    assert reverse("projecten:vote-list") in links
    assert reverse("projecten:election:round-list", args=[smederij.slug]) in links

    client.force_login(gebiedsregisseur)
    links = _links(client.get(reverse("smederijen:my-overview")).content.decode())
    for url in (
        reverse("projecten:review-queue"),
        reverse("projecten:vote-list"),
        reverse("projecten:decision-methods"),
        reverse("smederijen:area-change-list"),
        reverse("projecten:accounting-overview", args=[smederij.slug]),
        reverse("projecten:election:round-list", args=[smederij.slug]),
    ):
        assert url in links

    client.force_login(professional)
    links = _links(client.get(reverse("smederijen:my-overview")).content.decode())
    assert reverse("projecten:review-queue") in links

    client.force_login(stuurgroep_member)
    html = client.get(reverse("smederijen:my-overview")).content.decode()
    assert reverse("projecten:vote-list") in _links(html)
    # The pot's pages exist now (decision 0034): the overview links to them.
    assert reverse("budget:year-list") in _links(html)
    # The figures it speaks of (the pot, the proposals, ...) are one link away.
    assert reverse("dashboard:overview") in _links(html)


def test_the_overview_of_someone_without_a_role_points_to_the_home_area(client):
    user = factories.UserFactory(home_area=None)
    client.force_login(user)
    links = _links(client.get(reverse("smederijen:my-overview")).content.decode())
    assert reverse("smederijen:home-area") in links


def test_while_the_election_is_open_the_smederij_page_leads_its_residents_to_the_ballot(
    client, smederij, other_smederij, resident, gebiedsregisseur
):
    from tests.projecten.election.conftest import make_round

    other_resident = factories.ResidentFactory(home_area=other_smederij.area)
    election_round = make_round(smederij, gebiedsregisseur)
    ballot = reverse("projecten:election:ballot", args=[election_round.pk])
    client.force_login(resident)
    html = client.get(smederij.get_absolute_url()).content.decode()
    assert ballot in _links(_main(html))
    assert "Stem in de verkiezing" in html
    client.force_login(other_resident)
    assert ballot not in _links(client.get(smederij.get_absolute_url()).content.decode())


def test_the_gebiedsregisseur_pays_from_the_smederij_page(
    client, smederij, gebiedsregisseur, resident
):
    from projecten.models import ProposalStatus

    project = factories.ProposalFactory(
        smederij=smederij,
        status=ProposalStatus.APPROVED,
        submitted_at=timezone.now(),
        title="Zomerfeest",
    )
    money = reverse("projecten:money", args=[project.pk])
    client.force_login(gebiedsregisseur)
    html = client.get(smederij.get_absolute_url()).content.decode()
    assert project.title in html
    assert money in _links(_main(html))
    client.force_login(resident)
    assert money not in _links(client.get(smederij.get_absolute_url()).content.decode())


def test_the_stuurgroep_finds_the_pot_on_its_overview(client, stuurgroep_member, resident):
    client.force_login(stuurgroep_member)
    links = _links(_main(client.get(reverse("smederijen:my-overview")).content.decode()))
    assert {reverse("budget:year-list"), reverse("budget:year-open")} <= links
    client.force_login(resident)
    links = _links(_main(client.get(reverse("smederijen:my-overview")).content.decode()))
    assert reverse("budget:year-list") not in links


def test_the_administrator_finds_the_pot_but_not_how_to_open_a_year(client, beheerder):
    client.force_login(beheerder)
    links = _links(_main(client.get(reverse("smederijen:my-overview")).content.decode()))
    assert reverse("budget:year-list") in links
    assert reverse("budget:year-open") not in links


def test_everyone_finds_where_the_money_went_from_the_home_page(client):
    assert reverse("spending:latest") in _links(client.get(reverse("home")).content.decode())
