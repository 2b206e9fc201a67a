import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from samspill.analytics.specialisation import (
    HerfindahlIndex,
    ReferenceMismatchWarning,
    concentration_indices,
    gini,
    herfindahl,
    hoover,
    krugman_index,
    krugman_pairwise,
    location_quotient,
    location_quotient_gini,
    specialisation_indices,
    theil,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

REAT = SHARED / "reference" / "reat"
EXPECTED = json.loads((REAT / "expected" / "reat_expected.json").read_text(encoding="utf-8"))

GDP = [460.69, 549.19, 124.16, 65.29, 31.59, 109.27, 263.44, 39.87, 258.53, 645.59, 131.95,
       35.03, 112.66, 56.22, 85.61, 56.81]  # fmt: skip
POPULATION = [10879618, 12843514, 3520031, 2484826, 671489, 1787408, 6176172, 1612362, 7926599,
              17865516, 4052803, 995597, 4084851, 2245470, 2858714, 2170714]  # fmt: skip


def german_states() -> pd.DataFrame:
    data = pd.read_csv(REAT / "g_regions_industries.csv")
    return data.drop(columns="region").rename(
        columns={"region_code": "region", "ind_code": "industry", "emp_all": "employment"}
    )[["region", "industry", "employment"]]


def test_location_quotients_match_reat_locq2():
    expected = pd.read_csv(REAT / "expected" / "locq2_g_regions_industries.csv", index_col=0)

    result = location_quotient(german_states())

    wide = result.pivot(index="industry", columns="region", values="location_quotient")
    np.testing.assert_allclose(
        wide.loc[expected.index, expected.columns].to_numpy(),
        expected.to_numpy(),
        rtol=1e-9,
        atol=1e-9,
    )


def test_specialisation_indices_match_reat_spec():
    expected = pd.read_csv(REAT / "expected" / "spec_g_regions_industries_H_G_K.csv", index_col=0)

    result = specialisation_indices(german_states()).set_index("region")

    np.testing.assert_allclose(
        result.loc[expected.index, ["hoover", "gini", "krugman"]].to_numpy(),
        expected.to_numpy(),
        rtol=1e-9,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        result["krugman_reference"], 2 * result["hoover"], rtol=1e-9, atol=1e-9
    )


def test_concentration_indices_match_reat_conc():
    expected = pd.read_csv(REAT / "expected" / "conc_g_regions_industries_H_G_K.csv", index_col=0)

    result = concentration_indices(german_states()).set_index("industry")

    np.testing.assert_allclose(
        result.loc[expected.index, ["hoover", "gini", "krugman"]].to_numpy(),
        expected.to_numpy(),
        rtol=1e-9,
        atol=1e-9,
    )


def test_location_quotient_with_an_explicit_reference_matches_reat_locq():
    # locq(1714, 79006, 879213, 15593224): e_ij, e_j, e_i, e (Farhauer & Kröll 2013).
    panel = pd.DataFrame(
        {"region": ["j", "j"], "industry": ["i", "other"], "employment": [1714, 79006 - 1714]}
    )
    reference = pd.DataFrame(
        {"industry": ["i", "other"], "employment": [879213, 15593224 - 879213]}
    )

    result = location_quotient(panel, reference=reference).set_index("industry")

    np.testing.assert_allclose(
        result["location_quotient"]["i"], EXPECTED["locq_FK2013"][0], rtol=1e-9, atol=1e-9
    )


def test_vector_indices_match_reat():
    herf = herfindahl([20, 50, 20, 10])

    np.testing.assert_allclose(
        [herf.index, herf.normalised, herf.equivalent_number],
        EXPECTED["herf_Doersam_sales"],
        rtol=1e-9,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        herfindahl(GDP).index, EXPECTED["herf_DE_gdp2015"][0], rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(
        hoover(GDP, reference=POPULATION),
        EXPECTED["hoover_DE_gdp2015_vs_pop2015"][0],
        rtol=1e-9,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        [gini(GDP), gini(GDP, normalised=True)],
        EXPECTED["gini_DE_gdp2015_plain_normalized"],
        rtol=1e-9,
        atol=1e-9,
    )
    np.testing.assert_allclose(theil(GDP), EXPECTED["theil_DE_gdp2015"][0], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(
        location_quotient_gini(
            [700, 600, 500, 10000, 40000], reference=[30000, 15000, 10000, 60000, 50000]
        ),
        EXPECTED["gini.spec_FK2013"][0],
        rtol=1e-9,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        location_quotient_gini(
            pd.Series([500, 500, 1000, 7000, 1000]), reference=[20000, 15000, 20000, 40000, 5000]
        ),
        EXPECTED["gini.conc_FK2013"][0],
        rtol=1e-9,
        atol=1e-9,
    )
    assert krugman_index([20, 10, 70, 0, 0], reference=[0, 0, 0, 60, 40]) == pytest.approx(
        EXPECTED["krugman.spec_FK2013_modified"][0]
    )


def test_krugman_against_the_other_regions_matches_reat_krugman_spec2():
    countries = {
        "SE": [45000, 15000, 32000, 10000, 30000],
        "NO": [35000, 12000, 30000, 8000, 22000],
        "DK": [40000, 10000, 25000, 9000, 18000],
        "FI": [30000, 11000, 18000, 3000, 13000],
        "IS": [40000, 6000, 11000, 2000, 12000],
    }
    panel = pd.DataFrame(
        [
            (country, f"i{index}", value)
            for country, values in countries.items()
            for index, value in enumerate(values)
        ],
        columns=["region", "industry", "employment"],
    )

    result = specialisation_indices(panel).set_index("region")

    np.testing.assert_allclose(
        result["krugman"]["SE"],
        EXPECTED["krugman.spec2_Sweden_vs_mean_NO_DK_FI_IS"][0],
        rtol=1e-9,
        atol=1e-9,
    )


def test_krugman_pairwise_is_symmetric_with_a_zero_diagonal():
    panel = pd.DataFrame(
        {
            "region": ["a", "a", "b", "b"],
            "industry": ["x", "y", "x", "y"],
            "employment": [20.0, 0.0, 0.0, 40.0],
        }
    )

    result = krugman_pairwise(panel)

    assert result["b"]["a"] == result["a"]["b"] == 2
    assert result["a"]["a"] == 0


def test_theil_is_undefined_for_zero_values():
    assert math.isnan(theil([1.0, 0.0, 2.0]))


def test_additive_location_quotient_is_the_share_difference():
    result = location_quotient(german_states(), method="additive")

    first = result.iloc[0]
    expected = first["employment"] / first["reference_employment"] - (
        first["region_total"] / first["reference_total"]
    )
    np.testing.assert_allclose(first["location_quotient"], expected)


def test_undefined_location_quotients_are_nan_never_zero():
    panel = pd.DataFrame(
        {
            "region": ["a", "a", "empty", "empty"],
            "industry": ["x", "y", "x", "y"],
            "employment": [10.0, 5.0, 0.0, 0.0],
        }
    )
    reference = pd.DataFrame({"industry": ["x", "y", "z"], "employment": [100.0, 50.0, 0.0]})

    result = location_quotient(panel, reference=reference, minimum_employment=6).set_index(
        ["region", "industry"]
    )

    assert result["location_quotient"][("a", "x")] == pytest.approx(1.0)
    assert np.isnan(result["location_quotient"][("a", "y")])  # below the minimum
    assert np.isnan(result["location_quotient"][("a", "z")])  # e_i = 0
    assert result["location_quotient"]["empty"].isna().all()  # e_j = 0


def test_a_region_exceeding_the_reference_warns_and_gets_nan():
    panel = pd.DataFrame({"region": ["a", "a"], "industry": ["x", "y"], "employment": [10.0, 5.0]})
    reference = pd.DataFrame({"industry": ["x", "y"], "employment": [5.0, 50.0]})

    with pytest.warns(ReferenceMismatchWarning):
        result = location_quotient(panel, reference=reference)

    assert np.isnan(result["location_quotient"].iloc[0])


def test_z_scores_standardise_per_industry():
    result = location_quotient(german_states())

    by_industry = result.groupby("industry")["z_score"]
    np.testing.assert_allclose(by_industry.mean(), 0, atol=1e-12)
    np.testing.assert_allclose(by_industry.std(), 1, atol=1e-12)
    assert result["log_z_score"][result["location_quotient"] == 0].isna().all()


def test_invalid_inputs_are_rejected():
    panel = german_states()

    with pytest.raises(ValueError, match="method"):
        location_quotient(panel, method="ratio")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duplicate"):
        location_quotient(pd.concat([panel, panel.head(1)]))
    with pytest.raises(ValueError, match="missing column"):
        location_quotient(panel, reference=pd.DataFrame({"industry": ["x"]}))


def test_herfindahl_of_equal_shares():
    assert herfindahl([1, 1, 1, 1]) == HerfindahlIndex(
        index=0.25, normalised=0.0, equivalent_number=4.0
    )


def test_empty_regions_have_no_specialisation():
    panel = pd.DataFrame(
        {
            "region": ["a", "a", "b", "b", "c", "c"],
            "industry": ["x", "y"] * 3,
            "employment": [10.0, 5.0, 0.0, 0.0, 3.0, 9.0],
        }
    )

    result = specialisation_indices(panel).set_index("region")

    assert result.loc["b"].isna().all()
    assert result.loc["a"].notna().all()


matrices = arrays(
    dtype=np.float64,
    shape=st.tuples(st.integers(1, 6), st.integers(1, 6)),
    elements=st.integers(1, 10_000).map(float),
)


@settings(max_examples=50, deadline=None)
@given(matrices)
def test_the_location_quotients_of_the_reference_itself_are_one(matrix):
    regions, industries = matrix.shape
    panel = pd.DataFrame(
        [(f"r{r}", f"i{i}", matrix[r, i]) for r in range(regions) for i in range(industries)],
        columns=["region", "industry", "employment"],
    )
    reference = panel.groupby("industry")["employment"].sum().reset_index()
    with_reference_as_region = pd.concat(
        [panel, reference.assign(region="reference")], ignore_index=True
    )

    result = location_quotient(with_reference_as_region, reference=reference)
    indices = specialisation_indices(with_reference_as_region, reference=reference)

    own = result["location_quotient"][result["region"] == "reference"]
    np.testing.assert_allclose(own, 1.0, rtol=1e-12)
    weighted = (result["location_quotient"] * result["employment"]).groupby(result["region"]).sum()
    np.testing.assert_allclose(weighted.loc["reference"], reference["employment"].sum(), rtol=1e-9)
    reference_row = indices.set_index("region").loc["reference"]
    assert reference_row["hoover"] == pytest.approx(0, abs=1e-12)
    assert reference_row["gini"] == pytest.approx(0, abs=1e-12)
    assert (indices["hoover"] <= 1 + 1e-12).all()
    assert (indices["krugman_reference"] <= 2 + 1e-12).all()


def test_degenerate_vectors_give_nan_not_warnings():
    assert math.isnan(gini([0, 0, 0]))
    assert math.isnan(gini([5], normalised=True))
    assert math.isnan(herfindahl([0, 0]).index)
    assert math.isnan(herfindahl([3]).normalised)
    assert math.isnan(hoover([0, 0], reference=[1, 1]))
    assert math.isnan(location_quotient_gini([1, 2], reference=[0, 0]))
    with pytest.raises(ValueError, match="non-empty"):
        theil([])
    with pytest.raises(ValueError, match="without NaN"):
        gini([1.0, float("nan")])


def test_a_single_region_has_no_krugman_against_others():
    panel = pd.DataFrame({"region": ["a", "a"], "industry": ["x", "y"], "employment": [1.0, 2.0]})

    result = specialisation_indices(panel)

    assert math.isnan(result["krugman"].iloc[0])
    assert result["hoover"].iloc[0] == 0


def test_empty_panels_and_references_are_rejected():
    panel = pd.DataFrame({"region": ["a", "a"], "industry": ["x", "y"], "employment": [1.0, 2.0]})

    with pytest.raises(ValueError, match="empty"):
        location_quotient(panel.head(0))
    with pytest.raises(ValueError, match="no employment"):
        specialisation_indices(panel.assign(employment=0.0))
