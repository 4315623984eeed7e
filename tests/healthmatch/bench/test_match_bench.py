"""Benchmark plumbing: metrics against hand-computed values, loaders on tiny fixtures, TREC
runs, and a tiny match_bench --synthetic run."""

import json
import math

import pytest
from django.core.management import CommandError, call_command

from healthmatch.bench.beir import load_beir
from healthmatch.bench.metrics import (
    evaluate,
    ndcg_at,
    paired_bootstrap,
    ranked,
    recall_at,
    write_trec_run,
)
from healthmatch.bench.platform import (
    LabelMap,
    RegionMap,
    default_taxonomy,
    load_platform,
    synthetic_id,
)

JUDGED = {"d1": 2, "d2": 1, "d3": 1}
RUN = {"d4": 0.9, "d1": 0.8, "d2": 0.7}


def test_ndcg_uses_linear_graded_gains_and_the_ideal_from_all_judgments():
    dcg = 2 / math.log2(3) + 1 / math.log2(4)
    ideal = 2 + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(RUN, JUDGED, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at(RUN, JUDGED, 1) == 0.0


def test_recall_counts_relevant_documents_in_the_cut():
    assert recall_at(RUN, JUDGED, 100) == pytest.approx(2 / 3)
    assert recall_at(RUN, JUDGED, 2) == pytest.approx(1 / 3)


def test_ties_are_broken_by_document_id_descending_as_trec_eval_does():
    assert ranked({"a": 1.0, "b": 1.0, "c": 2.0}) == ["c", "b", "a"]


def test_evaluate_averages_judged_queries_and_counts_missing_ones_as_zero():
    result = evaluate({"q1": RUN}, {"q1": JUDGED, "q2": {"d9": 1}, "q3": {"d1": 0}})
    assert result["queries"] == 2
    assert result["recall@100"] == pytest.approx((2 / 3) / 2)


def test_trec_run_file_has_six_columns_best_first(tmp_path):
    path = tmp_path / "run.trec"
    write_trec_run(path, {"q1": RUN}, tag="hm", depth=2)
    assert path.read_text().splitlines() == ["q1 Q0 d4 1 0.900000 hm", "q1 Q0 d1 2 0.800000 hm"]


@pytest.fixture
def beir_dir(tmp_path):
    (tmp_path / "qrels").mkdir()
    (tmp_path / "corpus.jsonl").write_text(
        '{"_id": "D1", "title": "Statins", "text": "statin use and breast cancer survival"}\n'
        '{"_id": "D2", "title": "", "text": "vitamin d and bone health"}\n'
    )
    (tmp_path / "queries.jsonl").write_text(
        '{"_id": "Q1", "text": "Do statins help breast cancer?"}\n'
        '{"_id": "Q2", "text": "unjudged"}\n'
    )
    (tmp_path / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\nQ1\tD1\t2\n")
    return tmp_path


def test_beir_loader_keeps_judged_queries_as_english_needs(beir_dir):
    data = load_beir(beir_dir, split="dev")
    assert [(n.title, n.language) for n in data.needs] == [("Do statins help breast cancer?", "en")]
    assert [c.title for c in data.capabilities] == ["Statins", ""]
    assert data.qrels == {"Q1": {"D1": 2}}
    assert data.cap_keys[data.capabilities[0].id] == "D1"


def test_match_bench_beir_prints_figures_and_json_last(beir_dir, tmp_path, capsys):
    run = tmp_path / "out.trec"
    call_command("match_bench", beir=str(beir_dir), split="dev", semantic=False, run=str(run))
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert result["ndcg@10"] == 1.0
    assert {
        "recall@100",
        "index_seconds",
        "queries_per_second",
        "bm25s_ndcg@10",
        "naive_ndcg@10",
    } <= set(result)
    assert run.read_text().startswith("Q1 Q0 D1 1 ")


def test_label_map_maps_by_name_and_keeps_unknown_labels():
    areas = LabelMap(
        "area", {1: "Geriatrics", 2: "Respiratory medicine (COPD, asthma)", 3: "Emergency medicine"}
    )
    assert areas("Geriatrics and elderly care") == 1
    assert areas("respiratory") == 2
    assert areas("Emergency care") == 3
    unknown = areas("Maternal and child health")
    assert unknown == synthetic_id("area", "Maternal and child health") < 0
    assert areas("maternal and child health") == unknown
    assert areas.names[unknown] == "Maternal and child health"


def test_region_map_expands_countries_and_groups():
    regions = RegionMap(default_taxonomy().regions)
    midtjylland = regions.need("Region Midtjylland")
    assert midtjylland & regions.capability("Denmark")
    assert midtjylland & regions.capability("Nordics")
    assert not midtjylland & regions.capability("Sweden")
    assert not midtjylland & regions.capability("Region Hovedstaden")
    assert regions.need("City of Helsinki") & regions.capability("Finland")


def test_platform_loader_reads_structured_fields(tmp_path):
    (tmp_path / "qrels").mkdir()
    (tmp_path / "needs.jsonl").write_text(
        json.dumps(
            {
                "_id": "n1",
                "title": "Tidlig opsporing af KOL",
                "summary": "Borgere måler selv.",
                "description": "Hjemme.",
                "clinical_areas": ["Respiratory"],
                "care_settings": ["Home care"],
                "technology_types": ["Telehealth"],
                "min_trl": 8,
                "required_regulatory": ["CE MDR class I"],
                "regions": ["Region Midtjylland"],
                "language": "da",
            }
        )
        + "\n"
    )
    (tmp_path / "capabilities.jsonl").write_text(
        json.dumps(
            {
                "_id": "c1",
                "company": "LungeLink ApS",
                "title": "Telemedicinsk opfølgning af borgere",
                "description": "Borgere med lungesygdom måler hjemme.",
                "clinical_areas": ["Respiratory"],
                "care_settings": ["Home care"],
                "technology_types": ["Telehealth"],
                "trl": 9,
                "regulatory": [{"item": "CE MDR class IIa", "expires": "2029-01-31"}],
                "regions": ["Denmark"],
                "languages": ["da"],
            }
        )
        + "\n"
    )
    (tmp_path / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nn1\tc1\t2\n")
    data = load_platform(tmp_path)
    need, cap = data.needs[0], data.capabilities[0]
    assert need.language == "da" and cap.language == "da"
    assert need.clinical_areas == cap.clinical_areas and min(need.clinical_areas) > 0
    assert "Respiratory medicine (COPD, asthma)" in need.tags
    assert need.regions & cap.regions
    (required,) = need.required_regulatory
    (held,) = cap.regulatory
    assert required in data.regulatory_implies[held]
    assert data.qrels == {"n1": {"c1": 2}}


def test_match_bench_synthetic_smoke_run_prints_json_keys(capsys):
    call_command("match_bench", synthetic=True, needs=6, capabilities=40)
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"full_seconds", "incremental_ms", "peak_rss_mb", "bm25s_text_stage_seconds"} <= set(
        result
    )
    assert result["pairs"] > 0
    assert result["dim"] == 384
    each = result["incremental_ms_each"]
    assert len(each) == 5 and min(each) <= result["incremental_ms"] <= max(each)


def test_match_bench_synthetic_takes_the_embedding_width(capsys):
    call_command("match_bench", synthetic=True, needs=6, capabilities=40, dim=768, no_bm25s=True)
    out = capsys.readouterr().out
    assert "random unit vectors (768 dimensions)" in out
    assert json.loads(out.strip().splitlines()[-1])["dim"] == 768


def test_match_bench_synthetic_stands_in_for_a_named_embedder(capsys):
    """The model is not needed (nor loaded): its width and engine settings are."""
    call_command(
        "match_bench", synthetic=True, needs=6, capabilities=40, embedder="mpnet", no_bm25s=True
    )
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (result["dim"], result["semantic_dims"]) == (768, 256)
    call_command("match_bench", synthetic=True, needs=6, capabilities=40, no_bm25s=True)
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (result["dim"], result["semantic_dims"]) == (384, None)


def test_match_bench_synthetic_refuses_a_width_below_two():
    with pytest.raises(CommandError, match="--dim must be at least 2"):
        call_command("match_bench", synthetic=True, needs=6, capabilities=40, dim=1)


def test_paired_bootstrap_interval_brackets_the_mean_difference():
    a = {f"q{i}": (0.5 + 0.01 * (i % 5), 0.4) for i in range(60)}
    b = {f"q{i}": (0.4, 0.4) for i in range(60)}
    b["only-b"] = (1.0, 1.0)  # queries one side lacks are left out
    mean, low, high = paired_bootstrap(a, b, metric=0, samples=2000)
    assert mean == pytest.approx(0.12)
    assert 0.1 < low < mean < high < 0.14
    assert paired_bootstrap(a, b, metric=1, samples=200) == (0.0, 0.0, 0.0)


def test_rrf_reference_fuses_bm25_and_embedding_ranks():
    import numpy as np

    from healthmatch.bench.references import RRF_K, rrf_run
    from matching.engine.types import CapabilityDoc, NeedDoc

    def unit(*values):
        v = np.array(values, dtype=np.float32)
        return v / np.linalg.norm(v)

    need = NeedDoc(id=1, title="fall alarm", body="", embedding=unit(1, 0))
    caps = [
        CapabilityDoc(id=10, title="fall alarm", body="", embedding=unit(0, 1)),  # words only
        CapabilityDoc(id=11, title="radar sensing", body="", embedding=unit(1, 0.1)),  # meaning
        CapabilityDoc(id=12, title="payroll", body="", embedding=unit(-1, 0.2)),  # neither
    ]
    run = rrf_run([need], caps, k=3)[1]
    # 10: BM25 rank 1 (the only match) + cosine rank 2; 11: cosine rank 1; 12: cosine rank 3
    assert run[10] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))
    assert run[11] == pytest.approx(1 / (RRF_K + 1))
    assert run[12] == pytest.approx(1 / (RRF_K + 3))
    assert list(run) == [10, 11, 12]
