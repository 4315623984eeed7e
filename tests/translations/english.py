"""Finding English in a page or an email shown in Danish, Swedish or Norwegian.

Three nets:

- the English source strings of the catalogues, ours (locale/<lang>/LC_MESSAGES/django.po) and
  those of the packages whose strings the pages show (Django, its admin and auth, allauth,
  django-filter), merged as Django merges them: each msgid whose translation differs or is
  missing, split around its placeholders and markup into the literal pieces long enough to be
  recognisable (two words, or one word of ``MIN_LETTERS``), minus the pieces the language itself
  uses (a piece found in one of its translations, or made only of words its translations use:
  "HealthMatch", "CE", "TRL", "E-mail");
- English function words ("the", "your", "please") that none of the three languages' translations
  uses: they catch a sentence that was never marked for translation, which no msgid can;
- English month and weekday names the language writes otherwise: a date format that is not
  localised.

What is read is the visible text (``visible_text``): text nodes, ``<title>``, the attributes
people see or hear, minus scripts, styles, the language menu (it names each language in its own
words), what form fields hold (a textarea's text, an input's value: what a person typed) and
elements marked as written in another language (``lang="en"``, user content).
"""

import functools
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ("da", "sv", "nb")
# Python and Django placeholders, markup and character references: the literal text lies between.
NOT_LITERAL = re.compile(
    r"%\([A-Za-z_]\w*\)[sdfi]|%[sdfi%]|\{[A-Za-z_]?\w*\}|<[^>]*>|&#?\w+;|``[^`]*``|\n\n"
)
EDGES = " \t\n.,:;!?()[]\"'“”‘’«»–—-…/|·•*+=#"
WORD = re.compile(r"[^\W\d_]+")
# Addresses are not words: links in the text part of an email, email addresses.
ADDRESS = re.compile(r"https?://\S+|\S+@\S+")
MIN_LETTERS = 10  # a one-word piece counts from this length ("Capabilities", not "Needs")
# English words no Scandinavian sentence holds; kept only if no translation uses them either.
FUNCTION_WORDS = (
    "the your you with this please which would should their there been what when where these "
    "those here yet could about after before without they them our we're you're isn't doesn't"
).split()
# English month and weekday names, as a date format writes them ("12 May", "Oct 15", "Monday"),
# kept where the language writes them otherwise (May: maj/mai; but Dec: dec).
DATE_WORDS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun"
).split()
# Attributes whose text is shown or read out: tooltips, placeholders, labels, alternatives,
# the confirmations and labels app.js shows (data-confirm, data-copied, data-label).
SHOWN_ATTRIBUTES = (
    "title",
    "placeholder",
    "aria-label",
    "aria-description",
    "alt",
    "data-confirm",
    "data-copied",
    "data-label",
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Scripts and styles; a textarea holds a form field's value: what a person typed (or edits).
HIDDEN = {"script", "style", "textarea"}
LANGUAGE_MENU = "lang-select"  # templates/base.html: each language named in its own language
# The packages whose own strings the pages show (forms, the admin, sign-up and login, filters),
# with the folder of their catalogues.
UPSTREAM = (
    ("django", "conf/locale"),
    ("django.contrib.admin", "locale"),
    ("django.contrib.auth", "locale"),
    ("django.contrib.humanize", "locale"),
    ("django_filters", "locale"),
    ("allauth", "locale"),
)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _pairs(entry):
    """(English, translation) of an entry, both forms of a plural; "" when untranslated."""
    if "fuzzy" in entry.flags:
        return [(entry.msgid, ""), *([(entry.msgid_plural, "")] if entry.msgid_plural else [])]
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        return [(entry.msgid, forms[0]), (entry.msgid_plural, forms[-1])]
    return [(entry.msgid, entry.msgstr)]


def _upstream_catalogues(language: str):
    """{English: translation} of each package's catalogue: a string that another language's
    catalogue has and this one lacks is untranslated ("")."""
    for package, folder in UPSTREAM:
        base = Path(importlib.util.find_spec(package).origin).parent / folder
        english = {}
        for other in LANGUAGES:
            path = base / other / "LC_MESSAGES" / "django.po"
            if path.exists():
                for entry in polib.pofile(str(path)):
                    if not entry.obsolete:
                        english.update({msgid: "" for msgid, _text in _pairs(entry)})
        path = base / language / "LC_MESSAGES" / "django.po"
        if path.exists():
            english.update(
                pair
                for entry in polib.pofile(str(path))
                if not entry.obsolete
                for pair in _pairs(entry)
            )
        yield english


@functools.cache
def _catalogue(language: str) -> dict[str, str]:
    """{English: translation} as Django reads them in ``language``: the packages' catalogues,
    then ours (LOCALE_PATHS come first)."""
    merged = {}
    for upstream in _upstream_catalogues(language):
        merged.update(upstream)
    ours = {}
    for entry in catalogue(language):
        if not entry.obsolete:
            ours.update((english, text) for english, text in _pairs(entry) if text)
    merged.update(ours)
    return merged


def _pieces(text: str):
    for piece in NOT_LITERAL.split(text):
        piece = " ".join(piece.split()).strip(EDGES)
        if piece:
            yield piece


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


@functools.cache
def _translations(language: str) -> tuple[str, frozenset[str]]:
    """All of ``language``'s translations as one text, and the words they use."""
    text = "\n".join(" ".join(t.split()) for t in _catalogue(language).values() if t)
    return text, frozenset(_words(text))


@functools.cache
def shared_words() -> frozenset[str]:
    return frozenset().union(*(_translations(language)[1] for language in LANGUAGES))


def _recognisable(piece: str) -> bool:
    words = WORD.findall(piece)
    return len(piece.split()) >= 2 and len(words) >= 2 or sum(map(len, words)) >= MIN_LETTERS


@functools.cache
def english_strings(language: str) -> tuple[str, ...]:
    """The pieces of English source text that must not show in a page in ``language``: of
    every msgid whose translation differs (or is missing)."""
    text, vocabulary = _translations(language)
    found = set()
    for english, translated in _catalogue(language).items():
        if english == translated:
            continue
        for piece in _pieces(english):
            if not _recognisable(piece) or _words(piece) <= vocabulary:
                continue
            if piece in text and _bounded(piece).search(text):  # the language uses it too
                continue
            found.add(piece)
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


def _bounded(piece: str) -> re.Pattern:
    body = r"\s+".join(re.escape(word) for word in piece.split())
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


@functools.cache
def _index(language: str) -> dict[str, list[tuple[str, re.Pattern]]]:
    """The pieces by their first word, longest first: a text is searched only for the pieces
    whose first word it holds."""
    index = {}
    for piece in english_strings(language):
        first = WORD.search(piece).group()
        index.setdefault(first, []).append((piece, _bounded(piece)))
    return index


@functools.cache
def _function_words() -> re.Pattern:
    kept = [w for w in FUNCTION_WORDS if w.lower() not in shared_words()]
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, kept)) + r")(?![\w-])", re.I)


