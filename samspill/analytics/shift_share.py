"""Shift-share decompositions of regional employment change (REAT 3.0.3 semantics, safer edge cases).

Input frames (long, one row per cell, duplicates rejected):

* ``panel``: columns `region`, `industry`, `year` (int), `employment` (persons or jobs, >= 0).
* ``reference``: columns `industry`, `year`, `employment` for the reference area (Norway, a
  county, any region). ``None`` means the sum of all regions in ``panel``.

Every region of the panel is decomposed at once with NumPy arrays (region x industry). Industries
are aligned on the union of the codes in both frames and both years; a missing cell is 0.

Notation (Farhauer & Kröll 2013, as in REAT): ``e_ij1, e_ij2`` regional employment of industry i
at the start and end year, ``E_j1, E_j2`` regional totals, ``e_i1, e_i2`` and ``E1, E2`` the
reference, ``G = E2/E1`` and ``G_i = e_i2/e_i1`` the reference growth factors.

Edge cases (docs/analytics.md, ANALYTICS.md §1.8): the regional share is computed as
``Σ_i (e_ij2 − e_ij1·G_i)``, so a new regional industry (``e_ij1 = 0``) is wholly regional effect
and the components always add up to the actual change; an industry without reference base
(``e_i1 = 0``) gets ``G_i := G`` (its start employment, if any, is expected to grow like the whole
reference) and is counted in ``industries_without_reference_base``; an empty region
(``E_j1 = 0``) gets NaN components and ``empty_region = True``; regional employment above the
reference raises a `ReferenceMismatchWarning`.
"""

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from samspill.analytics._validation import (
    ReferenceMismatchWarning,
    non_negative_values,
    require_columns,
)
from samspill.analytics.columns import EMPLOYMENT, INDUSTRY, REGION, YEAR

__all__ = [
    "DynamicShiftShare",
    "ReferenceMismatchWarning",
    "classic_shift_share",
    "dunn_shift_share_arrays",
    "dynamic_shift_share",
    "esteban_marquillas_shift_share",
    "gerfin_shift_share",
    "industry_shift_share",
    "shift_share_prognosis",
]

FloatArray = npt.NDArray[np.float64]
Method = Literal["dunn", "esteban_marquillas", "gerfin"]

START_YEAR = "start_year"
END_YEAR = "end_year"
START_EMPLOYMENT = "start_employment"
END_EMPLOYMENT = "end_employment"
CHANGE = "change"
NATIONAL_SHARE = "national_share"
INDUSTRY_MIX = "industry_mix"
REGIONAL_SHARE = "regional_share"
NET_TOTAL_SHIFT = "net_total_shift"
EXPECTED_CHANGE = "expected_change"
ALLOCATION_EFFECT = "allocation_effect"
NEW_INDUSTRY_EFFECT = "new_industry_effect"
EXPECTED_END_EMPLOYMENT = "expected_end_employment"

_FLAG_COLUMNS = [
    "new_industries",
    "new_industry_employment",
    "closed_industries",
    "industries_without_reference_base",
    "empty_region",
    "small_region",
]
_RATE_COLUMNS = ["growth_rate", "reference_growth_rate", "industry_mix_rate", "regional_share_rate"]


@dataclass(frozen=True)
class _Cube:
    """Dense employment arrays: regional (region, industry, year) and reference (industry, year)."""

    regions: pd.Index
    industries: pd.Index
    years: tuple[int, ...]
    regional: FloatArray
    reference: FloatArray


