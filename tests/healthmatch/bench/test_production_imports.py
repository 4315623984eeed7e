"""The production image installs the project without the ``dev`` extra: no code that ships may
import a dev-only package, at the top of a module or inside a function. Only the benchmark app
(healthmatch/bench, installed in development) and the tests may."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_PACKAGES = ("healthmatch", "needs", "companies", "matching", "events")
DEV_ONLY = ("aiosmtpd", "bm25s", "psutil", "factory", "pytest", "playwright", "hypothesis")
# Not shipped code: the benchmark app and the test settings. And the WSGI entry point, which
# refuses to load in production before collectstatic (tests/test_deploy_files.py starts it).
EXCLUDED = ("healthmatch.bench", "healthmatch.test_settings", "healthmatch.wsgi")

IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import django
django.setup()
from django.conf import settings

packages, excluded, dev_only = sys.argv[1].split(","), tuple(sys.argv[2].split(",")), sys.argv[3]
imported, failed = [], {}
def skipped(name):
    parts = name.split(".")
    return "migrations" in parts or "tests" in parts or name.startswith(excluded)
for package in packages:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if skipped(info.name):
            continue
        try:
            importlib.import_module(info.name)
            imported.append(info.name)
        except Exception as error:  # reported, so a broken module cannot hide an import
            failed[info.name] = repr(error)
print(json.dumps({
    "imported": imported,
    "failed": failed,
    "dev_loaded": sorted(m for m in dev_only.split(",") if m in sys.modules),
    "bench_installed": "healthmatch.bench" in settings.INSTALLED_APPS,
}))
"""


def production_environment(tmp_path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "HEALTHMATCH_", "PYTEST_"))
        and key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="healthmatch.settings",
        DEBUG="0",
        SECRET_KEY="production-imports-test-only-secret-key-0123456789abcdefghijklmn",
        ALLOWED_HOSTS="healthmatch.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        HEALTHMATCH_VAR_DIR=str(tmp_path / "var"),
        EMAIL_URL="locmem://",
    )
    return env


def test_production_modules_import_no_dev_only_package(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            IMPORT_EVERYTHING,
            ",".join(PRODUCTION_PACKAGES),
            ",".join(EXCLUDED),
            ",".join(DEV_ONLY),
        ],
        cwd=ROOT,
        env=production_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert not report["bench_installed"]
    assert report["failed"] == {}
    assert "healthmatch.demo.seed" in report["imported"]
    assert "matching.engine.api" in report["imported"]
    assert report["dev_loaded"] == []


def dev_only_imports(path: Path) -> list[str]:
    """``module: line`` for each import of a dev-only package anywhere in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{name}: line {node.lineno}" for name in names if name.split(".")[0] in DEV_ONLY]
    return found


def production_sources(root: Path):
    for package in PRODUCTION_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            dotted = ".".join(parts)
            if "migrations" in parts or "tests" in parts or dotted.startswith(EXCLUDED):
                continue
            yield path


def test_production_sources_never_import_a_dev_only_package():
    """Also the imports inside functions, which importing the modules does not run."""
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in production_sources(ROOT)
        if (found := dev_only_imports(path))
    }
    assert offenders == {}
