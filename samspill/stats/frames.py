"""The only ORM → DataFrame boundary: frames with `samspill.analytics.columns` names."""

from collections.abc import Collection, Mapping

import pandas as pd
from django.core.cache import cache

from samspill.analytics.columns import AREA, EMPLOYED, RESIDENCE, VALUE, WORKPLACE, YEAR
from samspill.stats import selectors

OBSERVATION_COLUMNS = [
    AREA,
    YEAR,
    "period",
    "dimension_key",
    VALUE,
    "status",
    "harmonisation",
    "note",
]
FLOW_COLUMNS = [YEAR, RESIDENCE, WORKPLACE, EMPLOYED, "harmonisation"]


def observations_frame(
    *, code: str, municipality_ids: Collection[int], dimension_keys: Collection[str] = ("",)
) -> pd.DataFrame:
    """Columns: area (municipality number), year, period, dimension_key, value, status,
    harmonisation, note. Missing values (SSB status symbols) are NaN with their status."""
    rows = selectors.observation_rows(
        code=code, municipality_ids=municipality_ids, dimension_keys=dimension_keys
    ).values_list(
        "municipality__number", "year", "period", "dimension_key", "value", "status",
        "harmonisation", "harmonisation_note",
    )  # fmt: skip
    frame = pd.DataFrame.from_records(list(rows), columns=OBSERVATION_COLUMNS)
    return frame.astype({YEAR: "int64", VALUE: "float64"})


def national_frame(
    *, code: str, version: str = "", area: str = "0", dimension_key: str = ""
) -> pd.DataFrame:
    """Columns: area (= `area`, "0" for Norway), year, value: the sum over today's municipalities.

    Cached per process under `version` (pass the series' import time): a new import changes the
    key, so no process serves stale sums."""
    key = f"stats:national:{code}:{dimension_key}:{version}"
    cached = cache.get(key) if version else None
    if cached is None:
        cached = _national_rows(code=code, dimension_key=dimension_key)
        if version:
            cache.set(key, cached, timeout=3600)
    return pd.DataFrame.from_records(
        [(area, year, total) for year, total in cached], columns=[AREA, YEAR, VALUE]
    ).astype({YEAR: "int64", VALUE: "float64"})


def _national_rows(*, code: str, dimension_key: str) -> list[tuple[int, float]]:
    return [
        (year, total)
        for period, year, total in selectors.national_totals(code=code, dimension_key=dimension_key)
        if period.isdigit()
    ]


def flows_frame(
    *,
    municipality_ids: Collection[int],
    numbers: Mapping[int, str],
    years: Collection[int] | None = None,
) -> pd.DataFrame:
    """Columns: year, residence, workplace (municipality numbers), employed, harmonisation.

    Every flow that starts or ends in one of the municipalities (so in, out and internal flows
    are all there); one row per non-zero cell. `numbers` maps municipality id → number (one
    small query instead of two joins on a large table)."""
    rows = selectors.flows_touching(municipality_ids=municipality_ids, years=years)
    frame = pd.DataFrame.from_records(list(rows), columns=FLOW_COLUMNS)
    return frame.assign(
        **{RESIDENCE: frame[RESIDENCE].map(numbers), WORKPLACE: frame[WORKPLACE].map(numbers)}
    ).astype({YEAR: "int64", EMPLOYED: "float64"})
