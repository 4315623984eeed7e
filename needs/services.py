"""The verbs of a need's life: create, edit, submit, publish, return, close; invitations and
attachments. Pages, the coordination admin and tasks all call these.

Every status change locks the need (``select_for_update``), checks the move is allowed,
records a NeedStatusChange in the same transaction and queues its notification after commit.
What follows for other apps is sent as a domain event (``needs/signals.py``: need_published,
need_changed, need_withdrawn); each send names its listeners.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from healthmatch.accounts.access import coordinator_hub_q, is_verified_member, member_org_ids
from healthmatch.accounts.models import (
    CONTENT_LANGUAGES,
    Hub,
    Organisation,
    active_memberships,
)
from healthmatch.attachments import services as attachments
from needs import notifications
from needs.access import is_owner
from needs.models import (
    Need,
    NeedAttachment,
    NeedDetailView,
    NeedInvitation,
    NeedStatusChange,
)
from needs.signals import need_changed, need_published, need_withdrawn

log = logging.getLogger(__name__)

Status = Need.Status

# The problem as the buyer describes it, and the frame a response must fit: the form and the
# admin show these groups in this order.
PROBLEM_FIELDS = (
    "summary",
    "description",
    "care_pathway",
    "affected_groups",
    "scale",
    "success_criteria",
)
FRAME_FIELDS = (
    "budget_band",
    "route",
    "response_deadline",
    "language",
    "region",
    "is_confidential",
)
EDITABLE_FIELDS = ("title", *PROBLEM_FIELDS, "min_trl", *FRAME_FIELDS)
M2M_FIELDS = ("clinical_areas", "care_settings", "technology_types", "regulatory_requirements")


# --- Who may do what ------------------------------------------------------------------------


def is_coordinator(user, need) -> bool:
    """True when ``user`` coordinates the hub the need belongs to (or is a superuser)."""
    if user is None or coordinator_hub_q(user) is None:
        return False
    if user.is_superuser:
        return True
    return Hub.objects.filter(pk=need.hub_id, coordinators=user).exists()


def can_manage(user, need) -> bool:
    """Owners (members of the owning organisation) and the hub's coordinators."""
    return user is not None and (is_owner(user, need) or is_coordinator(user, need))


def buyer_organisations(user) -> list[Organisation]:
    """The hospitals, regions and municipalities ``user`` is an active member of: where they
    may create needs."""
    return [m.organisation for m in active_memberships(user) if m.organisation.is_buyer]


@dataclass(frozen=True)
class NeedAccess:
    """What one person may see and do on one need: the need page and the API decide alike."""

    is_owner: bool
    is_coordinator: bool
    can_see_details: bool
    locked_reason: str  # why the details are hidden ("" when they are not)
    can_edit: bool
    can_submit: bool
    can_close: bool
    can_attach: bool

    @property
    def can_manage(self) -> bool:
        return self.is_owner or self.is_coordinator


def _locked_reason(user, need) -> str:
    """Why the details are hidden: confidential, login, no_organisation or unverified."""
    if need.is_confidential:
        return "confidential"
    if not user.is_authenticated:
        return "login"
    if not member_org_ids(user):
        return "no_organisation"
    if not is_verified_member(user):
        return "unverified"
    return "confidential"


def need_access(user, need) -> NeedAccess:
    """The teaser or the full need, and the buttons, for ``user`` on a need they may open."""
    owner = is_owner(user, need)
    coordinator = is_coordinator(user, need)
    manager = owner or coordinator
    details = manager or Need.objects.details_visible_to(user).filter(pk=need.pk).exists()
    return NeedAccess(
        is_owner=owner,
        is_coordinator=coordinator,
        can_see_details=details,
        locked_reason="" if details else _locked_reason(user, need),
        can_edit=owner and need.is_editable,
        can_submit=owner and need.status == Status.DRAFT and need.organisation.is_verified,
        can_close=manager and need.status == Status.PUBLISHED,
        can_attach=coordinator or (owner and need.is_editable),
    )


