from django.core.management.base import BaseCommand
from django.db import transaction

from budget.seed import budget_years_seed
from smederijen.areas.services import SEED_AREAS_CSV, area_rows_from_csv, areas_import
from smederijen.services import functional_admin_group_ensure, organisations_import


# `seed` lives in budget, the lowest app that may use every app it seeds (wijken ←
# smederijen ← budget): the areas, teams and partners, then the budget years.
class Command(BaseCommand):
    help = (
        "Load the 24 Smederijen, their areas and wijkteams, the partner organisations "
        "and the budget years 2012, 2013 and the current year (on the figures of 2013). Safe to run again: it changes nothing twice."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        organisations = organisations_import()
        report = areas_import(rows=area_rows_from_csv(SEED_AREAS_CSV))
        years = budget_years_seed()
        functional_admin_group_ensure()
        self.stdout.write(
            f"Organisaties: {len(organisations)}; gebieden: {len(report.created)} nieuw, "
            f"{len(report.updated)} bijgewerkt, {len(report.unchanged)} ongewijzigd; "
            f"begrotingsjaren nieuw: {', '.join(str(y.year) for y in years) or 'geen'}."
        )
        if report.without_outline:
            self.stderr.write(
                "Let op: zonder buurten en zonder reden waarom niet op de kaart: "
                + ", ".join(report.without_outline)
            )
