"""A person's match-email preference, and the signed one-click unsubscribe link (RFC 8058).

The token is ``django.core.signing`` over the user id with its own salt: it cannot be forged or
altered without SECRET_KEY, it never expires (an old email's link keeps working), and it only
ever turns match emails off, so a leaked link can do no more than that.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from matching.notify.models import NotificationPreference

Frequency = NotificationPreference.Frequency
UNSUBSCRIBE_SALT = "healthmatch.matching.unsubscribe"


def preference_for(user) -> NotificationPreference:
    """The user's preference row (created with the defaults on first use)."""
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


def ensure_preferences(user_ids: Iterable[int]) -> None:
    """Create the default row for each user without one (safe to run at once in two places)."""
    ids = set(user_ids)
    if not ids:
        return
    have = set(
        NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user_id=user_id) for user_id in ids - have],
        ignore_conflicts=True,
    )


def save_preference(preference: NotificationPreference) -> NotificationPreference:
    """Store an edited preference; choosing emails again clears the unsubscribe mark."""
    if preference.frequency != Frequency.OFF:
        preference.unsubscribed_at = None
    preference.save()
    return preference


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(int(user_id), salt=UNSUBSCRIBE_SALT)


def user_id_from_token(token: str) -> int | None:
    """The user id a token was signed for; None when it is not one of ours (or was altered)."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if type(value) is not int or value <= 0:
        return None
    return value


def unsubscribe(user_id: int) -> NotificationPreference:
    """Turn match emails off (idempotent: a second click changes nothing)."""
    preference, _ = NotificationPreference.objects.get_or_create(user_id=user_id)
    if preference.frequency != Frequency.OFF:
        preference.frequency = Frequency.OFF
        preference.unsubscribed_at = timezone.now()
        preference.save(update_fields=["frequency", "unsubscribed_at", "updated_at"])
    return preference


def unsubscribe_url(user_id: int) -> str:
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id)])
    return f"{settings.SITE_URL}{path}"


def preferences_url() -> str:
    return f"{settings.SITE_URL}{reverse('notifications:preferences')}"


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers for ``unsubscribe_url(user_id)``: mail clients show an
    "Unsubscribe" button that POSTs to it."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
