import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projecten.synthetic import Options, SyntheticCheckFailed, SyntheticRefused, synthetic_generate


class Command(BaseCommand):
    help = (
        "Fill a benchmark database with a believable history of the 24 Smederijen: budget "
        "years, proposals in every status, grants and payments, votes, elections with "
        "ballots, verantwoordingen, supports and comments. Run `seed` first. Refuses with "
        "DEBUG off (unless --force) and on a database that already has synthetic data."
    )

    def add_arguments(self, parser):
        defaults = Options()
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument("--proposals", type=int, default=defaults.proposals)
        parser.add_argument("--supports", type=int, default=defaults.supports)
        parser.add_argument("--comments", type=int, default=defaults.comments)
        parser.add_argument(
            "--ballots",
            type=int,
            default=defaults.ballots,
            help="Choices on ballots (BallotChoice rows) over all election rounds.",
        )
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with DEBUG off too (a benchmark database only).",
        )

    def handle(self, *args, **options):
        # Thousands of made-up residents and a ledger of made-up money: never on a real site.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "generate_synthetic weigert te draaien met DEBUG=0: het is voor "
                "benchmarkdatabases (gebruik --force als dit er een is)"
            )
        for name in ("years", "proposals", "supports", "comments", "ballots"):
            if options[name] < (1 if name in ("years", "proposals") else 0):
                raise CommandError(f"--{name} moet positief zijn")
        if options["years"] > 90:
            raise CommandError("--years is hoogstens 90")
        started = time.monotonic()
        try:
            counts = synthetic_generate(
                Options(
                    **{
                        k: options[k]
                        for k in ("years", "proposals", "supports", "comments", "ballots", "seed")
                    }
                ),
                log=self.stdout.write,
            )
        except (SyntheticRefused, SyntheticCheckFailed) as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label}: {count:,}")
        self.stdout.write(
            f"Klaar: {sum(counts.values()):,} rijen in {time.monotonic() - started:.0f} s."
        )
