"""The verbs of matching. Pages, admin, tasks and commands call these; see each module."""

from matching.services.config import Configs, config_for_hub, weights_of
from matching.services.dismiss import can_dismiss, dismiss, match_visible_to
from matching.services.rescore import (
    finish_full_run,
    rescore,
    rescore_capability,
    rescore_need,
    run_chunk,
)
from matching.services.runs import claim_run
from matching.services.store import persist, prune

__all__ = [
    "Configs",
    "can_dismiss",
    "claim_run",
    "config_for_hub",
    "dismiss",
    "finish_full_run",
    "match_visible_to",
    "persist",
    "prune",
    "rescore",
    "rescore_capability",
    "rescore_need",
    "run_chunk",
    "weights_of",
]
