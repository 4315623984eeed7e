"""Certificates that expire: reminders to the company before, and what coordinators see after.

- ``send_certificate_reminders(today=...)``: run daily by beat. A certificate whose expiry date
  is within 90 days is reminded of once at 90 days and once at 30 (``REMINDER_DAYS``): the most
  urgent threshold it has reached that has no ``CertificateReminder`` row yet. The row and the
  outbox emails are written in one transaction per organisation, so a run that dies writes
  nothing and a repeated or concurrent run finds the row (the unique constraint decides who
  writes it) and sends nothing twice. A certificate first entered 20 days before it expires gets
  the 30-day reminder only; a renewed one (a new date) is reminded of again.
- Each organisation's active members get one email (text and HTML, in their language) listing
  its certificates reminded of that day. An organisation without members with an address is
  skipped and recorded nothing, so it is reminded once someone joins; the coordinators see its
  expired certificates in the admin all the same.
- ``has_expired_certificate`` / ``published_on_expired``: the published capabilities that run on
  an expired certificate, for the admin's filter and the coordinator's dashboard.
"""

import datetime
import logging
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from companies.models import REMINDER_DAYS, Capability, CertificateReminder, Certification
from healthmatch.accounts.models import Membership
from healthmatch.mail.services import enqueue, language_for

log = logging.getLogger(__name__)

CATEGORY = "certificates"
KIND = "certificate_expiry"
# Capabilities whose certificates are reminded of: archived ones are off the directory.
REMINDED_STATUSES = (Capability.Status.DRAFT, Capability.Status.PUBLISHED)


def threshold_for(valid_until: datetime.date, today: datetime.date) -> int | None:
    """The most urgent reminder threshold ``valid_until`` has reached, or None (too far, or
    already expired)."""
    days_left = (valid_until - today).days
    reached = [days for days in REMINDER_DAYS if 0 <= days_left <= days]
    return min(reached) if reached else None


def due_certifications(today: datetime.date) -> list[tuple[Certification, int]]:
    """(certification, threshold) pairs not reminded of yet, ordered by organisation."""
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    candidates = (
        Certification.objects.filter(
            valid_until__gte=today,
            valid_until__lte=horizon,
            capability__status__in=REMINDED_STATUSES,
        )
        .select_related("item", "capability__company__organisation")
        .order_by("capability__company__organisation_id", "valid_until", "pk")
    )
    sent = set(
        CertificateReminder.objects.filter(certification__in=candidates).values_list(
            "certification_id", "valid_until", "days_before"
        )
    )
    due = []
    for certification in candidates:
        days = threshold_for(certification.valid_until, today)
        if days is not None and (certification.pk, certification.valid_until, days) not in sent:
            due.append((certification, days))
    return due


def organisation_members(organisation_id):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__in=Membership.objects.active().filter(organisation_id=organisation_id),
        )
        .exclude(email="")
        .order_by("pk")
    )


def send_certificate_reminders(*, today: datetime.date | None = None) -> int:
    """Write the reminders due ``today`` (default: the local date) and their emails; returns
    the number of certificates reminded of."""
    today = today or timezone.localdate()
    reminded = 0
    due = due_certifications(today)
    for organisation_id, rows in groupby(
        due, key=lambda row: row[0].capability.company.organisation_id
    ):
        try:
            reminded += _remind_organisation(organisation_id, list(rows), today)
        except Exception:  # one organisation's failure (rolled back) must not stop the others
            log.exception("certificate reminders for organisation %s failed", organisation_id)
    log.info("certificate reminders: %d certificate(s) reminded of", reminded)
    return reminded


@transaction.atomic
def _remind_organisation(organisation_id, rows, today) -> int:
    recipients = list(organisation_members(organisation_id))
    if not recipients:
        return 0
    claimed = []
    for certification, days in rows:
        reminder, created = CertificateReminder.objects.get_or_create(
            certification=certification,
            valid_until=certification.valid_until,
            days_before=days,
            defaults={"sent_at": timezone.now(), "recipients": len(recipients)},
        )
        if created:  # else another run wrote it (and its emails) first
            claimed.append((reminder, certification))
    if not claimed:
        return 0
    organisation = claimed[0][1].capability.company.organisation
    entries = [
        {
            "certification": certification,
            "capability": certification.capability,
            "days_left": (certification.valid_until - today).days,
        }
        for _reminder, certification in claimed
    ]
    first = min(reminder.pk for reminder, _certification in claimed)
    for user in recipients:
        enqueue(
            key=f"{KIND}:{first}:{user.pk}",
            kind=KIND,
            to=user.email,
            context={"recipient": user, "organisation": organisation, "entries": entries},
            user=user,
            language=language_for(user),
            category=CATEGORY,
        )
    return len(claimed)


# --- What coordinators and owners see -----------------------------------------------------------


def has_expired_certificate(today: datetime.date | None = None) -> Exists:
    """Over Capability: has at least one certificate past its expiry date."""
    today = today or timezone.localdate()
    return Exists(Certification.objects.filter(capability=OuterRef("pk"), valid_until__lt=today))


def has_expiring_certificate(today: datetime.date | None = None) -> Exists:
    """Over Capability: has a certificate still valid but within the first reminder's reach."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    return Exists(
        Certification.objects.filter(
            capability=OuterRef("pk"), valid_until__gte=today, valid_until__lte=horizon
        )
    )


def published_on_expired(today: datetime.date | None = None):
    """Published capabilities that run on an expired certificate."""
    return Capability.objects.published().filter(has_expired_certificate(today))
