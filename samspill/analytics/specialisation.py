"""Location quotients and specialisation / concentration indices (REAT 3.0.3 semantics).

Frame functions read a cross-section ``panel`` with columns `region`, `industry`, `employment`
(persons or jobs, >= 0; one row per region and industry, missing cells are 0; filter one year
first). ``reference`` (optional) has columns `industry`, `employment` for the reference area
(Norway, a county ...); ``None`` means the sum over the panel's regions, as REAT's `locq2`,
`spec` and `conc` do.

Vector functions (`hoover`, `gini`, `location_quotient_gini`, `krugman_index`, `herfindahl`,
`theil`) take a pandas Series (or anything array-like of numbers) and return floats.
Formulas: docs/analytics.md, part "Specialisation".
"""

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
from samspill.analytics.columns import EMPLOYMENT, INDUSTRY, REGION

__all__ = [
    "HerfindahlIndex",
    "ReferenceMismatchWarning",
    "concentration_indices",
    "gini",
    "herfindahl",
    "hoover",
    "krugman_index",
    "krugman_pairwise",
    "location_quotient",
    "location_quotient_gini",
    "specialisation_indices",
    "theil",
]

FloatArray = npt.NDArray[np.float64]
Numbers = pd.Series | Sequence[float] | npt.NDArray[np.float64] | npt.NDArray[np.int64]


def _vector(values: Numbers) -> FloatArray:
    array: FloatArray = np.asarray(values, dtype="float64")
    if array.ndim != 1 or len(array) == 0 or np.isnan(array).any():
        raise ValueError("expected a non-empty one-dimensional sequence of numbers without NaN")
    return array


def _share_vector(values: FloatArray) -> FloatArray:
    """values / Σ values, all NaN when the sum is 0."""
    total = values.sum()
    return values / total if total != 0 else np.full(values.shape, np.nan)


def _shares(matrix: FloatArray) -> FloatArray:
    """Row shares; NaN rows where the row total is 0."""
    totals = matrix.sum(axis=1, keepdims=True)
    shares: FloatArray = np.divide(
        matrix, totals, out=np.full(matrix.shape, np.nan), where=totals != 0
    )
    return shares


