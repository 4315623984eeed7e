"""Match emails: one per person per pass, written to the outbox in the same transaction as the
MatchNotice rows that say the person has heard about those matches.

- "immediately": ``announce(IMMEDIATELY)`` every few minutes (beat), key
  ``matches-now:<user>:<hash of the match ids>``;
- daily and weekly digests: ``announce(DAILY)`` / ``announce(WEEKLY)`` from beat, keys
  ``matches:<user>:<yyyy-mm-dd>`` and ``matches-weekly:<user>:<yyyy>-W<ww>``.

Safe to run twice and at once: people are handled 200 per transaction, which locks their
preference rows (in user id order), re-reads the notices under the lock and skips a key the
outbox already holds (a digest of the same day is never sent twice; what arrived later waits
for the next one). Each person's email and notices are one savepoint: both or neither.
Need side: grouped by need; company side: grouped by capability; best first, at most the
person's ``max_matches`` per email and "and N more" with a link for the rest (those count as
announced: the pages list them).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from healthmatch.accounts.models import User
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.services import enqueue, language_for
from matching.explanations import Explanation, explain, regulatory_names
from matching.models import Match
from matching.notify import preferences as prefs
from matching.notify.models import MatchNotice, NotificationPreference
from matching.notify.selection import Pending, chunks, pending
from matching.runs.config import Configs
from matching.score_format import score_percent

log = logging.getLogger(__name__)

Frequency = NotificationPreference.Frequency
Side = MatchNotice.Side
KIND = {
    Frequency.IMMEDIATELY: "match_notice",
    Frequency.DAILY: "match_digest",
    Frequency.WEEKLY: "match_digest",
}
CATEGORY = "matches"
TERMS = 6  # shared terms shown per match
PEOPLE_PER_TRANSACTION = 200


@dataclass
class Entry:
    """One match in an email: the other side's item, its organisation, score and why (its
    texts are read while the email renders, in the recipient's language)."""

    title: str
    organisation: str
    url: str
    score: float
    explanation: Explanation

    @property
    def score_percent(self) -> int:
        return score_percent(self.score)

    @property
    def terms(self) -> list[str]:
        return self.explanation.shared_terms[:TERMS]


@dataclass
class Group:
    """A need (need side) or a capability (company side) and its new matches."""

    title: str
    url: str
    entries: list[Entry] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.entries)


def outbox_key(frequency: str, user_id: int, now: datetime.datetime, items) -> str:
    if frequency == Frequency.IMMEDIATELY:
        ids = ",".join(str(i) for i in sorted(p.match_id for p in items))
        return f"matches-now:{user_id}:{hashlib.sha256(ids.encode()).hexdigest()[:20]}"
    today = timezone.localdate(now)
    if frequency == Frequency.WEEKLY:
        year, week, _ = today.isocalendar()
        return f"matches-weekly:{user_id}:{year}-W{week:02d}"
    return f"matches:{user_id}:{today.isoformat()}"


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _entry(match: Match, side: str, items: dict) -> Entry:
    other = match.capability if side == Side.BUYER else match.need
    organisation = (
        match.capability.company.organisation if side == Side.BUYER else match.need.organisation
    )
    return Entry(
        title=other.title,
        organisation=organisation.name,
        url=_url(other.get_absolute_url()),
        score=match.score,
        explanation=explain(match, items=items),
    )


def build_context(
    user,
    preference,
    items: list[Pending],
    matches: dict[int, Match],
    unsubscribe_url: str,
    item_names: dict | None = None,
) -> dict:
    """What the match templates need; ``items`` are best first; ``item_names``: the regulatory
    items the gaps name (``regulatory_names()``), read once per pass."""
    shown = {p.match_id for p in items[: preference.max_matches]}
    need_groups: dict[int, Group] = {}
    capability_groups: dict[int, Group] = {}
    dashboard = _url(reverse("dashboard"))
    if item_names is None:
        item_names = regulatory_names(matches[p.match_id].gaps for p in items)
    for item in items:
        match = matches[item.match_id]
        if item.side == Side.BUYER:
            group = need_groups.get(item.need_id)
            if group is None:
                url = _url(match.need.get_absolute_url()) + "#suggested-h"
                group = need_groups[item.need_id] = Group(match.need.title, url)
        else:
            group = capability_groups.get(item.capability_id)
            if group is None:
                url = f"{dashboard}#for-you-h"
                group = capability_groups[item.capability_id] = Group(match.capability.title, url)
        group.total += 1
        if item.match_id in shown:
            group.entries.append(_entry(match, item.side, item_names))
    needs = [g for g in need_groups.values() if g.entries]
    capabilities = [g for g in capability_groups.values() if g.entries]
    hidden_groups = [
        g for g in (*need_groups.values(), *capability_groups.values()) if not g.entries
    ]
    first_need = next(iter(need_groups.values()), None)
    return {
        "user": user,
        "frequency": preference.frequency,
        "need_groups": needs,
        "capability_groups": capabilities,
        # Subject line figures: every new match, shown or not.
        "buyer_companies": len(
            {
                matches[p.match_id].capability.company.organisation_id
                for p in items
                if p.side == Side.BUYER
            }
        ),
        "buyer_needs": len(need_groups),
        "first_need_title": first_need.title if first_need else "",
        "company_needs": len({p.need_id for p in items if p.side == Side.COMPANY}),
        "total": len(items),
        "shown": len(shown),
        "more_elsewhere": sum(g.total for g in hidden_groups),
        "dashboard_url": dashboard,
        "preferences_url": prefs.preferences_url(),
        "unsubscribe_url": unsubscribe_url,
    }


