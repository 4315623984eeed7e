"""The failure drills: the worker killed, Redis and PostgreSQL restarted, two beats, load. Each
runs on a stage of its own (a private PostgreSQL cluster and Redis server on loopback), so the
machine's servers and databases are never touched. See healthmatch/bench/drills/ and
docs/benchmarks.md."""

import json

from django.core.management.base import BaseCommand, CommandError

from healthmatch.bench.drills import runner


class Command(BaseCommand):
    help = (
        "Run the failure drills (kills, outages, beats, load; all by default) and print their "
        "figures, then a JSON line. Exits with an error when a drill breaks its promise."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "drills", nargs="*", choices=[*runner.DRILLS, []], help="Which drills (all)."
        )
        parser.add_argument("--seed", type=int, default=0, help="Seed of the kill times (0).")
        parser.add_argument(
            "--keep", action="store_true", help="Keep each stage's folder and logs."
        )

    def handle(self, *args, drills, seed, keep, **options):
        try:
            result = runner.run(
                drills or runner.DRILLS, seed=seed, keep=keep, say=self.stdout.write
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, default=str))
        if result["failed"]:
            raise CommandError(f"drills failed: {result['failed']}")
