"""Match emails name taxonomy terms (the regulatory items a gap names) in their recipient's
language, though a pass reads the items once for every recipient."""

import pytest

from healthmatch.mail.models import OutboxMessage
from matching.notify.emails import announce
from matching.notify.models import NotificationPreference
from tests import factories as f
from tests.matching.notify.conftest import make_match

pytestmark = pytest.mark.django_db

Frequency = NotificationPreference.Frequency


def test_a_swedish_recipient_reads_the_swedish_term_names(world, owner, member):
    item = f.RegulatoryItemFactory(
        name="Test DPIA completed",
        slug="test-dpia",
        name_da="Test konsekvensanalyse udført",
        name_sv="Test konsekvensbedömning genomförd",
    )
    make_match(world.need, world.radar, 0.55, gaps=[["regulatory_missing", item.pk]])
    member.language = "sv"
    member.save()
    NotificationPreference.objects.update_or_create(
        user=owner, defaults={"frequency": Frequency.DAILY, "language": "da"}
    )

    announce(Frequency.DAILY)

    sent = {m.to_email: m for m in OutboxMessage.objects.filter(category="matches")}
    swedish, danish = sent[member.email], sent[owner.email]
    for part in (swedish.text, swedish.html):
        assert "Test konsekvensbedömning genomförd" in part
        assert "Test DPIA completed" not in part and "Test konsekvensanalyse" not in part
    for part in (danish.text, danish.html):
        assert "Test konsekvensanalyse udført" in part
        assert "Test konsekvensbedömning" not in part
