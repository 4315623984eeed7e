"""What a change of a taxonomy term means for the items tagged with it.

Tag names are part of an item's text (matched, embedded, shown), so renaming a term changes
every item that carries it; deleting a term removes it from those items without saving them (the
through rows cascade and Django sends no ``m2m_changed``). Either way the tagged items'
``updated_at`` is stamped here, which is how matching sees the change (the incremental run's
"changed since", the worker's cached capability index).

- ``term_renamed`` is the core's domain event: ``save_term()`` (the taxonomy admin's save path)
  sends it after an existing term was saved under a new name. A raw ``term.save()`` sends
  nothing. Arguments: ``sender=`` the term model, ``instance=`` the renamed term.
- The name is the English ``name``. A new Danish, Swedish or Norwegian name (``name_da``, ...)
  is no rename: matching reads the English name only, so no item's text changes, and pages and
  emails read the translation whenever they render.
- A deletion is seen through Django's ``pre_delete`` of the term model, whoever deletes it, so
  the stamp lands in the deletion's transaction and a refused deletion stamps nobody.

Apps whose models are tagged with terms call ``stamp_items_of_changed_terms(model, ...)`` in
their AppConfig.ready(); the core names no app.
"""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import Signal
from django.utils import timezone

term_renamed = Signal()

# term model -> [(tagged model, name of its many-to-many field to the term model)]
_tagged: dict[type, list[tuple[type, str]]] = {}


@transaction.atomic
def save_term(term) -> bool:
    """Save a taxonomy term; when an existing term got a new name, send ``term_renamed``.
    Returns True when the term was renamed."""
    model = type(term)
    old = model.objects.filter(pk=term.pk).values_list("name", flat=True).first()
    term.save()
    renamed = old is not None and old != term.name
    if renamed:
        # Listeners: the core's stamp_tagged below marks every item tagged with it changed.
        term_renamed.send(sender=model, instance=term)
    return renamed


def stamp_tagged(sender, instance, **kwargs):
    """Stamp ``updated_at`` of every registered item tagged with the term ``instance``."""
    now = timezone.now()
    for model, field in _tagged.get(sender, ()):
        model.objects.filter(**{field: instance}).update(updated_at=now)


def stamp_items_of_changed_terms(*tagged_models) -> None:
    """Stamp instances of ``tagged_models`` when a term they are tagged with is renamed or
    deleted. Idempotent: each model is registered once, each receiver connected once."""
    for model in tagged_models:
        for field in model._meta.many_to_many:
            term_model = field.related_model
            entries = _tagged.setdefault(term_model, [])
            if (model, field.name) not in entries:
                entries.append((model, field.name))
            uid = f"accounts.stamp_tagged.{term_model._meta.label_lower}"
            pre_delete.connect(stamp_tagged, sender=term_model, dispatch_uid=f"{uid}.deleted")
            term_renamed.connect(stamp_tagged, sender=term_model, dispatch_uid=f"{uid}.renamed")
