"""Cost allocation between municipalities: exact to the krone, largest-remainder rounding (PURE).

A key is a mix of parts, each with a weight in whole percent: an equal split, or a split in
proportion to a figure per municipality (population at a date, jobs, a budget). The weights must
add up to exactly 100. Each municipality's exact share (a fraction) is
    total × Σ_part weight/100 × figure_i / Σ figure,
then every share is rounded down to whole kroner and the kroner left over go, one each, to the
largest remainders (ties: the order the parties were given). The shares therefore add up to the
total exactly and none is negative.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


class AllocationError(ValueError):
    """Input that cannot be allocated; `code` names the problem for the caller's own message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class KeyPart:
    """One part of a key: `weight` percent, split equally (figures None) or by the figures."""

    weight: int
    figures: Mapping[str, float] | None = None


def _exact_shares(total: int, parties: Sequence[str], parts: Sequence[KeyPart]) -> list[Fraction]:
    shares = [Fraction(0)] * len(parties)
    for part in parts:
        if part.weight == 0:
            continue
        if part.figures is None:
            portions = [Fraction(1, len(parties))] * len(parties)
        else:
            values = [Fraction(part.figures[party]) for party in parties]
            whole = sum(values, Fraction(0))
            if whole == 0:
                raise AllocationError("figures_zero")
            portions = [value / whole for value in values]
        weight = Fraction(part.weight, 100)
        shares = [
            share + total * weight * portion
            for share, portion in zip(shares, portions, strict=True)
        ]
    return shares


def key_validate(parties: Sequence[str], parts: Sequence[KeyPart]) -> None:
    """Raise AllocationError unless the parties and the key's parts can be allocated."""
    if not parties:
        raise AllocationError("no_parties")
    if len(set(parties)) != len(parties):
        raise AllocationError("duplicate_parties")
    if not parts:
        raise AllocationError("no_parts")
    for part in parts:
        if isinstance(part.weight, bool) or not isinstance(part.weight, int):
            raise AllocationError("weight_not_whole")
        if part.weight < 0 or part.weight > 100:
            raise AllocationError("weight_range")
        if part.figures is not None:
            missing = [party for party in parties if party not in part.figures]
            if missing:
                raise AllocationError("figures_missing", ", ".join(missing))
            for party in parties:
                value = part.figures[party]
                if not math.isfinite(value) or value < 0:
                    raise AllocationError("figure_negative", party)
            if part.weight and sum(part.figures[party] for party in parties) <= 0:
                raise AllocationError("figures_zero")
    if sum(part.weight for part in parts) != 100:
        raise AllocationError("weights_sum")


def allocate(total: int, parties: Sequence[str], parts: Sequence[KeyPart]) -> dict[str, int]:
    """Each party's share of `total` kroner by the key; the shares add up to `total` exactly."""
    if isinstance(total, bool) or total < 0:
        raise AllocationError("total_invalid")
    key_validate(parties, parts)
    exact = _exact_shares(total, parties, parts)
    floors = [math.floor(share) for share in exact]
    left = total - sum(floors)
    order = sorted(range(len(parties)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return dict(zip(parties, floors, strict=True))


def exact_shares(
    total: int, parties: Sequence[str], parts: Sequence[KeyPart]
) -> dict[str, Fraction]:
    """The unrounded shares (for showing how rounding moved each one)."""
    key_validate(parties, parts)
    return dict(zip(parties, _exact_shares(total, parties, parts), strict=True))
