"""The profile page: a person changes their name, job title, language and time zone; pages and
emails follow them. Times are shown in the person's zone, else their hub's, else the site's."""

import datetime

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from healthmatch.accounts.middleware import user_time_zone
from healthmatch.accounts.models import User
from healthmatch.mail.services import enqueue
from healthmatch.privacy.models import DataExport

pytestmark = pytest.mark.django_db

URL = "/account/profile/"


def save(client, **changes):
    data = {"name": "Hanne Holm", "job_title": "Head nurse", "language": "en", "time_zone": ""}
    return client.post(URL, {**data, **changes})


def test_the_url_is_stable():
    assert reverse("profile") == URL


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_shows_the_persons_own_details(client, owner):
    owner.job_title = "Ward manager"
    owner.save()
    client.force_login(owner)

    html = client.get(URL).content.decode()

    assert owner.email in html and 'value="Ward manager"' in html


def test_saving_changes_language_and_zone_and_the_next_page_follows(client, owner, member):
    client.force_login(owner)

    response = save(client, language="sv", time_zone="Europe/Stockholm", job_title="Sjuksköterska")

    assert response.status_code == 302 and response["Location"] == URL
    owner.refresh_from_db()
    assert (owner.language, owner.time_zone, owner.job_title) == (
        "sv",
        "Europe/Stockholm",
        "Sjuksköterska",
    )
    # The language stays after logout: the cookie is set as the language menu sets it.
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    html = client.get(URL).content.decode()
    assert '<html lang="sv"' in html and "Din profil har sparats." in html
    # Nobody else changed.
    member.refresh_from_db()
    assert member.language == "" and member.job_title == ""


def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(client, owner):
    client.force_login(owner)
    before = User.objects.values("name", "language", "time_zone").get(pk=owner.pk)

    response = save(client, name="", language="xx", time_zone="Mars/Olympus_Mons")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "language", "time_zone"}
    html = response.content.decode()
    assert 'id="id_time_zone_error"' in html and 'id="id_name_error"' in html
    assert User.objects.values("name", "language", "time_zone").get(pk=owner.pk) == before


def zone_seen(user, session=None):
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    if session is not None:
        request.session = session
    user_time_zone(view)(request)
    return seen["zone"]


def test_times_follow_the_persons_zone_else_the_hubs_else_the_sites(owner, outsider, hub):
    hub.time_zone = "Europe/Oslo"
    hub.save()
    outsider.memberships.all().delete()

    assert zone_seen(owner, session={}) == "Europe/Oslo"
    owner.time_zone = "Europe/London"
    assert zone_seen(owner, session={}) == "Europe/London"
    assert zone_seen(outsider, session={}) == settings.TIME_ZONE


def test_the_hubs_zone_is_looked_up_once_per_session(owner, hub, django_assert_num_queries):
    hub.time_zone = "Europe/Stockholm"
    hub.save()
    session = {}
    zone_seen(owner, session)

    with django_assert_num_queries(0):
        assert zone_seen(owner, session) == "Europe/Stockholm"


def test_signing_in_takes_the_hubs_zone_for_someone_who_chose_none(client, owner, hub):
    hub.time_zone = "Europe/Helsinki"
    hub.save()
    moment = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.UTC)
    DataExport.objects.create(user=owner, created_at=moment)
    owner.language = "da"
    owner.save()

    client.force_login(owner)
    page = client.get(reverse("privacy:account")).content.decode()

    assert client.session["hub_time_zone"] == "Europe/Helsinki"
    assert "17.03.2026 14:00" in page


def test_a_page_shows_times_in_the_persons_zone(client, owner):
    moment = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.UTC)
    DataExport.objects.create(user=owner, created_at=moment)
    owner.language = "da"
    client.force_login(owner)

    owner.time_zone = "Europe/London"
    owner.save()
    london = client.get(reverse("privacy:account")).content.decode()
    owner.time_zone = "Europe/Helsinki"
    owner.save()
    helsinki = client.get(reverse("privacy:account")).content.decode()

    assert "17.03.2026 12:00" in london and "17.03.2026 14:00" in helsinki


def export_ready_email(owner, export, language):
    """The "your archive is ready" email (it shows a time), through the outbox as sent."""
    return enqueue(
        key=f"export-ready-{export.pk}-{language}",
        kind="privacy_export_ready",
        to=owner.email,
        user=owner,
        language=language,
        context={"export": export, "recipient": owner},
    )


def test_emails_show_times_in_the_recipients_zone(owner):
    moment = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.UTC)
    export = DataExport.objects.create(user=owner, expires_at=moment)
    owner.language = "da"
    owner.time_zone = "Europe/Helsinki"
    owner.save()

    row = export_ready_email(owner, export, "da")

    assert "17. marts 2026 14:00" in row.text


def test_the_language_survives_signing_out(client, owner):
    owner.language = "nb"
    owner.save()
    client.force_login(owner)
    client.get(URL)  # any page while signed in sets the cookie to the person's language

    client.post(reverse("account_logout"))
    page = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="nb"' in page


def test_a_refused_submission_leaves_the_header_as_it_was(client, owner):
    client.force_login(owner)

    response = save(client, name="Someone Else", language="da", time_zone="Nowhere/Land")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert f'<span class="user-name"><bdi>{owner.name}</bdi></span>' in html


def test_an_emails_html_part_says_its_language(owner):
    export = DataExport.objects.create(user=owner, expires_at=datetime.datetime.now(datetime.UTC))

    row = export_ready_email(owner, export, "sv")

    assert row.html.startswith('<!DOCTYPE html>\n<html lang="sv"><body>')
    assert row.html.rstrip().endswith("</body></html>")
