"""EURO-LMA on the real Norwegian commuting matrix (SSB table 03321, 2022; 356 municipalities)."""

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from samspill.analytics.labour_market_regions import (
    UNASSIGNED,
    LabourMarketRegions,
    labour_market_regions,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PENDLING = SHARED / "data" / "pendling"


def read_commuting(year: int) -> pd.DataFrame:
    """bosted_knr × arbeidssted_knr → sysselsatte (employed persons 15–74), codes kept as text."""
    frame = pd.read_csv(
        PENDLING / f"pendling_03321_{year}.csv",
        dtype={"bosted_knr": str, "arbeidssted_knr": str},
    )
    return frame.rename(
        columns={"bosted_knr": "residence", "arbeidssted_knr": "workplace", "sysselsatte": "amount"}
    )


@cache
def norway(year: int = 2022) -> LabourMarketRegions:
    return labour_market_regions(
        read_commuting(year),
        minimum_size=1000,
        minimum_self_containment=0.6667,
        target_size=10000,
        target_self_containment=0.75,
    )


def region_of(result: LabourMarketRegions, municipality: str) -> int:
    assignment = result.assignment.set_index("unit")["region"]
    return int(assignment[municipality])


def test_every_municipality_is_assigned():
    result = norway()

    assert len(result.assignment) == 356
    assert result.zero_list == ()
    assert result.not_assigned == ()
    assert (result.assignment["region"] != UNASSIGNED).all()
    assert result.assignment["unit"].str.fullmatch(r"\d{4}").all()


def test_the_number_of_regions_is_plausible():
    """Official BA-regions (other method): 160; EURO-LMA with the vignette parameters: fewer."""
    result = norway()

    assert 80 <= result.region_count <= 200
    assert result.regions["units"].sum() == 356
    assert result.modularity > 0.6
    assert (result.regions["validity"] < 1).sum() <= 5  # only reserve attachments can lower it


@pytest.mark.parametrize(
    ("municipality", "neighbour"),
    [
        ("5001", "5031"),  # Trondheim, Malvik
        ("0301", "3024"),  # Oslo, Bærum
        ("4601", "4627"),  # Bergen, Askøy
        ("1103", "1108"),  # Stavanger, Sandnes
        ("3407", "3442"),  # Gjøvik, Østre Toten (seed 003: one labour market)
    ],
)
def test_known_commuting_pairs_share_a_region(municipality, neighbour):
    result = norway()

    assert region_of(result, municipality) == region_of(result, neighbour)


def test_oslo_region_is_the_largest():
    result = norway()
    oslo = region_of(result, "0301")

    by_size = result.regions.sort_values("employed_residents")
    assert by_size["region"].iloc[-1] == oslo
    assert int(by_size["units"].iloc[-1]) >= 10


def test_oslo_and_trondheim_are_different_regions():
    result = norway()

    assert region_of(result, "0301") != region_of(result, "5001")


def test_older_vintage_with_426_municipalities():
    result = norway(2017)

    assert len(result.assignment) + len(result.zero_list) == 426
    assert result.not_assigned == ()
    assert region_of(result, "1601") == region_of(result, "1663")  # Trondheim, Malvik (2017 codes)
