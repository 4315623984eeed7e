"""The verbs of a bid's life: draft, edit, submit, withdraw; the need owner's shortlist, accept
and decline with feedback; attachments. Pages and the admin call these; every rule is here.

Each state change locks the bid (``select_for_update``), checks the move is allowed, writes a
BidEvent in the same transaction and writes its emails to the outbox (sent after commit).
One active bid per company and need is the database's partial unique constraint
``bid_one_active_per_company``: a second one, however it arrives (double click, twenty
concurrent requests), fails with IntegrityError, turned here into a ValidationError.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from companies.models import Capability
from healthmatch.attachments import services as attachments
from matching.bids import emails
from matching.bids.access import bidding_companies, is_bidder, is_need_owner
from matching.bids.models import Bid, BidAttachment, BidEvent
from matching.signals import bid_decided, bid_submitted
from needs.models import Need, NeedInvitation

log = logging.getLogger(__name__)

State = Bid.State

# What the company writes, in the order the bid form and the admin show it.
CONTENT_FIELDS = (
    "summary",
    "solution",
    "evidence",
    "capabilities",
    "price_min",
    "price_max",
    "currency",
    "timeline",
)
EDITABLE_FIELDS = tuple(name for name in CONTENT_FIELDS if name != "capabilities")
# The moves a need owner makes, and the states each starts from.
DECISIONS = {
    State.SHORTLISTED: (State.SUBMITTED,),
    State.ACCEPTED: (State.SUBMITTED, State.SHORTLISTED),
    State.DECLINED: (State.SUBMITTED, State.SHORTLISTED),
}
WITHDRAWABLE = (State.DRAFT, State.SUBMITTED, State.SHORTLISTED)


# --- Who may bid ----------------------------------------------------------------------------


def refusal(need, company) -> str | None:
    """Why ``company`` may not bid on ``need`` now, or None when it may."""
    if need.status != Need.Status.PUBLISHED:
        return _("This need is not open for bids.")
    if need.response_deadline and timezone.localdate() > need.response_deadline:
        return _("The deadline for responses to this need has passed (%(date)s).") % {
            "date": need.response_deadline.isoformat()
        }
    if (
        need.is_confidential
        and not NeedInvitation.objects.filter(need=need, organisation=company).exists()
    ):
        return _("This need is confidential: only invited companies can bid.")
    return None


def companies_that_may_bid(user, need) -> list:
    """The user's verified companies that are invited where needed (deadline not checked)."""
    companies = bidding_companies(user)
    if need.is_confidential:
        invited = set(need.invitations.values_list("organisation_id", flat=True))
        companies = [c for c in companies if c.pk in invited]
    return companies


def _require_bidder(actor, company):
    if actor is None or company not in bidding_companies(actor):
        raise PermissionDenied(_("Only members of a verified company organisation can bid for it."))


def _require_open(need, company):
    reason = refusal(need, company)
    if reason:
        raise ValidationError(reason, code="closed")


def _check_prices(data):
    low, high = data.get("price_min"), data.get("price_max")
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"price_max": _("The upper price must not be below the lower price.")},
            code="price_range",
        )


def offerable_capabilities(company_ids, bid=None):
    """What a bid may offer: its company's published capabilities, plus those a draft bid
    already offers (kept when the bid is edited, even if one was unpublished since)."""
    published = Capability.objects.published().filter(company__organisation_id__in=company_ids)
    if bid is None or bid.pk is None:
        return published
    return Capability.objects.filter(
        Q(pk__in=published.values("pk")) | Q(pk__in=bid.capabilities.values("pk"))
    )


def _check_capabilities(company, capabilities, bid=None):
    foreign = [c for c in capabilities if c.company.organisation_id != company.pk]
    if foreign:
        raise ValidationError(
            {"capabilities": _("You can only offer your own company's capabilities.")},
            code="foreign_capability",
        )
    allowed = set(offerable_capabilities([company.pk], bid).values_list("pk", flat=True))
    unpublished = [c for c in capabilities if c.pk not in allowed]
    if unpublished:
        raise ValidationError(
            {
                "capabilities": _(
                    "Only published capabilities can be offered; publish “%(title)s” first."
                )
                % {"title": unpublished[0].title}
            },
            code="unpublished_capability",
        )


def _duplicate_error() -> ValidationError:
    return ValidationError(
        _(
            "Your company already has a bid on this need. Open it from “My bids”; "
            "withdraw it first to start a new one."
        ),
        code="duplicate",
    )


# --- The company's side ---------------------------------------------------------------------


def _record(bid, from_state, to_state, actor, note="") -> BidEvent:
    return BidEvent.objects.create(
        bid=bid, from_state=from_state, to_state=to_state, actor=actor, note=note
    )


def _lock(bid) -> Bid:
    """Re-read the bid under a row lock; the caller's copy may be stale."""
    return (
        Bid.objects.select_for_update(of=("self",))
        .select_related("need", "need__organisation", "company")
        .get(pk=bid.pk)
    )


@transaction.atomic
def create_bid(*, need, company, author, data, capabilities=(), submit=False) -> Bid:
    """A new draft (or, with ``submit``, a bid sent at once) of ``company`` on ``need``."""
    _require_bidder(author, company)
    _require_open(need, company)
    _check_prices(data)
    _check_capabilities(company, capabilities)
    bid = Bid(need=need, company=company, author=author, **_fields(data))
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            bid.save()
    except IntegrityError as error:
        if not _active_exists(need, company):
            raise
        raise _duplicate_error() from error
    bid.capabilities.set(capabilities)
    _record(bid, "", State.DRAFT, author)
    if submit:
        _submit(bid, author)
    return bid


