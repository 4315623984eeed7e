"""After a need is submitted or published (and a capability published), its page tells the
members of its organisation when and how they will hear about matches, from their own
preference (the default: a daily email at 07:00), with a link to change it."""

import pytest
from django.urls import reverse

from matching.notify.models import NotificationPreference
from tests import factories as f

pytestmark = pytest.mark.django_db
Frequency = NotificationPreference.Frequency
PREFERENCES = reverse("notifications:preferences")


def _notice(html: str) -> str:
    """The text of the match emails notice ("" when the page has none)."""
    if "match-emails" not in html:
        return ""
    start = html.index("match-emails")
    return " ".join(html[start : html.index("</p>", start)].split())


def test_submitting_a_need_says_the_daily_email_and_links_the_preferences(client, owner, buyer_org):
    need = f.NeedFactory(organisation=buyer_org)
    client.force_login(owner)
    response = client.post(reverse("needs:submit", args=[need.pk]), follow=True)
    need.refresh_from_db()
    assert need.status == "submitted"
    notice = _notice(response.content.decode())
    assert "Once a coordinator has published the need" in notice
    assert "You&#x27;ll get a daily email at 07:00 with new matches." in notice
    assert f'href="{PREFERENCES}"' in notice


@pytest.mark.parametrize(
    ("frequency", "text"),
    [
        (Frequency.IMMEDIATELY, "as they are found (we look every 2 minutes)"),
        (Frequency.DAILY, "a daily email at 07:00"),
        (Frequency.WEEKLY, "a weekly email every Monday at 07:00"),
        (Frequency.OFF, "Match emails are off"),
    ],
)
def test_a_published_need_follows_the_members_own_preference(
    client, member, buyer_org, frequency, text, settings
):
    settings.MATCH_NOTICES_EVERY_SECONDS = 120
    NotificationPreference.objects.create(user=member, frequency=frequency)
    need = f.NeedFactory(organisation=buyer_org, published=True)
    client.force_login(member)
    notice = _notice(client.get(need.get_absolute_url()).content.decode())
    assert text in notice and "Once a coordinator" not in notice
    assert f'href="{PREFERENCES}"' in notice


def test_no_notice_on_a_draft_nor_for_people_outside_the_organisation(
    client, owner, buyer_org, coordinator, company_owner
):
    draft = f.NeedFactory(organisation=buyer_org)
    client.force_login(owner)
    assert _notice(client.get(draft.get_absolute_url()).content.decode()) == ""
    published = f.NeedFactory(organisation=buyer_org, published=True)
    for user in (coordinator, company_owner):
        client.force_login(user)
        assert _notice(client.get(published.get_absolute_url()).content.decode()) == ""


def test_publishing_a_capability_says_how_the_company_hears_about_matches(
    client, company_owner, company_org
):
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org), title="Radar"
    )
    client.force_login(company_owner)
    page = client.get(capability.get_absolute_url()).content.decode()
    assert _notice(page) == ""  # a draft
    response = client.post(
        reverse("companies:capability_publish", args=[capability.pk]), follow=True
    )
    capability.refresh_from_db()
    assert capability.status == "published"
    notice = _notice(response.content.decode())
    assert "daily email at 07:00" in notice and f'href="{PREFERENCES}"' in notice
