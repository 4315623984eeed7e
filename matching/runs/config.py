"""The matching settings coordinators edit per hub (MatchingConfig), as the engine's Weights."""

from __future__ import annotations

from dataclasses import fields

from matching.engine.types import NeedDoc, Weights
from matching.runs.models import MatchingConfig

DEFAULT_TOP_K = MatchingConfig._meta.get_field("top_k").default
DEFAULT_NOTIFY_THRESHOLD = MatchingConfig._meta.get_field("notify_threshold").default
WEIGHT_FIELDS = tuple(f.name for f in fields(Weights))


def weights_of(config: MatchingConfig | None) -> Weights:
    """The engine's Weights for one settings row (engine defaults for what the row lacks)."""
    if config is None:
        return Weights()
    values = {name: getattr(config, name) for name in WEIGHT_FIELDS if hasattr(config, name)}
    return Weights(**values)


class Configs:
    """Every hub's settings, read in one query at the start of a run."""

    def __init__(self, rows=None):
        rows = list(MatchingConfig.objects.all() if rows is None else rows)
        self.by_hub = {row.hub_id: row for row in rows if row.hub_id is not None}
        self.default = next((row for row in rows if row.hub_id is None), None)
        self._weights = {hub_id: weights_of(row) for hub_id, row in self.by_hub.items()}
        self._default_weights = weights_of(self.default)

    def row(self, hub_id: int | None) -> MatchingConfig | None:
        return self.by_hub.get(hub_id, self.default)

    def weights(self, hub_id: int | None) -> Weights:
        return self._weights.get(hub_id, self._default_weights)

    def weights_for(self, need: NeedDoc) -> Weights:
        return self.weights(need.hub_id)

    def top_k(self, hub_id: int | None) -> int:
        row = self.row(hub_id)
        return row.top_k if row is not None else DEFAULT_TOP_K

    def notify_threshold(self, hub_id: int | None) -> float:
        row = self.row(hub_id)
        return row.notify_threshold if row is not None else DEFAULT_NOTIFY_THRESHOLD

    @property
    def max_top_k(self) -> int:
        values = [row.top_k for row in self.by_hub.values()]
        values.append(self.default.top_k if self.default is not None else DEFAULT_TOP_K)
        return max(values)


def config_for_hub(hub_id: int | None) -> MatchingConfig | None:
    """The row that applies to a hub: its own, else the default, else None (engine defaults)."""
    return Configs().row(hub_id)
