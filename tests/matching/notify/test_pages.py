"""The one-click unsubscribe (RFC 8058) and the email preferences page."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from matching.notify.models import NotificationPreference
from matching.notify.preferences import unsubscribe_token, unsubscribe_url

pytestmark = pytest.mark.django_db

Frequency = NotificationPreference.Frequency
PREFERENCES = reverse("notifications:preferences")


def unsubscribe_path(user):
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(user.pk)])


def frequency_of(user):
    row = NotificationPreference.objects.filter(user=user).first()
    return row.frequency if row else None


# --- Unsubscribe ------------------------------------------------------------------------------


def test_one_click_post_without_login_turns_match_emails_off(owner, member):
    NotificationPreference.objects.create(user=owner, frequency=Frequency.IMMEDIATELY)
    client = Client(enforce_csrf_checks=True)  # a mail client has no cookie and no token

    response = client.post(unsubscribe_path(owner), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You will no longer get emails about new matches." in response.content.decode()
    assert frequency_of(owner) == Frequency.OFF
    assert NotificationPreference.objects.get(user=owner).unsubscribed_at is not None
    assert frequency_of(member) is None  # nobody else touched


def test_unsubscribing_twice_is_harmless(client, owner):
    client.post(unsubscribe_path(owner))
    first = NotificationPreference.objects.get(user=owner).unsubscribed_at

    response = client.post(unsubscribe_path(owner))

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=owner).unsubscribed_at == first


def test_get_only_shows_a_confirm_page(client, owner):
    path = unsubscribe_path(owner)

    response = client.get(path)

    assert response.status_code == 200
    body = response.content.decode()
    assert f'<form method="post" action="{path}">' in body
    assert "Unsubscribe</button>" in body
    assert frequency_of(owner) is None  # nothing written
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # altered signature
        # another user id under the same signature
        lambda token: signing.b64_encode(b"999999").decode() + token[token.index(":") :],
        lambda token: "nonsense",
        lambda token: token.split(":")[0],
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused(client, owner, mangle, method):
    token = mangle(unsubscribe_token(owner.pk))

    response = getattr(client, method)(reverse("notifications:unsubscribe", args=[token]))

    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_token_signed_with_another_salt_is_refused(client, owner):
    token = signing.dumps(owner.pk)  # the default salt: e.g. another feature's token

    response = client.post(reverse("notifications:unsubscribe", args=[token]))

    assert response.status_code == 400
    assert frequency_of(owner) is None


def test_a_token_for_a_deleted_user_is_refused(client, owner):
    path = unsubscribe_path(owner)
    owner.delete()

    assert client.post(path).status_code == 400


def test_the_unsubscribe_url_is_absolute(owner, settings):
    settings.SITE_URL = "https://healthmatch.example"

    url = unsubscribe_url(owner.pk)

    assert url.startswith("https://healthmatch.example/notifications/unsubscribe/")
    assert url.endswith("/")


def test_other_methods_are_not_allowed(client, owner):
    assert client.put(unsubscribe_path(owner)).status_code == 405
    assert frequency_of(owner) is None


# --- Preferences page -------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(PREFERENCES)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(PREFERENCES, {"frequency": "off", "max_matches": 5}).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_the_page_shows_the_defaults(client, owner):
    client.force_login(owner)

    response = client.get(PREFERENCES)

    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'value="daily"[^>]* checked', body)
    assert 'name="max_matches" value="10"' in body
    assert response.context["form"].instance.user == owner


def test_a_user_edits_their_own_preference_only(client, owner, member):
    NotificationPreference.objects.create(user=member, frequency=Frequency.WEEKLY)
    client.force_login(owner)

    response = client.post(
        PREFERENCES, {"frequency": "immediately", "max_matches": 3, "language": "da"}
    )

    assert response.status_code == 302
    mine = NotificationPreference.objects.get(user=owner)
    assert (mine.frequency, mine.max_matches, mine.language) == ("immediately", 3, "da")
    theirs = NotificationPreference.objects.get(user=member)
    assert (theirs.frequency, theirs.max_matches) == ("weekly", 10)


def test_a_posted_user_field_is_ignored(client, owner, member):
    client.force_login(owner)

    client.post(PREFERENCES, {"frequency": "off", "max_matches": 5, "user": member.pk})

    assert frequency_of(owner) == Frequency.OFF
    assert frequency_of(member) is None


def test_choosing_emails_again_clears_the_unsubscribe_mark(client, owner):
    client.post(unsubscribe_path(owner))
    client.force_login(owner)

    client.post(PREFERENCES, {"frequency": "weekly", "max_matches": 10})

    preference = NotificationPreference.objects.get(user=owner)
    assert preference.frequency == Frequency.WEEKLY
    assert preference.unsubscribed_at is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"frequency": "hourly", "max_matches": 5}, "frequency"),
        ({"frequency": "daily", "max_matches": 0}, "max_matches"),
        ({"frequency": "daily", "max_matches": 51}, "max_matches"),
        ({"frequency": "daily", "max_matches": "many"}, "max_matches"),
        ({"frequency": "daily", "max_matches": 5, "language": "xx"}, "language"),
    ],
)
def test_bad_input_is_an_error_next_to_the_field(client, owner, data, field):
    client.force_login(owner)

    response = client.post(PREFERENCES, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()
    preference = NotificationPreference.objects.get(user=owner)
    assert (preference.frequency, preference.max_matches) == ("daily", 10)


def test_the_user_menu_links_the_preferences(client, owner):
    client.force_login(owner)

    response = client.get(reverse("dashboard"))

    assert f'href="{PREFERENCES}"' in response.content.decode()
