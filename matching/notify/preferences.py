"""A person's match-email preference, and the signed one-click unsubscribe link (RFC 8058).

The token is ``django.core.signing`` over the user id with its own salt: it cannot be forged or
altered without SECRET_KEY, it never expires (an old email's link keeps working), and it only
ever turns match emails off, so a leaked link can do no more than that.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _

from healthmatch.durations import humanise_duration
from matching.notify.models import NotificationPreference

Frequency = NotificationPreference.Frequency
UNSUBSCRIBE_SALT = "healthmatch.matching.unsubscribe"


def preference_for(user) -> NotificationPreference:
    """The user's preference row (created with the defaults on first use)."""
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


def current_preference(user) -> NotificationPreference:
    """The user's preference as it stands, without writing: the defaults when there is no row."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )


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


def _beat_time(name: str) -> tuple[datetime.time, set[int]]:
    """The time of day (and the crontab weekdays, 0 = Sunday) of beat entry ``name``: the
    schedule itself (healthmatch/settings.py), so the pages never promise another time."""
    schedule = settings.CELERY_BEAT_SCHEDULE[name]["schedule"]
    return datetime.time(min(schedule.hour), min(schedule.minute)), set(schedule.day_of_week)


def how_you_hear(preference: NotificationPreference) -> str:
    """When and how the person of ``preference`` hears about new matches, in one sentence:
    "You'll get a daily email at 07:00 with new matches." """
    frequency = preference.frequency
    if frequency == Frequency.IMMEDIATELY:
        return _(
            "You'll get an email about new matches as they are found (we look every %(every)s)."
        ) % {"every": humanise_duration(settings.MATCH_NOTICES_EVERY_SECONDS)}
    if frequency == Frequency.DAILY:
        at, _days = _beat_time("match-digests-daily")
        return _("You'll get a daily email at %(time)s with new matches.") % {
            "time": time_format(at, "H:i")
        }
    if frequency == Frequency.WEEKLY:
        at, days = _beat_time("match-digests-weekly")
        # 2023-01-01 was a Sunday: crontab's weekday d is that day + d, named in the language.
        day = date_format(datetime.date(2023, 1, 1) + datetime.timedelta(days=min(days)), "l")
        return _("You'll get a weekly email every %(day)s at %(time)s with new matches.") % {
            "day": day,
            "time": time_format(at, "H:i"),
        }
    return _("Match emails are off: no email tells you about new matches.")


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
