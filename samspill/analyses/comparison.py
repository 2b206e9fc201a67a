"""Computed labour-market regions against a loaded classification (e.g. SSB's economic regions).

Both sides are put on today's municipality numbers: a run's matrix may hold a municipality on
its former number (SSB kept 2020–2022 flows of Ålesund and Haram on 1507), so a current
municipality missing from the run takes the region of its predecessor. The adjusted Rand index
and the grouped differences come from the pure `samspill.analytics.partitions`.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from samspill.analyses.models import AnalysisRun, Classification
from samspill.analyses.selectors import classification_members, predecessor_numbers
from samspill.analytics.partitions import PartitionComparison, compare_partitions
from samspill.regions.models import Municipality


@dataclass
class DifferenceGroup:
    """Municipalities of one computed region that lie in another class than the region's match."""

    region: int
    region_name: str
    matched_class: str
    matched_class_name: str
    other_class: str
    other_class_name: str
    municipalities: list[tuple[str, str]]


@dataclass
class ClassificationComparison:
    run: AnalysisRun
    classification: Classification
    comparison: PartitionComparison
    groups: list[DifferenceGroup]
    not_in_run: list[tuple[str, str]] = field(default_factory=list)
    not_classified: list[tuple[str, str]] = field(default_factory=list)
    year: Any = None

    @property
    def adjusted_rand_index(self) -> float:
        return self.comparison.adjusted_rand_index


def run_assignment(run: AnalysisRun) -> dict[str, int]:
    """Today's municipality number → computed region number (0 = not assigned) of a run."""
    result = run.result or {}
    assignment: dict[str, int] = {
        str(number): int(region) for number, region in result.get("assignment", {}).items()
    }
    today = list(
        Municipality.objects.filter(valid_to__isnull=True).values_list("number", flat=True)
    )
    predecessors = predecessor_numbers()
    mapped: dict[str, int] = {}
    for number in today:
        if number in assignment:
            mapped[number] = assignment[number]
            continue
        found = [assignment[old] for old in predecessors.get(number, []) if old in assignment]
        if found:
            mapped[number] = found[0]
    return mapped


def _today(centres: dict[int, str], assignment: dict[str, int]) -> dict[Hashable, str]:
    """Each region's centre on today's number (a former number: the successor in the region)."""
    anchors: dict[Hashable, str] = {}
    successors: dict[str, list[str]] = {}
    for successor, predecessors in predecessor_numbers().items():
        for old in predecessors:
            successors.setdefault(old, []).append(successor)
    for region, centre in centres.items():
        if assignment.get(centre) == region:
            anchors[region] = centre
            continue
        found = [n for n in successors.get(centre, []) if assignment.get(n) == region]
        if found:
            anchors[region] = found[0]
    return anchors


def region_names(run: AnalysisRun) -> dict[int, str]:
    """Computed region number → its name (the centre's name)."""
    return {
        int(region["region"]): str(region["name"])
        for region in (run.result or {}).get("regions", [])
    }


def classification_comparison(
    *, run: AnalysisRun, classification: Classification
) -> ClassificationComparison:
    """Adjusted Rand index and differing municipalities of `run` against `classification`."""
    assignment = {n: r for n, r in run_assignment(run).items() if r != 0}
    members = classification_members(classification=classification)
    classes = {number: code for number, (code, _name) in members.items()}
    class_names = dict(members.values())
    centres = {
        int(region["region"]): str(region.get("centre", ""))
        for region in (run.result or {}).get("regions", [])
    }
    comparison = compare_partitions(assignment, classes, anchors=_today(centres, assignment))
    names = dict(Municipality.objects.filter(valid_to__isnull=True).values_list("number", "name"))
    regions = region_names(run)
    groups = [
        DifferenceGroup(
            region=int(region),  # type: ignore[call-overload]
            region_name=regions.get(int(region), ""),  # type: ignore[call-overload]
            matched_class=str(comparison.match[region]),
            matched_class_name=class_names.get(str(comparison.match[region]), ""),
            other_class=str(other),
            other_class_name=class_names.get(str(other), ""),
            municipalities=[(number, names.get(number, "")) for number in numbers],
        )
        for (region, other), numbers in comparison.differences.items()
    ]
    groups.sort(key=lambda group: (group.region_name, group.other_class))
    return ClassificationComparison(
        run=run,
        classification=classification,
        comparison=comparison,
        groups=groups,
        not_in_run=[(n, names.get(n, "")) for n in comparison.only_second],
        not_classified=[(n, names.get(n, "")) for n in comparison.only_first],
        year=(run.result or {}).get("year"),
    )
