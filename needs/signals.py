"""Receivers of the needs app (connected in NeedsConfig.ready()).

Tag edits of a need go through a save (services.update_need, also from the admin), which stamps
``updated_at``: that is how matching sees a change. Deleting a taxonomy term in the admin
removes it from every need without a save (the through rows cascade and no m2m_changed is
sent), so the needs that carried it are stamped here.
"""

from django.db.models.signals import pre_delete
from django.utils import timezone

from needs.models import Need


def _taggings(term_model):
    """Names of the many-to-many fields through which needs are tagged with ``term_model``."""
    return [field.name for field in Need._meta.many_to_many if field.related_model is term_model]


def term_deleted(sender, instance, **kwargs):
    now = timezone.now()
    for field in _taggings(sender):
        Need.objects.filter(**{field: instance}).update(updated_at=now)


def connect_receivers():
    for term_model in {field.related_model for field in Need._meta.many_to_many}:
        pre_delete.connect(
            term_deleted,
            sender=term_model,
            dispatch_uid=f"needs.term_deleted.{term_model._meta.label_lower}",
        )
