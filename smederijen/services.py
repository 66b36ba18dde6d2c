"""Operations that change Smederijen, teams and memberships."""

import csv
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Organisation, OrganisationKind

SEED_ORGANISATIONS_CSV = Path(__file__).resolve().parent / "data" / "organisations.csv"


@transaction.atomic
def organisations_import(*, path: Path = SEED_ORGANISATIONS_CSV) -> list[Organisation]:
    """Create the partner organisations listed in `path` that do not exist yet (by name)."""
    organisations = []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            name, kind = record["name"].strip(), record["kind"].strip()
            if kind not in OrganisationKind.values:
                raise ValidationError(
                    _("Line %(line)d: unknown kind of organisation '%(kind)s'.")
                    % {"line": line, "kind": kind}
                )
            organisation, _created = Organisation.objects.get_or_create(
                name__iexact=name, defaults={"name": name, "slug": slugify(name), "kind": kind}
            )
            organisations.append(organisation)
    return organisations


FUNCTIONAL_ADMIN_GROUP = "Functioneel beheer"
# What a functional administrator manages in the admin. The money records are
# in here too, but their admin grants only viewing (they change only through
# the budget services).
FUNCTIONAL_ADMIN_APPS = ("smederijen", "wijken", "projecten", "budget")


@transaction.atomic
def functional_admin_group_ensure() -> Group:
    """The permission group of the municipality's functional administrators.

    A functional administrator is staff in this group, not a superuser: Django
    lets a superuser pass every permission check, object permissions of the
    site included, and nobody who manages teams should pass those.
    """
    group, _created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=FUNCTIONAL_ADMIN_APPS)
    )
    # The audit log: to read, never to change or delete (decision 0029).
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="auditlog", codename="view_logentry")
    )
    return group
