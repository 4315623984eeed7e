"""Charts drawn on the server as SVG markup: no JavaScript, no CDN, nothing inline that the
Content-Security-Policy blocks (colours are SVG presentation attributes, not style).

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` that screen readers
announce, and every bar carries its figure as visible text, so the chart is readable without
colour; the page shows the same figures as a table too.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_FILL = "#2f6f8f"
TRACK_FILL = "#e6eef2"
TEXT_FILL = "currentColor"  # the page's text colour, light or dark theme
FONT = "system-ui, sans-serif"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    rows: list[tuple[str, float, str]],
    width: int = 640,
    label_width: int = 170,
    bar_height: int = 26,
    gap: int = 8,
) -> SafeString:
    """A horizontal bar chart: one row per ``(label, value, value_text)``, bars scaled to the
    largest value. ``value_text`` is what is written next to the bar (e.g. "12 (60%)")."""
    top = 8
    height = top * 2 + len(rows) * (bar_height + gap)
    track = width - label_width - 90
    peak = max((value for _label, value, _text in rows), default=0) or 1
    bars = []
    for i, (label, value, text) in enumerate(rows):
        y = top + i * (bar_height + gap)
        length = round(track * value / peak, 1) if value > 0 else 0
        mid = y + bar_height / 2
        bars.append(
            format_html(
                '<g class="bar">'
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" dominant-baseline="middle">{}</text>'
                "</g>",
                label_width - 8,
                mid,
                label,
                label_width,
                y,
                track,
                bar_height,
                TRACK_FILL,
                label_width,
                y,
                length,
                bar_height,
                BAR_FILL,
                label_width + length + 6,
                mid,
                text,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'font-family="{font}" font-size="13" fill="{text_fill}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{bars}</svg>',
        id=chart_id,
        w=width,
        h=height,
        font=FONT,
        text_fill=TEXT_FILL,
        title=title,
        desc=desc,
        bars=format_html_join("", "{}", ((bar,) for bar in bars)),
    )
