"""The verbs of API tokens: create (the plaintext exists only in its return value), revoke, and
authenticate a presented token.

A token reads ``hm_<prefix>_<secret>``: the prefix (8 hex digits) finds the row, the secret
(32 random bytes, URL-safe base64) is checked against its stored SHA-256 in constant time.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from healthmatch.api.models import EXPIRY_CHOICES, ApiToken

TOKEN_TAG = "hm"
SECRET_BYTES = 32
# last_used_at is written at most this often per token, so a busy token does not write a row
# on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, *, name: str, scope: str, expires_in_days: int) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the plaintext token, which is never stored
    and cannot be shown again."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the token a name, e.g. the script or system that will use it.")
    if scope not in ApiToken.Scope.values:
        errors["scope"] = _("Choose read only, or read and write.")
    if expires_in_days not in dict(EXPIRY_CHOICES):
        errors["expires_in_days"] = _("Choose 30, 90 or 180 days, or one year.")
    if errors:
        raise ValidationError(errors)
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(count)d active tokens: revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    now = timezone.now()
    secret = secrets.token_urlsafe(SECRET_BYTES)
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    name=name[:100],
                    prefix=prefix,
                    secret_hash=hash_secret(secret),
                    scope=scope,
                    created_at=now,
                    expires_at=ApiToken.expiry_from(expires_in_days, now),
                )
        except IntegrityError:  # the prefix is taken (1 in 4 billion): draw another
            continue
        return token, f"{TOKEN_TAG}_{prefix}_{secret}"
    raise RuntimeError("could not draw a free token prefix")


def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """Revoke ``token``; only its owner may. Revoking twice keeps the first time."""
    if token.user_id != by.pk:
        raise PermissionDenied(_("Only the token's owner can revoke it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=token.revoked_at
        )
    return token


def parse(raw: str) -> tuple[str, str] | None:
    """``(prefix, secret)`` of a token in our format, or None."""
    tag, _sep, rest = raw.partition("_")
    prefix, _sep, secret = rest.partition("_")
    if tag != TOKEN_TAG or len(prefix) != 8 or not secret or len(secret) > 100:
        return None
    return prefix, secret


def authenticate(raw: str) -> ApiToken | None:
    """The active token ``raw`` names, with its user loaded, or None (unknown, wrong secret,
    revoked, expired, or its person deactivated). Notes the use, at most once a minute."""
    parsed = parse(raw)
    if parsed is None:
        return None
    prefix, secret = parsed
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    presented = hash_secret(secret)
    if token is None:
        hmac.compare_digest(presented, presented)  # about the same work as a wrong secret
        return None
    if not hmac.compare_digest(presented, token.secret_hash):
        return None
    now = timezone.now()
    if not token.user.is_active or token.revoked_at is not None or token.expires_at <= now:
        return None
    if token.last_used_at is None or token.last_used_at <= now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
