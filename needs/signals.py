"""Receivers of the needs app (connected in NeedsConfig.ready()).

Tag edits of a need go through a save (services.update_need, also from the admin), which stamps
``updated_at``: that is how matching sees a change. Deleting a taxonomy term in the admin
removes it from every need without a save (the through rows cascade and no m2m_changed is
sent), so the needs that carried it are stamped here. Renaming a term changes the text of every
need tagged with it (tag names are part of what is matched and shown), so those are stamped too.
"""

from django.db.models.signals import pre_delete
from django.utils import timezone

from healthmatch.accounts import term_changes
from needs.models import Need


def _taggings(term_model):
    """Names of the many-to-many fields through which needs are tagged with ``term_model``."""
    return [field.name for field in Need._meta.many_to_many if field.related_model is term_model]


def stamp_tagged(sender, instance, **kwargs):
    """Stamp ``updated_at`` of everything tagged with the term ``instance``."""
    now = timezone.now()
    for field in _taggings(sender):
        Need.objects.filter(**{field: instance}).update(updated_at=now)


def connect_receivers():
    for term_model in {field.related_model for field in Need._meta.many_to_many}:
        uid = f"needs.{{}}.{term_model._meta.label_lower}"
        pre_delete.connect(stamp_tagged, sender=term_model, dispatch_uid=uid.format("term_deleted"))
        term_changes.watch(term_model)
        term_changes.term_renamed.connect(
            stamp_tagged, sender=term_model, dispatch_uid=uid.format("term_renamed")
        )
