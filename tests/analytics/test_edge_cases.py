"""Defined behaviour at the edges of the analytics library (issue 11): a clear error or a flag."""

import csv
import math

import numpy as np
import pandas as pd
import pytest

from samspill.analytics.labour_market_regions import LabourMarketRegionParameters
from samspill.analytics.shift_share import classic_shift_share
from samspill.analytics.specialisation import location_quotient, specialisation_indices
from tests.conftest import SHARED_DIR


def _panel(cells: dict[tuple[str, str], float]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"region": r, "industry": i, "employment": v} for (r, i), v in cells.items()]
    )


BASE = {
    ("a", "x"): 10.0,
    ("a", "y"): 30.0,
    ("b", "x"): 20.0,
    ("b", "y"): 5.0,
    ("c", "x"): 8.0,
    ("c", "y"): 8.0,
}


def test_one_all_zero_industry_does_not_make_every_gini_nan() -> None:
    with_zero = {**BASE, ("a", "z"): 0.0, ("b", "z"): 0.0, ("c", "z"): 0.0}

    before = specialisation_indices(_panel(BASE)).set_index("region")["gini"]
    after = specialisation_indices(_panel(with_zero)).set_index("region")["gini"]

    assert not after.isna().any()
    pd.testing.assert_series_equal(before, after)


def test_an_empty_region_does_not_shift_the_others_krugman_index() -> None:
    with_empty = {**BASE, ("d", "x"): 0.0, ("d", "y"): 0.0}

    before = specialisation_indices(_panel(BASE)).set_index("region")["krugman"]
    after = specialisation_indices(_panel(with_empty)).set_index("region")["krugman"]

    assert math.isnan(after["d"])
    pd.testing.assert_series_equal(before, after.drop("d"))


def test_a_region_missing_in_the_end_year_is_refused_not_taken_as_zero() -> None:
    rows = [
        {"region": r, "industry": i, "year": y, "employment": 10.0}
        for r in ("a", "b")
        for i in ("x", "y")
        for y in (2016, 2025)
        if not (r == "b" and y == 2025)
    ]

    with pytest.raises(ValueError, match=r"b \(2025\).*not zero employment"):
        classic_shift_share(pd.DataFrame(rows), start_year=2016, end_year=2025)


def test_explicit_zero_rows_are_data_and_accepted() -> None:
    rows = [
        {
            "region": r,
            "industry": i,
            "year": y,
            "employment": 0.0 if r == "b" and y == 2025 else 9.0,
        }
        for r in ("a", "b")
        for i in ("x", "y")
        for y in (2016, 2025)
    ]

    result = classic_shift_share(pd.DataFrame(rows), start_year=2016, end_year=2025)

    assert result.set_index("region").loc["b", "change"] == -18.0


def test_negative_employment_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        specialisation_indices(_panel({**BASE, ("a", "x"): -1.0}))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"minimum_self_containment": 0.8, "target_self_containment": 0.7}, "must not exceed"),
        ({"minimum_self_containment": 0.6, "target_self_containment": 1.5}, "at most 1"),
        ({"minimum_size": 20000, "target_size": 10000}, "must exceed"),
    ],
)
def test_inconsistent_labour_market_parameters_are_refused(kwargs: dict, message: str) -> None:
    parameters = {
        "minimum_size": 1000,
        "minimum_self_containment": 0.6667,
        "target_size": 10000,
        "target_self_containment": 0.75,
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        LabourMarketRegionParameters(**parameters)


def _goettingen_2017() -> tuple[pd.DataFrame, pd.DataFrame, float, float]:
    path = SHARED_DIR / "reference" / "reat" / "goettingen.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total, sections = rows[0], rows[1:]
    panel = pd.DataFrame(
        {
            "region": "Goettingen",
            "industry": [row["WZ2008_Code"] for row in sections],
            "employment": [float(row["Goettingen2017"]) for row in sections],
        }
    )
    reference = pd.DataFrame(
        {
            "industry": [row["WZ2008_Code"] for row in sections],
            "employment": [float(row["BRD2017"]) for row in sections],
        }
    )
    return panel, reference, float(total["Goettingen2017"]), float(total["BRD2017"])


def test_location_quotients_can_use_a_published_total_when_industries_are_suppressed() -> None:
    panel, reference, published, germany = _goettingen_2017()
    assert panel["employment"].sum() == 67283  # suppressed cells: the sections fall short
    assert published == 69403

    result = location_quotient(
        panel,
        reference=reference,
        region_totals=pd.DataFrame({"region": ["Goettingen"], "employment": [published]}),
        reference_total=germany,
    )

    expected = (panel["employment"] / published) / (reference["employment"] / germany)
    got = result.set_index("industry").loc[panel["industry"], "location_quotient"].to_numpy()
    np.testing.assert_allclose(got, expected.to_numpy())
    assert (result["region_total"] == published).all()


def test_a_published_total_below_the_sum_of_its_industries_is_refused() -> None:
    panel, reference, _, _ = _goettingen_2017()
    with pytest.raises(ValueError, match="below the sum"):
        location_quotient(
            panel,
            reference=reference,
            region_totals=pd.DataFrame({"region": ["Goettingen"], "employment": [60000.0]}),
        )
