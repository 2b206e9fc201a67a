"""Comparing two partitions of the same units (e.g. computed labour-market regions and SSB's
economic regions): the adjusted Rand index and the units that are placed differently.

Input: two mappings unit → class label. Only units present in both are compared; the caller
reports the others. Pure Python (no pandas needed for a few hundred units). Formulas:
docs/analytics.md, part "Comparing two classifications".
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

__all__ = [
    "PartitionComparison",
    "adjusted_rand_index",
    "compare_partitions",
    "pairs",
]


def pairs(count: int) -> int:
    """Number of unordered pairs among `count` items: C(count, 2)."""
    return count * (count - 1) // 2


def _common(
    first: Mapping[str, Hashable], second: Mapping[str, Hashable]
) -> tuple[list[str], Counter[tuple[Hashable, Hashable]]]:
    units = sorted(set(first) & set(second))
    cells: Counter[tuple[Hashable, Hashable]] = Counter((first[u], second[u]) for u in units)
    return units, cells


def adjusted_rand_index(first: Mapping[str, Hashable], second: Mapping[str, Hashable]) -> float:
    """Hubert & Arabie's (1985) adjusted Rand index of two partitions of the shared units.

    With the contingency table n_ij (units in class i of `first` and class j of `second`), row
    sums a_i, column sums b_j and n units:
    ARI = (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), E = Σ C(a_i,2)·Σ C(b_j,2) / C(n,2).
    1 = identical partitions, about 0 = no more agreement than chance (it can be negative).
    When both partitions are trivial in the same way (one class each, or every unit alone) the
    denominator is 0 and the partitions are identical: 1.0 (as scikit-learn defines it).
    Raises ValueError with fewer than two shared units.
    """
    units, cells = _common(first, second)
    count = len(units)
    if count < 2:
        raise ValueError("adjusted_rand_index needs at least two units present in both partitions")
    rows: Counter[Hashable] = Counter()
    columns: Counter[Hashable] = Counter()
    for (row, column), size in cells.items():
        rows[row] += size
        columns[column] += size
    index = sum(pairs(size) for size in cells.values())
    row_pairs = sum(pairs(size) for size in rows.values())
    column_pairs = sum(pairs(size) for size in columns.values())
    expected = row_pairs * column_pairs / pairs(count)
    maximum = (row_pairs + column_pairs) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class PartitionComparison:
    """How the classes of `first` map onto those of `second`, and which units differ.

    `match[class of first]` is the class of `second` of the class's anchor unit when one is given
    (a labour-market region's centre: "the region around Bergen is the economic region holding
    Bergen"), otherwise the class that shares most units with it (ties: the smallest label). A unit *differs* when its class in `second` is not the match of its
    class in `first`; `differences[(class of first, class of second)]` lists those units.
    """

    adjusted_rand_index: float
    units: int
    classes_first: int
    classes_second: int
    match: dict[Hashable, Hashable]
    differences: dict[tuple[Hashable, Hashable], list[str]]
    only_first: list[str]
    only_second: list[str]

    @property
    def differing_units(self) -> int:
        return sum(len(units) for units in self.differences.values())


def compare_partitions(
    first: Mapping[str, Hashable],
    second: Mapping[str, Hashable],
    *,
    anchors: Mapping[Hashable, str] | None = None,
) -> PartitionComparison:
    """Adjusted Rand index, matching classes and the differing units grouped by class pair.

    `anchors` (optional): class of `first` → the unit whose class in `second` is its match.
    """
    units, cells = _common(first, second)
    by_first: dict[Hashable, Counter[Hashable]] = defaultdict(Counter)
    for (row, column), size in cells.items():
        by_first[row][column] = size
    match = {
        row: max(columns.items(), key=lambda item: (item[1], _negated(str(item[0]))))[0]
        for row, columns in by_first.items()
    }
    for row, unit in (anchors or {}).items():
        if row in match and unit in first and unit in second and first[unit] == row:
            match[row] = second[unit]
    differences: dict[tuple[Hashable, Hashable], list[str]] = defaultdict(list)
    for unit in units:
        row, column = first[unit], second[unit]
        if match[row] != column:
            differences[(row, column)].append(unit)
    return PartitionComparison(
        adjusted_rand_index=adjusted_rand_index(first, second),
        units=len(units),
        classes_first=len({first[u] for u in units}),
        classes_second=len({second[u] for u in units}),
        match=match,
        differences=dict(differences),
        only_first=sorted(set(first) - set(second)),
        only_second=sorted(set(second) - set(first)),
    )


def _negated(text: str) -> tuple[int, ...]:
    """A key that sorts texts in reverse, so `max` picks the smallest label on a tie."""
    return (*(-ord(character) for character in text), 0)
