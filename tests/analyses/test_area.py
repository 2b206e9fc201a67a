"""Area analyses over the real statistics: the decompositions add up and edge cases are stated."""

import pytest

from samspill.analyses import frames
from samspill.analyses.area import (
    allocation_analysis,
    area_for_municipality,
    area_for_region,
    commuting_analysis,
    growth_analysis,
    shift_share_analysis,
)
from samspill.analyses.exceptions import AnalysisDataMissingError, AnalysisParameterError
from samspill.regions.models import Municipality, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def notodden_region():
    return area_for_region(region=Region.objects.get(slug="notodden-byregion"))


@pytest.mark.parametrize("reference", ["telemark", "rest"])
def test_the_three_effects_add_up_to_the_change_for_the_area_and_each_member(
    telemark_industries, notodden_region, reference
):
    result = shift_share_analysis(
        area=notodden_region, start_year=2016, end_year=2025, reference=reference
    )

    assert result is not None
    totals = result.totals
    parts = totals["national_share"] + totals["industry_mix"] + totals["regional_share"]
    assert (parts - totals["change"]).abs().max() < 1e-6
    assert totals["region"].tolist()[0] == "notodden-byregion"
    assert result.covered == ["4005", "4020", "4022", "4024", "4026"]
    assert result.missing == ["3303"]
    assert result.by_type["change"].sum() == pytest.approx(
        result.by_industry.loc[result.by_industry["industry_type"].notna(), "change"].sum()
    )


def test_the_rest_of_telemark_excludes_the_area_itself(telemark_industries, notodden_region):
    whole = shift_share_analysis(
        area=notodden_region, start_year=2016, end_year=2025, reference="telemark"
    )
    rest = shift_share_analysis(
        area=notodden_region, start_year=2016, end_year=2025, reference="rest"
    )

    assert whole is not None
    assert rest is not None
    assert rest.by_industry["reference_start"].sum() == pytest.approx(
        whole.by_industry["reference_start"].sum() - whole.by_industry["start_employment"].sum()
    )


def test_shift_share_parameters_outside_the_data_are_refused(telemark_industries, notodden_region):
    with pytest.raises(AnalysisParameterError):
        shift_share_analysis(area=notodden_region, start_year=2010, end_year=2025, reference="rest")
    with pytest.raises(AnalysisParameterError):
        shift_share_analysis(
            area=notodden_region, start_year=2016, end_year=2025, reference="norge"
        )


def test_an_area_outside_telemark_has_no_shift_share(telemark_industries):
    area = area_for_municipality(municipality=Municipality.objects.get(number="5035"))

    assert shift_share_analysis(area=area, start_year=2016, end_year=2025, reference="rest") is None


def test_growth_is_indexed_to_the_first_year_for_the_area_county_and_norway(notodden_region):
    result = growth_analysis(area=notodden_region, spec=frames.POPULATION, indicator="Befolkning")

    assert result is not None
    first = result.indexed.loc[result.indexed["year"] == result.base_year]
    assert set(first["area"]) == {"notodden-byregion", "fylke-33", "fylke-40", "0"}
    assert first["index"].tolist() == pytest.approx([100.0] * 4)


def test_region_commuting_counts_flows_between_members_as_internal():
    area = area_for_region(region=Region.objects.get(slug="trondheimsregionen"))

    result = commuting_analysis(area=area)

    assert result is not None
    latest = result.indicators.iloc[-1]
    assert latest["internal"] == latest["employed_residents"] - latest["out_commuters"]
    assert latest["cross_commuting"] > 0
    assert set(result.members["area"]) == set(area.numbers)


def test_new_jobs_allocation_sums_to_the_number_of_jobs():
    result = allocation_analysis(
        municipality=Municipality.objects.get(number="5035"), count=500, year=2022, direction="jobs"
    )

    assert result.rows["allocated_rounded"].sum() == 500
    assert result.rows.iloc[0]["unit"] == "5035"
    assert (result.rows["lower"] <= result.rows["allocated"]).all()


def test_new_jobs_in_a_year_without_a_matrix_is_refused():
    with pytest.raises(AnalysisDataMissingError):
        allocation_analysis(
            municipality=Municipality.objects.get(number="5035"),
            count=500,
            year=1999,
            direction="jobs",
        )


def _independent_regional_effect(*, business: bool) -> float:
    """Dunn's regional share of Notodden byregion 2016→2025 against Telemark, from the raw CSV."""
    import csv
    from collections import defaultdict

    from tests.analyses.conftest import TELEMARK_FILE

    members = {"Notodden", "Midt-Telemark", "Seljord", "Hjartdal", "Tinn"}
    public = {
        "Off.adm., forsvar, sosialforsikring",
        "Undervisning",
        "Helse- og sosialtjenester",
        "Uoppgitt",
    }
    area: dict[tuple[str, int], float] = defaultdict(float)
    telemark: dict[tuple[str, int], float] = defaultdict(float)
    with TELEMARK_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            industry, year = row["næring (SN2007)"], int(row["år"])
            if business and industry in public:
                continue
            telemark[industry, year] += float(row["value"])
            if row["region"] in members:
                area[industry, year] += float(row["value"])
    industries = {industry for industry, _ in area}
    return sum(
        area[i, 2025] - area[i, 2016] * telemark[i, 2025] / telemark[i, 2016] for i in industries
    )


