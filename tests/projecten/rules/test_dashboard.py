"""The role matrix of the figures (decision 0033) and of their exports (decision 0035).

The stuurgroep and the administrators read every figure and export over every Smederij and
year; a wijkteam's professionals and gebiedsregisseur read that wijkteam's and its
Smederijen's figures; a Smederij's initiatiefgroep reads that Smederij's. A large export's
job and file are its owner's alone, while the owner may still export.
"""

import pytest

from projecten.models import ExportJob
from tests.role_world import ROLES, module_world

pytestmark = pytest.mark.django_db

world = module_world()

EXPORTERS = {"stuurgroep_member", "beheerder"}
OVERSEERS = {"stuurgroep_member", "beheerder"}

# permission: the roles that hold it on Smederij A (or A's wijkteam), and on B.
FIGURES = {
    "projecten.view_dashboard": (OVERSEERS, OVERSEERS),
    "projecten.view_wijkteam_figures": (
        OVERSEERS | {"professional", "gebiedsregisseur"},
        OVERSEERS | {"other_professional", "other_gebiedsregisseur"},
    ),
    "projecten.view_smederij_figures": (
        OVERSEERS | {"professional", "gebiedsregisseur", "initiatiefgroep_member"},
        OVERSEERS | {"other_professional", "other_gebiedsregisseur"},
    ),
}


@pytest.mark.parametrize("permission", sorted(FIGURES))
@pytest.mark.parametrize("role", ROLES)
def test_who_reads_which_figures(world, role, permission):
    user = world.user(role)
    for smederij, allowed in zip(
        (world.smederij, world.other_smederij), FIGURES[permission], strict=True
    ):
        if permission == "projecten.view_dashboard":
            target = None
        elif permission == "projecten.view_wijkteam_figures":
            target = smederij.wijkteam
        else:
            target = smederij
        args = () if target is None else (target,)
        assert user.has_perm(permission, *args) is (role in allowed), (role, smederij.name)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_stuurgroep_and_administrators_export_the_figures(world, role):
    assert world.user(role).has_perm("projecten.export_figures") is (role in EXPORTERS)


@pytest.mark.parametrize("role", ROLES)
def test_an_export_job_is_seen_by_its_owner_alone(world, role):
    job = ExportJob.objects.create(
        owner=world.user("stuurgroep_member"), dataset="voorstellen", file_format="csv"
    )
    assert world.user(role).has_perm("projecten.view_export_job", job) is (
        role == "stuurgroep_member"
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_its_own_job_only_while_it_may_export(world, role):
    user = world.user(role)
    if not user.is_authenticated:
        assert not user.has_perm("projecten.view_export_job", None)
        return
    job = ExportJob.objects.create(owner=user, dataset="voorstellen", file_format="xlsx")
    assert user.has_perm("projecten.view_export_job", job) is (role in EXPORTERS)