@functools.cache
def _date_words(language: str) -> re.Pattern:
    kept = [w for w in DATE_WORDS if w.lower() not in _translations(language)[1]]
    return re.compile(r"(?<![\w-])(" + "|".join(kept) + r")(?![\w-])")


def find_english(texts, language: str) -> list[str]:
    """Each English piece (and each text holding an English function word or month or day
    name) in ``texts``."""
    index = _index(language)
    found = []
    for text in texts:
        text = " ".join(ADDRESS.sub(" ", text).split())
        candidates = {p for word in set(WORD.findall(text)) for p in index.get(word, ())}
        hits = [piece for piece, pattern in candidates if pattern.search(text)]
        # A longer piece already names its shorter parts.
        hits = sorted(h for h in hits if not any(h != o and h in o for o in hits))
        found.extend(f"{h!r} in {_clip(text)!r}" for h in hits)
        if not hits:
            words = [_function_words().search(text), _date_words(language).search(text)]
            found.extend(f"{w.group()!r} in {_clip(text)!r}" for w in words if w)
    return found


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, hidden)
        self.page_language = ""
        self.texts = []

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page_language = attrs.get("lang", "")
        language = attrs.get("lang")
        hidden = (
            self.hidden
            or tag in HIDDEN
            or attrs.get("id") == LANGUAGE_MENU
            or (tag != "html" and language is not None and language != self.page_language)
        )
        if not hidden:
            self._attributes(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        if not self.hidden:
            self._attributes(tag, {name: value or "" for name, value in attrs})

    def _attributes(self, tag, attrs):
        self.texts.extend(attrs[name] for name in SHOWN_ATTRIBUTES if attrs.get(name))
        kind = attrs.get("type", "submit" if tag == "button" else "text")
        if tag in ("input", "button") and kind in ("submit", "button", "reset"):
            self.texts.append(attrs.get("value", ""))
        if tag == "meta" and attrs.get("name") == "description":
            self.texts.append(attrs.get("content", ""))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(data)


def visible_text(html: str) -> tuple[str, list[str]]:
    """The page's language (``<html lang>``) and the texts a person sees or hears, one per
    text node or attribute."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.page_language, [t for t in parser.texts if t.strip()]


def english_in_page(html: str, language: str) -> list[str]:
    page_language, texts = visible_text(html)
    assert page_language == language, f"the page is in {page_language!r}, not {language!r}"
    return find_english(texts, language)


def english_in_email(subject: str, text: str, html: str, language: str) -> list[str]:
    found = [f"subject: {hit}" for hit in find_english([subject], language)]
    found += [f"text: {hit}" for hit in find_english(text.split("\n\n"), language)]
    found += [f"html: {hit}" for hit in find_english(visible_text(html)[1], language)]
    return found
