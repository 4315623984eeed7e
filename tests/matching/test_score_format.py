"""A score has one form for people: "49 % match"."""

import pytest
from django.template import Context, Template

from matching.score_format import match_score, score_percent


@pytest.mark.parametrize(
    ("score", "shown"),
    [(0.486, "49 % match"), (0.55, "55 % match"), (1.3, "100 % match"), (-0.1, "0 % match")],
)
def test_a_score_reads_as_a_percentage_match(score, shown):
    assert match_score(score) == shown


def test_the_template_filter_gives_the_same_form():
    html = Template("{% load matching_tags %}{{ score|match_score }}").render(
        Context({"score": 0.486})
    )
    assert html == "49 % match"
    assert score_percent(0.486) == 49