def _cube(panel: pd.DataFrame, reference: pd.DataFrame | None, years: Sequence[int]) -> _Cube:
    require_columns(panel, [REGION, INDUSTRY, YEAR, EMPLOYMENT], name="panel")
    year_values = np.asarray(sorted(years), dtype="int64")
    # Take only the needed rows of the needed columns: copying whole frames and hashing the
    # string codes dominate the run time (docs/performance.md).
    all_years = panel[YEAR].to_numpy()
    wanted = np.zeros(len(all_years), dtype=bool)
    for year in year_values:  # a few comparisons beat np.isin's sort on 600 000 rows
        wanted |= all_years == year
    rows = np.flatnonzero(wanted)
    if len(rows) == 0:
        raise ValueError(f"panel has no rows for the years {year_values.tolist()}")
    region_codes, regions = _factorised(panel[REGION].take(rows))
    _require_every_region_in_every_year(
        region_codes, np.searchsorted(year_values, all_years[rows]), regions, year_values
    )
    panel_industry_codes, panel_industries = _factorised(panel[INDUSTRY].take(rows))
    industries = panel_industries
    reference_selected: pd.DataFrame | None = None
    if reference is not None:
        require_columns(reference, [INDUSTRY, YEAR, EMPLOYMENT], name="reference")
        reference_selected = reference.loc[reference[YEAR].isin(year_values)]
        industries = industries.union(pd.Index(pd.unique(reference_selected[INDUSTRY])))
    industry_codes = industries.get_indexer(panel_industries)[panel_industry_codes]
    n_regions, n_industries, n_years = len(regions), len(industries), len(year_values)

    cell = (region_codes * n_industries + industry_codes) * n_years + np.searchsorted(
        year_values, all_years[rows]
    )
    regional = _dense(
        cell,
        non_negative_values(panel, EMPLOYMENT, name="panel", rows=rows),
        n_regions * n_industries * n_years,
        name="panel",
    ).reshape(n_regions, n_industries, n_years)

    if reference_selected is None:
        national = regional.sum(axis=0)
    else:
        reference_cell = industries.get_indexer(
            pd.Index(reference_selected[INDUSTRY])
        ) * n_years + np.searchsorted(year_values, reference_selected[YEAR].to_numpy())
        national = _dense(
            reference_cell,
            non_negative_values(reference_selected, EMPLOYMENT, name="reference"),
            n_industries * n_years,
            name="reference",
        ).reshape(n_industries, n_years)
        if (national.sum(axis=0) <= 0).any():
            raise ValueError("the reference area has no employment in one of the years")
        exceeding = int((regional > national[np.newaxis, :, :] * (1 + 1e-9) + 1e-9).sum())
        if exceeding:
            warnings.warn(
                f"regional employment exceeds the reference in {exceeding} region-industry-year "
                "cells; is the reference area a superset of every region?",
                ReferenceMismatchWarning,
                stacklevel=3,
            )
    if (national.sum(axis=0) <= 0).any():
        raise ValueError("the regions have no employment in one of the years")
    return _Cube(regions, industries, tuple(int(y) for y in year_values), regional, national)


def _require_every_region_in_every_year(
    region_codes: npt.NDArray[np.intp],
    year_codes: npt.NDArray[np.intp],
    regions: pd.Index,
    years: npt.NDArray[np.int64],
) -> None:
    """A region without rows in a year is missing data, not zero employment: refuse it."""
    present = np.zeros((len(regions), len(years)), dtype=bool)
    present[region_codes, year_codes] = True
    if present.all():
        return
    gaps = [
        f"{regions[region]} ({', '.join(str(years[y]) for y in np.flatnonzero(~row))})"
        for region, row in enumerate(present)
        if not row.all()
    ]
    raise ValueError(
        f"panel has no rows for {len(gaps)} region(s) in some years: {'; '.join(gaps[:10])}. "
        "Missing data is not zero employment: add rows with 0 where a region truly had none, "
        "or leave the region out"
    )


