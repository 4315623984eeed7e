"""Secrets and signatures in the Standard Webhooks format (https://www.standardwebhooks.com/).

A secret is ``whsec_`` + base64 of 32 random bytes; the HMAC key is those bytes. A message is
signed as ``v1,<base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}"))>``; several signatures
(during a secret rotation) are separated by spaces.
"""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def generate_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key of a ``whsec_`` secret: its base64-decoded part."""
    return base64.b64decode(secret.removeprefix(PREFIX))


def signature(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signature_header(secrets_: list[str], webhook_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: one signature per secret, space-separated."""
    return " ".join(signature(s, webhook_id, timestamp, body) for s in secrets_ if s)