def content_language(code: str | None) -> str:
    """The content language a new need starts with: the one its author reads the site in
    ("da-DK" counts as "da"), else English."""
    code = (code or "").lower().split("-")[0]
    return code if code in {language for language, _name in CONTENT_LANGUAGES} else "en"


def check_response_deadline(deadline) -> None:
    """A new deadline for responses cannot lie in the past (the form and the API check it)."""
    if deadline and deadline < timezone.localdate():
        raise ValidationError(_("The deadline cannot be in the past."), code="past")


def _require_owner(actor, need):
    if actor is None or not (is_owner(actor, need) or (actor.is_superuser and actor.is_active)):
        raise PermissionDenied(
            _("Only members of the organisation that owns the need can do this.")
        )


def _require_coordinator(actor, need):
    if not is_coordinator(actor, need):
        raise PermissionDenied(_("Only the hub's coordinators can do this."))


def _require_manager(actor, need):
    if not can_manage(actor, need):
        raise PermissionDenied(
            _("Only the owning organisation's members and the hub's coordinators can do this.")
        )


# --- Helpers --------------------------------------------------------------------------------


def _lock(need) -> Need:
    """Re-read the need under a row lock; the caller's copy may be stale."""
    return (
        Need.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=need.pk)
    )


def _record(need, from_status, to_status, actor, comment="") -> NeedStatusChange:
    return NeedStatusChange.objects.create(
        need=need, from_status=from_status, to_status=to_status, actor=actor, comment=comment
    )


def _sync(target, locked):
    """Copy the fresh state back onto the caller's object so it does not go stale."""
    if target is not locked:
        target.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})


def _invalid_transition(need, message):
    """``message`` is a whole translated sentence with a %(status)s placeholder."""
    return ValidationError(
        message % {"status": need.get_status_display()}, code="invalid_transition"
    )


def _apply(need, data: dict, m2m: dict):
    unknown = (set(data) - set(EDITABLE_FIELDS)) | (set(m2m) - set(M2M_FIELDS))
    if unknown:
        raise ValueError(f"Not editable through the need services: {sorted(unknown)}")
    for name, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(need, name, value)
    need.full_clean(exclude=["created_by"])


def _set_m2m(need, m2m: dict):
    for name, values in m2m.items():
        getattr(need, name).set(values or [])


# --- Drafting -------------------------------------------------------------------------------


@transaction.atomic
def create_need(*, organisation, actor, data: dict, m2m: dict) -> Need:
    """A new draft for ``organisation`` (a buyer the actor is an active member of)."""
    if not organisation.is_buyer:
        raise ValidationError(
            _("Only hospitals, regions and municipalities can describe needs."), code="not_buyer"
        )
    if organisation.pk not in member_org_ids(actor):
        raise PermissionDenied(
            _("You are not an active member of %(org)s.") % {"org": organisation}
        )
    need = Need(organisation=organisation, hub_id=organisation.hub_id, created_by=actor)
    _apply(need, data, m2m)
    need.save()
    _set_m2m(need, m2m)
    _record(need, "", Status.DRAFT, actor)
    return need


@transaction.atomic
def update_need(need, *, actor, data: dict, m2m: dict, bulk: bool = False) -> Need:
    locked = _lock(need)
    if not can_manage(actor, locked):
        raise PermissionDenied(_("You cannot edit this need."))
    if not locked.is_editable:
        raise ValidationError(
            _("Only drafts can be edited. This need is “%(status)s”.")
            % {"status": locked.get_status_display()},
            code="not_editable",
        )
    _apply(locked, data, m2m)
    locked.save()
    _set_m2m(locked, m2m)
    # Listeners: matching rescores the need after commit if it is published, else retires
    # whatever suggestions it still has.
    need_changed.send(sender=Need, need=locked, bulk=bulk)
    _sync(need, locked)
    return need


# --- Lifecycle ------------------------------------------------------------------------------


