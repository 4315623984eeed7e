"""The organisation administrators' webhook pages: who sees them (admins only; members and
outsiders 404, anonymous to the login), and what each one does."""

import pytest
from django.urls import reverse

from healthmatch.webhooks import services
from healthmatch.webhooks.models import Delivery, Endpoint
from tests.once import once

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook(loopback, buyer_org, owner):
    endpoint = services.create_endpoint(
        buyer_org, actor=owner, url="http://127.0.0.1:9/in", events=["need.published"]
    )
    services.emit("need.published", [buyer_org], {"need": {"id": 1}})
    Delivery.objects.update(state=Delivery.State.FAILED, attempts=7, last_status_code=500)
    return endpoint


def _pages(org, endpoint):
    delivery = endpoint.deliveries.get()
    slug, pk = org.slug, endpoint.pk
    return [
        ("get", reverse("webhooks:list", args=[slug])),
        ("get", reverse("webhooks:create", args=[slug])),
        ("get", reverse("webhooks:endpoint", args=[slug, pk])),
        ("get", reverse("webhooks:edit", args=[slug, pk])),
        ("get", reverse("webhooks:delivery", args=[slug, pk, delivery.pk])),
        ("post", reverse("webhooks:rotate", args=[slug, pk])),
        ("post", reverse("webhooks:toggle", args=[slug, pk])),
        ("post", reverse("webhooks:ping", args=[slug, pk])),
        ("post", reverse("webhooks:redeliver", args=[slug, pk, delivery.pk])),
        ("post", reverse("webhooks:delete", args=[slug, pk])),
    ]


@pytest.mark.parametrize("who", ["member", "outsider", "company_owner"])
def test_every_page_is_404_to_anyone_but_the_admins(client, hook, buyer_org, who, request):
    client.force_login(request.getfixturevalue(who))
    secret = hook.secret
    for method, url in _pages(buyer_org, hook):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (who, url)
    hook.refresh_from_db()
    assert hook.secret == secret and hook.active and Endpoint.objects.count() == 1


def test_every_page_sends_anonymous_visitors_to_the_login(client, hook, buyer_org):
    for method, url in _pages(buyer_org, hook):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_endpoint_of_another_organisation_is_404(client, hook, company_org, company_owner):
    client.force_login(company_owner)
    url = reverse("webhooks:endpoint", args=[company_org.slug, hook.pk])
    assert client.get(url).status_code == 404


