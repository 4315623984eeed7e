"""The one way a match score is shown to people: "49 % match" (pages, emails, the admin).
The API keeps the number (``score``, 0..1) and its ``score_percent``."""

from django.utils.translation import gettext as _


def score_percent(score) -> int:
    """A score (0..1) as a whole percentage, clamped: 0.486 -> 49."""
    return round(max(0.0, min(1.0, float(score or 0))) * 100)


def match_score(score) -> str:
    """A score as people read it: "49 % match" (in the active language)."""
    return _("%(percent)s %% match") % {"percent": score_percent(score)}
