"""The retention periods (settings) and the nightly pass that applies them. Every step deletes
or updates rows chosen by a condition, in batches: running it twice, or twice at once, does no
harm (a row already gone is simply not found again)."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from healthmatch.accounts.models import LifecycleStep
from healthmatch.attachments.services import delete_attachment
from healthmatch.mail import services as mail
from healthmatch.mail.models import OutboxMessage
from healthmatch.privacy import erasure, export
from healthmatch.privacy.models import DataExport, InactivityWarning
from matching.bids.models import Bid, BidAttachment
from needs.models import Need, NeedAttachment

log = logging.getLogger(__name__)

FINISHED_OUTBOX_STATES = (
    OutboxMessage.State.SENT,
    OutboxMessage.State.SUPPRESSED,
    OutboxMessage.State.FAILED,
)
# A pending export older than this lost its task (broker down): queued again.
PENDING_EXPORT_REQUEUE = timedelta(minutes=15)


def _days(count):
    return ngettext_lazy("%(count)d day", "%(count)d days", count) % {"count": count}


def _years(count):
    return ngettext_lazy("%(count)d year", "%(count)d years", count) % {"count": count}


def retention_periods() -> list[dict]:
    """What is kept and for how long, for the /privacy/ page (generated from the settings)."""
    s = settings
    return [
        {
            "what": _("Your account (name, email address, job title, memberships)"),
            "period": _(
                "Until you delete it. An account nobody signed in to for %(years)s is erased, "
                "after a warning email %(days)s before."
            )
            % {
                "years": _years(s.PRIVACY_INACTIVE_YEARS),
                "days": _days(s.PRIVACY_INACTIVE_WARNING_DAYS),
            },
        },
        {
            "what": _("Needs, capabilities and bids (and who wrote them)"),
            "period": _(
                "As long as the organisation keeps them; after an erasure, signed by a pseudonym."
            ),
        },
        {
            "what": _("Files attached to closed needs and to declined or withdrawn bids"),
            "period": _("%(days)s after the need closed or the bid was declined or withdrawn")
            % {"days": _days(s.PRIVACY_CLOSED_ATTACHMENTS_DAYS)},
        },
        {
            "what": _("Emails we sent (the outbox)"),
            "period": _(
                "%(days)s after they were written; then only a trace without recipient or "
                "contents stays, so that no email is ever sent twice"
            )
            % {"days": _days(s.PRIVACY_OUTBOX_DAYS)},
        },
        {
            "what": _("History entries: status changes of needs, bids and matches, admin log"),
            "period": _years(s.PRIVACY_AUDIT_YEARS),
        },
        {
            "what": _("Your data export archives"),
            "period": ngettext_lazy(
                "%(count)d hour after they are ready",
                "%(count)d hours after they are ready",
                s.PRIVACY_EXPORT_LINK_HOURS,
            )
            % {"count": s.PRIVACY_EXPORT_LINK_HOURS},
        },
    ]


def _delete_in_batches(queryset) -> int:
    """Delete ``queryset``'s rows a batch at a time (short transactions, bounded memory)."""
    deleted = 0
    model = queryset.model
    while True:
        ids = list(queryset.values_list("pk", flat=True)[: settings.PRIVACY_RETENTION_BATCH])
        if not ids:
            return deleted
        model._base_manager.filter(pk__in=ids).delete()
        deleted += len(ids)


def purge_outbox(now) -> int:
    """Empty finished messages past their period: recipient, subject, texts, headers and files
    go; the row's key, kind, state and times stay, so the outbox (idempotent on the key) never
    sends the same message twice because its trace was deleted."""
    cutoff = now - timedelta(days=settings.PRIVACY_OUTBOX_DAYS)
    due = OutboxMessage.objects.filter(
        state__in=FINISHED_OUTBOX_STATES, created_at__lt=cutoff
    ).exclude(to_email="")
    emptied = 0
    while ids := list(due.values_list("pk", flat=True)[: settings.PRIVACY_RETENTION_BATCH]):
        emptied += OutboxMessage.objects.filter(pk__in=ids).update(
            to_email="",
            user=None,
            subject="",
            text="",
            html="",
            headers={},
            attachments=[],
            last_error="",
        )
    return emptied


