"""What the needs list shows, read from its HTML: its body comes from the cache on a warm
page (needs/listing.py), so its template context is there only on a cold one."""

import html as html_lib
import re

TEASER = re.compile(r'<h3 id="need-(\d+)-title"><a [^>]*><bdi[^>]*>(.*?)</bdi>', re.S)
COUNT = re.compile(r'class="result-count"[^>]*>(\d+) needs? found<')


def listed(response) -> list[tuple[int, str]]:
    """(id, title) of each teaser, in order."""
    assert response.status_code == 200
    return [
        (int(pk), html_lib.unescape(title))
        for pk, title in TEASER.findall(response.content.decode())
    ]


def listed_ids(response) -> list[int]:
    return [pk for pk, _title in listed(response)]


def listed_titles(response) -> set[str]:
    return {title for _pk, title in listed(response)}


def result_count(response) -> int:
    found = COUNT.search(response.content.decode())
    assert found, "no result count on the page"
    return int(found.group(1))
