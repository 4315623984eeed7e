"""``term_renamed``: sent after an existing taxonomy term was saved under a new name.

Apps whose items are tagged with terms listen to it (needs, companies) to mark those items
changed. The rename is detected here once per save (one query for the old name), however many
apps listen. ``watch(term_model)`` connects the detection for a term model; it is idempotent.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal

# Arguments: sender=the term model, instance=the renamed term.
term_renamed = Signal()


def _note_rename(sender, instance, **kwargs):
    old = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    instance._term_renamed = old is not None and old != instance.name


def _announce_rename(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_term_renamed", False):
        instance._term_renamed = False
        term_renamed.send(sender=sender, instance=instance)


def watch(term_model) -> None:
    label = term_model._meta.label_lower
    pre_save.connect(_note_rename, sender=term_model, dispatch_uid=f"accounts.rename.{label}")
    post_save.connect(_announce_rename, sender=term_model, dispatch_uid=f"accounts.renamed.{label}")