def audit_models():
    models = [m for m in apps.get_models() if issubclass(m, LifecycleStep)]
    return [m for m in models if any(f.name == "created_at" for f in m._meta.concrete_fields)]


def purge_audit(now) -> int:
    cutoff = now - timedelta(days=365 * settings.PRIVACY_AUDIT_YEARS)
    deleted = _delete_in_batches(LogEntry.objects.filter(action_time__lt=cutoff))
    for model in audit_models():
        deleted += _delete_in_batches(model._default_manager.filter(created_at__lt=cutoff))
    return deleted


def purge_closed_attachments(now) -> int:
    cutoff = now - timedelta(days=settings.PRIVACY_CLOSED_ATTACHMENTS_DAYS)
    finished_bids = Bid.objects.annotate(ended=Coalesce("decided_at", "updated_at")).filter(
        state__in=(Bid.State.DECLINED, Bid.State.WITHDRAWN), ended__lt=cutoff
    )
    querysets = [
        NeedAttachment.objects.filter(need__status=Need.Status.CLOSED, need__closed_at__lt=cutoff),
        BidAttachment.objects.filter(bid__in=finished_bids.values("pk")),
    ]
    deleted = 0
    for queryset in querysets:
        while batch := list(queryset[: settings.PRIVACY_RETENTION_BATCH]):
            with transaction.atomic():
                for attachment in batch:
                    delete_attachment(attachment)
            deleted += len(batch)
    return deleted


def inactive_people(now):
    cutoff = now - timedelta(days=365 * settings.PRIVACY_INACTIVE_YEARS)
    return get_user_model().objects.filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff),
        is_active=True,
        is_staff=False,
    )


def warn_and_erase_inactive(now) -> dict:
    """Warn each inactive person once; erase those still away when the warning is old enough.
    One who signed in since the warning has it cleared."""
    warn_days = settings.PRIVACY_INACTIVE_WARNING_DAYS
    InactivityWarning.objects.filter(user__last_login__gt=F("warned_at")).delete()
    counts = {"warned": 0, "erased": 0, "kept": 0}
    inactive = inactive_people(now)
    for person in inactive.exclude(pk__in=InactivityWarning.objects.values("user_id"))[
        : settings.PRIVACY_RETENTION_BATCH
    ]:
        with transaction.atomic():
            _warning, created = InactivityWarning.objects.get_or_create(
                user=person, defaults={"warned_at": now}
            )
            if created:
                mail.enqueue(
                    key=f"privacy_inactive_warning:{person.pk}:{now:%Y%m%d}",
                    kind="privacy_inactive_warning",
                    to=person.email,
                    user=person,
                    language=mail.language_for(person),
                    context={
                        "recipient": person,
                        "erase_on": now + timedelta(days=warn_days),
                    },
                )
                counts["warned"] += 1
    due = inactive.filter(
        pk__in=InactivityWarning.objects.filter(
            warned_at__lt=now - timedelta(days=warn_days)
        ).values("user_id")
    )
    for person in due[: settings.PRIVACY_RETENTION_BATCH]:
        try:
            erasure.erase_person(person, reason="inactive account")
        except ValidationError:
            log.warning("inactive person %s not erased: last administrator", person.pk)
            counts["kept"] += 1
        else:
            counts["erased"] += 1
    return counts


def requeue_pending_exports(now) -> int:
    stale = DataExport.objects.filter(
        state=DataExport.State.PENDING, created_at__lt=now - PENDING_EXPORT_REQUEUE
    )
    ids = list(stale.values_list("pk", flat=True)[: settings.PRIVACY_RETENTION_BATCH])
    for export_id in ids:
        export._queue_build(export_id)
    return len(ids)


def apply_retention(now=None) -> dict:
    now = now or timezone.now()
    counts = {
        "exports_expired": export.expire_exports(now),
        "exports_requeued": requeue_pending_exports(now),
        "outbox_emptied": purge_outbox(now),
        "audit_deleted": purge_audit(now),
        "attachments_deleted": purge_closed_attachments(now),
        **warn_and_erase_inactive(now),
    }
    log.info("privacy retention: %s", counts)
    return counts
