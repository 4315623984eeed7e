"""Every data table of templates/ becomes stacked cards on a phone: it carries the shared
``stack-table`` class (static/css/tables.css) and each of its cells a ``data-label``, the
column's heading shown before the value. (The emails' layout tables and Django's admin
overrides are not data tables.)"""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
EXCLUDED = ("email", "admin")
TABLE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)


def data_tables():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] in EXCLUDED:
            continue
        for match in TABLE.finditer(path.read_text()):
            yield path.relative_to(TEMPLATES), match


def test_every_data_table_stacks_on_small_screens():
    tables = list(data_tables())
    assert len(tables) >= 14
    plain = [str(path) for path, match in tables if "stack-table" not in match["attrs"]]
    assert not plain, f"tables without class stack-table: {plain}"


def test_every_cell_of_a_table_with_headings_has_a_label():
    unlabelled = []
    for path, match in data_tables():
        if "<thead" not in match["body"]:
            continue  # a table of row headings: each row names itself
        for cell in re.findall(r"<td\b[^>]*>", match["body"]):
            if "data-label" not in cell and "colspan" not in cell:
                unlabelled.append(f"{path}: {cell}")
    assert not unlabelled, "cells without data-label:\n" + "\n".join(unlabelled)