def _lq_gini_rows(matrix: FloatArray, reference: FloatArray) -> FloatArray:
    """REAT gini.spec / gini.conc for each row of `matrix` against the `reference` vector.

    Industries without reference employment have no location quotient and are left out (REAT
    would return NaN for every region because of one all-zero industry); a row without
    employment is NaN.
    """
    defined = reference > 0
    if not defined.all():
        matrix, reference = matrix[:, defined], reference[defined]
    count = matrix.shape[1]
    if count == 0:
        return np.full(matrix.shape[0], np.nan)
    rank = np.arange(1, count + 1, dtype="float64")[np.newaxis, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        quotients = _shares(matrix) / _share_vector(reference)[np.newaxis, :]
        ordered = np.sort(quotients, axis=1)
        mean = quotients.mean(axis=1, keepdims=True)
        result: FloatArray = 2 / (count**2 * mean[:, 0]) * (rank * (ordered - mean)).sum(axis=1)
    return result


def _krugman_against_others(matrix: FloatArray) -> FloatArray:
    """Σ_k |s_jk − mean_{l≠j} s_lk| for each row j (REAT krugman.spec2 / krugman.conc2).

    Rows without employment have no shares: they are NaN and do not count among the others
    (an empty region must not shift every other region's index).
    """
    shares = _shares(matrix)
    filled = matrix.sum(axis=1) > 0
    count = int(filled.sum())
    if count < 2:
        return np.full(shares.shape[0], np.nan)
    others = (shares[filled].sum(axis=0)[np.newaxis, :] - shares) / (count - 1)
    result: FloatArray = np.where(filled, np.abs(shares - others).sum(axis=1), np.nan)
    return result


def hoover(values: Numbers, *, reference: Numbers) -> float:
    """Hoover coefficient ``½ Σ_k |x_k/Σx − r_k/Σr|`` (REAT `hoover(x, ref)`), in [0, 1]."""
    return float(krugman_index(values, reference=reference) / 2)


def krugman_index(values: Numbers, *, reference: Numbers) -> float:
    """Krugman dissimilarity ``Σ_k |x_k/Σx − r_k/Σr|`` (REAT `krugman.spec`), in [0, 2]."""
    x, r = _vector(values), _vector(reference)
    return float(np.abs(_share_vector(x) - _share_vector(r)).sum())


def location_quotient_gini(values: Numbers, *, reference: Numbers) -> float:
    """Gini of location quotients (REAT `gini.spec(e_ij, e_i)` and `gini.conc(e_ij, e_j)`).

    ``R_k = (x_k/Σx)/(r_k/Σr)``; ``G = 2/(n²·mean R)·Σ_λ λ·(R_(λ) − mean R)`` over the sorted R.
    Specialisation: `values` = a region's employment by industry, `reference` = the reference
    area's. Concentration: `values` = one industry by region, `reference` = regional totals.
    """
    x = _vector(values)
    return float(_lq_gini_rows(x[np.newaxis, :], _vector(reference))[0])


def gini(values: Numbers, *, normalised: bool = False) -> float:
    """Gini coefficient of non-negative `values` (REAT `gini`); ``normalised`` multiplies by n/(n−1)."""
    x = np.sort(_vector(values))
    count = len(x)
    if x.sum() == 0 or (normalised and count == 1):
        return float("nan")
    rank = np.arange(1, count + 1, dtype="float64")
    coefficient = float(2 * (rank * x).sum() / (count * x.sum()) - (count + 1) / count)
    return coefficient * count / (count - 1) if normalised else coefficient


@dataclass(frozen=True)
class HerfindahlIndex:
    """REAT `herf`: ``index = Σ a_k²`` with shares a, ``normalised = (H − 1/n)/(1 − 1/n)``,
    ``equivalent_number = 1/H`` (the number of equal-sized units with the same index)."""

    index: float
    normalised: float
    equivalent_number: float


def herfindahl(values: Numbers) -> HerfindahlIndex:
    """Herfindahl-Hirschman index of the shares of `values` (see `HerfindahlIndex`)."""
    x = _vector(values)
    index = float((_share_vector(x) ** 2).sum())
    count = len(x)
    return HerfindahlIndex(
        index=index,
        normalised=(index - 1 / count) / (1 - 1 / count) if count > 1 else float("nan"),
        equivalent_number=1 / index,
    )


def theil(values: Numbers) -> float:
    """Theil index ``mean(ln(mean(x)/x))`` (REAT `theil`; the GE(0) / mean log deviation).

    NaN if any value is <= 0 (REAT returns NA/Inf there).
    """
    x = _vector(values)
    if (x <= 0).any():
        return float("nan")
    return float(np.mean(np.log(x.mean() / x)))


@dataclass(frozen=True)
class _Matrix:
    regions: pd.Index
    industries: pd.Index
    values: FloatArray  # (region, industry)
    reference: FloatArray  # (industry,)


def _matrix(panel: pd.DataFrame, reference: pd.DataFrame | None) -> _Matrix:
    require_columns(panel, [REGION, INDUSTRY, EMPLOYMENT], name="panel")
    if panel.empty:
        raise ValueError("panel is empty")
    non_negative_values(panel, EMPLOYMENT, name="panel")
    if panel.duplicated([REGION, INDUSTRY]).any():
        raise ValueError("panel has duplicate (region, industry) rows; filter one year first")
    wide = panel.pivot(index=REGION, columns=INDUSTRY, values=EMPLOYMENT)
    if reference is not None:
        require_columns(reference, [INDUSTRY, EMPLOYMENT], name="reference")
        non_negative_values(reference, EMPLOYMENT, name="reference")
        reference_by_industry = reference.groupby(INDUSTRY)[EMPLOYMENT].sum()
        wide = wide.reindex(columns=wide.columns.union(reference_by_industry.index))
        reference_values = reference_by_industry.reindex(wide.columns, fill_value=0.0)
    values = wide.fillna(0.0).to_numpy(dtype="float64")
    national = (
        values.sum(axis=0) if reference is None else reference_values.to_numpy(dtype="float64")
    )
    if national.sum() <= 0:
        raise ValueError("the reference has no employment")
    return _Matrix(pd.Index(wide.index), pd.Index(wide.columns), values, national)


def location_quotient(
    panel: pd.DataFrame,
    *,
    reference: pd.DataFrame | None = None,
    method: Literal["multiplicative", "additive"] = "multiplicative",
    minimum_employment: float = 0.0,
    region_totals: pd.DataFrame | None = None,
    reference_total: float | None = None,
) -> pd.DataFrame:
    """Location quotient of every region and industry (REAT `locq` / `locq2`).

    `region_totals` (columns `region, employment`) and `reference_total` are published totals
    to use instead of the sums over industries, when some industries are suppressed (REAT's
    Göttingen 2017: the sections sum to 67 283, the published total is 69 403). A published
    total below the sum of its industries, or a region without one, is a ValueError.

    Columns in: panel `region, industry, employment`; reference `industry, employment`.
    Out, one row per region and industry: ``employment, region_total (e_j),
    reference_employment (e_i), reference_total (e), location_quotient`` =
    ``(e_ij/e_j)/(e_i/e)`` (``"multiplicative"``) or ``e_ij/e_i − e_j/e`` (``"additive"``);
    ``z_score`` = (LQ − mean)/sd per industry across regions (O'Donoghue & Gleave 2004, sd with
    n−1) and ``log_z_score`` the same on log10 LQ (Tian 2013; NaN where LQ = 0).
    NaN LQ where ``e_i = 0``, ``e_j = 0``, ``employment < minimum_employment``, or (with a
    `ReferenceMismatchWarning`) where the region exceeds the reference.
    """
    if method not in ("multiplicative", "additive"):
        raise ValueError(f"method must be 'multiplicative' or 'additive', not {method!r}")
    matrix = _matrix(panel, reference)
    values, national = matrix.values, matrix.reference
    region_total = values.sum(axis=1, keepdims=True)
    total = float(national.sum())
    if region_totals is not None:
        region_total = _published_totals(region_totals, matrix.regions, region_total)
    if reference_total is not None:
        if not np.isfinite(reference_total) or reference_total < total * (1 - 1e-12):
            raise ValueError(
                f"reference_total {reference_total} is below the sum of the reference's "
                f"industries ({total})"
            )
        total = float(reference_total)
    industry_reference = national[np.newaxis, :]
    exceeds = (values > industry_reference) | (region_total > total)
    if exceeds.any():
        warnings.warn(
            f"{int(exceeds.sum())} region-industry cells exceed the reference; their LQ is NaN",
            ReferenceMismatchWarning,
            stacklevel=2,
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "multiplicative":
            quotient = (values / region_total) / (industry_reference / total)
        else:
            quotient = values / industry_reference - region_total / total
    undefined = (
        exceeds | (industry_reference == 0) | (region_total == 0) | (values < minimum_employment)
    )
    quotient = np.where(undefined, np.nan, quotient)
    n_regions, n_industries = values.shape
    result = pd.DataFrame(
        {
            REGION: np.repeat(matrix.regions.to_numpy(), n_industries),
            INDUSTRY: np.tile(matrix.industries.to_numpy(), n_regions),
            EMPLOYMENT: values.ravel(),
            "region_total": np.repeat(region_total[:, 0], n_industries),
            "reference_employment": np.tile(national, n_regions),
            "reference_total": total,
            "location_quotient": quotient.ravel(),
        }
    )
    with np.errstate(divide="ignore"):
        logged = np.log10(result["location_quotient"].where(result["location_quotient"] > 0))
    grouped_lq = result.groupby(INDUSTRY)["location_quotient"]
    grouped_log = logged.groupby(result[INDUSTRY])
    return result.assign(
        z_score=(result["location_quotient"] - grouped_lq.transform("mean"))
        / grouped_lq.transform("std"),
        log_z_score=(logged - grouped_log.transform("mean")) / grouped_log.transform("std"),
    )


def _published_totals(totals: pd.DataFrame, regions: pd.Index, summed: FloatArray) -> FloatArray:
    require_columns(totals, [REGION, EMPLOYMENT], name="region_totals")
    non_negative_values(totals, EMPLOYMENT, name="region_totals")
    if totals[REGION].duplicated().any():
        raise ValueError("region_totals has more than one total for a region")
    published = totals.set_index(REGION)[EMPLOYMENT].reindex(regions)
    if published.isna().any():
        missing = [str(region) for region in published[published.isna()].index]
        raise ValueError(f"region_totals has no total for {missing}")
    values = published.to_numpy(dtype="float64")[:, np.newaxis]
    below = values < summed * (1 - 1e-12)
    if below.any():
        regions_below = [str(region) for region in regions[below[:, 0]]]
        raise ValueError(f"published totals below the sum of the industries for {regions_below}")
    return values


def specialisation_indices(
    panel: pd.DataFrame, *, reference: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Specialisation of every region over industries (REAT `spec`, plus a reference Krugman).

    Columns in: as `location_quotient`. Out, one row per region: ``hoover`` (REAT "H j":
    ``½ Σ_i |e_ij/E_j − e_i/E|``), ``gini`` (REAT "G j": Gini of the region's LQs),
    ``krugman`` (REAT "K j": ``Σ_i |s_ij − mean_{l≠j} s_il|`` against the unweighted mean of the
    *other* regions' shares), ``krugman_reference`` (``Σ_i |s_ij − e_i/E|`` against the
    reference = 2·hoover), ``herfindahl`` of the region's industry shares. NaN for an empty
    region.
    """
    matrix = _matrix(panel, reference)
    reference_shares = matrix.reference / matrix.reference.sum()
    region_shares = _shares(matrix.values)
    dissimilarity = np.abs(region_shares - reference_shares[np.newaxis, :]).sum(axis=1)
    empty = matrix.values.sum(axis=1) == 0
    return pd.DataFrame(
        {
            REGION: matrix.regions.to_numpy(),
            "hoover": np.where(empty, np.nan, dissimilarity / 2),
            "gini": _lq_gini_rows(matrix.values, matrix.reference),
            "krugman": np.where(empty, np.nan, _krugman_against_others(matrix.values)),
            "krugman_reference": np.where(empty, np.nan, dissimilarity),
            "herfindahl": np.where(empty, np.nan, (region_shares**2).sum(axis=1)),
        }
    )


def concentration_indices(panel: pd.DataFrame) -> pd.DataFrame:
    """Spatial concentration of every industry over the regions (REAT `conc`).

    Columns in: panel `region, industry, employment`. Out, one row per industry:
    ``hoover`` ("H i": ``½ Σ_j |e_ij/e_i − E_j/E|``), ``gini`` ("G i": Gini of the industry's
    LQs across regions, REAT `gini.conc`), ``krugman`` ("K i": against the unweighted mean of
    the other industries' regional distributions, REAT `krugman.conc2`).
    """
    matrix = _matrix(panel, None)
    by_industry = matrix.values.T
    region_totals = matrix.values.sum(axis=1)
    region_shares = region_totals / region_totals.sum()
    return pd.DataFrame(
        {
            INDUSTRY: matrix.industries.to_numpy(),
            "hoover": np.abs(_shares(by_industry) - region_shares[np.newaxis, :]).sum(axis=1) / 2,
            "gini": _lq_gini_rows(by_industry, region_totals),
            "krugman": _krugman_against_others(by_industry),
        }
    )


def krugman_pairwise(panel: pd.DataFrame) -> pd.DataFrame:
    """Pairwise Krugman index ``K_jl = Σ_i |s_ij − s_il|`` (REAT `krugman.spec`), in [0, 2].

    Columns in: panel `region, industry, employment`. Out: a square frame indexed and
    columned by region.
    """
    matrix = _matrix(panel, None)
    shares = _shares(matrix.values)
    pairwise = np.abs(shares[:, np.newaxis, :] - shares[np.newaxis, :, :]).sum(axis=2)
    return pd.DataFrame(pairwise, index=matrix.regions, columns=matrix.regions)
