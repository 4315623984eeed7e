"""Issue 16's page benchmark: the main pages under wrk beside the barest Django view, on a private
stage (PostgreSQL, Redis, gunicorn with 2 workers and production settings) with 10,000 published
needs and 2,000 companies, removed afterwards. See healthmatch/bench/pages/runner.py and
docs/benchmarks.md ("Page speed").

    make bench-pages
    manage.py page_bench --needs 10000 --companies 2000 --duration 10 --connections 20
    manage.py page_bench --no-page-cache   # what each page costs when it is rendered
"""

import json
import signal
import sys

from django.core.management.base import BaseCommand, CommandError

from healthmatch.bench.pages import runner


class Command(BaseCommand):
    help = (
        "Build a throwaway stage with N published needs and M companies, serve it with gunicorn "
        "(2 workers, production settings), load each main page with wrk as the right person and "
        "the barest Django view before and after; print requests/s, p50, p99, errors and the "
        "ratio to the bare view per page, then a JSON line. Removes the stage at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("--needs", type=int, default=10_000, help="published needs (10,000)")
        parser.add_argument("--companies", type=int, default=2_000, help="companies (2,000)")
        parser.add_argument("--duration", type=int, default=10, help="seconds per page (10)")
        parser.add_argument("--connections", type=int, default=20, help="open connections (20)")
        parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
        parser.add_argument(
            "--pages", nargs="+", choices=runner.PAGES, help="some of the pages (all)"
        )
        parser.add_argument("--seed", type=int, default=0, help="seed of the world (0)")
        parser.add_argument(
            "--keep", action="store_true", help="keep the stage's folder: logs, wrk's output"
        )
        parser.add_argument(
            "--no-page-cache",
            action="store_true",
            help="whole pages not kept (PAGE_CACHE_SECONDS=0): every request renders its page",
        )

    def handle(self, *args, **options):
        for name in ("needs", "companies", "duration", "connections", "threads"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        # A stopped run (SIGTERM as well as Ctrl-C) still stops the stage and removes it.
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            result = runner.run(
                needs=options["needs"],
                companies=options["companies"],
                seconds=options["duration"],
                connections=options["connections"],
                threads=options["threads"],
                pages=tuple(options["pages"] or runner.PAGES),
                seed=options["seed"],
                keep=options["keep"],
                page_cache=not options["no_page_cache"],
                say=self.stdout.write,
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write(json.dumps(result))
