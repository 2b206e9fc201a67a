from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samspill.analytics.commuting import (
    commuting_indicators,
    indicator_trend,
    new_jobs_residence_allocation,
    new_residents_workplace_allocation,
    pairwise_integration,
    region_commuting_indicators,
    region_integration,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

PENDLING = SHARED / "data" / "pendling"
GJOVIK_REGION = ["3407", "3442", "3443", "3447", "3448"]


def real_flows(*years: int) -> pd.DataFrame:
    frames = [
        pd.read_csv(
            PENDLING / f"pendling_03321_{year}.csv",
            dtype={"bosted_knr": str, "arbeidssted_knr": str},
        )
        for year in years
    ]
    return pd.concat(frames, ignore_index=True).rename(
        columns={
            "aar": "year",
            "bosted_knr": "residence",
            "arbeidssted_knr": "workplace",
            "sysselsatte": "employed",
        }
    )


def municipality_totals() -> pd.DataFrame:
    return pd.read_csv(PENDLING / "kommune_sysselsatte_11618_2017_2022.csv", dtype={"knr": str})


# a lives and works 80 at home, 20 commute to b; b: 30 at home, 10 to a; c only works (from b: 5)
SMALL = pd.DataFrame(
    {
        "year": [2020] * 5,
        "residence": ["a", "a", "b", "b", "b"],
        "workplace": ["a", "b", "b", "a", "c"],
        "employed": [80.0, 20.0, 30.0, 10.0, 5.0],
    }
)


def test_indicators_of_a_small_matrix():
    result = commuting_indicators(SMALL).set_index("area")

    a = result.loc["a"]
    assert (a["employed_residents"], a["jobs"], a["internal"]) == (100, 90, 80)
    assert (a["out_commuters"], a["in_commuters"], a["net_commuting"]) == (20, 10, -10)
    assert a["supply_self_containment"] == pytest.approx(0.8)
    assert a["demand_self_containment"] == pytest.approx(80 / 90)
    assert a["minimum_self_containment"] == pytest.approx(0.8)
    assert a["job_ratio"] == pytest.approx(0.9)
    c = result.loc["c"]
    assert c["no_residents"]
    assert np.isnan(c["supply_self_containment"])
    assert c["demand_self_containment"] == 0  # a missing self-flow is a valid 0
    assert np.isnan(c["minimum_self_containment"])


def test_region_indicators_treat_member_flows_as_internal():
    result = region_commuting_indicators(SMALL, region_of={"a": "ab", "b": "ab"}).set_index("area")

    ab = result.loc["ab"]
    assert ab["employed_residents"] == 145
    assert ab["jobs"] == 140
    assert ab["internal"] == 140
    assert ab["cross_commuting"] == 30
    assert ab["out_commuters"] == 5
    assert ab["commuter_percent"] == pytest.approx((5 + 0) / 280)
    assert ab["internal_cohesion_flows"] == pytest.approx(100 * 30 / 140)
    assert ab["members"] == 2


def test_pairwise_integration_of_a_small_matrix():
    row = pairwise_integration(SMALL, first="a", second="b").iloc[0]

    assert (row["first_to_second"], row["second_to_first"]) == (20, 10)
    assert row["first_residents_share"] == pytest.approx(0.2)
    assert row["second_residents_share"] == pytest.approx(10 / 45)
    assert row["first_jobs_share"] == pytest.approx(10 / 90)
    assert row["second_jobs_share"] == pytest.approx(20 / 50)
    assert row["combined_share"] == pytest.approx(30 / 145)
    assert row["tie_strength"] == pytest.approx(20**2 / (100 * 50) + 10**2 / (45 * 90))


def test_pairwise_integration_with_a_unit_without_residents():
    row = pairwise_integration(SMALL, first="c", second="a").iloc[0]

    assert np.isnan(row["first_residents_share"])
    assert row["tie_strength"] == 0


def test_region_integration_counts_links_between_members():
    result = region_integration(SMALL, members=["a", "b", "c"]).iloc[0]

    assert result["internal_cohesion_links"] == pytest.approx(3 / 6)
    assert result["cross_commuting_share"] == pytest.approx(35 / 145)


def test_invalid_arguments_are_rejected():
    with pytest.raises(ValueError, match="two different"):
        pairwise_integration(SMALL, first="a", second="a")
    with pytest.raises(ValueError, match="at least two"):
        region_integration(SMALL, members=["a", "a"])
    with pytest.raises(ValueError, match="missing column"):
        commuting_indicators(SMALL.drop(columns="year"))
    with pytest.raises(ValueError, match=">= 0"):
        new_jobs_residence_allocation(SMALL, workplace="a", jobs=-1)
    with pytest.raises(ValueError, match="confidence"):
        new_jobs_residence_allocation(SMALL, workplace="a", jobs=10, confidence=1.0)
    with pytest.raises(ValueError, match="no observed flows"):
        new_jobs_residence_allocation(SMALL, workplace="zzz", jobs=10)
    with pytest.raises(ValueError, match="no observed flows"):
        new_jobs_residence_allocation(SMALL, workplace="a", jobs=10, years=[2020, 2021])


def test_indicator_trend_fits_a_line_per_area():
    indicators = pd.DataFrame(
        {
            "area": ["a"] * 3 + ["b"],
            "year": [2020, 2021, 2022, 2020],
            "share": [0.1, 0.2, 0.3, 0.5],
        }
    )

    result = indicator_trend(indicators, columns=["share"]).set_index("area")

    assert result["slope_per_year"]["a"] == pytest.approx(0.1)
    assert result["change"]["a"] == pytest.approx(0.2)
    assert result["years"]["a"] == 3
    assert np.isnan(result["slope_per_year"]["b"])


def test_new_jobs_are_allocated_by_the_observed_pattern():
    result = new_jobs_residence_allocation(SMALL, workplace="a", jobs=9).set_index("residence")

    assert result["share"]["a"] == pytest.approx(80 / 90)
    assert result["allocated"]["a"] == pytest.approx(8)
    assert result["allocated_rounded"].sum() == 9
    assert result["years"].eq(1).all()
    assert result["share_between_years_sd"].isna().all()


def test_new_residents_are_allocated_to_workplaces():
    result = new_residents_workplace_allocation(SMALL, residence="b", residents=45).set_index(
        "workplace"
    )

    assert result["allocated"].to_dict() == pytest.approx({"b": 30, "a": 10, "c": 5})


# ---- real Norwegian commuting matrices (SSB table 03321 via statisticsnorway/pendling) ----


def test_trondheim_2022_marginals_match_ssb_table_11618():
    flows = real_flows(2022)
    totals = municipality_totals().query("aar == 2022").set_index("knr")

    trondheim = commuting_indicators(flows).set_index("area").loc["5001"]

    assert trondheim["jobs"] == totals["sysselsatte_15_74_arbeidssted"]["5001"] == 130_629
    assert trondheim["employed_residents"] == 115_494
    assert trondheim["internal"] == 101_315
    assert trondheim["employed_residents"] <= totals["sysselsatte_15_74_bosted"]["5001"]
    assert trondheim["commuting_centre"]
    assert trondheim["job_ratio"] == pytest.approx(130_629 / 115_494)


@pytest.mark.parametrize(
    ("year", "national_total"),
    [(2017, 2_609_737), (2018, 2_667_158), (2020, 2_673_248), (2021, 2_753_966), (2022, 2_809_789)],
)
def test_jobs_equal_the_published_workplace_totals_in_every_municipality(year, national_total):
    flows = real_flows(year)
    totals = municipality_totals().query("aar == @year").set_index("knr")

    result = commuting_indicators(flows).set_index("area")

    assert result["jobs"].sum() == result["employed_residents"].sum() == national_total
    published = totals["sysselsatte_15_74_arbeidssted"].reindex(result.index)
    assert (result["jobs"] == published).all()
    # Row sums miss people working offshore, on Svalbard or at an unknown place.
    residents = totals["sysselsatte_15_74_bosted"].reindex(result.index)
    assert (result["employed_residents"] <= residents).all()
    shares = result[["supply_self_containment", "demand_self_containment"]].to_numpy().ravel()
    assert not np.isnan(shares).any()
    assert ((shares >= 0) & (shares <= 1)).all()


def test_gjovik_region_integration_over_2020_to_2022():
    flows = real_flows(2020, 2021, 2022)

    result = region_integration(flows, members=GJOVIK_REGION)
    trend = indicator_trend(
        result.assign(area="Gjøvikregionen"), columns=["cross_commuting_share"]
    ).iloc[0]

    assert result["year"].tolist() == [2020, 2021, 2022]
    assert result["internal_cohesion_links"].eq(1).all()  # every ordered pair has commuters
    assert (result["supply_self_containment"].between(0.5, 1)).all()
    assert trend["years"] == 3
    assert np.isfinite(trend["slope_per_year"])


def test_500_new_jobs_in_stjordal():
    flows = real_flows(2020, 2021, 2022)

    latest = new_jobs_residence_allocation(flows, workplace="5035", jobs=500)
    pooled = new_jobs_residence_allocation(
        flows, workplace="5035", jobs=500, years=[2020, 2021, 2022]
    )

    assert latest["allocated"].sum() == pytest.approx(500)
    assert latest["allocated_rounded"].sum() == 500
    assert latest["residence"].iloc[0] == "5035"  # most live in Stjørdal itself
    assert latest["residence"].iloc[1] == "5001"  # then Trondheim
    assert (latest["lower"] <= latest["allocated"]).all()
    assert (latest["allocated"] <= latest["upper"]).all()
    assert pooled["years"].eq(3).all()
    assert pooled["share_between_years_sd"].notna().all()


flow_lists = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d"]),
        st.sampled_from(["a", "b", "c", "d"]),
        st.integers(1, 5_000),
    ),
    min_size=1,
    max_size=16,
    unique_by=lambda flow: flow[:2],
)