def _factorised(codes: pd.Series) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Integer codes and sorted unique values; plain arrays hash about twice as fast as Series."""
    values = codes if isinstance(codes.dtype, pd.CategoricalDtype) else codes.to_numpy()
    positions, uniques = pd.factorize(values, sort=True)
    return positions, pd.Index(uniques)


def _dense(cell: npt.NDArray[np.int64], values: FloatArray, size: int, *, name: str) -> FloatArray:
    counts = np.bincount(cell, minlength=size)
    if counts.max(initial=0) > 1:
        raise ValueError(f"{name} has duplicate rows for the same cell (region, industry, year)")
    dense: FloatArray = np.bincount(cell, weights=values, minlength=size)
    return dense


def _divide(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    """numerator / denominator, NaN where the denominator is 0."""
    quotient: FloatArray = np.divide(
        numerator,
        denominator,
        out=np.full(np.broadcast_shapes(numerator.shape, denominator.shape), np.nan),
        where=denominator != 0,
    )
    return quotient


@dataclass(frozen=True)
class _Period:
    """Arrays of one start→end decomposition, one entry per region (or region x industry)."""

    start: FloatArray  # (R, I)
    end: FloatArray  # (R, I)
    reference_start: FloatArray  # (I,)
    reference_end: FloatArray  # (I,)

    @property
    def growth_factor(self) -> float:
        return float(self.reference_end.sum() / self.reference_start.sum())

    @property
    def industry_growth_factor(self) -> FloatArray:
        """G_i, with G for industries without a reference base."""
        factor = _divide(self.reference_end, self.reference_start)
        return np.where(self.reference_start > 0, factor, self.growth_factor)

    @property
    def expected_end(self) -> FloatArray:
        return self.start * self.industry_growth_factor[np.newaxis, :]

    def totals(self) -> dict[str, FloatArray]:
        start_total = self.start.sum(axis=1)
        end_total = self.end.sum(axis=1)
        growth_factor = self.growth_factor
        expected_end_total = self.expected_end.sum(axis=1)
        empty = start_total == 0
        nan_if_empty = np.where(empty, np.nan, 1.0)
        return {
            START_EMPLOYMENT: start_total,
            END_EMPLOYMENT: end_total,
            CHANGE: end_total - start_total,
            NATIONAL_SHARE: start_total * (growth_factor - 1) * nan_if_empty,
            INDUSTRY_MIX: (expected_end_total - start_total * growth_factor) * nan_if_empty,
            REGIONAL_SHARE: (end_total - expected_end_total) * nan_if_empty,
            NET_TOTAL_SHIFT: (end_total - start_total * growth_factor) * nan_if_empty,
            EXPECTED_CHANGE: (expected_end_total - start_total) * nan_if_empty,
            EXPECTED_END_EMPLOYMENT: expected_end_total * nan_if_empty,
        }

    def flags(self, minimum_base_employment: float) -> dict[str, FloatArray]:
        new = (self.start == 0) & (self.end > 0)
        present = (self.start > 0) | (self.end > 0)
        start_total = self.start.sum(axis=1)
        return {
            "new_industries": new.sum(axis=1),
            "new_industry_employment": np.where(new, self.end, 0.0).sum(axis=1),
            "closed_industries": ((self.start > 0) & (self.end == 0)).sum(axis=1),
            "industries_without_reference_base": (
                present & (self.reference_start == 0)[np.newaxis, :]
            ).sum(axis=1),
            "empty_region": start_total == 0,
            "small_region": start_total < minimum_base_employment,
        }

    def competitive_terms(self) -> dict[str, FloatArray]:
        """Esteban-Marquillas split of the regional share (industries with e_ij1 > 0 only)."""
        start_total = self.start.sum(axis=1)
        homothetic = (
            start_total[:, np.newaxis]
            * (self.reference_start / self.reference_start.sum())[np.newaxis, :]
        )
        regional_factor = _divide(self.end, self.start)
        difference = np.where(
            self.start > 0, regional_factor - self.industry_growth_factor[np.newaxis, :], 0.0
        )
        nan_if_empty = np.where(start_total == 0, np.nan, 1.0)
        new = self.start == 0
        competitive = (homothetic * difference).sum(axis=1)
        # Σ (e_ij1 − ê_ij)(g_ij − g_i) = Σ_{e_ij1>0} (e_ij2 − e_ij1·G_i) − competitive; the
        # right-hand side keeps the identity exact when some e_ij1 is tiny.
        existing_shift = np.where(new, 0.0, self.end - self.expected_end).sum(axis=1)
        return {
            REGIONAL_SHARE: competitive * nan_if_empty,
            ALLOCATION_EFFECT: (existing_shift - competitive) * nan_if_empty,
            NEW_INDUSTRY_EFFECT: np.where(new, self.end, 0.0).sum(axis=1) * nan_if_empty,
        }


def _period(cube: _Cube, start: int, end: int) -> _Period:
    first, last = cube.years.index(start), cube.years.index(end)
    return _Period(
        start=cube.regional[:, :, first],
        end=cube.regional[:, :, last],
        reference_start=cube.reference[:, first],
        reference_end=cube.reference[:, last],
    )


def _rates(
    columns: dict[str, FloatArray], growth_factor: float, minimum_base_employment: float
) -> dict[str, FloatArray]:
    start_total = columns[START_EMPLOYMENT]
    base = np.where(start_total >= max(minimum_base_employment, 0.0), start_total, 0.0)
    return {
        "growth_rate": _divide(columns[CHANGE], base),
        "reference_growth_rate": np.full(start_total.shape, growth_factor - 1),
        "industry_mix_rate": _divide(columns[INDUSTRY_MIX], base),
        "regional_share_rate": _divide(columns[REGIONAL_SHARE], base),
    }


def _frame(
    regions: pd.Index, start: int, end: int, columns: dict[str, FloatArray], order: list[str]
) -> pd.DataFrame:
    data: dict[str, object] = {REGION: regions.to_numpy(), START_YEAR: start, END_YEAR: end}
    data.update({name: columns[name] for name in order})
    return pd.DataFrame(data)


def _check_years(start_year: int, end_year: int) -> None:
    if end_year <= start_year:
        raise ValueError(f"end_year ({end_year}) must be after start_year ({start_year})")


_DUNN_ORDER = [
    START_EMPLOYMENT,
    END_EMPLOYMENT,
    CHANGE,
    NATIONAL_SHARE,
    INDUSTRY_MIX,
    REGIONAL_SHARE,
    NET_TOTAL_SHIFT,
    EXPECTED_CHANGE,
    *_RATE_COLUMNS,
    *_FLAG_COLUMNS,
]
_ESTEBAN_ORDER = [
    START_EMPLOYMENT,
    END_EMPLOYMENT,
    CHANGE,
    NATIONAL_SHARE,
    INDUSTRY_MIX,
    REGIONAL_SHARE,
    ALLOCATION_EFFECT,
    NEW_INDUSTRY_EFFECT,
    *_FLAG_COLUMNS,
]
_GERFIN_ORDER = [
    START_EMPLOYMENT,
    END_EMPLOYMENT,
    EXPECTED_END_EMPLOYMENT,
    INDUSTRY_MIX,
    REGIONAL_SHARE,
    NET_TOTAL_SHIFT,
    *_FLAG_COLUMNS,
]


def _dunn_columns(period: _Period, minimum_base_employment: float) -> dict[str, FloatArray]:
    columns = period.totals()
    columns.update(_rates(columns, period.growth_factor, minimum_base_employment))
    columns.update(period.flags(minimum_base_employment))
    return columns


def _esteban_columns(period: _Period, minimum_base_employment: float) -> dict[str, FloatArray]:
    columns = period.totals()
    columns.update(period.competitive_terms())
    columns.update(period.flags(minimum_base_employment))
    return columns


def _gerfin_columns(period: _Period, minimum_base_employment: float) -> dict[str, FloatArray]:
    columns = period.totals()
    start_total, end_total = columns[START_EMPLOYMENT], columns[END_EMPLOYMENT]
    expected = columns[EXPECTED_END_EMPLOYMENT]
    growth_factor = period.growth_factor
    columns[INDUSTRY_MIX] = _divide(expected, start_total) / growth_factor
    columns[REGIONAL_SHARE] = _divide(end_total, expected)
    columns[NET_TOTAL_SHIFT] = _divide(end_total, start_total) / growth_factor
    columns.update(period.flags(minimum_base_employment))
    return columns


def dunn_shift_share_arrays(
    start: npt.ArrayLike,
    end: npt.ArrayLike,
    *,
    reference_start: npt.ArrayLike | None = None,
    reference_end: npt.ArrayLike | None = None,
) -> dict[str, FloatArray]:
    """Dunn shift-share of every region at once on dense arrays (no frame alignment).

    `start`, `end`: employment (regions × industries) in the two years; `reference_start`,
    `reference_end`: the reference area's employment per industry (default: the column sums,
    i.e. the regions together). Same components and edge cases as `classic_shift_share` (which
    builds these arrays from a long frame): one array per component, one entry per region.
    For batch use (REAT's `shift` over many regions); values must be finite and >= 0.
    """
    regional_start = np.asarray(start, dtype="float64")
    regional_end = np.asarray(end, dtype="float64")
    if regional_start.ndim != 2 or regional_start.shape != regional_end.shape:
        raise ValueError("start and end must be 2-d arrays (regions x industries) of one shape")
    if (regional_start < 0).any() or (regional_end < 0).any():
        raise ValueError("employment must not be negative")
    base = (
        regional_start.sum(axis=0)
        if reference_start is None
        else np.asarray(reference_start, dtype="float64")
    )
    final = (
        regional_end.sum(axis=0)
        if reference_end is None
        else np.asarray(reference_end, dtype="float64")
    )
    if base.shape != (regional_start.shape[1],) or final.shape != base.shape:
        raise ValueError("the reference must have one value per industry")
    if base.sum() <= 0 or final.sum() <= 0:
        raise ValueError("the reference area has no employment in one of the years")
    return _Period(
        start=regional_start, end=regional_end, reference_start=base, reference_end=final
    ).totals()


def classic_shift_share(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference: pd.DataFrame | None = None,
    minimum_base_employment: float = 0.0,
) -> pd.DataFrame:
    """Dunn (1960) shift-share of every region from `start_year` to `end_year`.

    Columns in: panel `region, industry, year, employment`; reference `industry, year,
    employment` (None: sum of the panel's regions). Employment in persons.

    One row per region. Components in persons: ``change = national_share + industry_mix +
    regional_share``; ``net_total_shift = industry_mix + regional_share``;
    ``expected_change = national_share + industry_mix`` (growth if each industry grew at its
    reference rate, Telemarksforsking's "det bransjestrukturen skulle tilsi"). Rates are
    fractions of ``start_employment`` and NaN when it is below `minimum_base_employment`
    (flag ``small_region``). Flags: ``new_industries`` (count with e_ij1 = 0 < e_ij2),
    ``new_industry_employment``, ``closed_industries``, ``industries_without_reference_base``
    (e_i1 = 0 where the region has employment), ``empty_region`` (E_j1 = 0: components NaN).
    """
    _check_years(start_year, end_year)
    cube = _cube(panel, reference, [start_year, end_year])
    period = _period(cube, start_year, end_year)
    columns = _dunn_columns(period, minimum_base_employment)
    return _frame(cube.regions, start_year, end_year, columns, _DUNN_ORDER)


def esteban_marquillas_shift_share(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Esteban-Marquillas (1972) shift-share with the allocation effect, every region.

    Columns in: as `classic_shift_share`. Homothetic employment ``ê_ij = E_j1·e_i1/E1``.
    ``regional_share = Σ ê_ij·(g_ij − g_i)`` and ``allocation_effect = Σ (e_ij1 − ê_ij)·(g_ij −
    g_i)`` over industries with ``e_ij1 > 0``; new regional industries (``g_ij`` undefined) go to
    ``new_industry_effect = Σ e_ij2`` (e_ij1 = 0). Identity: ``change = national_share +
    industry_mix + regional_share + allocation_effect + new_industry_effect``.
    """
    _check_years(start_year, end_year)
    cube = _cube(panel, reference, [start_year, end_year])
    period = _period(cube, start_year, end_year)
    return _frame(cube.regions, start_year, end_year, _esteban_columns(period, 0.0), _ESTEBAN_ORDER)


def gerfin_shift_share(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Gerfin (1964) ratio shift-share, every region.

    Columns in: as `classic_shift_share`. With ``X = Σ e_ij1·G_i`` (``expected_end_employment``):
    ``industry_mix = (X/E_j1)/G`` (Strukturfaktor), ``regional_share = E_j2/X``
    (Standortfaktor), ``net_total_shift = (E_j2/E_j1)/G`` (Regionalfaktor) = their product.
    Ratios are dimensionless; NaN for an empty region or X = 0.
    """
    _check_years(start_year, end_year)
    cube = _cube(panel, reference, [start_year, end_year])
    period = _period(cube, start_year, end_year)
    return _frame(cube.regions, start_year, end_year, _gerfin_columns(period, 0.0), _GERFIN_ORDER)


@dataclass(frozen=True)
class DynamicShiftShare:
    """Result of `dynamic_shift_share`.

    ``by_period``: one row per region and consecutive year pair (columns of the static method
    plus ``start_year``/``end_year``). ``total``: one row per region; Dunn and Esteban-Marquillas
    components are summed over the periods, Gerfin ratios averaged (``gerfin_aggregation =
    "mean"``, REAT's default) or summed; ``periods`` counts the year pairs and
    ``empty_periods`` those with an empty region (their NaN propagates to the total).
    """

    total: pd.DataFrame
    by_period: pd.DataFrame


_ADDITIVE = {
    "dunn": [NATIONAL_SHARE, INDUSTRY_MIX, REGIONAL_SHARE, NET_TOTAL_SHIFT, EXPECTED_CHANGE],
    "esteban_marquillas": [
        NATIONAL_SHARE,
        INDUSTRY_MIX,
        REGIONAL_SHARE,
        ALLOCATION_EFFECT,
        NEW_INDUSTRY_EFFECT,
    ],
    "gerfin": [INDUSTRY_MIX, REGIONAL_SHARE, NET_TOTAL_SHIFT],
}


def dynamic_shift_share(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference: pd.DataFrame | None = None,
    method: Method = "dunn",
    gerfin_aggregation: Literal["mean", "sum"] = "mean",
) -> DynamicShiftShare:
    """Dynamic shift-share (Barff & Knight 1988): a static decomposition per consecutive year.

    Columns in: as `classic_shift_share`; the periods are the consecutive pairs of the years
    in ``[start_year, end_year]`` present in the panel (both ends must be present). `method`
    picks Dunn, Esteban-Marquillas or Gerfin for each period. See `DynamicShiftShare`.
    """
    _check_years(start_year, end_year)
    if method not in _ADDITIVE:
        raise ValueError(f"method must be one of {sorted(_ADDITIVE)}, not {method!r}")
    if gerfin_aggregation not in ("mean", "sum"):
        raise ValueError(f"gerfin_aggregation must be 'mean' or 'sum', not {gerfin_aggregation!r}")
    require_columns(panel, [REGION, INDUSTRY, YEAR, EMPLOYMENT], name="panel")
    years = sorted(
        int(year) for year in pd.unique(panel[YEAR]) if start_year <= int(year) <= end_year
    )
    if start_year not in years or end_year not in years:
        raise ValueError(f"panel must contain both {start_year} and {end_year}")
    cube = _cube(panel, reference, years)
    build = {"dunn": _dunn_columns, "esteban_marquillas": _esteban_columns}.get(
        method, _gerfin_columns
    )
    order = {"dunn": _DUNN_ORDER, "esteban_marquillas": _ESTEBAN_ORDER}.get(method, _GERFIN_ORDER)
    pieces: list[dict[str, FloatArray]] = []
    summed = {name: np.zeros(len(cube.regions)) for name in _ADDITIVE[method]}
    empty_periods = np.zeros(len(cube.regions), dtype="int64")
    for first, second in itertools.pairwise(years):
        columns = build(_period(cube, first, second), 0.0)
        pieces.append(
            {
                START_YEAR: np.full(len(cube.regions), first),
                END_YEAR: np.full(len(cube.regions), second),
                **columns,
            }
        )
        for name in summed:
            summed[name] = summed[name] + columns[name]
        empty_periods += columns["empty_region"].astype("int64")
    periods = len(years) - 1
    if method == "gerfin" and gerfin_aggregation == "mean":
        summed = {name: values / periods for name, values in summed.items()}
    whole = _period(cube, start_year, end_year)
    start_total, end_total = whole.start.sum(axis=1), whole.end.sum(axis=1)
    total = pd.DataFrame(
        {
            REGION: cube.regions.to_numpy(),
            START_YEAR: start_year,
            END_YEAR: end_year,
            START_EMPLOYMENT: start_total,
            END_EMPLOYMENT: end_total,
            CHANGE: end_total - start_total,
            **summed,
            "periods": periods,
            "empty_periods": empty_periods,
        }
    )
    by_period = pd.DataFrame(
        {
            REGION: np.tile(cube.regions.to_numpy(), periods),
            **{
                name: np.concatenate([piece[name] for piece in pieces])
                for name in [START_YEAR, END_YEAR, *order]
            },
        }
    )
    return DynamicShiftShare(total=total, by_period=by_period)


def industry_shift_share(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Shift-share per region and industry (REAT `shifti` for every region at once).

    Columns in: as `classic_shift_share`. One row per region and industry with employment in
    either year. Out: ``start_employment, end_employment, change, reference_start,
    reference_end, national_share = e_ij1·g, industry_mix = e_ij1·(g_i − g),
    regional_share = e_ij2 − e_ij1·G_i, expected_change = e_ij1·g_i`` (REAT shifti's "National
    share", since it treats the industry as its own region), ``new_industry`` and
    ``without_reference_base`` (e_i1 = 0, then g_i := g). Summing a region's rows gives the
    `classic_shift_share` components (no NaN here: nothing is divided by E_j1).
    """
    _check_years(start_year, end_year)
    cube = _cube(panel, reference, [start_year, end_year])
    period = _period(cube, start_year, end_year)
    growth_factor = period.growth_factor
    expected_end = period.expected_end
    n_regions, n_industries = period.start.shape
    keep = ((period.start > 0) | (period.end > 0)).ravel()
    reference_start = np.broadcast_to(period.reference_start, period.start.shape)
    reference_end = np.broadcast_to(period.reference_end, period.start.shape)
    columns = {
        REGION: np.repeat(cube.regions.to_numpy(), n_industries),
        INDUSTRY: np.tile(cube.industries.to_numpy(), n_regions),
        START_YEAR: start_year,
        END_YEAR: end_year,
        START_EMPLOYMENT: period.start.ravel(),
        END_EMPLOYMENT: period.end.ravel(),
        CHANGE: (period.end - period.start).ravel(),
        "reference_start": reference_start.ravel(),
        "reference_end": reference_end.ravel(),
        NATIONAL_SHARE: (period.start * (growth_factor - 1)).ravel(),
        INDUSTRY_MIX: (expected_end - period.start * growth_factor).ravel(),
        REGIONAL_SHARE: (period.end - expected_end).ravel(),
        EXPECTED_CHANGE: (expected_end - period.start).ravel(),
        "new_industry": ((period.start == 0) & (period.end > 0)).ravel(),
        "without_reference_base": (reference_start == 0).ravel(),
    }
    return pd.DataFrame(columns).loc[keep].reset_index(drop=True)


def shift_share_prognosis(
    panel: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    reference_forecast: pd.DataFrame,
    reference: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Gerfin shift-share prognosis (REAT `shiftp`) for every region and industry.

    Columns in: as `classic_shift_share`, plus `reference_forecast` with columns `industry`,
    `employment` (the reference area's forecast for the target year). The observed Gerfin
    location factor ``F_j = E_j2/X`` (start→end) is held constant:
    ``forecast = e_ij2 · (f_i / e_i2) · F_j``. Out: one row per region and industry with
    ``end_employment, reference_end, reference_forecast, location_factor, forecast`` (NaN where
    ``e_i2 = 0`` or the factor is undefined).
    """
    require_columns(reference_forecast, [INDUSTRY, EMPLOYMENT], name="reference_forecast")
    _check_years(start_year, end_year)
    cube = _cube(panel, reference, [start_year, end_year])
    period = _period(cube, start_year, end_year)
    location_factor = _gerfin_columns(period, 0.0)[REGIONAL_SHARE]
    forecast_by_industry = (
        reference_forecast.groupby(INDUSTRY)[EMPLOYMENT]
        .sum()
        .reindex(cube.industries, fill_value=0.0)
        .to_numpy(dtype="float64")
    )
    industry_factor = _divide(forecast_by_industry, period.reference_end)
    forecast = period.end * industry_factor[np.newaxis, :] * location_factor[:, np.newaxis]
    n_regions, n_industries = period.start.shape
    return pd.DataFrame(
        {
            REGION: np.repeat(cube.regions.to_numpy(), n_industries),
            INDUSTRY: np.tile(cube.industries.to_numpy(), n_regions),
            END_EMPLOYMENT: period.end.ravel(),
            "reference_end": np.tile(period.reference_end, n_regions),
            "reference_forecast": np.tile(forecast_by_industry, n_regions),
            "location_factor": np.repeat(location_factor, n_industries),
            "forecast": forecast.ravel(),
        }
    )
