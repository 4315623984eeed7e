"""One-time form tokens: every browser form that creates something carries a signed token,
and the create runs at most once per token. A repeated POST (a double click, a browser retry,
two requests at the same moment) lands on what the first one created instead of creating it
again; a forged or expired token re-shows the form with an error and writes nothing.

Templates put ``{% once_token %}`` right after ``{% csrf_token %}`` (a builtin tag, no
``{% load %}``); views run the create through ``healthmatch.once.views.submit_once``.
"""
