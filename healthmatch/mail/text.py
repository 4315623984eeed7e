"""How every email's subject and plain text part are written: one helper for all of them.

- A subject is one line, at most ``SUBJECT_MAX_LENGTH`` characters: whitespace and line breaks
  collapse to single spaces; a longer one is cut at a word boundary and ends with "…".
- Subjects and plain text parts are rendered without HTML escaping (a name "A & <b>B</b>" reads
  as typed, never "A &amp; &lt;b&gt;B&lt;/b&gt;"); the HTML part is rendered, and escaped, as
  any page is.
"""

from django.template import Context, Engine

# The longest subject any email gets, in characters (the ellipsis included): long enough for
# "Introduction: <need> ↔ <company>" in most cases, short enough for a mail client's list.
SUBJECT_MAX_LENGTH = 150
ELLIPSIS = "…"


def shorten(text: str, max_length: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``max_length`` characters with
    "…" at the end when it was longer. A single word longer than that is cut inside."""
    text = " ".join(str(text).split())
    if len(text) <= max_length:
        return text
    keep = max_length - len(ELLIPSIS)
    head = text[:keep]
    if not text[keep].isspace():  # the cut falls inside a word: drop that word
        before, space, _word = head.rpartition(" ")
        if space and before:
            head = before
    return head.rstrip(" ,;:-–—") + ELLIPSIS


def email_subject(text: str, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    """The subject line of an email from ``text`` (see ``shorten``)."""
    return shorten(text, max_length)


def render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain text template with HTML escaping off (``{% include %}``s too)."""
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))
