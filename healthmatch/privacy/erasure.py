"""Erasing a person (GDPR art. 17): their account is pseudonymised, everything that only
served them is deleted, and every text column of every table is scrubbed of their name and
address. What belongs to their organisation (needs, bids, the history of who did what) stays,
pointing at the pseudonymised account: "Former user #<id>".

It runs at once, in one transaction, when the person (or a coordinator) confirms: a failure
leaves nothing half-done."""

import logging
import re
from functools import partial
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Cast, Replace
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from healthmatch.accounts.models import Membership
from healthmatch.mail.models import OutboxMessage
from healthmatch.privacy import collect
from healthmatch.privacy.models import DataExport, ErasureLog, InactivityWarning

log = logging.getLogger(__name__)

# A name shorter than this is not scrubbed from free text (it would mangle other words).
MIN_NAME_LENGTH = 4


def pseudonym(user_id: int) -> str:
    return f"Former user #{user_id}"


def placeholder_email(user_id: int) -> str:
    """Unique per person and never deliverable (.invalid is reserved, RFC 2606)."""
    return f"erased-{user_id}@erased.invalid"


def is_erased(user) -> bool:
    return user.email == placeholder_email(user.pk)


def check_erasable(user) -> None:
    """Refuse while the person is the last administrator of an organisation with other
    members: it would be left without anyone able to run it."""
    blocking = []
    for membership in (
        Membership.objects.active()
        .filter(user=user, role=Membership.Role.ADMIN)
        .select_related("organisation")
    ):
        org = membership.organisation
        others = Membership.objects.active().filter(organisation=org).exclude(user=user)
        if others.exists() and not others.filter(role=Membership.Role.ADMIN).exists():
            blocking.append(org.name)
    if blocking:
        raise ValidationError(
            _(
                "You are the last administrator of %(organisations)s, which has other members. "
                "Make one of them an administrator first, then delete the account."
            )
            % {"organisations": ", ".join(sorted(blocking))},
            code="last_admin",
        )


def _regexp_replace(expression, needle: str, replacement: str):
    """``needle`` replaced in any case (PostgreSQL); on SQLite, the development default, the
    exact, lower-case and title-case spellings only."""
    if connection.vendor != "postgresql":
        for spelling in dict.fromkeys([needle, needle.lower(), needle.title()]):
            expression = Replace(expression, Value(spelling), Value(replacement))
        return expression
    return Func(
        expression,
        Value(re.escape(needle)),
        Value(replacement),
        Value("gi"),
        function="regexp_replace",
        output_field=models.TextField(),
    )


def scrub_text(needle: str, replacement: str) -> int:
    """Replace ``needle`` (any case) with ``replacement`` in every text and JSON column of every
    table Django manages. Returns the number of rows changed."""
    changed = 0
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or model is Session:
            continue
        for field in collect.text_fields(model):
            if isinstance(field, models.JSONField):
                as_text = Cast(field.attname, models.TextField())
                rows = model._base_manager.alias(_as_text=as_text).filter(
                    _as_text__icontains=needle
                )
                new_value = Cast(_regexp_replace(as_text, needle, replacement), field)
            else:
                rows = model._base_manager.filter(**{f"{field.attname}__icontains": needle})
                new_value = _regexp_replace(F(field.attname), needle, replacement)
            changed += rows.update(**{field.attname: new_value})
    return changed


def _name_variants(needles) -> set[str]:
    """How a name or address looks once made a stored file name ("Olivia_Owner.pdf")."""
    variants = set()
    for needle in needles:
        variants.add(needle)
        variants.add(get_valid_filename(needle))
    return {variant.lower() for variant in variants if len(variant) >= MIN_NAME_LENGTH}


def rename_stored_files(needles) -> int:
    """Give every stored attachment whose file name holds a name or address a neutral name:
    the copy is written now, the old file deleted once the erasure commits."""
    variants = _name_variants(needles)
    renamed = 0
    for model in collect.attachment_models():
        match = Q()
        for variant in variants:
            match |= Q(file__icontains=variant)
        for attachment in model._base_manager.filter(match):
            old_name = attachment.file.name
            suffix = Path(old_name).suffix
            storage = attachment.file.storage
            with storage.open(old_name, "rb") as handle:
                content = ContentFile(handle.read())
            attachment.file.save(f"attachment-{attachment.pk}{suffix}", content, save=False)
            model._base_manager.filter(pk=attachment.pk).update(file=attachment.file.name)
            transaction.on_commit(partial(storage.delete, old_name))
            renamed += 1
    return renamed


def end_sessions(user) -> int:
    """Delete every unexpired session signed in as ``user``: through the session engine, which
    removes the cached copy as well as the row (settings.SESSION_ENGINE)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


@transaction.atomic
def erase_person(user, *, by=None, reason: str = "") -> ErasureLog:
    """Erase ``user``; ``by`` is who asked (the person, or a coordinator with ``reason``)."""
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        raise ValidationError(_("This person has already been erased."), code="erased")
    check_erasable(user)
    from allauth.account.models import EmailAddress

    addresses = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    names = {user.name.strip()} - {""}

    address_match = Q()
    for address in addresses:
        address_match |= Q(to_email__iexact=address)
    OutboxMessage.objects.filter(Q(user=user) | address_match).delete()
    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        apps.get_model("socialaccount", "SocialAccount").objects.filter(user=user).delete()
    for export in DataExport.objects.filter(user=user):
        export.archive.delete(save=False)
    DataExport.objects.filter(user=user).delete()
    InactivityWarning.objects.filter(user=user).delete()
    apps.get_model("api", "ApiToken").objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    # Preferences and pending notices only served the person.
    for model, field_name in collect.user_links():
        if model._meta.label_lower in {"matching.notificationpreference", "matching.matchnotice"}:
            model._default_manager.filter(**{field_name: user}).delete()
    sessions = end_sessions(user)

    user.email = placeholder_email(user.pk)
    user.name = pseudonym(user.pk)
    user.job_title = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    user.coordinated_hubs.clear()

    scrubbed = rename_stored_files(addresses | names)
    for address in addresses:
        scrubbed += scrub_text(address, placeholder_email(user.pk))
    for name in names:
        if len(name) >= MIN_NAME_LENGTH:
            scrubbed += scrub_text(name, pseudonym(user.pk))
    for needle, replacement in [(a, placeholder_email(user.pk)) for a in addresses] + [
        (n, pseudonym(user.pk)) for n in names
    ]:
        reason = re.sub(re.escape(needle), replacement, reason, flags=re.IGNORECASE)
    entry = ErasureLog.objects.create(
        user_id=user.pk,
        by_user_id=by.pk if by is not None and by.pk != user.pk else None,
        by_coordinator=by is not None and by.pk != user.pk,
        reason=reason,
        rows_scrubbed=scrubbed,
    )
    log.info("erased person %s: %s sessions ended, %s rows scrubbed", user.pk, sessions, scrubbed)
    return entry
