import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from samspill.analytics.shift_share import (
    ReferenceMismatchWarning,
    classic_shift_share,
    dynamic_shift_share,
    esteban_marquillas_shift_share,
    gerfin_shift_share,
    industry_shift_share,
    shift_share_prognosis,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

REAT = SHARED / "reference" / "reat"
EXPECTED = json.loads((REAT / "expected" / "reat_expected.json").read_text(encoding="utf-8"))

# Farhauer & Kröll (2013) example from REAT man/shift.Rd and man/shiftd.Rd (years 2000-2002).
NATION = {2000: (400, 150, 150, 400), 2001: (440, 210, 135, 480), 2002: (460, 230, 155, 500)}
REGIONS = {
    "A": {2000: (90, 20, 10, 60), 2001: (100, 40, 10, 55), 2002: (105, 45, 15, 60)},
    "B": {2000: (60, 30, 30, 40), 2001: (85, 55, 40, 35)},
    "C": {2000: (250, 100, 110, 300), 2001: (255, 115, 85, 390)},
}
REAT_NAMES = {
    "Growth (t1-t)": "change",
    "National share": "national_share",
    "Industrial mix": "industry_mix",
    "Regional share": "regional_share",
    "Net total shift": "net_total_shift",
    "Allocation effect": "allocation_effect",
}


def long_panel(
    regions: Mapping[Any, Mapping[int, Sequence[float]]],
    industries: Sequence[str] = ("1", "2", "3", "4"),
) -> pd.DataFrame:
    rows = [
        (region, industry, year, float(value))
        for region, by_year in regions.items()
        for year, values in by_year.items()
        for industry, value in zip(industries, values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["region", "industry", "year", "employment"])


def reference_frame(
    by_year: Mapping[int, Sequence[float]], industries: Sequence[str] = ("1", "2", "3", "4")
) -> pd.DataFrame:
    return long_panel({"nation": by_year}, industries).drop(columns="region")


PANEL = long_panel(REGIONS)
REFERENCE = reference_frame(NATION)


def expected_rows(case: str) -> dict[str, float]:
    return {REAT_NAMES[name]: value for name, value in EXPECTED[case].items()}


@pytest.mark.parametrize("region", ["A", "B", "C"])
def test_dunn_matches_reat(region):
    result = classic_shift_share(PANEL, start_year=2000, end_year=2001, reference=REFERENCE)

    row = result.set_index("region").loc[region]
    for column, value in expected_rows(f"FK2013_region{region}_Dunn").items():
        np.testing.assert_allclose(row[column], value, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("region", ["A", "B", "C"])
def test_esteban_marquillas_matches_reat(region):
    result = esteban_marquillas_shift_share(
        PANEL, start_year=2000, end_year=2001, reference=REFERENCE
    )

    row = result.set_index("region").loc[region]
    for column, value in expected_rows(f"FK2013_region{region}_Esteban").items():
        np.testing.assert_allclose(row[column], value, rtol=1e-9, atol=1e-9)
    assert row["new_industry_effect"] == 0


@pytest.mark.parametrize("region", ["A", "B", "C"])
def test_gerfin_matches_reat(region):
    result = gerfin_shift_share(PANEL, start_year=2000, end_year=2001, reference=REFERENCE)

    row = result.set_index("region").loc[region]
    for column, value in expected_rows(f"FK2013_region{region}_Gerfin").items():
        np.testing.assert_allclose(row[column], value, rtol=1e-9, atol=1e-9)


def test_dynamic_dunn_matches_reat_shiftd():
    region_a = PANEL.loc[PANEL["region"] == "A"]

    result = dynamic_shift_share(region_a, start_year=2000, end_year=2002, reference=REFERENCE)

    total = result.total.iloc[0]
    for column, value in expected_rows("FK2013_regionA_shiftd_Dunn_2000_2002").items():
        np.testing.assert_allclose(total[column], value, rtol=1e-9, atol=1e-9)
    second = result.by_period.set_index("start_year").loc[2001]
    np.testing.assert_allclose(
        second[["change", "national_share", "industry_mix", "regional_share"]].to_numpy(float),
        [20, 12.9644268775, -0.8363003743, 7.8718734969],
        atol=1e-9,
    )
    assert total["periods"] == 2
    assert total["empty_periods"] == 0


def test_dynamic_gerfin_mean_matches_reat_shiftd():
    region_a = PANEL.loc[PANEL["region"] == "A"]

    result = dynamic_shift_share(
        region_a, start_year=2000, end_year=2002, reference=REFERENCE, method="gerfin"
    )

    total = result.total.iloc[0]
    for column, value in expected_rows("FK2013_regionA_shiftd_Gerfin_mean_2000_2002").items():
        np.testing.assert_allclose(total[column], value, rtol=1e-9, atol=1e-9)


def test_dynamic_gerfin_sum_adds_the_yearly_ratios():
    region_a = PANEL.loc[PANEL["region"] == "A"]

    result = dynamic_shift_share(
        region_a,
        start_year=2000,
        end_year=2002,
        reference=REFERENCE,
        method="gerfin",
        gerfin_aggregation="sum",
    )

    np.testing.assert_allclose(
        result.total["regional_share"].iloc[0], result.by_period["regional_share"].sum()
    )


def test_dynamic_esteban_marquillas_components_add_up_to_the_change():
    region_a = PANEL.loc[PANEL["region"] == "A"]

    total = dynamic_shift_share(
        region_a,
        start_year=2000,
        end_year=2002,
        reference=REFERENCE,
        method="esteban_marquillas",
    ).total.iloc[0]

    parts = ["national_share", "industry_mix", "regional_share", "allocation_effect"]
    np.testing.assert_allclose(total[parts].sum() + total["new_industry_effect"], 45)


def test_industry_shift_share_matches_reat_shifti():
    region_a = PANEL.loc[PANEL["region"] == "A"]

    result = industry_shift_share(region_a, start_year=2000, end_year=2001, reference=REFERENCE)

    assert result["change"].tolist() == [10, 20, 0, -5]
    np.testing.assert_allclose(result["expected_change"], [9, 8, -1, 12], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(result["regional_share"], [1, 12, 1, -17], rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("region", [1, 2, 3])
def test_prognosis_matches_reat_shiftp(region):
    # Spiekermann & Wegener (2008) data from REAT man/shiftp.Rd.
    regions = {
        1: {2000: (1400, 3600), 2006: (1000, 4400)},
        2: {2000: (1200, 1800), 2006: (1100, 3700)},
        3: {2000: (1100, 900), 2006: (800, 1000)},
    }
    industries = ("x", "y")
    panel = long_panel({region: regions[region]}, industries)
    reference = reference_frame({2000: (3700, 6300), 2006: (2900, 9100)}, industries)
    forecast = pd.DataFrame({"industry": ["x", "y"], "employment": [2500.0, 12500.0]})

    result = shift_share_prognosis(
        panel,
        start_year=2000,
        end_year=2006,
        reference=reference,
        reference_forecast=forecast,
    )
    gerfin = gerfin_shift_share(panel, start_year=2000, end_year=2006, reference=reference)

    expected = EXPECTED[f"SpiekermannWegener2008_r{region}_shiftp_prog2010"]
    np.testing.assert_allclose(result["forecast"], expected, rtol=1e-9, atol=1e-9)
    for column, value in expected_rows(f"SpiekermannWegener2008_r{region}_shiftp_Gerfin").items():
        np.testing.assert_allclose(gerfin[column].iloc[0], value, rtol=1e-9, atol=1e-9)


def test_a_new_regional_industry_is_wholly_regional_share():
    # ANALYTICS.md §1.8: REAT gives RS = NaN here; the spec asks for RS = 1.0 = NTS − IM.
    panel = long_panel({"new": {2000: (0, 20, 10, 60), 2001: (5, 40, 10, 55)}})

    dunn = classic_shift_share(panel, start_year=2000, end_year=2001, reference=REFERENCE)
    estimated = esteban_marquillas_shift_share(
        panel, start_year=2000, end_year=2001, reference=REFERENCE
    )

    row = dunn.iloc[0]
    np.testing.assert_allclose(
        row[
            ["change", "national_share", "industry_mix", "regional_share", "net_total_shift"]
        ].to_numpy(float),
        [20, 13.5, 5.5, 1.0, 6.5],
        rtol=1e-9,
        atol=1e-9,
    )
    assert row["new_industries"] == 1
    assert row["new_industry_employment"] == 5
    em = estimated.iloc[0]
    assert em["new_industry_effect"] == 5
    np.testing.assert_allclose(
        em[["national_share", "industry_mix", "regional_share", "allocation_effect"]].sum() + 5,
        20,
        rtol=1e-9,
        atol=1e-9,
    )


def test_an_empty_region_gets_nan_components_and_a_flag():
    panel = long_panel({"empty": {2000: (0, 0, 0, 0), 2001: (3, 0, 0, 0)}, **REGIONS})

    result = classic_shift_share(panel, start_year=2000, end_year=2001, reference=REFERENCE)
    gerfin = gerfin_shift_share(panel, start_year=2000, end_year=2001, reference=REFERENCE)

    row = result.set_index("region").loc["empty"]
    assert row["empty_region"]
    assert row["change"] == 3
    assert row[["national_share", "industry_mix", "regional_share", "growth_rate"]].isna().all()
    assert gerfin.set_index("region").loc["empty", ["industry_mix", "regional_share"]].isna().all()


def test_an_industry_without_reference_base_is_flagged_and_expected_at_the_national_rate():
    # Industry "5" has no reference employment at the start; the region has it in both years.
    panel = long_panel(
        {"A": {2000: (90, 20, 10, 60, 10), 2001: (100, 40, 10, 55, 12)}},
        ("1", "2", "3", "4", "5"),
    )
    reference = reference_frame(
        {2000: (400, 150, 150, 400, 0), 2001: (440, 210, 135, 480, 0)}, ("1", "2", "3", "4", "5")
    )

    with pytest.warns(ReferenceMismatchWarning):
        result = classic_shift_share(panel, start_year=2000, end_year=2001, reference=reference)

    row = result.iloc[0]
    assert row["industries_without_reference_base"] == 1
    np.testing.assert_allclose(
        row[["national_share", "industry_mix", "regional_share"]].sum(), row["change"]
    )


def test_a_closed_industry_gives_a_negative_regional_share():
    panel = long_panel({"closing": {2000: (90, 20, 10, 60), 2001: (90, 20, 0, 60)}})

    row = classic_shift_share(panel, start_year=2000, end_year=2001, reference=REFERENCE).iloc[0]

    assert row["closed_industries"] == 1
    assert row["regional_share"] < 0


def test_industries_are_aligned_on_the_union_of_codes():
    panel = pd.DataFrame(
        {
            "region": ["r", "r", "r"],
            "industry": ["1", "2", "3"],
            "year": [2000, 2000, 2001],
            "employment": [10.0, 5.0, 20.0],
        }
    )

    result = classic_shift_share(panel, start_year=2000, end_year=2001)

    row = result.iloc[0]
    assert row["change"] == 5
    assert row["closed_industries"] == 2
    assert row["new_industries"] == 1
    np.testing.assert_allclose(
        row[["national_share", "industry_mix", "regional_share"]].sum(), row["change"]
    )


def test_small_regions_get_no_rates():
    result = classic_shift_share(
        PANEL, start_year=2000, end_year=2001, reference=REFERENCE, minimum_base_employment=170
    ).set_index("region")

    assert result["small_region"]["B"]
    assert np.isnan(result["growth_rate"]["B"])
    assert not result["small_region"]["C"]
    np.testing.assert_allclose(result["growth_rate"]["C"], 85 / 760)


def test_the_default_reference_is_the_sum_of_the_regions():
    summed = PANEL.groupby(["industry", "year"])["employment"].sum().reset_index()

    implicit = classic_shift_share(PANEL, start_year=2000, end_year=2001)
    explicit = classic_shift_share(PANEL, start_year=2000, end_year=2001, reference=summed)

    pd.testing.assert_frame_equal(implicit, explicit)


def test_categorical_codes_give_the_same_result_as_strings():
    categorical = PANEL.astype({"region": "category", "industry": "category"})

    from_strings = classic_shift_share(PANEL, start_year=2000, end_year=2001, reference=REFERENCE)
    from_categories = classic_shift_share(
        categorical, start_year=2000, end_year=2001, reference=REFERENCE
    )

    pd.testing.assert_frame_equal(
        from_categories.astype({"region": "str"}), from_strings, check_dtype=False
    )


def test_a_region_larger_than_the_reference_warns():
    reference = REFERENCE.assign(employment=REFERENCE["employment"] / 10)

    with pytest.warns(ReferenceMismatchWarning, match="superset"):
        classic_shift_share(PANEL, start_year=2000, end_year=2001, reference=reference)


def test_inputs_are_not_mutated():
    before = PANEL.copy()

    classic_shift_share(PANEL, start_year=2000, end_year=2001, reference=REFERENCE)
    dynamic_shift_share(PANEL, start_year=2000, end_year=2001, reference=REFERENCE)

    pd.testing.assert_frame_equal(PANEL, before)


@pytest.mark.parametrize(
    ("panel", "message"),
    [
        (PANEL.drop(columns="employment"), "missing column"),
        (pd.concat([PANEL, PANEL.head(1)]), "duplicate"),
        (PANEL.assign(employment=-PANEL["employment"]), "negative"),
        (PANEL.assign(employment=np.nan), "missing values"),
        (PANEL.assign(year=1990), "no rows"),
    ],
)
def test_invalid_panels_are_rejected(panel, message):
    with pytest.raises(ValueError, match=message):
        classic_shift_share(panel, start_year=2000, end_year=2001, reference=REFERENCE)


def test_invalid_years_and_references_are_rejected():
    with pytest.raises(ValueError, match="regions have no employment"):
        classic_shift_share(PANEL.assign(employment=0.0), start_year=2000, end_year=2001)
    with pytest.raises(ValueError, match="must be after"):
        classic_shift_share(PANEL, start_year=2001, end_year=2000)
    with pytest.raises(ValueError, match="no employment"):
        classic_shift_share(
            PANEL, start_year=2000, end_year=2001, reference=REFERENCE.assign(employment=0.0)
        )
    with pytest.raises(ValueError, match="missing column"):
        classic_shift_share(
            PANEL, start_year=2000, end_year=2001, reference=REFERENCE.drop(columns="year")
        )
    with pytest.raises(ValueError, match="missing column"):
        shift_share_prognosis(
            PANEL,
            start_year=2000,
            end_year=2001,
            reference_forecast=pd.DataFrame({"industry": ["1"]}),
        )


def test_invalid_dynamic_arguments_are_rejected():
    with pytest.raises(ValueError, match="method"):
        dynamic_shift_share(PANEL, start_year=2000, end_year=2001, method="arcelus")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="gerfin_aggregation"):
        dynamic_shift_share(
            PANEL,
            start_year=2000,
            end_year=2001,
            method="gerfin",
            gerfin_aggregation="median",  # type: ignore[arg-type]
        )
    with pytest.raises(ValueError, match="must contain both"):
        dynamic_shift_share(PANEL, start_year=2000, end_year=2005)


def test_goettingen_dynamic_decomposition_covers_every_year_pair():
    # REAT's man-page call is off by one (ANALYTICS.md §1.8); we use 2008→2017 properly.
    data = pd.read_csv(REAT / "goettingen.csv")
    sections = data.loc[data["WZ2008_Code"] != "A-R"]
    years = range(2008, 2018)
    panel = pd.DataFrame(
        [
            ("Goettingen", row["WZ2008_Code"], year, row[f"Goettingen{year}"])
            for _, row in sections.iterrows()
            for year in years
        ],
        columns=["region", "industry", "year", "employment"],
    )
    reference = pd.DataFrame(
        [
            (row["WZ2008_Code"], year, row[f"BRD{year}"])
            for _, row in sections.iterrows()
            for year in years
        ],
        columns=["industry", "year", "employment"],
    )

    result = dynamic_shift_share(panel, start_year=2008, end_year=2017, reference=reference)

    total = result.total.iloc[0]
    assert total["periods"] == 9
    # Sections sum to 67,283 in 2017 although the published total is 69,403 (suppressed cells).
    assert total["end_employment"] == 67_283
    np.testing.assert_allclose(
        total[["national_share", "industry_mix", "regional_share"]].sum(), total["change"]
    )
    np.testing.assert_allclose(result.by_period["change"].sum(), total["change"])


def test_freiburg_static_decomposition_adds_up():
    data = pd.read_csv(REAT / "freiburg.csv")
    panel = pd.concat(
        [
            pd.DataFrame(
                {
                    "region": "Freiburg",
                    "industry": data["industry"],
                    "year": year,
                    "employment": data[f"e_Freiburg{year}"],
                }
            )
            for year in (2008, 2014)
        ]
    )
    reference = pd.concat(
        [
            pd.DataFrame(
                {"industry": data["industry"], "year": year, "employment": data[f"e_Germany{year}"]}
            )
            for year in (2008, 2014)
        ]
    )

    row = classic_shift_share(panel, start_year=2008, end_year=2014, reference=reference).iloc[0]

    np.testing.assert_allclose(
        row[["national_share", "industry_mix", "regional_share"]].sum(), row["change"]
    )
    np.testing.assert_allclose(row["net_total_shift"], row["industry_mix"] + row["regional_share"])


employment_cubes = arrays(
    dtype=np.float64,
    shape=st.tuples(st.integers(1, 5), st.integers(1, 6), st.integers(2, 4)),
    elements=st.one_of(st.just(0.0), st.integers(0, 10_000).map(float)),
)


def cube_panel(cube: np.ndarray) -> pd.DataFrame:
    regions, industries, years = cube.shape
    index = pd.MultiIndex.from_product(
        [
            [f"r{r}" for r in range(regions)],
            [f"i{i}" for i in range(industries)],
            list(range(2000, 2000 + years)),
        ],
        names=["region", "industry", "year"],
    )
    return pd.DataFrame({"employment": cube.ravel()}, index=index).reset_index()


@settings(max_examples=60, deadline=None)
@given(employment_cubes)
def test_components_always_add_up_to_the_actual_change(cube):
    panel = cube_panel(cube)
    last = 2000 + cube.shape[2] - 1
    if panel.groupby("year")["employment"].sum().min() <= 0:
        return

    dunn = classic_shift_share(panel, start_year=2000, end_year=last)
    em = esteban_marquillas_shift_share(panel, start_year=2000, end_year=last)
    gerfin = gerfin_shift_share(panel, start_year=2000, end_year=last)
    dynamic = dynamic_shift_share(panel, start_year=2000, end_year=last).total
    per_industry = industry_shift_share(panel, start_year=2000, end_year=last)

    valid = ~dunn["empty_region"]
    parts = dunn.loc[valid, ["national_share", "industry_mix", "regional_share"]].sum(axis=1)
    np.testing.assert_allclose(parts, dunn["change"][valid], rtol=1e-9, atol=1e-6)
    em_parts = em.loc[
        valid,
        [
            "national_share",
            "industry_mix",
            "regional_share",
            "allocation_effect",
            "new_industry_effect",
        ],
    ].sum(axis=1)
    np.testing.assert_allclose(em_parts, em["change"][valid], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(dynamic["change"], dunn["change"], rtol=1e-9, atol=1e-6)
    positive = valid & (gerfin["expected_end_employment"] > 0)
    np.testing.assert_allclose(
        gerfin["industry_mix"][positive] * gerfin["regional_share"][positive],
        gerfin["net_total_shift"][positive],
        rtol=1e-9,
    )
    summed = per_industry.groupby("region")[
        ["national_share", "industry_mix", "regional_share"]
    ].sum()
    summed = summed.reindex(dunn["region"], fill_value=0.0)
    np.testing.assert_allclose(
        summed.loc[valid.to_numpy()].to_numpy(),
        dunn.loc[valid, ["national_share", "industry_mix", "regional_share"]].to_numpy(),
        rtol=1e-9,
        atol=1e-6,
    )


def test_the_array_form_gives_the_frame_form_components():
    from samspill.analytics.shift_share import dunn_shift_share_arrays

    generator = np.random.default_rng(7)
    start = generator.integers(0, 500, size=(6, 5)).astype(float)
    end = generator.integers(0, 500, size=(6, 5)).astype(float)
    start[2] = 0.0  # an empty region: NaN components, as in the frame form
    rows = [
        {"region": f"r{r}", "industry": f"i{i}", "year": year, "employment": values[r, i]}
        for year, values in ((2016, start), (2025, end))
        for r in range(6)
        for i in range(5)
    ]
    frame = classic_shift_share(pd.DataFrame(rows), start_year=2016, end_year=2025)

    arrays = dunn_shift_share_arrays(start, end)

    for column in ("national_share", "industry_mix", "regional_share", "change"):
        np.testing.assert_allclose(arrays[column], frame[column].to_numpy(), equal_nan=True)
    with pytest.raises(ValueError, match="negative"):
        dunn_shift_share_arrays(-start, end)
