"""Comparing rendered pages: what differs on every response by design is taken out first."""

import re

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def without_csrf_tokens(html: str) -> str:
    """The page less its CSRF tokens (masked afresh for every response)."""
    return CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)
