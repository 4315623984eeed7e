"""Each person's language: set at sign-up from the browser, changed with the language menu,
followed by pages when signed in and by every email to them."""

import pytest
from django.urls import reverse

from healthmatch.accounts import services
from healthmatch.accounts.models import User
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.services import notify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "a-long-enough-passphrase"


def sign_up(client, email, accept_language):
    client.post(
        reverse("account_signup"),
        {"email": email, "name": "New Person", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE=accept_language,
    )
    return User.objects.get(email=email)


def test_sign_up_keeps_the_browsers_language(client):
    person = sign_up(client, "sven@uppsala.example", "sv-SE,sv;q=0.9,en;q=0.5")

    assert person.language == "sv"


def test_sign_up_in_a_language_the_site_does_not_speak_keeps_the_one_shown(client):
    person = sign_up(client, "fritz@berlin.example", "de-DE")

    # The sign-up page was in English, the site's default: that is the person's language.
    assert person.language == "en"


def test_pages_follow_the_persons_language_over_the_browsers(client, owner):
    owner.language = "nb"
    owner.save()
    client.force_login(owner)

    html = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="da").content.decode()

    assert '<html lang="nb"' in html and "Logg ut" in html


def test_without_a_language_pages_follow_the_browser(client, owner):
    client.force_login(owner)

    html = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()

    assert '<html lang="sv"' in html


def test_signing_in_from_another_browser_greets_in_the_persons_language(client, owner):
    owner.language = "da"
    owner.save()

    response = client.post(
        reverse("account_login"),
        {"login": owner.email, "password": "correct-horse-42"},
        HTTP_ACCEPT_LANGUAGE="en-GB",
        follow=True,
    )

    html = response.content.decode()
    assert '<html lang="da"' in html
    assert "Loggede succesfuldt ind med Olivia Owner." in html
    assert "Successfully signed in" not in html


def test_the_language_menu_stores_a_signed_in_persons_choice(client, owner):
    client.force_login(owner)

    response = client.post(reverse("set_language"), {"language": "da", "next": "/needs/"})

    assert response.status_code == 302 and response["Location"] == "/needs/"
    owner.refresh_from_db()
    assert owner.language == "da"
    # and it follows the person after signing out and in on another browser
    other = client.__class__()
    other.force_login(owner)
    assert '<html lang="da"' in other.get("/needs/").content.decode()


def test_the_language_menu_refuses_an_unknown_language_and_changes_nothing(client, owner):
    owner.language = "sv"
    owner.save()
    client.force_login(owner)

    client.post(reverse("set_language"), {"language": "xx", "next": "/needs/"})

    owner.refresh_from_db()
    assert owner.language == "sv"


def test_the_language_menu_works_for_visitors_too(client):
    response = client.post(reverse("set_language"), {"language": "nb", "next": "/needs/"})

    assert response.status_code == 302
    assert '<html lang="nb"' in client.get("/needs/").content.decode()


def test_each_email_is_written_in_its_recipients_language(owner, member, buyer_org):
    owner.language, member.language = "sv", "da"
    owner.save()
    member.save()

    notify(
        "organisation_verified",
        [owner, member],
        {"organisation": buyer_org},
        event="verified",
        category="account",
    )

    rows = {row.user: row for row in OutboxMessage.objects.all()}
    assert (rows[owner].language, rows[member].language) == ("sv", "da")
    assert rows[owner].subject == f"{buyer_org.name} är verifierad på HealthMatch"
    assert rows[member].subject == f"{buyer_org.name} er verificeret på HealthMatch"


@pytest.mark.parametrize(
    ("code", "known"),
    [("da", "da"), ("da-DK", "da"), ("NB", "nb"), ("de", ""), ("", ""), (None, "")],
)
def test_known_language(code, known):
    assert services.known_language(code) == known
