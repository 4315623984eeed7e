"""The verbs of the core: create an organisation, join one, approve joiners, verify."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from healthmatch.accounts import notifications
from healthmatch.accounts.access import forget
from healthmatch.accounts.models import Hub, Membership, Organisation
from healthmatch.accounts.versions import bump_catalogue
from healthmatch.page_cache.versions import bump_site


def unique_org_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def create_organisation(user, *, name, kind, hub, **fields) -> Organisation:
    """Create an unverified organisation with ``user`` as its first administrator."""
    if Organisation.objects.filter(name__iexact=name.strip(), kind=kind).exists():
        raise ValidationError(
            {
                "name": _(
                    "An organisation of this kind with this name already exists: ask to join it."
                )
            }
        )
    org = Organisation.objects.create(
        name=name.strip(), kind=kind, hub=hub, slug=unique_org_slug(name), **fields
    )
    Membership.objects.create(
        user=user,
        organisation=org,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
        decided_at=timezone.now(),
    )
    forget(user)
    notifications.organisation_created(org)
    return org


@transaction.atomic
def request_membership(user, organisation, message: str = "") -> Membership:
    """Ask to join ``organisation``; its administrators approve or decline (its hub's
    coordinators when it has none). ``membership.told`` says who was emailed for this call:
    ("admins" or "coordinators", rows written), or None when nothing new was asked."""
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    if existing is not None:
        if existing.status == Membership.Status.REJECTED:
            existing.status = Membership.Status.PENDING
            existing.message = message
            existing.created_at = timezone.now()
            existing.decided_at = None
            existing.decided_by = None
            existing.save()
            existing.told = notifications.membership_requested(existing)
        return existing
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organisation=organisation, message=message
            )
    except IntegrityError:  # a concurrent double submit
        return Membership.objects.get(user=user, organisation=organisation)
    membership.told = notifications.membership_requested(membership)
    return membership


def _ensure_admin(actor, organisation):
    if actor.is_superuser or coordinates_hub_of(actor, organisation):
        return
    if (
        not Membership.objects.active()
        .filter(user=actor, organisation=organisation, role=Membership.Role.ADMIN)
        .exists()
    ):
        raise PermissionDenied(_("Only the organisation's administrators can do this."))


@transaction.atomic
def decide_membership(membership, *, actor, approve: bool, role: str | None = None) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_admin(actor, membership.organisation)
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    membership.status = Membership.Status.ACTIVE if approve else Membership.Status.REJECTED
    if approve and role in Membership.Role.values:
        membership.role = role
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save()
    notifications.membership_decided(membership)
    return membership


@transaction.atomic
def change_role(membership, *, actor, role: str) -> Membership:
    _ensure_admin(actor, membership.organisation)
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        _ensure_another_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def _ensure_another_admin(membership):
    others = (
        Membership.objects.active()
        .filter(organisation=membership.organisation, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(_("An organisation needs at least one administrator."))


@transaction.atomic
def remove_member(membership, *, actor) -> None:
    if membership.user_id != actor.pk:
        _ensure_admin(actor, membership.organisation)
    if membership.role == Membership.Role.ADMIN and membership.status == Membership.Status.ACTIVE:
        _ensure_another_admin(membership)
    membership.delete()


@transaction.atomic
def verify_organisation(organisation, *, actor) -> bool:
    """Mark verified; returns False when it already was (safe to repeat from bulk actions)."""
    updated = Organisation.objects.filter(pk=organisation.pk, verified_at__isnull=True).update(
        verified_at=timezone.now(), verified_by=actor
    )
    if updated:
        bump_catalogue()  # an update() sends no post_save
        bump_site()
        organisation.refresh_from_db()
        notifications.organisation_verified(organisation)
    return bool(updated)


@transaction.atomic
def unverify_organisation(organisation, *, actor) -> bool:
    updated = Organisation.objects.filter(pk=organisation.pk, verified_at__isnull=False).update(
        verified_at=None, verified_by=None
    )
    if updated:
        bump_catalogue()  # an update() sends no post_save
        bump_site()
    organisation.refresh_from_db()
    return bool(updated)


def coordinates_hub_of(user, organisation) -> bool:
    """True for active staff who coordinate the organisation's hub: in the coordination admin
    they decide membership requests like the organisation's administrators would."""
    return bool(
        user.is_active
        and user.is_staff
        and Hub.objects.filter(pk=organisation.hub_id, coordinators=user).exists()
    )


# --- A person's language ---------------------------------------------------------------------


def known_language(code: str | None) -> str:
    """``code`` as one of settings.LANGUAGES ("da-DK" counts as "da"), or "" when not one."""
    code = (code or "").strip().lower()
    known = {language for language, _name in settings.LANGUAGES}
    for candidate in (code, code.split("-")[0]):
        if candidate in known:
            return candidate
    return ""


def set_language(user, code: str | None) -> bool:
    """Store ``code`` as ``user``'s language when it is one the site speaks; True if stored."""
    language = known_language(code)
    if not language or language == user.language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True


def hub_time_zone(user) -> str:
    """The time zone of the hub of ``user``'s first active organisation, or "" without one."""
    zone = (
        Membership.objects.active()
        .filter(user=user)
        .order_by("pk")
        .values_list("organisation__hub__time_zone", flat=True)
        .first()
    )
    return zone or ""


def update_profile(user, *, name: str, job_title: str, language: str, time_zone: str) -> None:
    """Save what a person says about themselves on their profile page."""
    user.name = name.strip()
    user.job_title = job_title.strip()
    user.language = known_language(language)
    user.time_zone = time_zone
    user.save(update_fields=["name", "job_title", "language", "time_zone"])
