"""The verbs of the companies app: keep a company profile, draft, publish and archive
capabilities, attach files. Pages, the admin and the seed command all call these.

Permissions (checked here, so every caller gets the same rule):
- the profile: active administrators of the company organisation, and the coordinators of its
  hub (who curate in the admin);
- capabilities and their attachments: any active member of the company organisation, and the
  coordinators of its hub.
Refusals raise PermissionDenied; bad data or a wrong state raises ValidationError.

What follows for other apps is sent as a domain event (``companies/signals.py``:
capability_published, capability_changed, capability_archived); each send names its listeners.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Capability, CapabilityAttachment, CompanyProfile
from companies.signals import capability_archived, capability_changed, capability_published
from healthmatch.accounts.models import CONTENT_LANGUAGES, Hub, Membership, Organisation
from healthmatch.attachments import services as attachments
from healthmatch.page_cache.versions import bump_site

ORGANISATION_FIELDS = ("name", "website", "description", "country")
PROFILE_FIELDS = ("tagline", "is_sme", "employees", "founded_year", "languages")
PROFILE_M2M = ("regions_served",)
CAPABILITY_FIELDS = ("kind", "title", "summary", "description", "trl")
CAPABILITY_M2M = ("technology_types", "clinical_areas", "care_settings")

FOUNDED_YEAR_MIN = 1800
REFERENCE_YEAR_MIN = 1950
EMPLOYEES_MAX = 10_000_000


def this_year() -> int:
    return timezone.localdate().year


# --- Who may do what -------------------------------------------------------------------------


def is_hub_coordinator(user, organisation) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return Hub.coordinators.through.objects.filter(
        hub_id=organisation.hub_id, user_id=user.pk
    ).exists()


def membership_role(user, organisation) -> str | None:
    """The user's role in an organisation they are an active member of, else None."""
    if not (user.is_authenticated and user.is_active):
        return None
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def can_edit_profile(user, organisation) -> bool:
    if not organisation.is_provider:
        return False
    return membership_role(user, organisation) == Membership.Role.ADMIN or is_hub_coordinator(
        user, organisation
    )


def can_edit_capabilities(user, organisation) -> bool:
    if not organisation.is_provider:
        return False
    return membership_role(user, organisation) is not None or is_hub_coordinator(user, organisation)


def member_companies(user):
    """Company organisations the user is an active member of (where they can add capabilities)."""
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.providers().filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    )


def _ensure_profile_editor(actor, organisation):
    if not organisation.is_provider:
        raise ValidationError(_("Only companies and research organisations have a profile."))
    if not can_edit_profile(actor, organisation):
        raise PermissionDenied(_("Only the company's administrators can edit its profile."))


def _ensure_capability_editor(actor, organisation):
    if not organisation.is_provider:
        raise ValidationError(_("Only companies and research organisations have capabilities."))
    if not can_edit_capabilities(actor, organisation):
        raise PermissionDenied(_("Only members of the company can change its capabilities."))


# --- Input checks shared by every caller -------------------------------------------------------


def _check_keys(values, allowed, what):
    unknown = set(values or {}) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown {what}: {', '.join(sorted(unknown))}")


def _reject_nul(data):
    errors = {
        field: _("This value contains a NUL character, which is not allowed.")
        for field, value in data.items()
        if isinstance(value, str) and "\x00" in value
    }
    if errors:
        raise ValidationError(errors)


def _check_year(value, field, minimum):
    if value is None:
        return
    if not (minimum <= value <= this_year()):
        raise ValidationError(
            {
                field: _("Enter a year between %(min)d and %(max)d.")
                % {"min": minimum, "max": this_year()}
            }
        )


def _clean_languages(values) -> list[str]:
    known = [code for code, _name in CONTENT_LANGUAGES]
    values = list(values or [])
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language: %(code)s.") % {"code": unknown[0]}}
        )
    return [code for code in known if code in values]


def _ensure_valid_formsets(*formsets):
    for formset in formsets:
        if formset is not None and not formset.is_valid():
            raise ValidationError(_("Some rows below have errors; nothing was saved."))


