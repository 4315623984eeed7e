"""The meeting scheduler on a generated matchmaking day, beside first-come-first-served and
the optimum; then a re-run after late requests. See healthmatch/bench/events_runner.py and
docs/benchmarks.md ("Meeting scheduler").

    manage.py event_bench --participants 500 --requests 2000 --tables 60 --slots 16
"""

import json

from django.core.management.base import BaseCommand, CommandError

from healthmatch.bench import events_runner


class Command(BaseCommand):
    help = (
        "Generate a matchmaking day (availability gaps, must-meets, caps, skewed popularity), "
        "schedule it, and print the scheduled count and value with the seconds taken, beside "
        "first-come-first-served and the optimum; the last line is JSON. Needs no database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=500)
        parser.add_argument("--requests", type=int, default=2000)
        parser.add_argument("--tables", type=int, default=60)
        parser.add_argument("--slots", type=int, default=16)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--time-limit", type=float, default=10.0, help="the scheduler's (10 s)")
        parser.add_argument(
            "--reference-time-limit",
            type=float,
            default=events_runner.REFERENCE_TIME_LIMIT,
            help="the exact reference's (300 s)",
        )
        parser.add_argument(
            "--late", type=int, default=events_runner.LATE_REQUESTS, help="late requests (50)"
        )

    def handle(self, *args, **options):
        if options["participants"] < 2 or options["slots"] < 1:
            raise CommandError("--participants must be at least 2 and --slots at least 1.")
        if min(options["requests"], options["tables"], options["late"]) < 0:
            raise CommandError("--requests, --tables and --late cannot be negative.")
        if options["time_limit"] <= 0 or options["reference_time_limit"] <= 0:
            raise CommandError("time limits must be positive.")
        result = events_runner.run(
            participants=options["participants"],
            requests=options["requests"],
            tables=options["tables"],
            slots=options["slots"],
            seed=options["seed"],
            time_limit=options["time_limit"],
            reference_time_limit=options["reference_time_limit"],
            late=options["late"],
            say=self.stdout.write,
        )
        self.stdout.write(json.dumps(result))
