"""Population measures: defined behaviour on bad input, and figures recomputed from the raw CSVs."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from samspill.analytics.population import (
    AGE_GROUPS,
    SEXES,
    PopulationInputError,
    age_pyramid,
    band_sum,
    dependency_ratios,
    education_shares,
    employment_rate,
    milestone,
)

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
AGE_FILE = DATA / "befolkning_alder" / "befolkning_kommune_b2024_kjonn_5aar_2006_2026.csv"
BAND_FILE = DATA / "befolkning" / "befolkning_kommune_b2024_2006_2026.csv"


def _age_rows() -> list[dict[str, str]]:
    with AGE_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _flat(value: float = 10.0) -> dict[tuple[str, str], float]:
    return {(sex, group): value for sex in SEXES for group in AGE_GROUPS}


def test_pyramid_shares_sum_to_100_and_refuse_holes_and_empty_areas() -> None:
    bars = age_pyramid(_flat())
    assert [bar.group for bar in bars] == list(AGE_GROUPS)
    assert sum(bar.men_share + bar.women_share for bar in bars) == pytest.approx(100)
    holed = _flat()
    del holed[("kvinner", "90+")]
    with pytest.raises(PopulationInputError, match="missing"):
        age_pyramid(holed)
    with pytest.raises(PopulationInputError, match="zero"):
        age_pyramid(_flat(0))
    with pytest.raises(PopulationInputError):
        age_pyramid({**_flat(), ("menn", "0-4"): -1})


def test_band_sum_takes_whole_groups_and_refuses_bands_that_cut_a_group() -> None:
    by_group = dict.fromkeys(AGE_GROUPS, 1.0)
    assert band_sum(by_group, 20, 64) == 9  # 20–24 … 60–64
    assert band_sum(by_group, 65, None) == 6  # 65–69 … 85–89, 90+
    assert band_sum(by_group, 0, 19) == 4
    with pytest.raises(PopulationInputError, match="65-69"):
        band_sum(by_group, 20, 66)
    with pytest.raises(PopulationInputError, match="65-69"):
        band_sum(by_group, 67, None)


def test_ratios_are_none_for_an_empty_denominator_and_refuse_impossible_counts() -> None:
    assert dependency_ratios(young=5, working=0, old=5) is None
    ratios = dependency_ratios(young=20, working=50, old=15)
    assert ratios is not None
    assert (ratios.young, ratios.old_age, ratios.total) == (40, 30, 70)
    assert employment_rate(employed=0, population=0) is None
    with pytest.raises(PopulationInputError, match="exceed"):
        employment_rate(employed=11, population=10)
    with pytest.raises(PopulationInputError):
        dependency_ratios(young=float("nan"), working=1, old=1)
    levels = {"grunnskole": 1, "videregaende-skole": 2, "universitet-og-hogskole": 3, "ingen": 0}
    with pytest.raises(PopulationInputError, match="uoppgitt"):
        education_shares(levels, total=6)
    shares = education_shares({**levels, "uoppgitt": 0}, total=6)
    assert shares is not None
    assert shares.higher == 50


def test_milestone_finds_the_latest_round_number_crossed_up_or_down() -> None:
    found = milestone([(2021, 305_000), (2022, 309_500), (2023, 312_000), (2024, 318_000)])
    assert found is not None
    assert (found.threshold, found.year, found.up) == (310_000, 2022, True)
    falling = milestone([(2020, 13_400), (2021, 13_050), (2022, 12_980)])
    assert falling is not None
    assert (falling.threshold, falling.year, falling.up) == (13_000, 2021, False)
    assert milestone([(2020, 13_100), (2021, 13_200)]) is None
    assert milestone([(2020, 13_100), (2022, 14_200)]) is None  # not consecutive years


def test_norway_2024_pyramid_and_bands_from_the_raw_file() -> None:
    """Norway 1.1.2024 = 5 550 203 (PROVENANCE); shares and bands recomputed with plain sums."""
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for row in _age_rows():
        if row["aar"] == "2024":
            counts[(row["kjonn"], row["aldersgruppe"])] += float(row["befolkning"])
    total = sum(counts.values())
    assert total == 5_550_203
    bars = {bar.group: bar for bar in age_pyramid(counts)}
    assert bars["0-4"].men_share == pytest.approx(counts[("menn", "0-4")] / total * 100)
    assert bars["90+"].women_share == pytest.approx(counts[("kvinner", "90+")] / total * 100)
    both = {group: counts[("menn", group)] + counts[("kvinner", group)] for group in AGE_GROUPS}
    young = both["0-4"] + both["5-9"] + both["10-14"] + both["15-19"]
    assert band_sum(both, 0, 19) == young


def test_five_year_groups_agree_with_ssbs_bands_and_dependency_ratios_match() -> None:
    """0–19 from the 5-year groups equals `alder_0_19` of the band file for every kommune-year;
    (within rounding for the rows csdata apportioned); the dependency ratios from the band file are 67+/(20–66) and (0–19 + 67+)/(20–66)."""
    young_from_groups: dict[tuple[str, str], float] = defaultdict(float)
    for row in _age_rows():
        if row["aldersgruppe"] in {"0-4", "5-9", "10-14", "15-19"}:
            young_from_groups[(row["knr"], row["aar"])] += float(row["befolkning"])
    national: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with BAND_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            difference = young_from_groups[(row["knr"], row["aar"])] - float(row["alder_0_19"])
            # Rows the source apportioned from a split municipality are rounded separately.
            assert abs(difference) <= (25 if row["estimert_fordeling"] == "1" else 0)
            sums = national[row["aar"]]
            sums[0] += float(row["alder_0_19"])
            sums[1] += float(row["alder_20_66"])
            sums[2] += float(row["alder_67_pluss"])
    young, working, old = national["2026"]
    ratios = dependency_ratios(young=young, working=working, old=old)
    assert ratios is not None
    assert ratios.old_age == pytest.approx(old / working * 100)
    assert ratios.total == pytest.approx((young + old) / working * 100)
    assert 25 < ratios.old_age < 35  # Norway 2026: about 28 aged 67+ per 100 aged 20–66
