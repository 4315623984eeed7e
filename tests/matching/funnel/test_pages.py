"""The funnel page in the admin, its SVG chart and its CSV: figures, permissions, bad input."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.matching.funnel.conftest import PERIOD

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
URL = reverse("funnel:dashboard")
CSV_URL = reverse("funnel:csv")


def page(client, user, url=URL, **params):
    client.force_login(user)
    return client.get(url, params)


def svg_of(response) -> ET.Element:
    html = response.content.decode()
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart"')
    chart = html[start : html.index("</svg>", start) + len("</svg>")]
    return ET.fromstring(chart)  # noqa: S314 (our own page, parsed to check its markup)


def stage_rows(response):
    return {s.key: s.needs for s in response.context["funnel"].stages}


def test_funnel_page_shows_the_hubs_figures_to_its_coordinator(client, data):
    response = page(client, data.coordinator, hub=data.hub.pk, **PERIOD)
    assert response.status_code == 200
    assert stage_rows(response) == {
        "posted": 5,
        "matched": 3,
        "mutual": 3,
        "introduced": 3,
        "met": 2,
        "pilot": 2,
        "procurement": 1,
        "contract": 1,
    }
    html = response.content.decode()
    assert "Median time to first match" in html
    assert '<time datetime="PT10.0H">10 hours</time>' in html
    assert '<td class="num">0.8</td>' in html
    assert "Content-Security-Policy" in response.headers
    assert ET.tostring(svg_of(response)).count(b"<") > 30


def test_funnel_svg_is_accessible_and_writes_every_figure_as_text(client, data):
    svg = svg_of(page(client, data.coordinator, hub=data.hub.pk, **PERIOD))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "funnel-chart-title funnel-chart-desc"
    assert svg.find(f"{SVG}title").text == "Needs at each stage, 2026-01-01 to 2026-03-31"
    assert "Needs posted: 5; Matched: 3; Mutual / approved: 3" in svg.find(f"{SVG}desc").text
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == [
        "Needs posted", "5",
        "Matched", "3 (60%)",
        "Mutual / approved", "3 (100%)",
        "Introduced", "3 (100%)",
        "Meeting held", "2 (67%)",
        "Pilot", "2 (100%)",
        "Procurement", "1 (50%)",
        "Contract", "1 (100%)",
    ]  # fmt: skip
    assert all("style" not in el.attrib for el in svg.iter())
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")][1::2]
    assert widths[0] > widths[1] > widths[4] > widths[6] > 0  # bars scale with the counts


def test_funnel_csv_has_the_same_figures(client, data):
    response = page(client, data.coordinator, CSV_URL, hub=data.hub.pk, **PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="funnel-welfare-tech-2026-01-01-2026-03-31.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["hubs", "Welfare Tech"],
        ["period", "2026-01-01", "2026-03-31"],
        [],
        ["stage", "needs", "matches", "conversion from previous stage"],
        ["Needs posted", "5", "", ""],
        ["Matched", "3", "4", "0.6000"],
        ["Mutual / approved", "3", "4", "1.0000"],
        ["Introduced", "3", "3", "1.0000"],
        ["Meeting held", "2", "2", "0.6667"],
        ["Pilot", "2", "2", "1.0000"],
        ["Procurement", "1", "1", "0.5000"],
        ["Contract", "1", "1", "1.0000"],
        [],
        ["measure", "value"],
        ["bids", "4"],
        ["needs with bids", "3"],
        ["bids per need", "0.8"],
        ["median time to first match (hours)", "10.0"],
    ]


def test_funnel_page_links_the_csv_of_the_shown_figures(client, data):
    html = page(client, data.coordinator, hub=data.hub.pk, **PERIOD).content.decode()
    assert f'href="{CSV_URL}?hub={data.hub.pk}&amp;start=2026-01-01&amp;end=2026-03-31"' in html


def test_funnel_without_a_hub_covers_the_coordinators_hubs_only(client, data):
    assert stage_rows(page(client, data.coordinator, **PERIOD))["posted"] == 5


def test_funnel_of_another_hub_is_404_for_a_coordinator(client, data):
    assert page(client, data.coordinator, hub=data.other_hub.pk, **PERIOD).status_code == 404
    response = page(client, data.coordinator, CSV_URL, hub=data.other_hub.pk, **PERIOD)
    assert response.status_code == 404


def test_funnel_for_the_other_hubs_coordinator_shows_only_that_hub(client, data, other_coordinator):
    response = page(client, other_coordinator, **PERIOD)
    assert stage_rows(response)["posted"] == 1
    assert stage_rows(response)["mutual"] == 1
    assert page(client, other_coordinator, hub=data.hub.pk, **PERIOD).status_code == 404


def test_funnel_superuser_sees_all_hubs(client, data, superuser):
    response = page(client, superuser, **PERIOD)
    assert stage_rows(response)["posted"] == 6
    assert response.context["funnel"].bids == 5
    rows = list(
        csv.reader(io.StringIO(page(client, superuser, CSV_URL, **PERIOD).content.decode()))
    )
    assert rows[0] == ["hubs", "Norway Health Tech; Welfare Tech"]


@pytest.mark.parametrize("url", [URL, CSV_URL, reverse("funnel:audit")])
@pytest.mark.parametrize("who", ["owner", "company_owner", "outsider", None])
def test_reports_send_non_staff_to_the_admin_login(request, client, data, url, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(url, PERIOD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_funnel_for_staff_without_hubs_shows_no_figures(client, data, other_hub):
    from tests import factories as f

    staff = f.UserFactory(email="staff@healthmatch.example")
    staff.is_staff = True
    staff.save()
    response = page(client, staff, **PERIOD)
    assert response.status_code == 200
    assert "funnel" not in response.context
    assert "You coordinate no hub yet" in response.content.decode()


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"start": "yesterday", "end": "2026-03-31"}, "start", "Enter a valid date."),
        ({"start": "2026-03-31", "end": "2026-01-01"}, "end", "comes before its start"),
        ({"start": "2000-01-01", "end": "2026-01-01"}, "end", "at most ten years"),
        ({"hub": "welfare", **PERIOD}, "hub", "Select a valid choice."),
    ],
)
def test_funnel_bad_input_is_a_form_error_not_a_500(client, data, params, field, message):
    for url in (URL, CSV_URL):
        response = page(client, data.coordinator, url, **params)
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert "funnel" not in response.context
        assert response["Content-Type"].startswith("text/html")


def test_admin_index_links_the_reports(client, data):
    html = page(client, data.coordinator, reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in html
    assert f'href="{reverse("funnel:audit")}"' in html


def test_funnel_page_shows_the_median_time_in_days_and_the_csv_in_hours(client, data):
    from matching.models import Match

    Match.objects.filter(need__in=[data.n1, data.n2, data.n3]).delete()
    data.match(data.n4, 1, 437.9, [])  # the only needs matched now: both after 437.9 h
    data.match(data.n5, 1, 437.9, [])
    html = page(client, data.coordinator, hub=data.hub.pk, **PERIOD).content.decode()
    assert '<time datetime="PT437.9H">18 days</time>' in html
    assert "437.9" not in html.replace('datetime="PT437.9H"', "")
    csv_page = page(client, data.coordinator, CSV_URL, hub=data.hub.pk, **PERIOD)
    rows = list(csv.reader(io.StringIO(csv_page.content.decode())))
    assert rows[-1] == ["median time to first match (hours)", "437.9"]
