from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from smederijen.areas.services import area_rows_from_csv, areas_import


class Command(BaseCommand):
    help = (
        "Load a corrected list of areas (CSV with the columns name, kind, wijkteam, "
        "inhabitants, postcodes) the same way the seed does."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file to load.")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            report = areas_import(rows=area_rows_from_csv(path))
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            f"Gebieden: {len(report.created)} nieuw, {len(report.updated)} bijgewerkt, "
            f"{len(report.unchanged)} ongewijzigd."
        )
        if report.without_outline:
            # Not silent: an area off the map without a word why is a gap in the data.
            self.stderr.write(
                "Let op: zonder buurten en zonder reden waarom niet op de kaart: "
                + ", ".join(report.without_outline)
            )