def _load_matches(match_ids) -> dict[int, Match]:
    found = {}
    for ids in chunks(match_ids):
        found.update(
            Match.objects.filter(pk__in=ids)
            .select_related("need__organisation", "capability__company__organisation")
            .in_bulk()
        )
    return found


def _claim_batch(user_ids: list[int], by_user, frequency: str, now) -> list[tuple]:
    """Lock the batch's preference rows (in user id order, so two passes never deadlock) and
    keep what is still to send: people still on ``frequency``, matches nobody announced to them
    meanwhile, keys the outbox does not hold yet. (person, preference, items, key) each."""
    locked = {
        row.user_id: row
        for row in NotificationPreference.objects.select_for_update()
        .filter(user_id__in=user_ids)
        .order_by("user_id")
    }
    match_ids = {p.match_id for user_id in user_ids for p in by_user[user_id]}
    done = set(
        MatchNotice.objects.filter(user_id__in=user_ids, match_id__in=match_ids).values_list(
            "user_id", "match_id"
        )
    )
    todo = []
    for user_id in user_ids:
        preference = locked.get(user_id)
        if preference is None or preference.frequency != frequency:
            continue  # changed since the pass read it
        items = [p for p in by_user[user_id] if (user_id, p.match_id) not in done]
        if items:  # else another pass got there first
            todo.append((user_id, preference, items, outbox_key(frequency, user_id, now, items)))
    written = set(
        OutboxMessage.objects.filter(key__in=[t[3] for t in todo]).values_list("key", flat=True)
    )
    # A key already written: this period's email went out; the rest waits for the next one.
    return [t for t in todo if t[3] not in written]


def _write(
    user, preference, items: list[Pending], key: str, frequency: str, matches, item_names
) -> None:
    """One email and its notices, in one savepoint: both or neither."""
    unsubscribe_url = prefs.unsubscribe_url(user.pk)
    with transaction.atomic():
        enqueue(
            key=key,
            kind=KIND[frequency],
            to=user.email,
            context=build_context(user, preference, items, matches, unsubscribe_url, item_names),
            user=user,
            language=preference.language or language_for(user),
            headers=prefs.unsubscribe_headers(unsubscribe_url),
            category=CATEGORY,
        )
        MatchNotice.objects.bulk_create(
            [
                MatchNotice(match_id=p.match_id, user=user, side=p.side, outbox_key=key)
                for p in items
            ],
            ignore_conflicts=True,
        )


def announce(
    frequency: str, *, now: datetime.datetime | None = None, user_ids=None
) -> dict[str, int]:
    """Email every person whose preference is ``frequency`` (only ``user_ids`` when given:
    email_bench) about their new matches."""
    if frequency not in KIND:
        raise ValueError(f"no match emails for frequency {frequency!r}")
    now = now or timezone.now()
    by_user = pending(frequency, now=now, configs=Configs(), user_ids=user_ids)
    counts = {"people": len(by_user), "emails": 0, "matches": 0, "failed": 0}
    if not by_user:
        return counts
    prefs.ensure_preferences(by_user)
    matches = _load_matches({p.match_id for items in by_user.values() for p in items})
    item_names = regulatory_names(m.gaps for m in matches.values())
    users = {}
    for ids in chunks(by_user):
        users.update(User.objects.filter(pk__in=ids, is_active=True).in_bulk())
    # People in batches, one transaction each (a savepoint per person): the outbox kicks its
    # sender once per commit, so the worker sends a batch over one SMTP connection.
    people = sorted(user_id for user_id, user in users.items() if user.email)
    for batch in chunks(people, PEOPLE_PER_TRANSACTION):
        with transaction.atomic():
            for user_id, preference, items, key in _claim_batch(batch, by_user, frequency, now):
                try:
                    _write(users[user_id], preference, items, key, frequency, matches, item_names)
                except Exception:  # one person's bad data must not hold up everybody's email
                    log.exception("match email to user %s failed", user_id)
                    counts["failed"] += 1
                    continue
                counts["emails"] += 1
                counts["matches"] += len(items)
    log.info(
        "match emails (%s): %s emails about %s matches to %s people (%s failed)",
        frequency,
        counts["emails"],
        counts["matches"],
        counts["people"],
        counts["failed"],
    )
    return counts