@pytest.mark.parametrize(("scope", "business"), [("business", True), ("all", False)])
def test_attractiveness_is_measured_over_the_business_sector_by_default(
    telemark_industries, notodden_region, scope, business
):
    result = shift_share_analysis(
        area=notodden_region, start_year=2016, end_year=2025, reference="telemark", scope=scope
    )
    default = shift_share_analysis(
        area=notodden_region, start_year=2016, end_year=2025, reference="telemark"
    )

    assert result is not None
    assert default is not None
    regional = float(result.totals.iloc[0]["regional_share"])
    assert regional == pytest.approx(_independent_regional_effect(business=business))
    # The sign flips: about +145 over business-sector jobs, about -100 over all industries.
    assert (regional > 0) is business
    assert default.scope == "business"
    assert float(default.totals.iloc[0]["regional_share"]) == pytest.approx(
        _independent_regional_effect(business=True)
    )
    industries = set(result.by_industry["industry"])
    assert ("Undervisning" in industries) is not business


def test_integration_over_time_has_a_trend_and_matches_the_raw_matrix():
    """Cross-commuting between members (Gjøvikregionen's "ever more integrated") is trended."""
    import csv

    from tests.conftest import SHARED_DIR

    area = area_for_region(region=Region.objects.get(slug="trondheimsregionen"))
    result = commuting_analysis(area=area)

    assert result is not None
    assert {"cross_commuting_share", "internal_cohesion_links"} <= set(result.trend["indicator"])
    members = set(area.numbers)
    residents = cross = 0.0
    with (SHARED_DIR / "data" / "pendling" / "pendling_03321_2022.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            if row["bosted_knr"] in members:
                residents += float(row["sysselsatte"])
                if (
                    row["arbeidssted_knr"] in members
                    and row["arbeidssted_knr"] != row["bosted_knr"]
                ):
                    cross += float(row["sysselsatte"])
    latest = result.indicators.set_index("year").loc[2022]
    assert latest["cross_commuting_share"] == pytest.approx(cross / residents)


def _raw_regional_effect(*, reference_members: set[str] | None) -> float:
    """Dunn's regional share of Notodden byregion 2016→2025 (business sector) from the raw CSV.

    `reference_members`: kommune names in the reference; None means every row of the file.
    """
    import csv
    from collections import defaultdict

    from tests.analyses.conftest import TELEMARK_FILE

    members = {"Notodden", "Midt-Telemark", "Seljord", "Hjartdal", "Tinn"}
    public = {
        "Off.adm., forsvar, sosialforsikring",
        "Undervisning",
        "Helse- og sosialtjenester",
        "Uoppgitt",
    }
    area: dict[tuple[str, int], float] = defaultdict(float)
    reference: dict[tuple[str, int], float] = defaultdict(float)
    with TELEMARK_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            industry, year = row["næring (SN2007)"], int(row["år"])
            if industry in public:
                continue
            if reference_members is None or row["region"] in reference_members:
                reference[industry, year] += float(row["value"])
            if row["region"] in members:
                area[industry, year] += float(row["value"])
    industries = {industry for industry, _ in area}
    return sum(
        area[i, 2025] - area[i, 2016] * reference[i, 2025] / reference[i, 2016] for i in industries
    )


def _raw_kommune_names() -> set[str]:
    import csv

    from tests.analyses.conftest import TELEMARK_FILE

    with TELEMARK_FILE.open(encoding="utf-8") as handle:
        return {row["region"] for row in csv.DictReader(handle)}


def test_the_references_offered_are_those_the_data_holds_and_named_from_the_register(
    telemark_industries, notodden_region
):
    result = shift_share_analysis(area=notodden_region, start_year=2016, end_year=2025)

    assert result is not None
    offered = {choice.key: choice.label for choice in result.references}
    # The file has every Telemark kommune but no other county: no Norway reference.
    assert offered == {
        "county": "Telemark i alt",
        "rest": "Resten av Telemark (uten området selv)",
    }
    assert result.reference == "county"
    assert result.reference_label == "Telemark i alt"
    with pytest.raises(AnalysisParameterError, match="county, rest"):
        shift_share_analysis(
            area=notodden_region, start_year=2016, end_year=2025, reference="norway"
        )


@pytest.mark.parametrize("reference", ["county", "rest", "telemark"])
def test_each_reference_gives_the_regional_effect_recomputed_from_the_raw_file(
    telemark_industries, notodden_region, reference
):
    result = shift_share_analysis(
        area=notodden_region, start_year=2016, end_year=2025, reference=reference
    )

    members = {"Notodden", "Midt-Telemark", "Seljord", "Hjartdal", "Tinn"}
    expected = _raw_regional_effect(
        reference_members=_raw_kommune_names() - members if reference == "rest" else None
    )
    assert result is not None
    assert float(result.totals.iloc[0]["regional_share"]) == pytest.approx(expected)


def test_a_county_with_holes_is_no_reference_and_a_complete_country_is(notodden_region):
    from samspill.analyses.area import shift_share_references

    telemark = set(
        Municipality.objects.filter(valid_to__isnull=True, county_number="40").values_list(
            "number", flat=True
        )
    )
    everyone = set(
        Municipality.objects.filter(valid_to__isnull=True).values_list("number", flat=True)
    )

    holes = shift_share_references(area=notodden_region, in_data=telemark - {"4001"})
    country = shift_share_references(area=notodden_region, in_data=everyone)

    assert holes == []
    assert [choice.key for choice in country] == ["county", "rest", "norway"]
    # Kongsberg (Buskerud) is a member: with the whole country loaded the county is both.
    assert country[0].label == "Buskerud og Telemark i alt"
    assert country[2].numbers == frozenset(everyone)
