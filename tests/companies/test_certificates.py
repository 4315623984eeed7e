"""Certificates that expire: the company's members hear 90 and 30 days before, once per
certificate and threshold; coordinators and owners see published capabilities that run on
expired ones. Dates are fixed by passing ``today`` to the service."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from companies import certificates
from companies.models import Capability, CertificateReminder
from companies.tasks import send_certificate_reminders as reminder_task
from healthmatch.accounts.models import Membership, RegulatoryItem
from healthmatch.mail.models import OutboxMessage
from tests import factories as f

TODAY = datetime.date(2027, 3, 1)
KIND = "certificate_expiry"


def days(n):
    return TODAY + datetime.timedelta(days=n)


def send(today=TODAY):
    return certificates.send_certificate_reminders(today=today)


def reminder_emails():
    return OutboxMessage.objects.filter(kind=KIND).order_by("to_email", "pk")


def regulatory_item(name):
    """The default taxonomy has it (a transactional test starts without it)."""
    return RegulatoryItem.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


@pytest.fixture
def iso(db):
    return regulatory_item("ISO 13485")


@pytest.fixture
def radar(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, title="Fall detection radar", published=True)


@pytest.fixture
def cert(radar, iso):
    return f.CertificationFactory(
        capability=radar, item=iso, reference="DNV 4711", valid_until=days(90)
    )


@pytest.fixture
def people(company_owner, company_member, outsider, owner):
    """Both members of the company, an outsider, a buyer and a pending applicant."""
    pending = f.UserFactory(email="applicant@caresense.example")
    f.MembershipFactory(
        user=pending,
        organisation=company_owner.memberships.get().organisation,
        status=Membership.Status.PENDING,
    )
    return company_owner, company_member


# --- Reminders -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminder_90_days_before_goes_to_each_member_with_both_parts(people, cert):
    assert send() == 1
    emails = list(reminder_emails())
    assert [e.to_email for e in emails] == ["ceo@caresense.example", "dev@caresense.example"]
    for email in emails:
        assert email.subject == "ISO 13485 of CareSense ApS expires in 90 days"
        assert email.state == OutboxMessage.State.QUEUED
        assert email.category == "certificates"
        edit_url = reverse("companies:capability_edit", args=[cert.capability.pk])
        for part in (email.text, email.html):
            assert "ISO 13485" in part and "DNV 4711" in part
            assert "“Fall detection radar”" in part
            assert "valid until 30 May 2027 (in 90 days)" in part
            assert edit_url in part
        assert "<li><strong>ISO 13485</strong>" in email.html
        assert "<" not in email.text
    reminder = CertificateReminder.objects.get()
    assert (reminder.certification, reminder.days_before, reminder.valid_until) == (
        cert,
        90,
        days(90),
    )
    assert reminder.recipients == 2


@pytest.mark.django_db
def test_a_second_run_the_same_day_sends_nothing(people, cert):
    send()
    assert send() == 0
    assert reminder_emails().count() == 2
    assert CertificateReminder.objects.count() == 1


@pytest.mark.django_db
def test_the_30_day_reminder_follows_and_nothing_in_between(people, cert):
    send(TODAY)
    assert send(days(1)) == 0  # 89 days left: the 90-day reminder went out already
    assert send(days(59)) == 0  # 31 days left
    assert send(days(60)) == 1  # 30 days left
    assert send(days(61)) == 0
    assert sorted(CertificateReminder.objects.values_list("days_before", flat=True)) == [30, 90]
    latest = reminder_emails().filter(to_email="dev@caresense.example").order_by("-pk").first()
    assert latest.subject == "ISO 13485 of CareSense ApS expires in 30 days"
    assert reminder_emails().count() == 4


@pytest.mark.django_db
def test_a_missed_day_still_reminds_once_within_the_window(people, cert):
    """The worker was down on the 90th day: the reminder goes out on the 85th, once."""
    assert send(days(5)) == 1
    assert "(in 85 days)" in reminder_emails().first().text
    assert send(days(6)) == 0


@pytest.mark.django_db
def test_certificate_entered_late_gets_the_30_day_reminder_only(people, radar, iso):
    f.CertificationFactory(capability=radar, item=iso, valid_until=days(20))
    assert send() == 1
    assert list(CertificateReminder.objects.values_list("days_before", flat=True)) == [30]
    assert reminder_emails().count() == 2
    assert send(days(1)) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("valid_for", [91, -1, None])
def test_certificates_far_off_expired_or_without_date_get_no_reminder(
    people, radar, iso, valid_for
):
    f.CertificationFactory(
        capability=radar, item=iso, valid_until=days(valid_for) if valid_for is not None else None
    )
    assert send() == 0
    assert not reminder_emails().exists()
    assert not CertificateReminder.objects.exists()


@pytest.mark.django_db
def test_archived_capability_gets_no_reminder_but_a_draft_does(people, company_org, iso):
    profile = f.CompanyProfileFactory(organisation=company_org)
    archived = f.CapabilityFactory(company=profile, status=Capability.Status.ARCHIVED)
    draft = f.CapabilityFactory(company=profile, title="Bed-exit radar (draft)")
    f.CertificationFactory(capability=archived, item=iso, valid_until=days(30))
    f.CertificationFactory(capability=draft, item=iso, valid_until=days(30))
    assert send() == 1
    assert CertificateReminder.objects.get().certification.capability == draft


@pytest.mark.django_db
def test_renewed_certificate_is_reminded_of_again(people, cert):
    send()
    cert.valid_until = days(400)
    cert.save()
    assert send(days(310)) == 1  # 90 days before the new date
    assert CertificateReminder.objects.filter(valid_until=days(400), days_before=90).exists()


@pytest.mark.django_db
def test_several_certificates_of_a_company_come_in_one_email(people, cert, radar):
    f.CertificationFactory(
        capability=radar, item=regulatory_item("ISO 27001"), valid_until=days(30)
    )
    assert send() == 2
    emails = reminder_emails()
    assert emails.count() == 2  # one per member, not per certificate
    email = emails.first()
    assert email.subject == "2 certificates of CareSense ApS expire soon"
    assert "ISO 13485" in email.text and "ISO 27001" in email.text
    assert "(in 30 days)" in email.html and "(in 90 days)" in email.html


@pytest.mark.django_db
def test_company_without_members_is_reminded_once_someone_joins(company_org, cert):
    assert send() == 0
    assert not CertificateReminder.objects.exists()
    user = f.UserFactory(email="new@caresense.example")
    f.MembershipFactory(user=user, organisation=company_org)
    assert send(days(3)) == 1
    assert [e.to_email for e in reminder_emails()] == ["new@caresense.example"]


@pytest.mark.django_db
def test_the_beat_task_runs_the_service_for_the_real_date(people, radar, iso):
    f.CertificationFactory(
        capability=radar, item=iso, valid_until=timezone.localdate() + datetime.timedelta(30)
    )
    assert reminder_task.apply().get() == 1
    assert reminder_task.apply().get() == 0
    assert reminder_emails().count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_runs_at_once_write_each_reminder_and_email_once(people, cert):
    passes = 4
    barrier = threading.Barrier(passes)
    results, errors = [], []

    def work():
        from django.db import connection as own

        try:
            barrier.wait()
            results.append(send())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=work) for _ in range(passes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(results) == 1
    assert CertificateReminder.objects.count() == 1
    assert reminder_emails().count() == 2


# --- What coordinators and owners see --------------------------------------------------------


@pytest.fixture
def expired_radar(radar, iso):
    f.CertificationFactory(capability=radar, item=iso, valid_until=datetime.date(2020, 1, 31))
    return radar


@pytest.mark.django_db
def test_published_on_expired_lists_only_published_capabilities_on_expired_certificates(
    expired_radar, company_org, iso
):
    profile = expired_radar.company
    draft = f.CapabilityFactory(company=profile, title="Expired draft")
    f.CertificationFactory(capability=draft, item=iso, valid_until=datetime.date(2020, 1, 31))
    fine = f.CapabilityFactory(company=profile, title="Fine", published=True)
    f.CertificationFactory(capability=fine, item=iso)
    assert list(certificates.published_on_expired()) == [expired_radar]


@pytest.mark.django_db
def test_admin_filter_shows_published_capabilities_on_expired_certificates(
    coordinator_client, expired_radar, company_org, iso
):
    fine = f.CapabilityFactory(company=expired_radar.company, title="Valid bed sensor")
    f.CertificationFactory(capability=fine, item=iso)
    url = reverse("admin:companies_capability_changelist")
    html = coordinator_client.get(
        url, {"certificates": "expired", "status__exact": "published"}
    ).content.decode()
    assert "Fall detection radar" in html
    assert "Valid bed sensor" not in html
    assert "An expired certificate" in html  # the filter's choice
    everything = coordinator_client.get(url).content.decode()
    assert "Valid bed sensor" in everything and "expired certificate" in everything


@pytest.mark.django_db
def test_admin_filter_of_certificates_expiring_soon(coordinator_client, radar, iso):
    today = timezone.localdate()  # the admin filters on the real date
    f.CertificationFactory(capability=radar, item=iso, valid_until=today + datetime.timedelta(30))
    later = f.CapabilityFactory(company=radar.company, title="Far-off certificate")
    f.CertificationFactory(capability=later, item=iso, valid_until=today + datetime.timedelta(91))
    html = coordinator_client.get(
        reverse("admin:companies_capability_changelist"), {"certificates": "expiring"}
    ).content.decode()
    assert "Fall detection radar" in html
    assert "Far-off certificate" not in html


@pytest.mark.django_db
def test_coordinator_dashboard_counts_published_capabilities_on_expired_certificates(
    coordinator_client, expired_radar
):
    html = coordinator_client.get(reverse("dashboard")).content.decode()
    assert "published capabilities on expired certificates" in html
    assert "certificates=expired" in html
    section = html[html.index('id="coord-h"') :]
    assert '<div class="stat">1</div>' in section


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["company_owner", "company_member"])
def test_owner_sees_the_expired_certificate_notice(client, request, who, expired_radar):
    client.force_login(request.getfixturevalue(who))
    html = client.get(expired_radar.get_absolute_url()).content.decode()
    assert "This published capability runs on an expired certificate:" in html
    assert "<bdi>ISO 13485</bdi> (expired 31 Jan 2020)" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owner", "outsider"])
def test_others_see_the_expired_badge_but_not_the_owners_notice(
    client, request, who, expired_radar
):
    client.force_login(request.getfixturevalue(who))
    html = client.get(expired_radar.get_absolute_url()).content.decode()
    assert '<span class="badge expired">Expired</span>' in html
    assert "runs on an expired certificate" not in html
