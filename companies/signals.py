"""Signals other apps listen to without companies importing them, and the receivers companies
needs itself (connected in CompaniesConfig.ready())."""

from django.db.models.signals import pre_delete
from django.dispatch import Signal
from django.utils import timezone

from companies.models import Capability, CompanyProfile
from healthmatch.accounts import term_changes

# Sent after a capability's status changed through a conditional UPDATE (publish, archive,
# restore), which sends no post_save. Arguments: sender=Capability, capability (refreshed).
capability_status_changed = Signal()


# --- Taxonomy terms deleted -------------------------------------------------------------------
#
# Tag edits go through a save of the capability or profile (services.update_capability,
# services.save_profile, the admin's change form), which stamps ``updated_at``: that is how
# matching sees a change (the incremental run's "changed since", the worker's cached capability
# index). Deleting a term in the admin removes it from every capability and profile without a
# save: the through rows cascade and no m2m_changed is sent. So stamp them here. Renaming a term
# changes the text of every item tagged with it (tag names are matched and shown): stamped too.


TAGGED_MODELS = (Capability, CompanyProfile)


def _taggings(term_model):
    """(model, many-to-many field name) of every companies model tagged with ``term_model``."""
    return [
        (model, field.name)
        for model in TAGGED_MODELS
        for field in model._meta.many_to_many
        if field.related_model is term_model
    ]


def stamp_tagged(sender, instance, **kwargs):
    """Stamp ``updated_at`` of everything tagged with the term ``instance``."""
    now = timezone.now()
    for model, field in _taggings(sender):
        model.objects.filter(**{field: instance}).update(updated_at=now)


def connect_receivers():
    terms = {field.related_model for model in TAGGED_MODELS for field in model._meta.many_to_many}
    for term_model in terms:
        label = term_model._meta.label_lower
        uid = f"companies.{{}}.{label}"
        pre_delete.connect(stamp_tagged, sender=term_model, dispatch_uid=uid.format("term_deleted"))
        term_changes.watch(term_model)
        term_changes.term_renamed.connect(
            stamp_tagged, sender=term_model, dispatch_uid=uid.format("term_renamed")
        )
