"""Emails of the need lifecycle: who gets them, subject, and both the text and HTML parts."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from needs import services
from tests import factories as f

pytestmark = pytest.mark.django_db


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def _html(message):
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return content


def test_submit_emails_hub_coordinators(
    draft_need, owner, coordinator, other_hub, django_capture_on_commit_callbacks
):
    stranger = f.UserFactory(email="other-coord@example.org", is_staff=True)
    other_hub.coordinators.add(stranger)
    draft_need.title = "Fewer falls & fractures"
    draft_need.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_need(draft_need, actor=owner)
    assert list(_by_recipient()) == [coordinator.email]
    message = mail.outbox[0]
    assert message.subject == "[Action] Review need: Fewer falls & fractures"
    assert "Odense University Hospital" in message.body
    assert f"/admin/needs/need/{draft_need.pk}/change/" in message.body
    html = _html(message)
    assert "Fewer falls &amp; fractures" in html
    assert f"/admin/needs/need/{draft_need.pk}/change/" in html


def test_publish_emails_active_members_of_owning_org(
    submitted_need,
    owner,
    member,
    coordinator,
    company_owner,
    buyer_org,
    django_capture_on_commit_callbacks,
):
    f.MembershipFactory(organisation=buyer_org, status="pending", user__email="wait@ouh.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_need(submitted_need, actor=coordinator)
    messages = _by_recipient()
    assert set(messages) == {owner.email, member.email}
    message = messages[owner.email]
    assert message.subject == "Your need is published: Medication reminders"
    assert f"/needs/{submitted_need.pk}/" in message.body
    assert f"/needs/{submitted_need.pk}/" in _html(message)


def test_return_emails_members_with_the_comment(
    submitted_need, owner, member, coordinator, django_capture_on_commit_callbacks
):
    comment = "Please remove the <b>patient initials</b> from the description."
    with django_capture_on_commit_callbacks(execute=True):
        services.return_need(submitted_need, actor=coordinator, comment=comment)
    messages = _by_recipient()
    assert set(messages) == {owner.email, member.email}
    message = messages[member.email]
    assert message.subject == "Changes requested: Medication reminders"
    assert comment in message.body
    html = _html(message)
    assert "Please remove the &lt;b&gt;patient initials&lt;/b&gt;" in html
    assert "<b>patient" not in html


def test_refused_transition_sends_nothing(
    draft_need, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            services.publish_need(draft_need, actor=coordinator)
    assert mail.outbox == []
