"""The match page right after a party answers: the history tells who answered what, for which
side, when; the answer radios show the viewer's side's current answer."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from matching.lifecycle import services
from matching.models import Match

pytestmark = pytest.mark.django_db


def _history(html: str) -> str:
    """The history section as it reads (its names come isolated in <bdi>: healthmatch/bidi.py)."""
    start = html.index('id="history-h"')
    return " ".join(strip_tags(html[start : html.index("</section>", start)]).split())


def _checked(html: str) -> list[str]:
    """The values of the checked answer radios."""
    return re.findall(r'<input type="radio" name="interest" value="([a-z_]+)"[^>]*checked', html)


def test_company_answer_is_in_the_history_and_preselected(client, world, company_member, owner):
    client.force_login(company_member)
    client.post(
        reverse("lifecycle:interest", args=[world.match.pk]),
        {"interest": "interested", "reason": "We did this at Aarhus"},
    )
    world.match.refresh_from_db()
    assert world.match.company_interest == "interested"
    assert world.match.company_interest_by == company_member

    page = client.get(reverse("lifecycle:detail", args=[world.match.pk])).content.decode()
    history = _history(page)
    assert "Nothing has happened yet" not in history
    assert "CareSense ApS: Answered “Interested” · Dan Developer" in history
    assert "We did this at Aarhus" in history
    assert _checked(page) == ["interested"]
    assert "We did this at Aarhus</textarea>" in page

    # The need side sees the same history, and its own (empty) answer: nothing preselected.
    client.force_login(owner)
    page = client.get(reverse("lifecycle:detail", args=[world.match.pk])).content.decode()
    assert "CareSense ApS: Answered “Interested”" in _history(page)
    assert _checked(page) == []


def test_both_answers_then_mutual_in_time_order(client, world, company_member, owner):
    services.state_interest(world.match, by=company_member, interest="interested")
    services.state_interest(world.match, by=owner, interest="interested")
    world.match.refresh_from_db()
    assert world.match.status == Match.Status.MUTUAL
    client.force_login(owner)
    history = _history(
        client.get(reverse("lifecycle:detail", args=[world.match.pk])).content.decode()
    )
    company = history.index("CareSense ApS: Answered “Interested”")
    buyer = history.index("Odense University Hospital: Answered “Interested” · Olivia Owner")
    mutual = history.index("Mutual interest")
    assert company < buyer < mutual


def test_migration_gives_earlier_answers_the_last_actor(world, company_member, owner):
    """Answers from before ``<side>_interest_by`` existed: the match's last actor answered when
    the answer is the last action; otherwise the person stays unknown."""
    import datetime
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    migration = import_module("matching.migrations.0010_match_interest_answered_by")
    now = timezone.now()
    Match.objects.filter(pk=world.match.pk).update(
        buyer_interest="interested",
        buyer_interest_at=now - datetime.timedelta(hours=1),
        company_interest="interested",
        company_interest_at=now,
        acted_by=company_member,
        acted_at=now,
    )
    migration.answered_by_last_actor(apps, None)
    world.match.refresh_from_db()
    assert world.match.company_interest_by == company_member
    assert world.match.buyer_interest_by is None
