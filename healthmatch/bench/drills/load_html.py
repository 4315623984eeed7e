"""What the load drill's simulated people read of a page: its links and its forms, parsed with
the standard library's ``html.parser`` (no browser, no new dependency).

A ``Form`` answers with the fields a browser would send (hidden inputs, text, checked boxes,
selected options, textarea contents and the one button clicked), so the drill posts the real
forms with their CSRF token and their one-time token exactly as a person's browser would."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TEXT_TYPES = {"text", "search", "email", "number", "date", "hidden", "password", "url", "tel"}
CHOICE_TYPES = {"checkbox", "radio"}
BUTTON_TYPES = {"submit", "image"}


@dataclass
class Link:
    url: str
    rel: str
    text: str


@dataclass
class Field:
    """One control: ``kind`` is an input type, "select", "textarea" or "button"."""

    kind: str
    name: str
    value: str = ""
    checked: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)
    multiple: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    def names(self) -> set[str]:
        return {f.name for f in self.fields if f.name}

    def buttons(self, name: str) -> list[str]:
        """The values of the submit buttons called ``name``."""
        return [f.value for f in self.fields if f.kind == "button" and f.name == name]

    def choices(self, name: str) -> list[str]:
        """The non-empty values ``name`` may take: a select's options, or its boxes."""
        values = []
        for f in self.fields:
            if f.name != name:
                continue
            if f.kind == "select":
                values += [value for value, _ in f.options if value]
            elif f.kind in CHOICE_TYPES and f.value:
                values.append(f.value)
        return values

    def selects(self) -> list[str]:
        return [f.name for f in self.fields if f.kind == "select" and f.name]

    def data(self, overrides: dict | None = None, click: tuple[str, str] | None = None):
        """The (name, value) pairs a browser sends, with ``overrides`` (a value, or a list for
        several boxes) replacing the named fields and ``click`` the button pressed."""
        overrides = overrides or {}
        pairs = []
        for name, value in overrides.items():
            pairs += [(name, v) for v in (value if isinstance(value, list) else [value])]
        for f in self.fields:
            if not f.name or f.name in overrides:
                continue
            if f.kind == "button":
                continue
            if f.kind in CHOICE_TYPES:
                if f.checked:
                    pairs.append((f.name, f.value or "on"))
            elif f.kind == "select":
                chosen = [value for value, selected in f.options if selected]
                if not chosen and f.options and not f.multiple:
                    chosen = [f.options[0][0]]
                pairs += [(f.name, value) for value in chosen]
            elif f.kind in TEXT_TYPES or f.kind == "textarea":
                pairs.append((f.name, f.value))
        if click is not None:
            pairs.append(click)
        return pairs


@dataclass
class Page:
    url: str
    status: int
    links: list[Link]
    forms: list[Form]
    redirected: bool = False  # reached through a redirect (a form that did its work)

    def urls(self, pattern: str) -> list[str]:
        """The distinct link targets whose path matches ``pattern`` (a regex, ``re.search``)."""
        regex = re.compile(pattern)
        seen = []
        for link in self.links:
            if regex.search(urlsplit(link.url).path) and link.url not in seen:
                seen.append(link.url)
        return seen

    def titles(self, pattern: str) -> list[str]:
        regex = re.compile(pattern)
        return [link.text for link in self.links if regex.search(urlsplit(link.url).path)]

    def rel(self, rel: str) -> str | None:
        return next((link.url for link in self.links if rel in link.rel.split()), None)

    def forms_to(self, pattern: str, method: str = "post") -> list[Form]:
        regex = re.compile(pattern)
        return [
            form
            for form in self.forms
            if form.method == method and regex.search(urlsplit(form.action).path)
        ]

    def form_with(self, name: str) -> Form | None:
        return next((form for form in self.forms if name in form.names()), None)


class _Parser(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[Link] = []
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.anchor: tuple[str, str, list[str]] | None = None
        self.select: Field | None = None
        self.option: tuple[str | None, bool, list[str]] | None = None
        self.textarea: tuple[Field, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "a" and a.get("href") and not a["href"].startswith(("#", "mailto:", "tel:")):
            self.anchor = (urljoin(self.url, a["href"]), a.get("rel", ""), [])
        elif tag == "form":
            action = urljoin(self.url, a.get("action") or self.url)
            self.form = Form(action=action, method=(a.get("method") or "get").lower())
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in BUTTON_TYPES:
                kind = "button"
            self.form.fields.append(
                Field(kind, a.get("name", ""), a.get("value", ""), checked="checked" in a)
            )
        elif tag == "button" and (a.get("type") or "submit").lower() == "submit":
            self.form.fields.append(Field("button", a.get("name", ""), a.get("value", "")))
        elif tag == "select":
            self.select = Field("select", a.get("name", ""), multiple="multiple" in a)
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self._close_option()
            self.option = (a.get("value"), "selected" in a, [])
        elif tag == "textarea":
            self.textarea = (Field("textarea", a.get("name", "")), [])
            self.form.fields.append(self.textarea[0])

    def handle_endtag(self, tag):
        if tag == "a" and self.anchor is not None:
            url, rel, text = self.anchor
            self.links.append(Link(url, rel, " ".join("".join(text).split())))
            self.anchor = None
        elif tag == "form":
            self.form = None
        elif tag in ("option", "select"):
            self._close_option()
            if tag == "select":
                self.select = None
        elif tag == "textarea" and self.textarea is not None:
            control, text = self.textarea
            control.value = "".join(text).removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.anchor is not None:
            self.anchor[2].append(data)
        if self.option is not None:
            self.option[2].append(data)
        if self.textarea is not None:
            self.textarea[1].append(data)

    def _close_option(self):
        if self.option is not None and self.select is not None:
            value, selected, text = self.option
            self.select.options.append(
                (value if value is not None else "".join(text).strip(), selected)
            )
        self.option = None


def parse(url: str, status: int, html: str) -> Page:
    parser = _Parser(url)
    parser.feed(html)
    parser.close()
    return Page(url=url, status=status, links=parser.links, forms=parser.forms)
