"""Meeting requests in the coordination admin: read-only, only the coordinator's hubs."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_requests_listed_read_only_per_hub(coordinator_client, event, other_hub):
    mine = f.MeetingRequestFactory(
        from_registration=f.RegistrationFactory(event=event),
        to_registration=f.RegistrationFactory(
            event=event, organisation=f.OrganisationFactory(company=True)
        ),
        score=0.486,
    )
    foreign_event = f.EventFactory(hub=other_hub, title="Oslo Brokerage")
    theirs = f.MeetingRequestFactory(
        from_registration=f.RegistrationFactory(event=foreign_event),
        to_registration=f.RegistrationFactory(
            event=foreign_event, organisation=f.OrganisationFactory(company=True)
        ),
    )
    changelist = reverse("admin:events_meetingrequest_changelist")
    page = coordinator_client.get(changelist + "?status=pending").content.decode()
    assert reverse("admin:events_meetingrequest_change", args=[mine.pk]) in page
    assert reverse("admin:events_meetingrequest_change", args=[theirs.pk]) not in page
    assert "49 % match" in page and "0.486" not in page  # the score's one form
    response = coordinator_client.get(reverse("admin:events_meetingrequest_change", args=[mine.pk]))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    foreign = coordinator_client.get(
        reverse("admin:events_meetingrequest_change", args=[theirs.pk])
    )
    assert foreign.status_code == 302  # "doesn't exist"
    assert coordinator_client.get(reverse("admin:events_meetingrequest_add")).status_code == 403
