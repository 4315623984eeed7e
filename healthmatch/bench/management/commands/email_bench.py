"""Match digests for N people through the outbox to an SMTP server on loopback, beside a raw
smtplib loop to the same server. See healthmatch/bench/email_runner.py and docs/benchmarks.md."""

import json

from django.core.management.base import BaseCommand, CommandError

from healthmatch.bench import email_runner


class Command(BaseCommand):
    help = (
        "Build N people with new matches (in the current database, deleted afterwards), run the "
        "daily digest and the outbox's send task against an SMTP server it starts on loopback, "
        "then a raw smtplib loop; print messages per second, duplicates and missing messages. "
        "Use a throwaway database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=5000, help="People to email (5000).")
        parser.add_argument(
            "--matches", type=int, default=3, help="New matches per person (3, at most 40)."
        )
        parser.add_argument(
            "--keep", action="store_true", help="Keep the generated data and outbox rows."
        )

    def handle(self, *args, users, matches, keep, **options):
        most = email_runner.NEEDS
        if users < 1 or not 1 <= matches <= most:
            raise CommandError(f"--users must be at least 1 and --matches 1 to {most}.")
        try:
            result = email_runner.run(users, matches, keep=keep, say=self.stdout.write)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"outbox {result['messages_per_second']}/s vs raw smtplib "
            f"{result['raw_smtp_per_second']}/s (ratio {result['ratio']}); "
            f"duplicates {result['duplicates']}, missing {result['missing']}"
        )
        self.stdout.write(json.dumps(result))
