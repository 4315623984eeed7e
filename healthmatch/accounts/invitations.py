"""Invitations to claim an organisation: a coordinator of the organisation's hub sends one to
its contact address; the person who accepts it, signed in with that address (verified, as
allauth requires before anyone signs in), joins the organisation as an administrator.

The link carries a random token; only its SHA-256 is stored, so the table alone opens nothing.
A link works once and for ``ORGANISATION_INVITATION_DAYS``; a new invitation to the same
address closes the earlier open ones.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from healthmatch.accounts.access import forget
from healthmatch.accounts.models import Membership, OrganisationInvitation
from healthmatch.accounts.services import coordinates_hub_of
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.services import enqueue, is_suppressed, normalise_address


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_for(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


def can_invite(user, organisation) -> bool:
    """Coordinators of the organisation's hub, and superusers."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or coordinates_hub_of(user, organisation))
    )


def invite_to_claim(
    organisation, *, email: str, by, name: str = ""
) -> tuple[OrganisationInvitation, OutboxMessage]:
    """Invite ``email`` to claim ``organisation``: one invitation row and one outbox row, in one
    transaction. Refused (ValidationError, nothing written) for an address the outbox would not
    send to, or one that already belongs to an administrator of the organisation."""
    if not can_invite(by, organisation):
        raise PermissionDenied(_("Only the coordinators of the organisation's hub can do this."))
    email = normalise_address(email or "")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    if is_suppressed(email):
        raise ValidationError(
            {
                "email": _(
                    "This address is on the suppression list: HealthMatch does not send to it."
                )
            }
        )
    admins = Membership.objects.active().filter(
        organisation=organisation, role=Membership.Role.ADMIN, user__email__iexact=email
    )
    if admins.exists():
        message = _("%(email)s is already an administrator of %(org)s.")
        raise ValidationError({"email": message % {"email": email, "org": organisation.name}})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        OrganisationInvitation.objects.filter(
            organisation=organisation,
            email__iexact=email,
            accepted_at__isnull=True,
            expires_at__gt=now,
        ).update(expires_at=now)  # the create() below sends the signal pages need
        invitation = OrganisationInvitation.objects.create(
            organisation=organisation,
            email=email,
            name=(name or "").strip()[:150],
            token_hash=_hash(token),
            invited_by=by,
            created_at=now,
            expires_at=now + timedelta(days=settings.ORGANISATION_INVITATION_DAYS),
        )
        row = enqueue(
            key=f"organisation_claim:{invitation.pk}",
            kind="organisation_claim",
            to=email,
            context={
                "invitation": invitation,
                "organisation": organisation,
                "inviter": by,
                "link": link_for(token),
            },
            category="account",
        )
    return invitation, row


def find(token: str) -> OrganisationInvitation | None:
    """The invitation of a link's token (used or expired ones too), or None."""
    if not token or len(token) > 100:
        return None
    return (
        OrganisationInvitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=_hash(token))
        .first()
    )


def is_invitee(user, invitation: OrganisationInvitation) -> bool:
    """True when ``user`` has the invitation's address among their verified addresses."""
    if not (user.is_authenticated and user.is_active):
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def accept(invitation: OrganisationInvitation, *, user) -> Membership:
    """``user`` (the invitee) claims the organisation: they become an active administrator (a
    pending or plain membership is raised to that). The invitation is used up. A used or
    expired invitation raises ValidationError; someone else, PermissionDenied."""
    if not is_invitee(user, invitation):
        raise PermissionDenied(_("This invitation is for another email address."))
    with transaction.atomic():
        locked = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.is_used:
            raise ValidationError(_("This invitation has already been used."), code="used")
        if locked.is_expired:
            raise ValidationError(_("This invitation has expired."), code="expired")
        now = timezone.now()
        membership, _created = Membership.objects.update_or_create(
            user=user,
            organisation=locked.organisation,
            defaults={
                "role": Membership.Role.ADMIN,
                "status": Membership.Status.ACTIVE,
                "decided_at": now,
                "decided_by": locked.invited_by,
            },
        )
        locked.accepted_at, locked.accepted_by = now, user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    forget(user)
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, user
    return membership
