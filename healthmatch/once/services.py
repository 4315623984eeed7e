"""Minting, checking and claiming one-time form tokens.

A token is ``signing.dumps({"n": nonce, "u": user id})`` with a timestamp: it cannot be made
up, it belongs to the person the form was shown to, and it expires after
``ONCE_TOKEN_MAX_AGE`` seconds. Claiming inserts the nonce as a ``FormToken`` row; the
unique constraint makes a second claim fail, also when both run at the same moment (the
second insert waits for the first transaction and then fails)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthmatch.once.models import FormToken

FIELD = "once_token"
SALT = "healthmatch.once.form-token"

EXPIRED = _(
    "This form was open for too long to be sent safely. Check it and send it again: "
    "nothing was saved yet."
)
UNCHECKED = _(
    "This form could not be checked (it was incomplete or out of date). Check it and send it "
    "again: nothing was saved yet."
)


class AlreadyUsed(Exception):
    """The token was claimed by an earlier (or simultaneous, now committed) request."""

    def __init__(self, result_url: str):
        super().__init__(result_url)
        self.result_url = result_url


def _user_id(user):
    return user.pk if user is not None and user.is_authenticated else None


def mint(user) -> str:
    """A fresh token for a form shown to ``user`` (anonymous users get one too)."""
    return signing.dumps({"n": secrets.token_urlsafe(24), "u": _user_id(user)}, salt=SALT)


def read(value: str, user) -> str:
    """The nonce of ``value`` when it is a genuine, unexpired token minted for ``user``;
    ValidationError otherwise."""
    try:
        payload = signing.loads(value or "", salt=SALT, max_age=settings.ONCE_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(EXPIRED, code="once_expired") from None
    except signing.BadSignature:
        raise ValidationError(UNCHECKED, code="once_invalid") from None
    if not isinstance(payload, dict) or payload.get("u") != _user_id(user):
        raise ValidationError(UNCHECKED, code="once_invalid")
    nonce = payload.get("n")
    if not isinstance(nonce, str) or not nonce:
        raise ValidationError(UNCHECKED, code="once_invalid")
    return nonce


def used_result(nonce: str) -> str | None:
    """Where the request that used ``nonce`` led ("" when it recorded nothing), or None when
    the token is unused."""
    return FormToken.objects.filter(token=nonce).values_list("result_url", flat=True).first()


def claim(nonce: str, user) -> FormToken:
    """Mark ``nonce`` used; call inside the transaction that creates what the form asks for.
    Raises AlreadyUsed when another request used it (waiting for that request's transaction
    when it is still running)."""
    try:
        with transaction.atomic():
            return FormToken.objects.create(token=nonce, user_id=_user_id(user))
    except IntegrityError:
        pass
    raise AlreadyUsed(used_result(nonce) or "")


def record_result(token: FormToken, url: str) -> None:
    token.result_url = url[:500]
    token.save(update_fields=["result_url"])


def purge_expired(now=None) -> int:
    """Delete used tokens older than a token's lifetime: their tokens are refused as expired
    anyway, so the rows no longer stop anything."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.ONCE_TOKEN_MAX_AGE)
    deleted, _ = FormToken.objects.filter(used_at__lt=cutoff).delete()
    return deleted
