"""Growth of time series: indexed growth, annual rates and growth against a reference area.

Input ``observations``: columns `area` (code), `year` (int), `value` (non-negative quantity
such as persons or jobs), one row per area and year. ``reference``: columns `year`, `value`
(one reference series, e.g. Norway), or `area`, `year`, `value` together with
``reference_of`` mapping each observed area to its reference area (e.g. each municipality to
its county). Formulas: docs/analytics.md, part "Growth".
"""

from collections.abc import Mapping

import numpy as np
import pandas as pd

from samspill.analytics._validation import require_columns
from samspill.analytics.columns import AREA, VALUE, YEAR

__all__ = ["annual_growth", "growth_against_reference", "indexed_growth", "period_growth"]

INDEX = "index"


def _checked(observations: pd.DataFrame, *, name: str = "observations") -> pd.DataFrame:
    require_columns(observations, [AREA, YEAR, VALUE], name=name)
    if observations.duplicated([AREA, YEAR]).any():
        raise ValueError(f"{name} has more than one row for an (area, year)")
    return observations


def indexed_growth(observations: pd.DataFrame, *, base_year: int) -> pd.DataFrame:
    """Index each area's series to 100 in `base_year`: ``index = 100·value/value(base_year)``.

    Columns in: `area, year, value`. Out: the input rows plus ``index``; NaN for an area
    without a positive base-year value.
    """
    _checked(observations)
    base = observations.loc[observations[YEAR] == base_year].set_index(AREA)[VALUE]
    base = base.where(base > 0)
    return observations.assign(**{INDEX: observations[VALUE] / observations[AREA].map(base) * 100})


def annual_growth(observations: pd.DataFrame) -> pd.DataFrame:
    """Growth from each observation to the next one of the same area.

    Columns in: `area, year, value`. Out: the input rows sorted by area and year plus
    ``previous_year, change`` (value − previous value), ``growth_rate`` (change / previous
    value, over the whole gap) and ``annual_rate`` (compound rate per year over the gap:
    ``(value/previous)^(1/gap) − 1``). The first year of each area has NaN; a zero previous
    value gives NaN rates.
    """
    ordered = _checked(observations).sort_values([AREA, YEAR]).reset_index(drop=True)
    grouped = ordered.groupby(AREA, sort=False)
    previous_value = grouped[VALUE].shift(1).astype("float64")
    previous_year = grouped[YEAR].shift(1).astype("float64")
    base = previous_value.where(previous_value > 0)
    ratio = ordered[VALUE] / base
    return ordered.assign(
        previous_year=previous_year,
        change=ordered[VALUE] - previous_value,
        growth_rate=ratio - 1,
        annual_rate=ratio ** (1 / (ordered[YEAR] - previous_year)) - 1,
    )


def period_growth(observations: pd.DataFrame, *, start_year: int, end_year: int) -> pd.DataFrame:
    """Growth of each area from `start_year` to `end_year`.

    Columns in: `area, year, value`. Out, one row per area with a value in both years:
    ``start_value, end_value, change, growth_rate`` (change/start), ``simple_annual_rate``
    (growth_rate / years, REAT `shift.growth` with ``time.periods``) and
    ``compound_annual_rate`` (CAGR ``(end/start)^(1/years) − 1``). Rates NaN when start is 0.
    """
    if end_year <= start_year:
        raise ValueError(f"end_year ({end_year}) must be after start_year ({start_year})")
    _checked(observations)
    present = set(observations[YEAR].tolist())
    if start_year not in present or end_year not in present:
        raise ValueError(f"observations must contain both {start_year} and {end_year}")
    by_area = observations.set_index([YEAR, AREA])[VALUE]
    start = by_area.xs(start_year, level=YEAR)
    end = by_area.xs(end_year, level=YEAR)
    joined = pd.concat({"start_value": start, "end_value": end}, axis=1, join="inner")
    years = end_year - start_year
    ratio = joined["end_value"] / joined["start_value"].where(joined["start_value"] > 0)
    return (
        joined.assign(
            change=joined["end_value"] - joined["start_value"],
            growth_rate=ratio - 1,
            simple_annual_rate=(ratio - 1) / years,
            compound_annual_rate=ratio ** (1 / years) - 1,
        )
        .rename_axis(AREA)
        .reset_index()
        .assign(start_year=start_year, end_year=end_year)
    )


def growth_against_reference(
    observations: pd.DataFrame,
    *,
    reference: pd.DataFrame,
    base_year: int,
    reference_of: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Indexed growth of each area next to its reference area's (Norway, its county ...).

    Columns in: observations `area, year, value`; reference `year, value` (one series for all
    areas) or `area, year, value` with ``reference_of`` = {observed area: reference area}.
    Out: the observation rows plus ``index`` (base year = 100), ``reference_area`` (if
    mapped), ``reference_index``, ``index_difference`` (index − reference_index, index points)
    and ``relative_index`` (100·index/reference_index: above 100 = grew faster than the
    reference since the base year).
    """
    indexed = indexed_growth(observations, base_year=base_year)
    if reference_of is None:
        require_columns(reference, [YEAR, VALUE], name="reference")
        if reference.duplicated([YEAR]).any():
            raise ValueError("reference has more than one row per year; pass reference_of")
        series = reference.assign(**{AREA: "reference"})
        keys = pd.Series("reference", index=indexed.index)
    else:
        series = reference
        keys = indexed[AREA].map(reference_of)
        if keys.isna().any():
            missing = sorted(indexed.loc[keys.isna(), AREA].unique().tolist())
            raise ValueError(f"reference_of has no reference area for {missing}")
        indexed = indexed.assign(reference_area=keys)
    reference_index = indexed_growth(_checked(series, name="reference"), base_year=base_year)
    lookup = reference_index.set_index([AREA, YEAR])[INDEX]
    matched = lookup.reindex(pd.MultiIndex.from_arrays([keys, indexed[YEAR]])).to_numpy()
    return indexed.assign(
        reference_index=matched,
        index_difference=indexed[INDEX] - matched,
        relative_index=indexed[INDEX] / np.where(matched > 0, matched, np.nan) * 100,
    )
