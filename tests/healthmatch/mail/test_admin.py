"""The outbox and suppression list in the admin: superusers only; filters, search, a safe
preview, resend of failed or suppressed messages, suppressions added and removed."""

import pytest
from django.urls import reverse

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage, Suppression

pytestmark = pytest.mark.django_db

State = OutboxMessage.State
CHANGELIST = "admin:mail_outboxmessage_changelist"


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


def _row(key, state=State.QUEUED, to="nora@ouh.example", html="<p>Hello</p>", **extra):
    row = services.enqueue_rendered(
        key=key,
        kind=extra.pop("kind", "need_published"),
        to=to,
        subject=extra.pop("subject", f"Subject {key}"),
        text="Plain <text> & more",
        html=html,
        category=extra.pop("category", "needs"),
    )
    OutboxMessage.objects.filter(pk=row.pk).update(state=state, **extra)
    row.refresh_from_db()
    return row


def test_changelist_filters_and_search(admin_client_):
    _row("a", subject="Your need is published", to="anna@ouh.example")
    _row("b", state=State.FAILED, kind="membership_decided", category="account")

    page = admin_client_.get(reverse(CHANGELIST)).content.decode()
    assert "anna@ouh.example" in page and "Subject b" in page
    for filter_param in ("?state__exact=", "?kind=", "?category=", "created_at__gte"):
        assert filter_param in page

    failed = admin_client_.get(reverse(CHANGELIST), {"state__exact": "failed"})
    assert [r.key for r in failed.context["cl"].result_list] == ["b"]
    found = admin_client_.get(reverse(CHANGELIST), {"q": "anna@"})
    assert [r.key for r in found.context["cl"].result_list] == ["a"]
    by_key = admin_client_.get(reverse(CHANGELIST), {"q": "b"})
    assert "b" in [r.key for r in by_key.context["cl"].result_list]


def test_preview_escapes_text_and_sandboxes_html(admin_client_):
    row = _row("x", html='<p onclick="x()">Hi</p><script>alert(1)</script>')

    response = admin_client_.get(reverse("admin:mail_outboxmessage_change", args=[row.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Plain &lt;text&gt; &amp; more" in page
    assert '<iframe class="outbox-preview" sandbox=""' in page
    assert 'srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;' in page
    assert "<script>alert(1)</script>" not in page
    assert b'name="_save"' not in response.content  # read-only


def test_resend_requeues_failed_and_suppressed_only(admin_client_):
    failed = _row("f", state=State.FAILED, attempts=8, last_error="gave up")
    bounced = _row("s", state=State.SUPPRESSED, to="gone@ouh.example", last_error="550")
    services.suppress("gone@ouh.example", reason="550 No such user", source=bounced)
    sent = _row("ok", state=State.SENT, attempts=1)

    response = admin_client_.post(
        reverse(CHANGELIST),
        {"action": "resend", "_selected_action": [failed.pk, bounced.pk, sent.pk]},
        follow=True,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "2 messages queued again." in page
    assert "Only failed or suppressed messages can be resent" in page
    for row in (failed, bounced):
        row.refresh_from_db()
        assert (row.state, row.attempts, row.last_error) == (State.QUEUED, 0, "")
    sent.refresh_from_db()
    assert sent.state == State.SENT
    assert not Suppression.objects.exists()  # resending lifted the suppression


def test_suppression_added_normalised_and_duplicate_is_a_field_error(admin_client_):
    add = reverse("admin:mail_suppression_add")

    response = admin_client_.post(add, {"email": " Gone@OUH.example ", "reason": "asked us"})
    assert response.status_code == 302
    assert Suppression.objects.get().email == "gone@ouh.example"

    again = admin_client_.post(add, {"email": "GONE@ouh.example", "reason": "again"})
    assert again.status_code == 200
    assert again.context["adminform"].form.errors == {
        "email": ["This address is already suppressed."]
    }
    assert Suppression.objects.count() == 1

    bad = admin_client_.post(add, {"email": "not-an-address", "reason": ""})
    assert "email" in bad.context["adminform"].form.errors


def test_suppression_removed(admin_client_):
    suppression = services.suppress("gone@ouh.example", reason="550")

    response = admin_client_.post(
        reverse("admin:mail_suppression_delete", args=[suppression.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Suppression.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "owner", "outsider"])
def test_outbox_admin_is_superuser_only(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    row = _row("p")
    suppression = services.suppress("gone@ouh.example", reason="550")

    urls = [
        reverse(CHANGELIST),
        reverse("admin:mail_outboxmessage_change", args=[row.pk]),
        reverse("admin:mail_suppression_changelist"),
        reverse("admin:mail_suppression_add"),
        reverse("admin:mail_suppression_change", args=[suppression.pk]),
    ]
    # staff without the permission get 403; everybody else goes to the admin login
    refused = 403 if user.is_staff else 302
    for url in urls:
        response = client.get(url)
        assert response.status_code == refused, url
        assert b"nora@ouh.example" not in response.content
        assert b"gone@ouh.example" not in response.content
    type(row).objects.filter(pk=row.pk).update(state=type(row).State.FAILED)  # resendable
    response = client.post(reverse(CHANGELIST), {"action": "resend", "_selected_action": [row.pk]})
    assert response.status_code == refused
    row.refresh_from_db()
    assert row.state == type(row).State.FAILED  # the refused action changed nothing
    if user.is_staff:
        index = client.get(reverse("admin:index")).content.decode()
        assert "Outbox messages" not in index and "Suppressed addresses" not in index


def test_superuser_sees_the_outbox_in_the_admin_index(admin_client_):
    index = admin_client_.get(reverse("admin:index")).content.decode()
    assert "Outbox messages" in index and "Suppressed addresses" in index
