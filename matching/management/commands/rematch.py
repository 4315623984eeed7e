"""Rescore matches now, in this process: the same service the Celery tasks call."""

import time

from django.core.management.base import BaseCommand, CommandError

from matching.runs.rescore import rescore


class Command(BaseCommand):
    help = (
        "Rescore matches synchronously: incremental (needs and capabilities changed since the "
        "last successful run) or, with --full, everything."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Rescore every need against every capability."
        )

    def handle(self, *args, full=False, **options):
        started = time.monotonic()

        def progress(message):
            self.stdout.write(f"[{time.monotonic() - started:7.1f}s] {message}")
            self.stdout.flush()

        progress("Full rescore…" if full else "Incremental rescore…")
        run = rescore(full=full, progress=progress)
        if run is None:
            raise CommandError("Another matching run is in progress; try again later.")
        run.refresh_from_db()
        if run.state != run.State.DONE:
            raise CommandError(f"Run {run.pk} ended {run.state}: {run.error}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Run {run.pk} ({run.get_kind_display().lower()}) done in "
                f"{time.monotonic() - started:.1f}s: {run.needs} needs, "
                f"{run.capabilities} capabilities, {run.matches} matches written, "
                f"{run.retired} retired."
            )
        )
