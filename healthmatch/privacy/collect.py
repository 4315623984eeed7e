"""Where a person's rows are, found by introspection: every concrete foreign key (or one-to-one)
to the user model, in every installed app. Export and erasure both use it, so a new model that
points at a person is covered the day it is added."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from healthmatch.accounts.models import Attachment

# Never exported: hashes, signing secrets, claim tokens.
SECRET_FIELDS = frozenset(
    {"password", "secret_hash", "secret", "previous_secret", "claim_token", "session_key"}
)
# Collected separately (export.py): the outbox by address too, the user row itself, our own.
SEPARATE = frozenset({"mail.outboxmessage", "privacy.dataexport", "privacy.inactivitywarning"})


def user_links():
    """(model, field name) for every concrete FK / one-to-one to the user model."""
    user_model = get_user_model()
    links = []
    for model in apps.get_models():
        if model._meta.label_lower in SEPARATE or model is user_model:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is user_model:
                links.append((model, field.name))
    return links


# Rows that stand for the person in one context (an event registration): rows pointing at them
# (meeting requests sent or received, meeting feedback) are the person's too.
PERSON_PROXIES = ("events.registration",)


def proxy_links():
    """(model, field name, proxy model) for every concrete FK to a PERSON_PROXIES model."""
    proxies = [apps.get_model(label) for label in PERSON_PROXIES if _installed(label)]
    links = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model in proxies:
                links.append((model, field.name, field.related_model))
    return links


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def attachment_models():
    return [model for model in apps.get_models() if issubclass(model, Attachment)]


def row_dict(obj) -> dict:
    """The row's own columns: foreign keys as ids (never the other row's text), no secrets."""
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        if isinstance(field, models.ForeignKey):
            row[field.attname] = getattr(obj, field.attname)
        elif isinstance(field, models.FileField):
            value = getattr(obj, field.attname)
            row[field.name] = value.name if value else ""
        else:
            row[field.name] = field.value_from_object(obj)
    return row


def text_fields(model):
    """The columns free text can hide in: char, text (emails included) and JSON."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and field.name not in SECRET_FIELDS
    ]