@transaction.atomic
def submit_need(need, *, actor, bulk: bool = False) -> Need:
    """Draft -> submitted: the hub's coordinators review it before it is published."""
    locked = _lock(need)
    _require_owner(actor, locked)
    if locked.status != Status.DRAFT:
        raise _invalid_transition(
            locked, _("A need that is “%(status)s” cannot be submitted for review.")
        )
    if not locked.organisation.is_verified:
        raise ValidationError(
            _(
                "%(org)s is not verified yet. You can keep preparing drafts, but a coordinator "
                "must verify the organisation before its needs can be submitted."
            )
            % {"org": locked.organisation.name},
            code="unverified",
        )
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(locked, Status.DRAFT, Status.SUBMITTED, actor)
    notifications.need_submitted(locked)
    # Listeners: matching retires whatever suggestions the need still has, after commit.
    need_changed.send(sender=Need, need=locked, bulk=bulk)
    _sync(need, locked)
    return need


@transaction.atomic
def publish_need(need, *, actor, bulk: bool = False) -> Need:
    """Submitted -> published, by a coordinator of the need's hub."""
    locked = _lock(need)
    _require_coordinator(actor, locked)
    if locked.status != Status.SUBMITTED:
        raise _invalid_transition(locked, _("A need that is “%(status)s” cannot be published."))
    if not locked.organisation.is_verified:
        raise ValidationError(
            _("%(org)s is not verified. Verify the organisation before publishing its needs.")
            % {"org": locked.organisation.name},
            code="unverified",
        )
    locked.status = Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.closed_at = None
    locked.coordinator_comment = ""
    locked.save(
        update_fields=["status", "published_at", "closed_at", "coordinator_comment", "updated_at"]
    )
    _record(locked, Status.SUBMITTED, Status.PUBLISHED, actor)
    notifications.need_published(locked)
    # Listeners: matching rescores the need after commit.
    need_published.send(sender=Need, need=locked, bulk=bulk)
    _sync(need, locked)
    return need


@transaction.atomic
def return_need(need, *, actor, comment: str, bulk: bool = False) -> Need:
    """Submitted or published -> draft, with the coordinator's explanation to the owners."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            _("Explain to the organisation what to change: a comment is required."),
            code="comment_required",
        )
    locked = _lock(need)
    _require_coordinator(actor, locked)
    if locked.status not in (Status.SUBMITTED, Status.PUBLISHED):
        raise _invalid_transition(
            locked,
            _("A need that is “%(status)s” cannot be returned to its owners."),
        )
    previous = locked.status
    locked.status = Status.DRAFT
    locked.coordinator_comment = comment
    locked.submitted_at = None
    locked.published_at = None
    locked.save(
        update_fields=[
            "status",
            "coordinator_comment",
            "submitted_at",
            "published_at",
            "updated_at",
        ]
    )
    change = _record(locked, previous, Status.DRAFT, actor, comment)
    notifications.need_returned(change)
    # Listeners: matching retires the need's suggestions after commit.
    need_withdrawn.send(sender=Need, need=locked, bulk=bulk)
    _sync(need, locked)
    return need


@transaction.atomic
def close_need(need, *, actor, comment: str = "", bulk: bool = False) -> Need:
    """Published -> closed, by the owners or a coordinator. Closed needs stay listed."""
    locked = _lock(need)
    _require_manager(actor, locked)
    if locked.status != Status.PUBLISHED:
        raise _invalid_transition(locked, _("A need that is “%(status)s” cannot be closed."))
    _close(locked, actor, (comment or "").strip(), bulk=bulk)
    _sync(need, locked)
    return need


def _close(locked, actor, comment, *, bulk=False):
    locked.status = Status.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    _record(locked, Status.PUBLISHED, Status.CLOSED, actor, comment)
    # Listeners: matching retires the need's suggestions after commit.
    need_withdrawn.send(sender=Need, need=locked, bulk=bulk)


def close_needs_past_deadline(today=None) -> int:
    """Close published needs whose response deadline has passed. Safe to run twice or in
    parallel: each need is claimed under a skip-locked row lock and re-checked."""
    today = today or timezone.localdate()
    candidates = list(
        Need.objects.published().filter(response_deadline__lt=today).values_list("pk", flat=True)
    )
    closed = 0
    for pk in candidates:
        with transaction.atomic():
            locked = (
                Need.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Status.PUBLISHED, response_deadline__lt=today)
                .first()
            )
            if locked is None:
                continue
            _close(locked, None, _("The deadline for responses has passed."))
            closed += 1
    if closed:
        log.info("closed %d need(s) past their deadline", closed)
    return closed


# --- Invitations to confidential needs --------------------------------------------------------


@transaction.atomic
def invite_company(need, *, organisation, actor) -> NeedInvitation:
    """Let the members of a company organisation read a confidential need's details."""
    locked = _lock(need)
    _require_manager(actor, locked)
    if not locked.is_confidential:
        raise ValidationError(
            _("Only confidential needs take invitations; everyone verified can read this one."),
            code="not_confidential",
        )
    if not organisation.is_provider:
        raise ValidationError(
            _("Only companies and research organisations can be invited."), code="not_company"
        )
    if not organisation.is_verified:
        raise ValidationError(
            _("%(org)s is not verified yet; only verified companies can be invited.")
            % {"org": organisation.name},
            code="unverified",
        )
    invitation, created = NeedInvitation.objects.get_or_create(
        need=locked, organisation=organisation, defaults={"invited_by": actor}
    )
    if created:
        _record(
            locked,
            locked.status,
            locked.status,
            actor,
            _("Invited %(org)s to read the details.") % {"org": organisation.name},
        )
    return invitation