def _concurrent_change():
    return ValidationError(
        _("Someone else changed this at the same time. Nothing was saved; please try again.")
    )


# --- Company profile -----------------------------------------------------------------------------


def save_profile(organisation, *, actor, data, m2m=None, contacts_formset=None) -> CompanyProfile:
    """Save the company's profile (created on the first save) and its organisation's public facts.

    ``data``: organisation fields (name, website, description, country) and profile fields
    (tagline, is_sme, employees, founded_year, languages); ``m2m``: {"regions_served": terms};
    ``contacts_formset``: an inline formset of ContactPerson, saved in the same transaction.
    """
    _ensure_profile_editor(actor, organisation)
    data = dict(data or {})
    m2m = dict(m2m or {})
    _check_keys(data, ORGANISATION_FIELDS + PROFILE_FIELDS, "profile fields")
    _check_keys(m2m, PROFILE_M2M, "profile relations")
    _reject_nul(data)
    if "name" in data:
        data["name"] = (data["name"] or "").strip()
    if "languages" in data:
        data["languages"] = _clean_languages(data["languages"])
    _check_year(data.get("founded_year"), "founded_year", FOUNDED_YEAR_MIN)
    _ensure_valid_formsets(contacts_formset)

    try:
        with transaction.atomic():
            org = Organisation.objects.select_for_update().get(pk=organisation.pk)
            for field in ORGANISATION_FIELDS:
                if field in data:
                    setattr(org, field, data[field])
            if (
                Organisation.objects.filter(name__iexact=org.name, kind=org.kind)
                .exclude(pk=org.pk)
                .exists()
            ):
                raise ValidationError(
                    {"name": _("Another company is already registered with this name.")}
                )
            org.full_clean(validate_constraints=False)
            org.save()

            profile = CompanyProfile.objects.filter(organisation=org).first()
            if profile is None:
                profile = CompanyProfile(organisation=org)
            for field in PROFILE_FIELDS:
                if field in data:
                    setattr(profile, field, data[field])
            profile.full_clean()
            profile.save()
            if "regions_served" in m2m:
                profile.regions_served.set(m2m["regions_served"])
            if contacts_formset is not None:
                contacts_formset.instance = profile
                contacts_formset.save()
    except IntegrityError:
        raise _concurrent_change()
    organisation.refresh_from_db()
    return profile


def profile_for(organisation) -> CompanyProfile:
    """The company's profile, created empty when it has none yet."""
    profile, _created = CompanyProfile.objects.get_or_create(organisation=organisation)
    return profile


# --- Capabilities --------------------------------------------------------------------------------


def _apply_capability(capability, data, m2m, certifications, references):
    data = dict(data or {})
    m2m = dict(m2m or {})
    _check_keys(data, CAPABILITY_FIELDS, "capability fields")
    _check_keys(m2m, CAPABILITY_M2M, "capability relations")
    _reject_nul(data)
    for field in CAPABILITY_FIELDS:
        if field in data:
            value = data[field]
            setattr(capability, field, value.strip() if isinstance(value, str) else value)
    capability.full_clean(exclude=["company", "created_by"])
    capability.save()
    for field, terms in m2m.items():
        getattr(capability, field).set(terms)
    for formset in (certifications, references):
        if formset is not None:
            formset.instance = capability
            formset.save()
    return capability


def _changed(capability, bulk=False):
    # Listeners: matching rescores the capability after commit if it is published, else retires
    # whatever suggestions it still has.
    capability_changed.send(sender=Capability, capability=capability, bulk=bulk)


def create_capability(
    company, *, actor, data, m2m=None, certifications=None, references=None
) -> Capability:
    """A new draft capability of ``company`` (a CompanyProfile, or a company Organisation whose
    empty profile is then created). ``certifications``/``references``: inline formsets saved in
    the same transaction."""
    organisation = company.organisation if isinstance(company, CompanyProfile) else company
    _ensure_capability_editor(actor, organisation)
    _ensure_valid_formsets(certifications, references)
    try:
        with transaction.atomic():
            profile = company if isinstance(company, CompanyProfile) else profile_for(organisation)
            capability = Capability(
                company=profile, created_by=actor, status=Capability.Status.DRAFT
            )
            return _apply_capability(capability, data, m2m, certifications, references)
    except IntegrityError:
        raise _concurrent_change()


