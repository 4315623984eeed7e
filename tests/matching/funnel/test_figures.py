"""The funnel figures of the known data set (see conftest.py), exactly."""

import datetime

import pytest

from matching.funnel.services import compute_funnel
from tests.matching.funnel.conftest import END, START

pytestmark = pytest.mark.django_db

EXPECTED = {
    # stage: (needs, matches, conversion from the previous stage)
    "posted": (5, None, None),
    "matched": (3, 4, 3 / 5),
    "mutual": (3, 4, 1.0),
    "introduced": (3, 3, 1.0),
    "met": (2, 2, 2 / 3),
    "pilot": (2, 2, 1.0),
    "procurement": (1, 1, 0.5),
    "contract": (1, 1, 1.0),
}


def figures(funnel):
    return {s.key: (s.needs, s.matches, s.conversion) for s in funnel.stages}


def test_funnel_of_the_hub_counts_each_stage_per_need_and_per_match(data):
    funnel = compute_funnel([data.hub], START, END)
    assert list(figures(funnel)) == list(EXPECTED)
    for key, (needs, matches, conversion) in EXPECTED.items():
        got = figures(funnel)[key]
        assert got[:2] == (needs, matches), key
        assert got[2] == pytest.approx(conversion) if conversion else got[2] is None, key


def test_funnel_bids_and_time_to_first_match(data):
    funnel = compute_funnel([data.hub], START, END)
    assert (funnel.bids, funnel.needs_with_bids, funnel.bids_per_need) == (4, 3, 0.8)
    # first matches after 2 h (n1), 10 h (n2), 30 h (n3): the median is 10 h
    assert funnel.median_hours_to_first_match == 10.0


def test_funnel_period_edges_follow_local_days(data):
    """n0 was published a minute before the period (local time); n4 half an hour before its
    end: moving either edge by a day moves exactly that need."""
    assert compute_funnel([data.hub], START - datetime.timedelta(days=1), END).posted == 6
    assert compute_funnel([data.hub], START, END - datetime.timedelta(days=1)).posted == 4
    wider = compute_funnel([data.hub], START - datetime.timedelta(days=1), END)
    assert figures(wider)["contract"][:2] == (2, 2)


def test_funnel_of_all_hubs_adds_the_other_hub(data):
    funnel = compute_funnel([data.hub, data.other_hub], START, END)
    assert figures(funnel)["posted"][0] == 6
    assert figures(funnel)["mutual"][:2] == (4, 5)
    assert funnel.bids == 5


def test_funnel_of_an_empty_period_has_no_ratios(data):
    funnel = compute_funnel([data.hub], datetime.date(2030, 1, 1), datetime.date(2030, 1, 31))
    assert [s.needs for s in funnel.stages] == [0] * 8
    assert all(s.conversion is None for s in funnel.stages)
    assert funnel.bids_per_need is None
    assert funnel.median_hours_to_first_match is None


def test_funnel_queries_do_not_grow_with_the_data(data, django_assert_num_queries):
    with django_assert_num_queries(3):
        compute_funnel([data.hub, data.other_hub], START, END)
