"""The one-time form tokens themselves: who may use one, for how long, and that a second use
finds the first one's result."""

import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from healthmatch.once import services
from healthmatch.once.models import FormToken
from healthmatch.once.tasks import purge_form_tokens
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_read_returns_the_nonce_of_a_token_minted_for_the_same_person():
    user = f.UserFactory()
    first, second = services.mint(user), services.mint(user)
    assert first != second
    assert services.read(first, user) != services.read(second, user)


def test_read_refuses_a_token_minted_for_someone_else():
    token = services.mint(f.UserFactory())
    with pytest.raises(ValidationError) as refused:
        services.read(token, f.UserFactory())
    assert refused.value.code == "once_invalid"


@pytest.mark.parametrize("value", ["", "made-up", "eyJuIjoiYSJ9:1abc:forged"])
def test_read_refuses_a_missing_or_forged_token(value):
    with pytest.raises(ValidationError) as refused:
        services.read(value, f.UserFactory())
    assert refused.value.code == "once_invalid"


def test_read_refuses_a_token_older_than_its_lifetime(settings, monkeypatch):
    settings.ONCE_TOKEN_MAX_AGE = 3600
    user = f.UserFactory()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 3601)
    token = services.mint(user)
    monkeypatch.setattr(time, "time", real_time)
    with pytest.raises(ValidationError) as refused:
        services.read(token, user)
    assert refused.value.code == "once_expired"
    assert "open for too long" in refused.value.messages[0]


def test_a_second_claim_finds_the_first_claims_result():
    user = f.UserFactory()
    nonce = services.read(services.mint(user), user)
    assert services.used_result(nonce) is None
    services.record_result(services.claim(nonce, user), "/needs/7/")
    with pytest.raises(services.AlreadyUsed) as used:
        services.claim(nonce, user)
    assert used.value.result_url == "/needs/7/"
    assert services.used_result(nonce) == "/needs/7/"
    assert FormToken.objects.count() == 1


def test_the_beat_task_purges_only_tokens_past_their_lifetime(settings):
    settings.ONCE_TOKEN_MAX_AGE = 3600
    now = timezone.now()
    FormToken.objects.create(token="old", used_at=now - timedelta(seconds=3601))
    FormToken.objects.create(token="recent", used_at=now - timedelta(seconds=60))
    assert purge_form_tokens() == 1
    assert list(FormToken.objects.values_list("token", flat=True)) == ["recent"]


def test_the_template_tag_renders_a_hidden_token_for_the_person_shown_the_form():
    user = f.UserFactory()
    request = RequestFactory().get("/")
    request.user = user
    html = Template("{% once_token %}").render(Context({"request": request}))
    assert html.startswith('<input type="hidden" name="once_token" value="')
    value = html.split('value="')[1].split('"')[0]
    assert services.read(value, user)
