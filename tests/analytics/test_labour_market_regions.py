"""Golden tests: EURO-LMA against LabourMarketAreas 3.4 outputs in ../shared/reference/lma/expected."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from samspill.analytics.labour_market_regions import (
    LabourMarketRegionParameters,
    LabourMarketRegions,
    labour_market_regions,
    region_validity,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REFERENCE = SHARED / "reference" / "lma"
EXPECTED = REFERENCE / "expected"

# StatClusterData column -> our column
STATISTICS_COLUMNS = {
    "LMA": "region",
    "EMP_live": "employed_residents",
    "EMP_work": "jobs",
    "validity": "validity",
    "EMP_live_work": "live_and_work",
    "lma_commuter_percent": "commuter_ratio",
    "Home_Work_Ratio": "home_work_ratio",
    "SC_demand_side": "self_containment_demand_side",
    "SC_supply_side": "self_containment_supply_side",
    "N_com": "units",
    "InternalCohesionLink": "internal_cohesion_links",
    "InternalCohesionFlows": "internal_cohesion_flows",
    "NbCentralComm": "central_units",
    "N_links_in": "links_in",
    "N_links_out": "links_out",
}

CASES = [
    ("brindisi", (1000, 0.6667, 10000, 0.75)),
    ("brindisi", (1000, 0.6, 10000, 0.7)),
    ("brindisi", (50, 0.3, 100, 0.4)),
    ("sardinia", (1000, 0.6667, 10000, 0.75)),
]
CASE_IDS = [f"{name}-{'-'.join(map(str, parameters))}" for name, parameters in CASES]

# ANALYTICS.md §3.8, printed to 8 decimals
BRINDISI_VALIDITIES = [
    1.12494375,
    1.04177286,
    1.01269228,
    1.12494375,
    1.12494375,
    1.05875112,
    1.12494375,
    1.02253971,
    1.00406761,
]

_cache: dict[tuple[str, tuple[float, ...]], LabourMarketRegions] = {}


def read_flows(name: str, *, ids_as_text: bool = False) -> pd.DataFrame:
    """Reference flows with our column names (R: community_live, community_work, amount)."""
    dtype = {"community_live": str, "community_work": str} if ids_as_text else None
    frame = pd.read_csv(REFERENCE / f"{name}_flows.csv", dtype=dtype)
    return frame.rename(columns={"community_live": "residence", "community_work": "workplace"})


def run(name: str, parameters: tuple[float, ...]) -> LabourMarketRegions:
    key = (name, parameters)
    if key not in _cache:
        minimum_size, minimum_sc, target_size, target_sc = parameters
        _cache[key] = labour_market_regions(
            read_flows(name),
            minimum_size=minimum_size,
            minimum_self_containment=minimum_sc,
            target_size=target_size,
            target_self_containment=target_sc,
        )
    return _cache[key]


def expected(name: str, parameters: tuple[float, ...], part: str) -> pd.DataFrame:
    tag = "_".join([name, *map(str, parameters)])
    return pd.read_csv(EXPECTED / f"{tag}_{part}.csv")


def as_partition(units: pd.Series, regions: pd.Series) -> frozenset[frozenset[object]]:
    groups = pd.DataFrame({"unit": units, "region": regions}).groupby("region")["unit"]
    return frozenset(frozenset(members.tolist()) for _, members in groups)


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=CASE_IDS)
def test_partition_is_identical_to_the_reference(name, parameters):
    result = run(name, parameters)
    reference = expected(name, parameters, "clusterList")

    assert result.partition() == as_partition(reference["community"], reference["cluster"])


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=CASE_IDS)
def test_region_numbers_and_residents_are_the_references(name, parameters):
    result = run(name, parameters)
    reference = expected(name, parameters, "clusterList")

    assert result.assignment["unit"].tolist() == reference["community"].tolist()
    assert result.assignment["region"].tolist() == reference["cluster"].tolist()
    assert result.assignment["employed_residents"].tolist() == reference["residents"].tolist()


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=CASE_IDS)
def test_marginals_and_region_flows_are_the_references(name, parameters):
    result = run(name, parameters)
    marginals = expected(name, parameters, "marginals")
    region_flows = expected(name, parameters, "LWClus")

    ours = result.regions[["region", "employed_residents", "jobs"]].to_numpy(dtype=float)
    assert np.array_equal(ours, marginals.to_numpy(dtype=float))
    assert np.array_equal(result.region_flows.to_numpy(dtype=float), region_flows.to_numpy(float))


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=CASE_IDS)
def test_quality_statistics_are_the_references(name, parameters):
    result = run(name, parameters)
    reference = expected(name, parameters, "stats").rename(columns=STATISTICS_COLUMNS)

    assert list(result.regions.columns) == [*reference.columns, "main_unit"]
    for column in reference.columns:
        np.testing.assert_allclose(
            result.regions[column].to_numpy(dtype=float),
            reference[column].to_numpy(dtype=float),
            rtol=1e-12,
            atol=0,
            err_msg=column,
        )


def test_brindisi_vignette_case():
    """The vignette's published result: 9 regions, nothing in the reserve or zero list."""
    result = run("brindisi", (1000, 0.6667, 10000, 0.75))

    assert result.region_count == 9
    assert result.iterations == 12
    assert result.reserve_list.empty
    assert result.zero_list == ()
    assert result.not_assigned == ()
    assert result.modularity == pytest.approx(0.6455997790, abs=1e-10)
    single = result.regions.loc[result.regions["units"] == 1, "region"].tolist()
    assert single == [3, 5, 7, 20]
    np.testing.assert_allclose(
        result.regions["validity"],
        BRINDISI_VALIDITIES,
        atol=5e-9,
    )


