"""What changed between two status snapshots of a strategy: pure, no Django models, no I/O.

A snapshot is plain JSON (stored in StrategyReport.snapshot):

    {"as_of": "2025-06-30",
     "measures": {"<id>": {"title": str, "municipality": str, "status": str, "status_label": str}},
     "indicators": {"<id>": {"name": str, "unit": str, "value": float | None, "date": str | None,
                             "status": str, "status_label": str}}}
"""

from dataclasses import dataclass, field
from typing import Any

Snapshot = dict[str, Any]


@dataclass(frozen=True)
class StatusChange:
    """A measure whose status moved."""

    key: str
    title: str
    municipality: str
    before: str
    after: str


@dataclass(frozen=True)
class IndicatorMovement:
    """An indicator whose latest value or status moved."""

    key: str
    name: str
    unit: str
    value_before: float | None
    value_after: float | None
    status_before: str
    status_after: str

    @property
    def change(self) -> float | None:
        if self.value_before is None or self.value_after is None:
            return None
        return self.value_after - self.value_before


@dataclass(frozen=True)
class SnapshotChanges:
    """The differences a report for politicians lists under "what changed since the last report"."""

    new_measures: list[dict[str, Any]] = field(default_factory=list)
    removed_measures: list[dict[str, Any]] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    indicator_movements: list[IndicatorMovement] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.new_measures
            or self.removed_measures
            or self.status_changes
            or self.indicator_movements
        )


def _known_before(
    before: dict[str, Any], after: dict[str, Any], previous_as_of: str | None
) -> bool:
    """The previous report had no value only because the data came in after it was saved.

    Statistics are published months after the date they describe: a value dated before the
    previous report (a year's figure), imported later, is not a change since that report, and its
    status moving from "no data" is not one either. A value dated after the report is.
    """
    return (
        bool(before)
        and before.get("value") is None
        and after.get("value") is not None
        and previous_as_of is not None
        and after.get("date") is not None
        and str(after["date"]) <= str(previous_as_of)
    )


def snapshot_changes(previous: Snapshot | None, current: Snapshot) -> SnapshotChanges:
    """Compare two snapshots; with no previous snapshot every measure is new."""
    before_measures: dict[str, dict[str, Any]] = (previous or {}).get("measures", {})
    after_measures: dict[str, dict[str, Any]] = current.get("measures", {})
    new = [
        after_measures[key] | {"key": key} for key in after_measures if key not in before_measures
    ]
    removed = [
        before_measures[key] | {"key": key} for key in before_measures if key not in after_measures
    ]
    status_changes = [
        StatusChange(
            key=key,
            title=after["title"],
            municipality=after.get("municipality", ""),
            before=before_measures[key].get("status_label", before_measures[key]["status"]),
            after=after.get("status_label", after["status"]),
        )
        for key, after in after_measures.items()
        if key in before_measures and before_measures[key]["status"] != after["status"]
    ]
    before_indicators: dict[str, dict[str, Any]] = (previous or {}).get("indicators", {})
    previous_as_of = (previous or {}).get("as_of")
    movements = []
    for key, after in current.get("indicators", {}).items():
        before = before_indicators.get(key, {})
        if before.get("value") == after.get("value") and before.get("status") == after.get(
            "status"
        ):
            continue
        if _known_before(before, after, previous_as_of):
            continue
        movements.append(
            IndicatorMovement(
                key=key,
                name=after["name"],
                unit=after.get("unit", ""),
                value_before=before.get("value"),
                value_after=after.get("value"),
                status_before=before.get("status_label", before.get("status", "")),
                status_after=after.get("status_label", after.get("status", "")),
            )
        )
    return SnapshotChanges(
        new_measures=sorted(new, key=lambda m: (m.get("municipality", ""), m["title"])),
        removed_measures=sorted(removed, key=lambda m: (m.get("municipality", ""), m["title"])),
        status_changes=sorted(status_changes, key=lambda c: (c.municipality, c.title)),
        indicator_movements=movements,
    )