def update_capability(
    capability, *, actor, data, m2m=None, certifications=None, references=None, bulk=False
) -> Capability:
    _ensure_capability_editor(actor, capability.company.organisation)
    _ensure_valid_formsets(certifications, references)
    try:
        with transaction.atomic():
            Capability.objects.select_for_update().filter(pk=capability.pk).exists()
            _apply_capability(capability, data, m2m, certifications, references)
            _changed(capability, bulk)
            return capability
    except IntegrityError:
        raise _concurrent_change()


def _set_status(capability, *, from_statuses, **changes) -> bool:
    now = timezone.now()
    updated = Capability.objects.filter(pk=capability.pk, status__in=from_statuses).update(
        updated_at=now, **changes
    )
    if updated:
        bump_site()  # an update(): no signal
    capability.refresh_from_db()
    return bool(updated)


def publish_capability(capability, *, actor, bulk: bool = False) -> Capability:
    """Make a draft visible to verified buyers. Unverified organisations can draft but not
    publish. Publishing what is already published changes nothing."""
    organisation = Organisation.objects.get(pk=capability.company.organisation_id)
    _ensure_capability_editor(actor, organisation)
    if not organisation.is_verified:
        raise ValidationError(
            _(
                "%(org)s is not verified yet. Unverified organisations can draft capabilities "
                "but not publish them; a coordinator of %(hub)s will verify it."
            )
            % {"org": organisation.name, "hub": organisation.hub.name}
        )
    if capability.status == Capability.Status.ARCHIVED:
        raise ValidationError(
            _("This capability is archived. Restore it to draft before publishing it again.")
        )
    if _set_status(
        capability,
        from_statuses=[Capability.Status.DRAFT],
        status=Capability.Status.PUBLISHED,
        published_at=timezone.now(),
    ):
        # Listeners: matching rescores the capability after commit.
        capability_published.send(sender=Capability, capability=capability, bulk=bulk)
    return capability


def archive_capability(capability, *, actor, bulk: bool = False) -> Capability:
    """Take a capability off the directory (drafts can be archived too). Safe to repeat."""
    _ensure_capability_editor(actor, capability.company.organisation)
    if _set_status(
        capability,
        from_statuses=[Capability.Status.DRAFT, Capability.Status.PUBLISHED],
        status=Capability.Status.ARCHIVED,
    ):
        # Listeners: matching retires the capability's suggestions after commit.
        capability_archived.send(sender=Capability, capability=capability, bulk=bulk)
    return capability


def unarchive_capability(capability, *, actor, bulk: bool = False) -> Capability:
    """Bring an archived capability back as a draft."""
    _ensure_capability_editor(actor, capability.company.organisation)
    if capability.status != Capability.Status.ARCHIVED:
        raise ValidationError(_("Only archived capabilities can be restored to draft."))
    if _set_status(
        capability,
        from_statuses=[Capability.Status.ARCHIVED],
        status=Capability.Status.DRAFT,
    ):
        _changed(capability, bulk)
    return capability


# --- Attachments ---------------------------------------------------------------------------------


def _too_many_attachments(limit) -> str:
    return _("A capability can have at most %(n)d attachments. Delete one first.") % {"n": limit}


def add_attachment(capability, *, actor, upload) -> CapabilityAttachment:
    """Store an uploaded file on a capability after checking its type, size and content."""
    _ensure_capability_editor(actor, capability.company.organisation)
    with transaction.atomic():
        Capability.objects.select_for_update().filter(pk=capability.pk).exists()
        return attachments.add_attachment(
            capability,
            model=CapabilityAttachment,
            upload=upload,
            actor=actor,
            too_many=_too_many_attachments,
        )


def delete_attachment(attachment, *, actor) -> None:
    """Delete the row now and the stored file once the deletion is committed."""
    _ensure_capability_editor(actor, attachment.capability.company.organisation)
    with transaction.atomic():
        attachments.delete_attachment(attachment)
