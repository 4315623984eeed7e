"""Every name and title people write is isolated where a page shows it (healthmatch/bidi.py):
``{{ need.title|bdi }}``, ``{% blocktranslate with title=need.title|bdi %}``. Read from the
templates, as the stack-table test reads them, so that a new page cannot forget it. Not checked,
because they cannot hold markup: ``<title>``, attribute values and the emails."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
EXCLUDED = ("email", "account")  # the emails (allauth's live in account/email/)
# An expression that ends in one of these names a person or a thing people named.
USER_TEXT = re.compile(r"\.(title|name|get_full_name|get_short_name|original_name)$")
VARIABLE = re.compile(r"{{\s*(?P<expr>.*?)\s*}}")
BLOCKTRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b(?P<args>.*?)%}")
ARGUMENT = re.compile(r"\b\w+=(?P<expr>\S+)")
NOT_SHOWN = re.compile(
    r"{% block title %}.*?{% endblock %}|{% comment %}.*?{% endcomment %}|{#.*?#}", re.S
)
TEMPLATE_SYNTAX = re.compile(r"{{.*?}}|{%.*?%}", re.S)


def _isolated(expr: str) -> bool:
    base, *filters = expr.split("|")
    # ``|bdi`` or ``|bdi:need.language`` (isolated and marked with the text's language).
    return not USER_TEXT.search(base.strip()) or any(
        f.strip().split(":")[0] == "bdi" for f in filters
    )


def _in_a_tag(masked: str, position: int) -> bool:
    """Whether ``position`` is inside an HTML tag (an attribute value), judged on the template
    with its own syntax blanked out, so ``{% if a > b %}`` is not taken for a tag's end."""
    return masked.rfind("<", 0, position) > masked.rfind(">", 0, position)


def unisolated(source: str) -> list[str]:
    shown = NOT_SHOWN.sub(lambda m: " " * len(m.group()), source)
    masked = TEMPLATE_SYNTAX.sub(lambda m: " " * len(m.group()), shown)
    found = []
    for match in VARIABLE.finditer(shown):
        if not _in_a_tag(masked, match.start()) and not _isolated(match["expr"]):
            found.append(match.group())
    for match in BLOCKTRANSLATE.finditer(shown):
        if _in_a_tag(masked, match.start()):
            continue
        found.extend(
            f"{{% blocktranslate with {arg.group()} %}}"
            for arg in ARGUMENT.finditer(match["args"])
            if not _isolated(arg["expr"])
        )
    return found


def test_every_name_and_title_on_a_page_is_isolated():
    paths = [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.relative_to(TEMPLATES).parts[0] not in EXCLUDED
    ]
    assert len(paths) > 100
    missing = [
        f"{path.relative_to(TEMPLATES)}: {hit}"
        for path in paths
        for hit in unisolated(path.read_text())
    ]
    assert not missing, "user text shown without |bdi:\n" + "\n".join(missing)


def test_the_check_sees_text_attributes_and_titles_apart():
    source = (
        "{% block title %}{{ need.title }}{% endblock %}"
        '<h1 data-x="{{ need.title }}">{{ need.title|bdi }}</h1>'
        "{% if a > b %}<p>{{ org.name }} {{ need.get_status_display }}</p>{% endif %}"
        '<button data-confirm="{% blocktranslate with name=user.name %}{{ name }}?'
        '{% endblocktranslate %}">'
        "{% blocktranslate with title=need.title|bdi org=need.organisation.name %}"
    )
    assert unisolated(source) == [
        "{{ org.name }}",
        "{% blocktranslate with org=need.organisation.name %}",
    ]
