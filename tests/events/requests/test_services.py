"""The rules of meeting requests, through the services: who may ask whom, when, one open
request per pair, answers, cancelling, expiry, and the opt-out mode."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.requests import services
from events.requests.models import MeetingRequest
from events.tasks import expire_meeting_requests
from matching.models import Match
from tests import factories as f
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db
Status = MeetingRequest.Status


def test_request_meeting_pending_with_the_best_match(buyer_reg, company_reg, match, company_owner):
    request = services.request_meeting(
        company_reg, buyer_reg, actor=company_owner, message=" Shall we meet? "
    )
    assert request.status == Status.PENDING
    assert request.message == "Shall we meet?"
    assert request.match == match and request.score == 0.8 and not request.must_meet
    assert request.need == match.need and request.capability == match.capability
    (row,) = outbox("meeting_request_received")
    assert row.to_email == buyer_reg.user.email


def test_request_meeting_must_meet_when_mutual(buyer_reg, company_reg, match, owner):
    match.status = Match.Status.MUTUAL
    match.save()
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    assert request.must_meet is True


def test_request_meeting_without_match_has_no_score(buyer_reg, company_reg, owner):
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    assert request.match is None and request.score is None and not request.must_meet


def test_request_meeting_about_a_need_not_pitched_is_refused(
    buyer_reg, company_reg, owner, buyer_org
):
    other = f.NeedFactory(organisation=buyer_org, published=True)
    with pytest.raises(ValidationError) as error:
        services.request_meeting(buyer_reg, company_reg, actor=owner, need=other)
    assert "Choose one of the needs pitched at this event." in error.value.messages


def test_request_meeting_only_by_the_participant(buyer_reg, company_reg, member):
    with pytest.raises(PermissionDenied):
        services.request_meeting(buyer_reg, company_reg, actor=member)


def test_request_meeting_with_oneself_is_refused(buyer_reg, owner):
    with pytest.raises(ValidationError, match="yourself"):
        services.request_meeting(buyer_reg, buyer_reg, actor=owner)


def test_request_meeting_with_own_organisation_is_refused(buyer_reg, member_reg, owner):
    with pytest.raises(ValidationError, match="your own organisation"):
        services.request_meeting(buyer_reg, member_reg, actor=owner)


def test_request_meeting_same_kind_is_refused(event, buyer_reg, owner):
    hospital = f.OrganisationFactory(name="Aarhus University Hospital", kind="hospital")
    other = f.RegistrationFactory(event=event, organisation=hospital)
    with pytest.raises(ValidationError, match="between buyers and companies"):
        services.request_meeting(buyer_reg, other, actor=owner)


def test_request_meeting_needs_both_confirmed(buyer_reg, company_reg, owner, company_owner):
    company_reg.status = "waitlisted"
    company_reg.save()
    with pytest.raises(ValidationError, match="no longer a confirmed participant"):
        services.request_meeting(buyer_reg, company_reg, actor=owner)
    with pytest.raises(PermissionDenied, match="Only confirmed participants"):
        services.request_meeting(company_reg, buyer_reg, actor=company_owner)


def test_request_meeting_after_the_deadline_is_refused(event, buyer_reg, company_reg, owner):
    event.request_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError, match="deadline for meeting requests has passed"):
        services.request_meeting(buyer_reg, company_reg, actor=owner)


def test_request_meeting_in_a_cancelled_event_is_refused(event, buyer_reg, company_reg, owner):
    event.status = event.Status.CANCELLED
    event.save()
    with pytest.raises(ValidationError, match="cancelled"):
        services.request_meeting(buyer_reg, company_reg, actor=owner)


def test_one_open_request_per_pair_either_direction(buyer_reg, company_reg, owner, company_owner):
    services.request_meeting(buyer_reg, company_reg, actor=owner)
    with pytest.raises(ValidationError, match="already have an open meeting request"):
        services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    with pytest.raises(ValidationError, match="already have an open meeting request"):
        services.request_meeting(buyer_reg, company_reg, actor=owner)


def test_pair_may_ask_again_after_a_decline(buyer_reg, company_reg, owner, company_owner):
    first = services.request_meeting(buyer_reg, company_reg, actor=owner)
    services.decline(first, actor=company_owner)
    second = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    assert second.status == Status.PENDING


def test_constraint_holds_without_the_service(buyer_reg, company_reg):
    f.MeetingRequestFactory(from_registration=buyer_reg, to_registration=company_reg)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MeetingRequestFactory(from_registration=company_reg, to_registration=buyer_reg)


def test_opt_out_event_accepts_at_once_and_tells_both(event, buyer_reg, company_reg, owner):
    event.request_acceptance = event.RequestAcceptance.OPT_OUT
    event.save()
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    assert request.status == Status.ACCEPTED and request.answered_at is not None
    (received,) = outbox("meeting_request_received")
    assert "accepts requests automatically" in received.text
    assert "accepts requests automatically" in received.html
    (accepted,) = outbox("meeting_request_accepted")
    assert accepted.to_email == owner.email


def test_accept_only_by_the_person_asked(buyer_reg, company_reg, member_reg, owner, member):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_reg.user)
    with pytest.raises(PermissionDenied):
        services.accept(request, actor=member)  # a colleague of the same organisation
    with pytest.raises(PermissionDenied):
        services.accept(request, actor=company_reg.user)  # the asker
    accepted = services.accept(request, actor=owner)
    assert accepted.status == Status.ACCEPTED and accepted.answered_by == owner
    with pytest.raises(ValidationError, match="cannot be answered"):
        services.decline(request, actor=owner)


def test_decline_tells_the_asker(buyer_reg, company_reg, owner, company_owner):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    services.decline(request, actor=owner)
    assert MeetingRequest.objects.get().status == Status.DECLINED
    (row,) = outbox("meeting_request_declined")
    assert row.to_email == company_owner.email


def test_accept_refused_when_the_asker_cancelled_registration(
    buyer_reg, company_reg, owner, company_owner
):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    company_reg.status = "cancelled"
    company_reg.save()
    with pytest.raises(ValidationError, match="can only be declined"):
        services.accept(request, actor=owner)
    assert services.decline(request, actor=owner).status == Status.DECLINED


def test_cancel_only_by_the_asker_while_open(buyer_reg, company_reg, owner, company_owner):
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    with pytest.raises(PermissionDenied):
        services.cancel_request(request, actor=company_owner)
    services.accept(request, actor=company_owner)
    assert services.cancel_request(request, actor=owner).status == Status.CANCELLED
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.cancel_request(request, actor=owner)


def test_expire_requests_past_the_deadline_twice_is_safe(event, buyer_reg, company_reg, owner):
    event.request_deadline = timezone.now() + datetime.timedelta(days=1)
    event.save()
    pending = services.request_meeting(buyer_reg, company_reg, actor=owner)
    other_company = f.RegistrationFactory(
        event=event, organisation=f.OrganisationFactory(company=True)
    )
    accepted = services.request_meeting(other_company, buyer_reg, actor=other_company.user)
    services.accept(accepted, actor=owner)
    assert services.expire_requests() == 0
    later = timezone.now() + datetime.timedelta(days=2)
    assert services.expire_requests(now=later) == 1
    assert services.expire_requests(now=later) == 0
    pending.refresh_from_db()
    accepted.refresh_from_db()
    assert pending.status == Status.EXPIRED and accepted.status == Status.ACCEPTED


def test_expiry_task_runs_the_service(event, buyer_reg, company_reg, owner):
    event.request_deadline = timezone.now() + datetime.timedelta(hours=1)
    event.save()
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    event.request_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    assert expire_meeting_requests.apply().get() == 1
    assert expire_meeting_requests.apply().get() == 0
    request.refresh_from_db()
    assert request.status == Status.EXPIRED


def test_expiry_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-meeting-requests"]
    assert entry == {"task": "events.tasks.expire_meeting_requests", "schedule": 900.0}
