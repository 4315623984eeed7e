"""Requests per second and p99 of the API's needs list (with a token), the needs list page and
the barest Django view, on 10,000 needs. See healthmatch/bench/api_runner.py and
docs/benchmarks.md ("The REST API").

    manage.py api_bench --needs 10000 --requests 300
"""

import json

from django.core.management.base import BaseCommand, CommandError

from healthmatch.bench import api_runner


class Command(BaseCommand):
    help = (
        "Create N published needs, then time GET requests to the API's needs list (with a "
        "token), the needs list page and a bare Django view, in this process through Django's "
        "test client; print requests per second, p50 and p99, and remove the data. The last "
        "line is JSON. Use a throwaway database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--needs", type=int, default=10_000)
        parser.add_argument("--requests", type=int, default=300, help="per target (300)")
        parser.add_argument("--warmup", type=int, default=20)
        parser.add_argument(
            "--path",
            default="/api/v1/needs/",
            help="the API list to time (falls back to /api/v1/organisations/ when missing)",
        )
        parser.add_argument("--keep", action="store_true", help="leave the data in place")

    def handle(self, *args, **options):
        if options["needs"] < 1 or options["requests"] < 1 or options["warmup"] < 1:
            raise CommandError("--needs, --requests and --warmup must be at least 1.")
        if not options["path"].startswith("/api/"):
            raise CommandError("--path must be an API path, e.g. /api/v1/needs/.")
        result = api_runner.run(
            needs=options["needs"],
            requests=options["requests"],
            warmup=options["warmup"],
            path=options["path"],
            keep=options["keep"],
            say=self.stdout.write,
        )
        self.stdout.write(json.dumps(result))