def _active_exists(need, company) -> bool:
    return Bid.objects.active().filter(need=need, company=company).exists()


def _fields(data) -> dict:
    return {name: data[name] for name in EDITABLE_FIELDS if name in data}


@transaction.atomic
def update_bid(bid, *, actor, data, capabilities=None) -> Bid:
    locked = _lock(bid)
    _require_bidder(actor, locked.company)
    if locked.state != State.DRAFT:
        raise ValidationError(_("Only a draft can be edited."), code="not_draft")
    _check_prices(data)
    if capabilities is not None:
        _check_capabilities(locked.company, capabilities, locked)
    for name, value in _fields(data).items():
        setattr(locked, name, value)
    locked.save()
    if capabilities is not None:
        locked.capabilities.set(capabilities)
    return locked


def _submit(locked, actor):
    _require_open(locked.need, locked.company)
    locked.state = State.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["state", "submitted_at", "updated_at"])
    _record(locked, State.DRAFT, State.SUBMITTED, actor)
    emails.bid_submitted(locked)
    # Listeners: matching.webhooks.bid_submitted.
    bid_submitted.send(sender=Bid, bid=locked, actor=actor)


@transaction.atomic
def submit_bid(bid, *, actor) -> Bid:
    """Send a draft to the need's organisation. Twice (a double click) is refused cleanly: the
    second call finds the bid already submitted under the row lock."""
    locked = _lock(bid)
    _require_bidder(actor, locked.company)
    if locked.state != State.DRAFT:
        raise ValidationError(_("This bid has already been submitted."), code="not_draft")
    _submit(locked, actor)
    return locked


@transaction.atomic
def withdraw_bid(bid, *, actor, note="") -> Bid:
    locked = _lock(bid)
    _require_bidder(actor, locked.company)
    if locked.state not in WITHDRAWABLE:
        raise ValidationError(
            _("A bid that is %(state)s cannot be withdrawn.")
            % {"state": locked.get_state_display().lower()},
            code="not_withdrawable",
        )
    previous = locked.state
    locked.state = State.WITHDRAWN
    locked.save(update_fields=["state", "updated_at"])
    _record(locked, previous, State.WITHDRAWN, actor, note)
    if previous != State.DRAFT:
        emails.bid_withdrawn(locked)
    return locked


# --- The need owner's side ------------------------------------------------------------------


@transaction.atomic
def decide_bid(bid, *, actor, state, feedback="") -> Bid:
    """Shortlist, accept or decline a bid (members of the need's organisation). The bidding
    company's members are told by email, with the feedback; ``bid.told`` is the number of
    emails written (0 when the company has no active member left)."""
    if state not in DECISIONS:
        raise ValidationError(_("Unknown decision."), code="bad_decision")
    locked = _lock(bid)
    if actor is None or not is_need_owner(actor, locked):
        raise PermissionDenied(
            _("Only members of the organisation that owns the need can decide on its bids.")
        )
    if locked.state not in DECISIONS[state]:
        raise ValidationError(
            _("A bid that is %(state)s cannot be %(decision)s.")
            % {
                "state": locked.get_state_display().lower(),
                "decision": State(state).label.lower(),
            },
            code="bad_move",
        )
    previous = locked.state
    feedback = (feedback or "").strip()
    locked.state = state
    if feedback:
        locked.feedback = feedback
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.save(update_fields=["state", "feedback", "decided_at", "decided_by", "updated_at"])
    event = _record(locked, previous, state, actor, feedback)
    locked.told = emails.bid_decided(locked, event)
    # Listeners: matching.webhooks.bid_decided.
    bid_decided.send(sender=Bid, bid=locked, from_state=previous, actor=actor)
    return locked


def shortlist_bid(bid, *, actor, feedback=""):
    return decide_bid(bid, actor=actor, state=State.SHORTLISTED, feedback=feedback)


def accept_bid(bid, *, actor, feedback=""):
    return decide_bid(bid, actor=actor, state=State.ACCEPTED, feedback=feedback)


def decline_bid(bid, *, actor, feedback=""):
    return decide_bid(bid, actor=actor, state=State.DECLINED, feedback=feedback)


# --- Attachments ----------------------------------------------------------------------------


def can_attach(user, bid) -> bool:
    return bid.state == State.DRAFT and is_bidder(user, bid)


def _too_many_attachments(limit) -> str:
    return ngettext(
        "A bid can have at most %(n)d attachment. Remove it first.",
        "A bid can have at most %(n)d attachments. Remove one first.",
        limit,
    ) % {"n": limit}


@transaction.atomic
def add_attachment(bid, *, upload, actor) -> BidAttachment:
    locked = _lock(bid)
    if not can_attach(actor, locked):
        raise ValidationError(_("Files can only be added to a draft."), code="not_draft")
    return attachments.add_attachment(
        locked, model=BidAttachment, upload=upload, actor=actor, too_many=_too_many_attachments
    )


@transaction.atomic
def delete_attachment(attachment, *, actor) -> None:
    locked = _lock(attachment.bid)
    if not can_attach(actor, locked):
        raise ValidationError(_("Files can only be removed from a draft."), code="not_draft")
    attachments.delete_attachment(attachment)
