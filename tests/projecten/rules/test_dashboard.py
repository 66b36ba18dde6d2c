"""The role matrix of the exports of the figures (decision 0035).

The stuurgroep and the administrators export over every Smederij and year; a large
export's job and file are its owner's alone, while the owner may still export.
"""

import pytest

from projecten.models import ExportJob
from tests.role_world import ROLES, module_world

pytestmark = pytest.mark.django_db

world = module_world()

EXPORTERS = {"stuurgroep_member", "beheerder"}


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
