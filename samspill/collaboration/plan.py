"""Plan consistency and council adoption: pure functions over plain values (no ORM, no gettext).

`order_breaks` finds the dated items that break the plan's order (milestone 02 dated 15.12.18
between 15.11.17 and 01.02.18): the fewest items whose removal leaves the dates in order by
number (the complement of a longest non-decreasing subsequence; of equally long ones, the one
ending earliest). Nothing is changed: the caller shows a warning.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Dated:
    key: str
    date: datetime.date


@dataclass(frozen=True)
class OrderBreak:
    item: Dated
    before: Dated | None  # the nearest in-order neighbour before it
    after: Dated | None  # and after it


def order_breaks(items: Sequence[Dated]) -> list[OrderBreak]:
    """The items (in plan order) whose date is out of order with the rest."""
    n = len(items)
    if n < 2:
        return []
    length = [1] * n
    previous = [-1] * n
    for i in range(n):
        for j in range(i):
            if items[j].date > items[i].date:
                continue
            longer = length[j] + 1 > length[i]
            earlier = length[j] + 1 == length[i] and items[j].date < items[previous[i]].date
            if longer or earlier:
                length[i] = length[j] + 1
                previous[i] = j
    # Among the longest orders, keep the one ending earliest: a typo usually makes a date too
    # late (a wrong year), so the late item is the one flagged.
    end = max(range(n), key=lambda i: (length[i], -items[i].date.toordinal(), -i))
    keep: set[int] = set()
    while end != -1:
        keep.add(end)
        end = previous[end]
    breaks = []
    for i in range(n):
        if i in keep:
            continue
        before = next((items[j] for j in range(i - 1, -1, -1) if j in keep), None)
        after = next((items[j] for j in range(i + 1, n) if j in keep), None)
        breaks.append(OrderBreak(items[i], before, after))
    return breaks


@dataclass(frozen=True)
class Treatment:
    party: str
    outcome: str
    meeting_date: datetime.date


@dataclass(frozen=True)
class PartyStatus:
    party: str
    adopted: bool
    outcome: str | None  # the latest treatment's outcome, None when not treated yet
    meeting_date: datetime.date | None


@dataclass(frozen=True)
class AdoptionStatus:
    parties: tuple[PartyStatus, ...]

    @property
    def adopted_count(self) -> int:
        return sum(1 for party in self.parties if party.adopted)

    @property
    def total(self) -> int:
        return len(self.parties)

    @property
    def all_adopted(self) -> bool:
        return self.total > 0 and self.adopted_count == self.total

    @property
    def waiting(self) -> tuple[PartyStatus, ...]:
        return tuple(party for party in self.parties if not party.adopted)


def adoption_status(
    parties: Sequence[str], treatments: Sequence[Treatment], *, adopted_outcomes: frozenset[str]
) -> AdoptionStatus:
    """Each party's latest treatment decides (a postponement followed by adoption is adopted)."""
    latest: dict[str, Treatment] = {}
    for treatment in sorted(treatments, key=lambda t: t.meeting_date):
        latest[treatment.party] = treatment
    rows = []
    for party in parties:
        last = latest.get(party)
        rows.append(
            PartyStatus(
                party=party,
                adopted=last is not None and last.outcome in adopted_outcomes,
                outcome=last.outcome if last else None,
                meeting_date=last.meeting_date if last else None,
            )
        )
    return AdoptionStatus(tuple(rows))


def decision_point_passed(
    *, decided: bool, needs_all: bool, status: AdoptionStatus, overridden: bool
) -> bool:
    """Passed: the decision is recorded and, when every council must adopt, all have (or the
    project manager overrode it with a recorded reason)."""
    if not decided:
        return False
    if not needs_all:
        return True
    return status.all_adopted or overridden
