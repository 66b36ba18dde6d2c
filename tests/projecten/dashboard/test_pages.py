"""The dashboard pages: who may open them, what they cost in queries, the choropleth, the
annual report, and the links that lead there."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from budget.models import Grant
from projecten.dashboard import report
from projecten.dashboard.scope import FigureScope
from projecten.dashboard.selectors import dashboard_data
from projecten.models import Proposal
from smederijen import navigation
from smederijen.areas.selectors import area_map
from tests import factories
from tests.projecten.dashboard.conftest import make_history
from wijken.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

OVERVIEW = reverse("dashboard:overview")


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("scale", [1, 3])
@pytest.mark.parametrize(
    "query", ["?year=2025", "?year=2024", "", "?year=2025&kind=dorp&klap=korte"]
)
def test_the_dashboard_costs_at_most_15_queries_whatever_the_data(
    client, stuurgroep_member, scale, query, django_assert_max_num_queries
):
    make_history(scale=scale)
    client.force_login(stuurgroep_member)
    with django_assert_max_num_queries(15):
        response = client.get(OVERVIEW + query)
    assert response.status_code == 200


def test_the_wijkteam_filter_adds_only_the_lookup_of_the_chosen_wijkteam(
    client, stuurgroep_member, history, django_assert_max_num_queries
):
    client.force_login(stuurgroep_member)
    with django_assert_max_num_queries(15):
        response = client.get(f"{OVERVIEW}?year=2025&wijkteam={history.wijk.wijkteam_id}")
    assert response.status_code == 200
    assert history.wijk.name in response.content.decode()
    assert history.dorp.name not in response.content.decode().split('id="money"')[1]


def test_every_figure_has_its_chart_and_its_table_on_the_page(client, stuurgroep_member, history):
    html = _get(client, stuurgroep_member, OVERVIEW + "?year=2025").content.decode()
    figures = re.findall(r'<section class="dash-figure" id="([\w-]+)"', html)
    assert {"money-klap", "money-smederij", "money-wijkteam", "money-kind", "funnel"} <= set(
        figures
    )
    assert html.count('role="img"') >= 8
    assert html.count("<table") >= len(figures)
    # Every chart says what it shows to a screen reader.
    for chart_id in re.findall(r'aria-labelledby="([\w-]+)-title ', html):
        assert f'id="{chart_id}-title"' in html and f'id="{chart_id}-desc"' in html
    # Numbers in SVG attributes are never written with a Dutch decimal comma.
    assert not re.search(r'(?:x|y|width|height)="\d+,\d', html)


def test_the_trend_shows_a_row_per_year_linking_to_that_year(client, stuurgroep_member, history):
    html = _get(client, stuurgroep_member, OVERVIEW).content.decode()
    assert 'id="money-years"' in html
    assert f'href="{OVERVIEW}?year=2024"' in html and f'href="{OVERVIEW}?year=2025"' in html


def test_a_count_of_a_smederij_links_to_its_list_with_the_filters(
    client, stuurgroep_member, history
):
    html = _get(client, stuurgroep_member, OVERVIEW + "?year=2025&klap=korte").content.decode()
    url = reverse("projecten:smederij-proposals", kwargs={"slug": history.wijk.slug})
    assert f'href="{url}?klap=korte&amp;status=rejected&amp;year=2025"' in html


def test_a_smederij_page_shows_only_that_smederij(client, history):
    member = factories.InitiatiefgroepMembershipFactory(smederij=history.dorp).user
    url = reverse("dashboard:smederij", kwargs={"slug": history.dorp.slug})
    response = _get(client, member, url + "?year=2024")
    assert response.status_code == 200
    figures = report.Figures(response.context["data"])
    assert (
        figures.funnel()["handed_in"]
        == Proposal.objects.filter(
            smederij=history.dorp, year=2024, submitted_at__isnull=False
        ).count()
    )
    assert (
        _get(
            client, member, reverse("dashboard:smederij", kwargs={"slug": history.wijk.slug})
        ).status_code
        == 403
    )


def test_professionals_read_their_wijkteam_and_not_another(client, history):
    professional = factories.WijkteamMembershipFactory(wijkteam=history.wijk.wijkteam).user
    own = reverse("dashboard:wijkteam", kwargs={"slug": history.wijk.wijkteam.slug})
    other = reverse("dashboard:wijkteam", kwargs={"slug": history.dorp.wijkteam.slug})
    assert _get(client, professional, own).status_code == 200
    assert _get(client, professional, other).status_code == 403
    assert _get(client, professional, OVERVIEW).status_code == 403


@pytest.mark.parametrize(
    ("role", "programme", "wijkteam", "smederij_", "other"),
    [
        ("resident", False, False, False, False),
        ("initiatiefgroep_member", False, False, True, False),
        ("professional", False, True, True, False),
        ("gebiedsregisseur", False, True, True, False),
        ("stuurgroep_member", True, True, True, True),
        ("beheerder", True, True, True, True),
    ],
)
def test_who_may_read_which_figures(
    request, smederij, other_smederij, role, programme, wijkteam, smederij_, other
):
    user = request.getfixturevalue(role)
    assert user.has_perm("projecten.view_dashboard") is programme
    assert user.has_perm("projecten.view_wijkteam_figures", smederij.wijkteam) is wijkteam
    assert user.has_perm("projecten.view_smederij_figures", smederij) is smederij_
    assert user.has_perm("projecten.view_smederij_figures", other_smederij) is other
    assert user.has_perm("projecten.view_wijkteam_figures", other_smederij.wijkteam) is other


def test_the_annual_report_lists_every_funded_project_and_links_the_print_sheet(
    client, stuurgroep_member, history
):
    url = reverse("dashboard:annual-report", kwargs={"year": 2025})
    response = _get(client, stuurgroep_member, url)
    html = response.content.decode()
    funded = list(response.context["projects"])
    assert {p.pk for p in funded} == set(
        Grant.objects.filter(budget_year__year=2025)
        .exclude(proposal__status="cancelled")
        .values_list("proposal", flat=True)
    )
    for project in funded:
        assert project.title in html
    assert 'media="print"' in html and "css/print" in html
    assert (
        _get(
            client, stuurgroep_member, reverse("dashboard:annual-report", kwargs={"year": 1999})
        ).status_code
        == 404
    )


def _mapped(history):
    municipality = Municipality.objects.create(
        code="GM0118", name="Hoogeveen", map_view_box="0 0 100 100"
    )
    for i, smederij in enumerate((history.wijk, history.dorp)):
        area = smederij.area
        area.municipality = municipality
        area.outline_path = f"M{i * 50} 0h50v50h-50z"
        area.save()


@pytest.mark.parametrize("measure", report.MAP_MEASURES)
def test_the_choropleth_names_each_area_with_its_value_and_is_the_same_for_the_same_data(
    history, measure
):
    _mapped(history)

    def render():
        cache.clear()
        data = dashboard_data(scope=FigureScope(year=2025))
        choropleth = report.choropleth(data, measure=measure, page_url="/cijfers/")
        the_map = area_map(
            data.smederijen,
            values=choropleth.values,
            legend=choropleth.legend,
            names=choropleth.names,
            title=choropleth.title,
        )
        return choropleth, render_to_string("includes/area_map.html", {"area_map": the_map})

    choropleth, html = render()
    assert render()[1] == html  # a snapshot: the same data draws the same SVG
    assert len(choropleth.legend) == report.STEPS
    for smederij in (history.wijk, history.dorp):
        label = choropleth.names[smederij.pk]
        assert label.startswith(f"{smederij.name}: ")
        assert f'aria-label="{label}"' in html
        assert f"area-map__area--shade-{choropleth.values[smederij.pk]}" in html
    assert choropleth.title in html


def test_the_choropleth_of_granted_per_inhabitant_divides_the_grants(history):
    data = dashboard_data(scope=FigureScope(year=2025))
    choropleth = report.choropleth(data, measure="granted", page_url="/cijfers/")
    wijk = history.wijk
    committed = sum(
        (
            g.amount
            for g in history.grants
            if g.budget_year.year == 2025 and g.proposal.smederij_id == wijk.pk
        ),
        start=0,
    ) - sum(
        (
            r.amount
            for r in history.records["released"]
            if r.grant.budget_year.year == 2025 and r.grant.proposal.smederij_id == wijk.pk
        ),
        start=0,
    )
    expected = report.euro(
        (committed / wijk.area.inhabitants).quantize(committed.__class__("0.01"))
    )
    assert choropleth.names[wijk.pk].startswith(f"{wijk.name}: {expected}")
    # The higher value is in the higher step.
    values = choropleth.values
    assert values[history.dorp.pk] > values[wijk.pk] or values[history.dorp.pk] == values[wijk.pk]


def test_the_menu_and_the_smederij_page_lead_to_the_figures(
    stuurgroep_member, professional, resident, smederij
):
    figures = reverse("dashboard:overview")
    assert figures in [item.url for item in navigation.navigation_for(stuurgroep_member)]
    assert figures not in [item.url for item in navigation.navigation_for(resident)]
    own = reverse("dashboard:smederij", kwargs={"slug": smederij.slug})
    assert own in [item.url for item in navigation.smederij_pages(professional, smederij)]
    assert own not in [item.url for item in navigation.smederij_pages(resident, smederij)]
    team = reverse("dashboard:wijkteam", kwargs={"slug": smederij.wijkteam.slug})
    assert team in [item.url for item in navigation.figure_links(professional, [smederij.wijkteam])]


def test_my_overview_of_the_stuurgroep_links_to_the_figures(client, stuurgroep_member):
    html = _get(client, stuurgroep_member, reverse("smederijen:my-overview")).content.decode()
    assert f'href="{OVERVIEW}"' in html


def test_the_figures_of_a_synthetic_history_equal_its_records(client, stuurgroep_member):
    from django.db.models import Sum

    from budget.models import Payment

    call_command("seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command(
        "generate_synthetic",
        years=2,
        proposals=200,
        supports=500,
        comments=200,
        ballots=500,
        seed=3,
        force=True,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    figures = report.Figures(dashboard_data(scope=FigureScope()))
    assert (
        figures.funnel()["handed_in"] == Proposal.objects.filter(submitted_at__isnull=False).count()
    )
    assert figures.money()["granted"] == Grant.objects.aggregate(total=Sum("amount"))["total"]
    assert figures.money()["paid"] == Payment.objects.aggregate(total=Sum("amount"))["total"]
    from projecten.models import Comment, Support

    assert figures.facts()["supports"] == Support.objects.count()
    assert figures.facts()["comments"] == Comment.objects.filter(hidden_at__isnull=True).count()
    client.force_login(stuurgroep_member)
    assert client.get(OVERVIEW).status_code == 200


def test_the_dashboard_offers_its_records_as_files_with_its_filters(
    client, stuurgroep_member, history
):
    html = _get(client, stuurgroep_member, OVERVIEW + "?year=2025&klap=korte").content.decode()
    export = reverse("dashboard:export", kwargs={"dataset": "voorstellen", "file_format": "xlsx"})
    assert f'href="{export}?year=2025&amp;klap=korte"' in html
    assert 'href="#exports"' in html


def test_the_figures_of_a_wijkteam_offer_no_files_to_its_professionals(client, history):
    professional = factories.WijkteamMembershipFactory(wijkteam=history.wijk.wijkteam).user
    html = _get(
        client,
        professional,
        reverse("dashboard:wijkteam", kwargs={"slug": history.wijk.wijkteam.slug}),
    ).content.decode()
    assert "data-export-links" not in html
