from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from smederijen.twofactor.demo import demo_totp_code, demo_totp_secret


class Command(BaseCommand):
    help = (
        "The current two-factor code of the demo accounts (gebiedsregisseur, stuurgroep, "
        "beheerder). Refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code weigert te draaien met DEBUG=0: alleen voor de demo")
        self.stdout.write(demo_totp_code())
        self.stdout.write(
            self.style.NOTICE(f"(sleutel voor een authenticator-app: {demo_totp_secret()})"),
        )