def test_admin_adds_an_endpoint_and_sees_its_secret(client, loopback, owner, buyer_org):
    client.force_login(owner)
    page = client.get(reverse("webhooks:create", args=[buyer_org.slug]))
    assert page.status_code == 200
    assert "need.published" in page.content.decode() and "bid.decided" in page.content.decode()

    response = client.post(
        reverse("webhooks:create", args=[buyer_org.slug]),
        once(
            client,
            {
                "url": "http://127.0.0.1:9/in",
                "description": "ERP",
                "events": ["need.published", "bid.decided"],
            },
        ),
    )
    endpoint = Endpoint.objects.get()
    assert response["Location"] == reverse("webhooks:endpoint", args=[buyer_org.slug, endpoint.pk])
    assert endpoint.events == ["need.published", "bid.decided"] and endpoint.created_by == owner
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page and "ERP" in page
    listing = client.get(reverse("webhooks:list", args=[buyer_org.slug])).content.decode()
    assert "http://127.0.0.1:9/in" in listing


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/in",
        "https://10.0.0.8/",
        "https://169.254.169.254/",
        "https://[::1]/",
        "https://localhost/",
    ],
)
def test_the_form_refuses_private_addresses(client, owner, buyer_org, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    client.force_login(owner)
    response = client.post(
        reverse("webhooks:create", args=[buyer_org.slug]),
        once(client, {"url": url, "events": ["need.published"]}),
    )
    assert response.status_code == 200
    assert "webhooks go to public addresses only" in response.content.decode()
    assert Endpoint.objects.count() == 0


def test_the_form_refuses_plain_http_in_production(client, owner, buyer_org, settings):
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    client.force_login(owner)
    response = client.post(
        reverse("webhooks:create", args=[buyer_org.slug]),
        once(client, {"url": "http://example.org/in", "events": ["need.published"]}),
    )
    assert "The URL must use HTTPS." in response.content.decode()
    assert Endpoint.objects.count() == 0


def test_admin_edits_rotates_disables_enables_pings_and_deletes(client, hook, owner, buyer_org):
    client.force_login(owner)
    slug, pk = buyer_org.slug, hook.pk
    client.post(
        reverse("webhooks:edit", args=[slug, pk]),
        {"url": "http://127.0.0.1:10/new", "description": "new", "events": ["match.mutual"]},
    )
    hook.refresh_from_db()
    assert hook.url == "http://127.0.0.1:10/new" and hook.events == ["match.mutual"]

    old = hook.secret
    client.post(reverse("webhooks:rotate", args=[slug, pk]))
    hook.refresh_from_db()
    assert hook.secret != old and hook.previous_secret == old
    page = client.get(reverse("webhooks:endpoint", args=[slug, pk])).content.decode()
    assert hook.secret in page and old in page and "Previous secret" in page

    client.post(reverse("webhooks:toggle", args=[slug, pk]), {"active": "0"})
    hook.refresh_from_db()
    assert not hook.active and "Olivia Owner" in hook.disabled_reason
    response = client.post(reverse("webhooks:ping", args=[slug, pk]), follow=True)
    assert "Enable the endpoint" in response.content.decode()
    client.post(reverse("webhooks:toggle", args=[slug, pk]), {"active": "1"})
    hook.refresh_from_db()
    assert hook.active
    client.post(reverse("webhooks:ping", args=[slug, pk]))
    assert hook.deliveries.filter(event_type="ping", state="queued").count() == 1

    client.post(reverse("webhooks:delete", args=[slug, pk]))
    assert not Endpoint.objects.exists() and not Delivery.objects.exists()


def test_admin_sees_deliveries_and_redelivers_a_failed_one(client, hook, owner, buyer_org):
    client.force_login(owner)
    delivery = hook.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(last_response="<b>nope</b>")
    page = client.get(reverse("webhooks:endpoint", args=[buyer_org.slug, hook.pk])).content
    assert b"need.published" in page and b"500" in page
    detail = client.get(reverse("webhooks:delivery", args=[buyer_org.slug, hook.pk, delivery.pk]))
    text = detail.content.decode()
    assert delivery.webhook_id in text and "&lt;b&gt;nope&lt;/b&gt;" in text
    assert "&quot;type&quot;: &quot;need.published&quot;" in text  # the payload, escaped

    client.post(reverse("webhooks:redeliver", args=[buyer_org.slug, hook.pk, delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.QUEUED and delivery.attempts == 0

    response = client.post(
        reverse("webhooks:redeliver", args=[buyer_org.slug, hook.pk, delivery.pk]), follow=True
    )
    assert "Only a failed delivery can be sent again." in response.content.decode()


def test_the_members_page_links_admins_to_the_webhooks(client, owner, member, buyer_org):
    url = reverse("organisation_members", args=[buyer_org.slug])
    link = reverse("webhooks:list", args=[buyer_org.slug])
    client.force_login(owner)
    assert link in client.get(url).content.decode()
    client.force_login(member)
    assert link not in client.get(url).content.decode()


def test_rotating_says_how_long_the_old_secret_signs_from_the_setting(
    client, hook, owner, buyer_org, settings
):
    settings.WEBHOOKS_PREVIOUS_SECRET_SECONDS = 3 * 24 * 60 * 60
    client.force_login(owner)
    slug, pk = buyer_org.slug, hook.pk
    page = client.get(reverse("webhooks:endpoint", args=[slug, pk])).content.decode()
    assert "The old one keeps signing for 3 days." in page
    response = client.post(reverse("webhooks:rotate", args=[slug, pk]), follow=True)
    assert "with the old secret too for the next 3 days," in response.content.decode()
