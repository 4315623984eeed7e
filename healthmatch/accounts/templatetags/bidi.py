"""``{{ need.title|bdi }}``: user text isolated inline in ``<bdi>``; ``{{ field|dir_auto }}``: a
free-text input with ``dir="auto"`` (healthmatch/bidi.py says why). Registered as a builtin
(settings.TEMPLATES), so templates need no ``{% load %}``."""

from django import template

from healthmatch import bidi as isolation

register = template.Library()

register.filter("bdi", isolation.bdi)
register.filter("dir_auto", isolation.dir_auto)
