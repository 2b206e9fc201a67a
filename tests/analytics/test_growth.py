import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samspill.analytics.growth import (
    annual_growth,
    growth_against_reference,
    indexed_growth,
    period_growth,
)

OBSERVATIONS = pd.DataFrame(
    {
        "area": ["3808", "3808", "3808", "3006", "3006", "3006"],
        "year": [2020, 2021, 2023, 2020, 2021, 2023],
        "value": [100.0, 110.0, 121.0, 50.0, 50.0, 40.0],
    }
)


def test_indexed_growth_sets_the_base_year_to_100():
    result = indexed_growth(OBSERVATIONS, base_year=2020)

    np.testing.assert_allclose(result["index"], [100, 110, 121, 100, 100, 80], rtol=1e-12)
    assert (result["index"][result["year"] == 2020] == 100).all()


def test_an_area_without_a_positive_base_value_has_no_index():
    observations = pd.DataFrame({"area": ["a", "a"], "year": [2020, 2021], "value": [0.0, 5.0]})

    result = indexed_growth(observations, base_year=2020)

    assert result["index"].isna().all()


def test_annual_growth_compounds_over_gaps():
    result = annual_growth(OBSERVATIONS).set_index(["area", "year"])

    assert math.isnan(result["growth_rate"][("3808", 2020)])
    assert result["growth_rate"][("3808", 2021)] == pytest.approx(0.1)
    assert result["growth_rate"][("3808", 2023)] == pytest.approx(0.1)
    assert result["annual_rate"][("3808", 2023)] == pytest.approx(1.1**0.5 - 1)
    assert result["change"][("3006", 2023)] == -10


def test_period_growth_gives_simple_and_compound_rates():
    result = period_growth(OBSERVATIONS, start_year=2020, end_year=2023).set_index("area")

    assert result["growth_rate"]["3808"] == pytest.approx(0.21)
    assert result["simple_annual_rate"]["3808"] == pytest.approx(0.07)
    assert result["compound_annual_rate"]["3808"] == pytest.approx(1.21 ** (1 / 3) - 1)
    assert result["change"]["3006"] == -10


def test_growth_against_one_reference_series():
    norway = pd.DataFrame({"year": [2020, 2021, 2023], "value": [1000.0, 1050.0, 1100.0]})

    result = growth_against_reference(OBSERVATIONS, reference=norway, base_year=2020)

    row = result.set_index(["area", "year"]).loc[[("3808", 2023)]].iloc[0]
    assert row["reference_index"] == pytest.approx(110)
    assert row["index_difference"] == pytest.approx(11)
    assert row["relative_index"] == pytest.approx(110)


def test_growth_against_each_areas_own_reference():
    counties = pd.DataFrame(
        {
            "area": ["40", "40", "40", "33", "33", "33"],
            "year": [2020, 2021, 2023] * 2,
            "value": [100.0, 100.0, 100.0, 10.0, 11.0, 12.0],
        }
    )

    result = growth_against_reference(
        OBSERVATIONS, reference=counties, base_year=2020, reference_of={"3808": "40", "3006": "33"}
    ).set_index(["area", "year"])

    assert result["reference_area"][("3808", 2023)] == "40"
    assert result["index_difference"][("3808", 2023)] == pytest.approx(21)
    assert result["index_difference"][("3006", 2023)] == pytest.approx(80 - 120)


def test_invalid_inputs_are_rejected():
    with pytest.raises(ValueError, match="more than one row"):
        indexed_growth(pd.concat([OBSERVATIONS, OBSERVATIONS]), base_year=2020)
    with pytest.raises(ValueError, match="must be after"):
        period_growth(OBSERVATIONS, start_year=2023, end_year=2020)
    with pytest.raises(ValueError, match="both"):
        period_growth(OBSERVATIONS, start_year=2020, end_year=2022)
    with pytest.raises(ValueError, match="per year"):
        growth_against_reference(
            OBSERVATIONS, reference=OBSERVATIONS.drop(columns="area"), base_year=2020
        )
    with pytest.raises(ValueError, match="no reference area"):
        growth_against_reference(
            OBSERVATIONS, reference=OBSERVATIONS, base_year=2020, reference_of={"3808": "3808"}
        )


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(1, 1e6), min_size=2, max_size=10))
def test_the_base_year_is_100_and_the_reference_against_itself_is_flat(values):
    observations = pd.DataFrame(
        {"area": "a", "year": range(2000, 2000 + len(values)), "value": values}
    )

    result = growth_against_reference(
        observations, reference=observations.drop(columns="area"), base_year=2000
    )

    assert result["index"].iloc[0] == 100
    np.testing.assert_allclose(result["index_difference"], 0, atol=1e-9)
    np.testing.assert_allclose(result["relative_index"], 100)
