import logging

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from projecten.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DemoOutOfSeason,
    DemoSeedMissing,
    demo_load,
)


class Command(BaseCommand):
    help = (
        "Load demo data for local use: one account per role (password "
        f"'{DEMO_PASSWORD}'), residents and their year so far, in the current year. Runs the seed first. "
        "Refuses to run with DEBUG off. Safe to run again: it creates nothing twice."
    )

    def handle(self, *args, **options):
        # The passwords are in the README: an account like these on a server is open to anyone.
        if not settings.DEBUG:
            raise CommandError(
                "demo weigert te draaien met DEBUG=0: dit zijn openbare wachtwoorden"
            )
        call_command("seed", stdout=self.stdout)
        # The story sends some 250 notifications to the demo's example.org people; on the
        # console backend of a laptop they would bury the account list below. In memory
        # they are, when the tasks run eagerly (a worker on a real broker sends them itself).
        # Eager Celery logs every task it ran; a line for each of them says nothing here.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(logging.WARNING)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            try:
                report = demo_load()
            except DemoOutOfSeason as error:
                # `make run` goes on to serve the site: an empty town for a few days around
                # the new year is better than no site at all.
                self.stderr.write(str(error))
                return
            except DemoSeedMissing as error:
                raise CommandError(str(error)) from error
            finally:
                trace.setLevel(level)
        self.stdout.write(
            f"Demo: {report.users_created} gebruikers en "
            f"{report.proposals_created} aanvragen nieuw aangemaakt."
        )
        self.stdout.write(f"Demo-accounts, alle met wachtwoord '{DEMO_PASSWORD}':")
        width = max(len(account.email) for account in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<{width}}  {account.role}")
