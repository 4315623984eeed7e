"""api_bench times the API list, the needs page and a bare view, prints a JSON last line and
leaves no data behind."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from healthmatch.accounts.models import Hub, Organisation, User
from healthmatch.api.models import ApiToken
from needs.models import Need

pytestmark = pytest.mark.django_db


def test_api_bench_measures_three_targets_and_cleans_up():
    out = StringIO()

    call_command("api_bench", needs=30, requests=3, warmup=1, stdout=out)

    lines = out.getvalue().strip().splitlines()
    result = json.loads(lines[-1])
    assert result["needs"] == 30
    assert result["bare"]["path"] == "/bench/bare/" and result["page"]["path"] == "/needs/"
    assert result["api"]["path"] in {"/api/v1/needs/", "/api/v1/organisations/"}
    for target in ("api", "page", "page_anonymous", "bare"):
        assert result[target]["per_second"] > 0 and result[target]["p99_ms"] > 0
    assert not Need.objects.exists() and not Organisation.objects.exists()
    assert not Hub.objects.filter(slug__startswith="api-bench-").exists()
    assert not User.objects.exists() and not ApiToken.objects.exists()


def test_api_bench_refuses_a_path_outside_the_api():
    with pytest.raises(CommandError, match="API path"):
        call_command("api_bench", path="/needs/", stdout=StringIO())
