"""GIN indexes for the needs search on PostgreSQL (needs/search.py): one on the public text
(title, summary), one on the full text (with description and success criteria). Each is built
from the very expression the search filters on, so the planner can use it; a search over
10,000 needs read them all before (about 0.4 s per search). Other databases get nothing: their
search is a plain substring match (the embedded SQLite default)."""

from django.db import migrations

INDEXES = ("needs_need_search_public", "needs_need_search_full")


def _indexes():
    from django.contrib.postgres.indexes import GinIndex

    from needs.search import full_vector, public_vector

    return [
        GinIndex(public_vector(), name=INDEXES[0]),
        GinIndex(full_vector(), name=INDEXES[1]),
    ]


def _each(apps, schema_editor, method: str):
    if schema_editor.connection.vendor != "postgresql":
        return
    need = apps.get_model("needs", "Need")
    for index in _indexes():
        getattr(schema_editor, method)(need, index)


def create(apps, schema_editor):
    _each(apps, schema_editor, "add_index")


def drop(apps, schema_editor):
    _each(apps, schema_editor, "remove_index")


class Migration(migrations.Migration):
    dependencies = [("needs", "0004_invitation_providers")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
