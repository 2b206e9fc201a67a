"""Ranks for benchmarking tables (pure)."""

import math
from collections.abc import Sequence

__all__ = ["competition_ranks"]


def competition_ranks(
    values: Sequence[float | None], *, descending: bool = True
) -> list[int | None]:
    """Standard competition ranks ("1224"): equal values share the best rank, the next rank skips.

    Rank 1 is the highest value (or the lowest when `descending` is False). Missing values
    (None, NaN) get no rank and do not count.
    """
    present = [v for v in values if v is not None and not math.isnan(v)]
    ranks: list[int | None] = []
    for value in values:
        if value is None or math.isnan(value):
            ranks.append(None)
            continue
        better = sum(1 for other in present if (other > value if descending else other < value))
        ranks.append(better + 1)
    return ranks