@settings(max_examples=60, deadline=None)
@given(flow_lists, st.integers(0, 10_000))
def test_self_containment_is_a_share_and_allocations_sum_to_the_total(flows, count):
    frame = pd.DataFrame(flows, columns=["residence", "workplace", "employed"]).assign(year=2022)

    indicators = commuting_indicators(frame)
    workplace = frame["workplace"].iloc[0]
    allocation = new_jobs_residence_allocation(frame, workplace=workplace, jobs=count)

    shares = indicators[["supply_self_containment", "demand_self_containment"]].to_numpy().ravel()
    shares = shares[~np.isnan(shares)]
    assert ((shares >= 0) & (shares <= 1)).all()
    assert indicators["employed_residents"].sum() == indicators["jobs"].sum()
    assert allocation["allocated"].sum() == pytest.approx(count)
    assert allocation["allocated_rounded"].sum() == count
    assert (allocation["allocated_rounded"] >= 0).all()


def test_2019_jobs_miss_only_rindal_commuters():
    # PROVENANCE.md: SSB's app filtered 2019 with the 2018 map, dropping Rindal's flows.
    flows = real_flows(2019)
    totals = municipality_totals().query("aar == 2019").set_index("knr")

    jobs = commuting_indicators(flows).set_index("area")["jobs"]

    gap = totals["sysselsatte_15_74_arbeidssted"].reindex(jobs.index) - jobs
    assert gap.sum() == 360
    assert (gap > 0).sum() == 36
    assert gap.idxmax() == "1566"
    assert gap.max() == 193


def test_the_trend_of_a_pairwise_integration_over_years():
    flows = real_flows(2020, 2021, 2022)

    yearly = pairwise_integration(flows, first="5035", second="5001")
    trend = indicator_trend(yearly, columns=["first_residents_share"], by=("first", "second"))

    row = trend.iloc[0]
    assert (row["first"], row["second"], row["years"]) == ("5035", "5001", 3)
    assert row["start_year"] == 2020
    assert row["end_year"] == 2022
    assert np.isfinite(row["slope_per_year"])


def test_a_unit_without_out_commuters_but_with_in_commuters_is_a_centre():
    flows = pd.DataFrame(
        {
            "year": [2022, 2022, 2022],
            "residence": ["hub", "suburb", "suburb"],
            "workplace": ["hub", "hub", "suburb"],
            "employed": [500.0, 50.0, 10.0],
        }
    )

    result = commuting_indicators(flows).set_index("area")

    assert result["commuting_centre"]["hub"]
    assert not result["commuting_centre"]["suburb"]
