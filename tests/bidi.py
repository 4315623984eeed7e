"""Reading a page for text people wrote that could reorder it (healthmatch/bidi.py): where such a
text shows, and whether the element around it isolates it (``<bdi>``, or ``dir="auto"``) and
holds that text alone, so none of the page's own words is pulled into it."""

from html.parser import HTMLParser

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows it, up to the end of the line
# Names and titles the pages under test show: one opens with an override, the others are
# written right to left (Arabic, Hebrew), each with a neutral character that such text moves.
TITLE = f"{RLO}Night falls on ward 7"
ORG = "مستشفى أودنسه الجامعي"
PERSON = "דנה כהן"
HUB = "رعاية تك (الجنوب)"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def isolates(self) -> bool:
        return self.tag == "bdi" or self.attrs.get("dir") == "auto"

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>{self.text[:60]!r}"


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)
        self.texts = []  # (text, its element)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        for node in [self.current, *self.current.ancestors()]:
            if node.tag == tag:
                self.current = node.parent
                return

    def handle_data(self, data):
        self.current.children.append(data)
        self.texts.append((data, self.current))


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


def find(html: str, tag: str, **attrs) -> list[Element]:
    """The page's ``tag`` elements with these attribute values."""
    found, stack = [], [_parse(html).root]
    while stack:
        node = stack.pop()
        children = [c for c in node.children if not isinstance(c, str)]
        stack.extend(reversed(children))
        if node.tag == tag and all(node.attrs.get(k) == v for k, v in attrs.items()):
            found.append(node)
    return found


def places(html: str, text: str) -> list[Element]:
    """The elements in which ``text`` shows on the page (not in ``<title>``, which cannot hold
    markup), innermost first, one per occurrence."""
    tree = _parse(html)
    return [
        element
        for data, element in tree.texts
        for _ in range(data.count(text))
        if element.tag != "title" and "title" not in {a.tag for a in element.ancestors()}
    ]


def isolating(element: Element) -> Element | None:
    return next((e for e in [element, *element.ancestors()] if e.isolates), None)


def assert_isolated(html: str, text: str, *, at_least: int = 1) -> list[Element]:
    """Every place ``text`` shows is isolated by an element that holds exactly it; returns those
    elements, to check where they sit."""
    found = places(html, text)
    assert len(found) >= at_least, f"{text!r} shows {len(found)} times, not {at_least}"
    isolates = [isolating(element) for element in found]
    bare = [element for element, iso in zip(found, isolates, strict=True) if iso is None]
    assert not bare, f"{text!r} shows without isolation in {bare}"
    wider = [iso for iso in isolates if iso.text.strip() != text]
    assert not wider, f"the isolation around {text!r} holds more than it: {wider}"
    return isolates
