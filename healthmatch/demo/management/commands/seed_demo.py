"""manage.py seed_demo: load (or refresh) the Nordic demo world. Safe to run any number of times."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from healthmatch.demo.report import login_lines, summary_lines
from healthmatch.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Create or refresh the demo data: hubs, buyers, needs, companies, capabilities, bids, "
        "matchmaking days and demo logins. Idempotent: a second run changes nothing. Sends no "
        "email."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Print one line instead of the summary."
        )
        parser.add_argument(
            "--date",
            help="Pretend today is this date (YYYY-MM-DD); deadlines and history are relative "
            "to it. Defaults to today.",
        )

    def handle(self, *args, quiet=False, date=None, **options):
        today = None
        if date:
            try:
                today = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}")
        started = time.monotonic()
        # The seeder calls the services with bulk=True: matching rescores nothing per seeded item
        # (`make seed` queues one full run afterwards).
        result = seed_demo(today)
        elapsed = time.monotonic() - started
        created = sum(result.created.values())
        updated = sum(result.updated.values())
        links = sum(result.links.values())
        headline = (
            f"Demo data ready in {elapsed:.1f} s: {created} rows created, {updated} updated, "
            f"{links} tag and link sets written."
            if result.changes
            else f"Demo data already up to date ({elapsed:.1f} s): nothing changed."
        )
        self.stdout.write(self.style.SUCCESS(headline))
        if quiet:
            return
        self.stdout.write("")
        for line in summary_lines():
            self.stdout.write(line)
        self.stdout.write("")
        for line in login_lines():
            self.stdout.write(line)
