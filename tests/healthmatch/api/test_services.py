"""Token lifecycle: the secret is shown once and stored only as a hash; expired, revoked and
deactivated people's tokens are refused; last use is noted at most once a minute."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from healthmatch.api import services
from healthmatch.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_create_token_stores_the_hash_and_returns_the_secret_once(owner):
    token, plaintext = services.create_token(
        owner, name=" Procurement system ", scope="read", expires_in_days=90
    )

    tag, prefix, secret = plaintext.split("_", 2)
    assert (tag, prefix) == ("hm", token.prefix)
    assert len(secret) >= 43  # 32 random bytes
    row = ApiToken.objects.get(pk=token.pk)
    assert row.name == "Procurement system"
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(vars(row).values())
    assert row.expires_at - row.created_at == timedelta(days=90)
    assert row.scope == ApiToken.Scope.READ


def test_create_token_refuses_an_unknown_expiry_scope_and_empty_name(owner):
    with pytest.raises(ValidationError) as caught:
        services.create_token(owner, name=" ", scope="admin", expires_in_days=3650)
    assert set(caught.value.error_dict) == {"name", "scope", "expires_in_days"}
    assert not ApiToken.objects.exists()


def test_two_tokens_never_share_a_prefix_or_secret(owner):
    (a, raw_a), (b, raw_b) = (
        services.create_token(owner, name=n, scope="read", expires_in_days=30) for n in "ab"
    )
    assert a.prefix != b.prefix and raw_a != raw_b


def test_authenticate_finds_the_token_and_its_person(owner):
    token, plaintext = services.create_token(owner, name="x", scope="read", expires_in_days=30)
    found = services.authenticate(plaintext)
    assert found.pk == token.pk and found.user == owner


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[:-1] + ("A" if raw[-1] != "A" else "B"),  # wrong secret
        lambda raw: "hm_00000000_" + raw.split("_", 2)[2],  # unknown prefix
        lambda raw: raw.replace("hm_", "xx_", 1),
        lambda raw: "",
        lambda raw: "hm__",
    ],
)
def test_authenticate_refuses_a_wrong_token(owner, mangle):
    _token, plaintext = services.create_token(owner, name="x", scope="read", expires_in_days=30)
    assert services.authenticate(mangle(plaintext)) is None


def test_authenticate_refuses_expired_revoked_and_deactivated(owner, member):
    expired, raw_expired = services.create_token(owner, name="e", scope="read", expires_in_days=30)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    revoked, raw_revoked = services.create_token(owner, name="r", scope="read", expires_in_days=30)
    services.revoke_token(revoked, by=owner)
    _t, raw_member = services.create_token(member, name="m", scope="read", expires_in_days=30)
    member.is_active = False
    member.save()

    assert services.authenticate(raw_expired) is None
    assert services.authenticate(raw_revoked) is None
    assert services.authenticate(raw_member) is None


def test_revoke_token_only_by_its_owner(owner, member):
    token, _raw = services.create_token(owner, name="x", scope="read", expires_in_days=30)
    with pytest.raises(PermissionDenied):
        services.revoke_token(token, by=member)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None

    services.revoke_token(token, by=owner)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    services.revoke_token(token, by=owner)
    assert first is not None and ApiToken.objects.get(pk=token.pk).revoked_at == first


def test_last_used_is_written_at_most_once_a_minute(owner):
    token, plaintext = services.create_token(owner, name="x", scope="read", expires_in_days=30)
    assert token.last_used_at is None

    services.authenticate(plaintext)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    services.authenticate(plaintext)
    assert first is not None
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # within the minute

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    services.authenticate(plaintext)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=2)


def test_active_tokens_are_capped(owner):
    for n in range(services.MAX_ACTIVE_TOKENS):
        services.create_token(owner, name=f"t{n}", scope="read", expires_in_days=30)
    with pytest.raises(ValidationError):
        services.create_token(owner, name="one more", scope="read", expires_in_days=30)