def test_regions_are_named_after_the_member_with_most_jobs():
    """Vignette (AssignLmaName): 12 OSTUNI, 16 SAN PIETRO VERNOTICO, 10 MESAGNE, 3 CEGLIE ..."""
    result = run("brindisi", (1000, 0.6667, 10000, 0.75))
    names = pd.read_csv(REFERENCE / "brindisi_names.csv").set_index("Code")["com.name"]

    named = dict(zip(result.regions["region"], result.regions["main_unit"].map(names), strict=True))
    assert {region: named[region].upper() for region in (12, 16, 10, 3, 5, 1)} == {
        12: "OSTUNI",
        16: "SAN PIETRO VERNOTICO",
        10: "MESAGNE",
        3: "CEGLIE MESSAPICA",
        5: "CISTERNINO",
        1: "BRINDISI",
    }


def test_brindisi_small_parameters_keep_every_municipality_alone():
    result = run("brindisi", (50, 0.3, 100, 0.4))

    assert result.iterations == 0
    assert (result.regions["units"] == 1).sum() == 20
    assert result.assignment["region"].tolist() == list(range(1, 21))


def test_sardinia_reserve_list_is_the_reference():
    result = run("sardinia", (1000, 0.6667, 10000, 0.75))
    reference = pd.read_csv(
        EXPECTED / "sardinia_1000_0.6667_10000_0.75_reserve_list.csv",
        header=None,
        names=["code", "iteration", "dissolved_region", "validity", "unit", "next_unit"],
    )
    ours = result.reserve_list

    assert ours["code"].tolist() == reference["code"].tolist()
    assert ours["iteration"].tolist() == reference["iteration"].tolist()
    assert ours["dissolved_region"].tolist() == reference["dissolved_region"].tolist()
    assert ours["unit"].tolist() == reference["unit"].tolist()
    assert ours["next_unit"].fillna(0).tolist() == reference["next_unit"].fillna(0).tolist()
    np.testing.assert_allclose(ours["validity"], reference["validity"], rtol=1e-12, atol=0)
    assert ours["code"].value_counts().to_dict() == {"A": 59, "C": 21}


def test_sardinia_run_facts():
    result = run("sardinia", (1000, 0.6667, 10000, 0.75))

    assert result.iterations == 461
    assert result.region_count == 36
    assert (result.regions["units"] == 1).sum() == 2
    below_one = result.regions.loc[result.regions["validity"] < 1, "validity"]
    assert below_one.round(5).tolist() == [0.93804]
    assert result.modularity == pytest.approx(0.7521625646, abs=1e-10)
    largest = result.regions.sort_values("employed_residents").iloc[-1]
    assert (largest["region"], largest["employed_residents"]) == (199, 127485)
    assert result.not_assigned == ()


def test_sardinia_grid_with_text_ids_matches_the_reference_run():
    """PROVENANCE.md: 1,627 zero-list cells, 1,939 cells in 25 LMAs, 3,629 iterations."""
    result = labour_market_regions(
        read_flows("sardinia_grid", ids_as_text=True),
        minimum_size=1000,
        minimum_self_containment=0.6667,
        target_size=10000,
        target_self_containment=0.75,
    )

    assert len(result.zero_list) == 1627
    assert len(result.assignment) == 1939
    assert result.region_count == 25
    assert result.iterations == 3629
    assert all(isinstance(unit, str) for unit in result.assignment["unit"].head())
    assert result.reserve_list["unit"].isin(result.assignment["unit"]).all()


def test_validity_function():
    parameters = LabourMarketRegionParameters(
        minimum_size=1000,
        minimum_self_containment=0.6667,
        target_size=10000,
        target_self_containment=0.75,
    )
    top = region_validity(20000, jobs=20000, live_and_work=18000, parameters=parameters)
    assert top == pytest.approx(0.75 / 0.6667, rel=1e-15)
    # size >= target size: valid iff self-containment >= minSC
    assert region_validity(10000, jobs=10000, live_and_work=6668, parameters=parameters) > 1
    assert region_validity(10000, jobs=10000, live_and_work=6666, parameters=parameters) < 1
    # size == minimum size: valid iff self-containment >= tarSC
    at_target = region_validity(1000, jobs=1000, live_and_work=750, parameters=parameters)
    assert at_target == pytest.approx(1, abs=1e-15)  # 0.9999999999999999 in R too: not valid
    above = region_validity(1000, jobs=1000, live_and_work=900, parameters=parameters)
    assert above == at_target  # Y is capped at 1: (minSC/tarSC)·(tarSC/minSC)
    assert region_validity(1000, jobs=1000, live_and_work=749, parameters=parameters) < 1
    # fully self-contained is valid at any size
    assert region_validity(10, jobs=10, live_and_work=10, parameters=parameters) == 1
    # below minimum size the size factor exceeds 1 (not capped)
    assert region_validity(500, jobs=500, live_and_work=450, parameters=parameters) < 1
    with pytest.raises(ValueError, match="positive"):
        region_validity(0, jobs=500, live_and_work=0, parameters=parameters)


def test_the_module_imports_no_django():
    code = (
        "import sys\n"
        "import samspill.analytics.labour_market_regions\n"
        "raise SystemExit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)\n"
    )

    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