@transaction.atomic
def revoke_invitation(need, *, organisation, actor) -> bool:
    locked = _lock(need)
    _require_manager(actor, locked)
    deleted, _rows = NeedInvitation.objects.filter(need=locked, organisation=organisation).delete()
    if deleted:
        _record(
            locked,
            locked.status,
            locked.status,
            actor,
            _("Withdrew the invitation of %(org)s.") % {"org": organisation.name},
        )
    return bool(deleted)


def invitable_companies(need, query: str):
    """Verified companies whose name contains ``query``, not yet invited to ``need``."""
    query = (query or "").strip()[:100]
    if not query:
        return Organisation.objects.none()
    return (
        Organisation.objects.providers()
        .verified()
        .filter(name__icontains=query)
        .exclude(need_invitations__need=need)
        .select_related("hub")
        .order_by("name")[:25]
    )


# --- Attachments ----------------------------------------------------------------------------


def _require_attachment_rights(actor, need):
    """Owners change attachments of drafts; coordinators may at any time (e.g. to remove
    something that should never have been uploaded)."""
    if is_coordinator(actor, need):
        return
    _require_owner(actor, need)
    if not need.is_editable:
        raise ValidationError(
            _("Attachments can only be changed while the need is a draft."), code="not_editable"
        )


def _too_many_attachments(limit) -> str:
    return ngettext(
        "A need can have at most %(n)d attachment. Remove it first.",
        "A need can have at most %(n)d attachments. Remove one first.",
        limit,
    ) % {"n": limit}


@transaction.atomic
def add_attachment(need, *, upload, actor) -> NeedAttachment:
    locked = _lock(need)
    _require_attachment_rights(actor, locked)
    return attachments.add_attachment(
        locked, model=NeedAttachment, upload=upload, actor=actor, too_many=_too_many_attachments
    )


@transaction.atomic
def delete_attachment(attachment, *, actor) -> None:
    locked = _lock(attachment.need)
    _require_attachment_rights(actor, locked)
    attachments.delete_attachment(attachment)


# --- The audit of confidential needs --------------------------------------------------------


def record_detail_view(need, user) -> NeedDetailView | None:
    """Note that ``user`` has just seen the details of ``need`` (its page with the description,
    an attachment, or a match page showing them). Only confidential needs are audited; the
    caller has already checked the user may see the details. Returns the row, or None."""
    if not need.is_confidential or not getattr(user, "is_authenticated", False):
        return None
    return NeedDetailView.objects.create(need=need, user=user)
