"""Sign-up through allauth: verification email, no login before confirming, confirm -> in."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from healthmatch.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    """Post the sign-up form; the confirmation email is queued after commit, so run those."""

    def _sign_up(client, email="ingrid@aarhus.example"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("account_signup"),
                {
                    "email": email,
                    "name": "Ingrid Innovation",
                    "job_title": "Innovation consultant",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )

    return _sign_up


def confirm_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_creates_user_and_sends_verification_email(client, sign_up):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="ingrid@aarhus.example")
    assert (user.name, user.job_title) == ("Ingrid Innovation", "Innovation consultant")
    assert user.has_usable_password() and user.check_password(PASSWORD)
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ingrid@aarhus.example"]
    assert message.subject == "[HealthMatch] Please Confirm Your Email Address"
    assert "/accounts/confirm-email/" in confirm_link(message)
    assert "_auth_user_id" not in client.session


def test_signup_with_mismatched_passwords_keeps_the_input(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "typo@aarhus.example",
            "name": "Tess Typo",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert 'value="typo@aarhus.example"' in response.content.decode()
    assert not User.objects.filter(email="typo@aarhus.example").exists()


def test_login_before_confirming_is_refused(client, sign_up):
    sign_up(client)
    other_browser = Client()
    response = other_browser.post(
        reverse("account_login"), {"login": "ingrid@aarhus.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in other_browser.session
    assert other_browser.get(reverse("dashboard")).status_code == 302
    assert other_browser.get(reverse("dashboard")).url.startswith(reverse("account_login"))


def test_confirming_activates_logs_in_and_leads_to_onboarding(client, sign_up):
    sign_up(client)
    link = confirm_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    # Following the link only shows a button: the address is confirmed by the POST.
    assert not EmailAddress.objects.get(email="ingrid@aarhus.example").verified
    response = client.post(link, follow=True)
    assert EmailAddress.objects.get(email="ingrid@aarhus.example").verified
    user = User.objects.get(email="ingrid@aarhus.example")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert response.redirect_chain[-1][0] == reverse("onboarding")
    assert "Register a new organisation" in response.content.decode()


def test_confirmed_user_can_log_in_later(client, sign_up):
    sign_up(client)
    client.post(confirm_link(mail.outbox[0]))
    browser = Client()
    response = browser.post(
        reverse("account_login"), {"login": "ingrid@aarhus.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert "_auth_user_id" in browser.session


def test_duplicate_signup_does_not_create_a_second_user(client, sign_up):
    sign_up(client)
    sign_up(Client())
    assert User.objects.filter(email="ingrid@aarhus.example").count() == 1


def test_confirmation_email_leaves_through_the_worker_after_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            reverse("account_signup"),
            {
                "email": "later@aarhus.example",
                "name": "Lars Later",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert mail.outbox == []  # nothing is sent inside the request
    # The outbox's kick, beside the cache versions' replacements (healthmatch/versioned.py).
    kicks = [c for c in callbacks if type(c).__module__ == "healthmatch.mail.services"]
    assert len(kicks) == 1
    for callback in callbacks:
        callback()  # the commit queues the Celery task (eager in tests)
    assert [m.to for m in mail.outbox] == [["later@aarhus.example"]]
    message = mail.outbox[0]
    link = confirm_link(message)
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html
    assert "Confirm your email address" in html
