"""What a meeting is worth to the scheduler: must-meets first, then the match score."""

from __future__ import annotations

SCORE_POINTS = 100  # an ordinary meeting is worth 1 to 100 points, by its match score
MUST_MEET_BONUS = 10 * SCORE_POINTS


def meeting_value(score: float, must_meet: bool = False) -> int:
    """``score`` is the match score in [0, 1] (clamped). A must-meet is worth more than any ten
    ordinary meetings together: the schedule gives way to it, but one must-meet cannot empty a
    dozen people's afternoons."""
    points = 1 + round((SCORE_POINTS - 1) * min(max(score, 0.0), 1.0))
    return points + (MUST_MEET_BONUS if must_meet else 0)
