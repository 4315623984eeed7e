"""Text people write, shown so that its direction cannot reorder the page around it.

A name or title may hold right-to-left letters (Arabic, Hebrew) or an invisible control
character such as U+202E RIGHT-TO-LEFT OVERRIDE; the Unicode bidi algorithm lets either reorder
the text after it on the same line ("CareSense · respond by 3 May" read backwards). So pages show
user text isolated: short text inline in ``<bdi>`` (``bdi()`` here, ``{{ need.title|bdi }}`` in
templates), blocks that hold only user text (descriptions, messages) with ``dir="auto"``, and
inputs that take free text with ``dir="auto"`` (``dir_auto()``, used by the shared field
include), and sentences built in Python for a page (flash messages) with ``format_isolated()``.
``<title>``, attribute values and plain-text emails cannot hold markup and keep the text as it
is. The filters live in healthmatch/accounts/templatetags/bidi.py, a builtin."""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

# The widgets (``BoundField.widget_type``) whose value a person types freely; a search box is a
# TextInput with type="search". Choices, dates, numbers, emails and URLs keep their direction.
FREE_TEXT_WIDGETS = frozenset({"text", "textarea"})


def bdi(value, language=None):
    """``value`` escaped inside ``<bdi>``: isolated from the text around it, its direction taken
    from its own first strong letter. Empty stays empty, so ``|bdi|default:"—"`` works.
    ``language``: the language the text is written in (a need's ``language``), given as
    ``lang`` so that screen readers, hyphenation and spell-checkers treat it as such
    (``{{ need.title|bdi:need.language }}``)."""
    if value is None or value == "":
        return value
    if language:
        return format_html('<bdi lang="{}">{}</bdi>', language, value)
    return format_html("<bdi>{}</bdi>", value)


def format_isolated(template, **values):
    """``template % values`` as HTML for a page: ``template`` (our translated words, with
    ``%(name)s`` placeholders) escaped, each value escaped and isolated in ``<bdi>``. For flash
    messages: ``format_isolated(_("%(org)s is invited."), org=organisation.name)``."""
    escaped = conditional_escape(template) % {key: bdi(value) for key, value in values.items()}
    return mark_safe(escaped)  # noqa: S308 (the template and every value are escaped above)


def dir_auto(field):
    """A form field's widget, rendered as ``{{ field }}`` renders it, plus ``dir="auto"`` when it
    takes free text (and its widget sets no direction itself): a name typed in Arabic reads
    right to left while it is typed and after an error redisplays it."""
    widget = field.field.widget
    if field.widget_type not in FREE_TEXT_WIDGETS or "dir" in widget.attrs:
        return str(field)
    html = field.as_widget(attrs={"dir": "auto"})
    if field.field.show_hidden_initial:
        html += field.as_hidden(only_initial=True)
    return html
