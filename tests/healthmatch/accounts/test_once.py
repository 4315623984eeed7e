"""Registering an organisation and asking to join one act once per form token."""

import pytest
from django.urls import reverse

from healthmatch.accounts.models import Membership, Organisation
from healthmatch.mail.models import OutboxMessage
from tests import factories as f
from tests.healthmatch.accounts.test_organisations import org_data
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    expired,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

CREATE = reverse("organisation_create")
JOIN = reverse("organisation_join")


@pytest.mark.django_db
def test_organisation_form_sent_twice_registers_one_organisation(client, hub):
    client.force_login(f.UserFactory())
    first, second = post_twice(client, CREATE, org_data(hub))
    assert Organisation.objects.filter(name="Vejle Kommune").count() == 1
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_organisation_form_sent_twice_at_once_registers_one_organisation(hub):
    user = f.UserFactory()
    responses = post_twice_at_once(user, CREATE, org_data(hub))
    assert [r.status_code for r in responses] == [302, 302], responses
    assert Organisation.objects.filter(name="Vejle Kommune").count() == 1
    assert Membership.objects.filter(user=user).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_organisation_form_with_a_bad_token_registers_nothing(client, hub, bad):
    client.force_login(f.UserFactory())
    data = forged(org_data(hub)) if bad == "forged" else expired(client, org_data(hub))
    response = client.post(CREATE, data)
    assert_refused_token(response, expired=bad == "expired")
    assert "Vejle Kommune" in response.content.decode()
    assert not Organisation.objects.filter(name="Vejle Kommune").exists()


@pytest.mark.django_db
def test_join_request_sent_twice_asks_the_administrators_once(client, buyer_org, owner):
    client.force_login(f.UserFactory())
    data = {"organisation": buyer_org.pk, "message": "I run the falls project."}
    before = OutboxMessage.objects.count()
    first, second = post_twice(client, JOIN, data)
    assert Membership.objects.filter(organisation=buyer_org, status="pending").count() == 1
    assert OutboxMessage.objects.count() == before + 1  # one email to the administrator
    assert_landed_on_the_first(client, first, second)


@pytest.mark.django_db
def test_join_request_with_a_forged_token_asks_nothing(client, buyer_org):
    client.force_login(f.UserFactory())
    response = client.post(f"{JOIN}?q=odense", forged({"organisation": buyer_org.pk}))
    assert_refused_token(response)
    assert not Membership.objects.filter(status="pending").exists()
