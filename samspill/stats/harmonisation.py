"""Bring municipality numbers of any vintage to today's structure (pure, no Django).

Rules (ADR "Harmonising municipality numbers" in docs/decisions.md):

* today's number: kept;
* renumbered, or merged into today's municipality: moved to today's number; cells that land on
  the same target are summed and marked ``merged`` with the numbers they came from;
* split between several of today's municipalities: NOT apportioned. The cell stays on the old
  number, marked ``split`` with the successors named, so the UI can show it and leave it out of
  today's municipalities rather than invent shares.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ORIGINAL = "original"
RENUMBERED = "renumbered"
MERGED = "merged"
SPLIT = "split"
RANK = {ORIGINAL: 0, RENUMBERED: 1, MERGED: 2, SPLIT: 3}
KIND_BY_RANK = {rank: kind for kind, rank in RANK.items()}


@dataclass(frozen=True)
class NumberMapping:
    """Where one number of the file goes: `target` (today's number, or itself for a split)."""

    original: str
    target: str
    kind: str
    successors: tuple[str, ...] = ()


def number_mappings(
    numbers: Iterable[str],
    *,
    current: set[str],
    successors: Mapping[str, list[tuple[str, str]]],
) -> dict[str, NumberMapping]:
    """Map each number to today's structure through the reform history.

    ``successors``: old number → [(successor number, kind)] from `MunicipalityChange`; a chain
    (old → intermediate → today) is followed. Numbers neither current nor with successors are
    mapped to themselves (`original`): the caller decides whether they are known at all.
    """
    result: dict[str, NumberMapping] = {}
    for number in set(numbers):
        if number in current:
            result[number] = NumberMapping(number, number, ORIGINAL)
            continue
        targets = _resolve(number, current=current, successors=successors, depth=0)
        if not targets:
            result[number] = NumberMapping(number, number, ORIGINAL)
        elif len(targets) == 1:
            ((target, kind),) = targets.items()
            result[number] = NumberMapping(number, target, kind)
        else:
            result[number] = NumberMapping(number, number, SPLIT, tuple(sorted(targets)))
    return result


def _resolve(
    number: str,
    *,
    current: set[str],
    successors: Mapping[str, list[tuple[str, str]]],
    depth: int,
) -> dict[str, str]:
    if number in current or depth > 6:
        return {number: ORIGINAL}
    targets: dict[str, str] = {}
    for successor, kind in successors.get(number, []):
        for target, inner in _resolve(
            successor, current=current, successors=successors, depth=depth + 1
        ).items():
            targets[target] = max(kind, inner, targets.get(target, ORIGINAL), key=RANK.__getitem__)
    if len(targets) > 1:
        return dict.fromkeys(targets, SPLIT)
    return targets


def combined_kind(kinds: Iterable[str]) -> str:
    """The strongest harmonisation among the parts of a cell (split > merged > renumbered)."""
    return max(kinds, key=RANK.__getitem__, default=ORIGINAL)


@dataclass
class HarmonisedCell:
    """A cell after harmonisation: summed value, status and where it came from."""

    value: float | None
    status: str
    kind: str
    originals: list[str]
    line: int
    note: str = ""

    def add(self, value: float | None, status: str, kind: str, original: str, note: str) -> None:
        if self.value is None or value is None:
            self.value = None
            self.status = self.status or status or ".."
        else:
            self.value += value
            if status and not self.status:
                self.status = status
        if original not in self.originals:
            self.originals.append(original)
        self.kind = combined_kind(
            [self.kind, kind, MERGED if len(self.originals) > 1 else ORIGINAL]
        )
        self.note = self.note or note


def describe(mapping: NumberMapping, names: Mapping[str, str]) -> str:
    """One line for the series' harmonisation notes: "1601 Trondheim → 5001 Trondheim (merged)"."""
    label = f"{mapping.original} {names.get(mapping.original, '')}".strip()
    if mapping.kind == SPLIT:
        parts = ", ".join(f"{s} {names.get(s, '')}".strip() for s in mapping.successors)
        return f"{label}: delt mellom {parts}; ikke fordelt, vises på det gamle nummeret"
    target = f"{mapping.target} {names.get(mapping.target, '')}".strip()
    verb = "slått sammen i" if mapping.kind == MERGED else "nytt nummer"
    return f"{label} → {target} ({verb})"


def later_numbers(
    numbers: Iterable[str], *, successors: Mapping[str, list[tuple[str, str]]]
) -> dict[str, frozenset[str]]:
    """Each number → every number it became later through the reform history (transitively).

    Two numbers where one is a later number of the other are the same municipality: a file
    giving values for both in one period would count it twice (ADR "Strict importers").
    """
    result: dict[str, frozenset[str]] = {}
    for number in set(numbers):
        found: set[str] = set()
        pending = [number]
        while pending and len(found) < 64:
            for successor, _kind in successors.get(pending.pop(), []):
                if successor not in found and successor != number:
                    found.add(successor)
                    pending.append(successor)
        if found:
            result[number] = frozenset(found)
    return result


def in_use(number: str, year: int, periods: Mapping[str, tuple[int, int | None]]) -> bool:
    """Was the number in use in the year (`periods`: number → (first year, last year or None))?"""
    start, end = periods.get(number, (0, None))
    return start <= year and (end is None or year <= end)


def same_municipality(
    first: str,
    second: str,
    year: int,
    *,
    later: Mapping[str, frozenset[str]],
    periods: Mapping[str, tuple[int, int | None]],
) -> bool:
    """True if, in `year`, the two numbers are one municipality under its old and new number.

    One must be a later number of the other, and one of them must be out of use that year. Two
    numbers both in use are two municipalities (Rennesøy 1142 and Stavanger 1103 in 2017, merged
    into 1103 in 2020): their values are summed as a merge.
    """
    related = second in later.get(first, frozenset()) or first in later.get(second, frozenset())
    return related and not (in_use(first, year, periods) and in_use(second, year, periods))
