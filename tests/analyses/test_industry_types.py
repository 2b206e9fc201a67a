"""Industry types: the national mix per SSB group, the region's own mapping and its use."""

import csv
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.analyses.area import area_for_region, shift_share_analysis
from samspill.analyses.models import RegionIndustryTypes
from samspill.analyses.selectors import national_group_type_mix, region_industry_types
from samspill.analyses.services import region_industry_types_update
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Region
from tests.accounts.factories import CoordinatorRoleFactory, UserFactory
from tests.conftest import SHARED_DIR

pytestmark = pytest.mark.django_db

JOBS = SHARED_DIR / "data" / "sysselsetting" / "jobber_naering2siffer_11656_2024K4.csv"


@pytest.fixture
def national_jobs(db: None) -> None:
    call_command("import_ssb_table", str(JOBS), verbosity=0, no_progress=True)


@pytest.fixture
def notodden() -> Region:
    return Region.objects.get(slug="notodden-byregion")


@pytest.fixture
def coordinator(notodden):
    return CoordinatorRoleFactory(region=notodden).user


def _raw_share(divisions: range | list[int], of: list[int]) -> float:
    """Jobs in `of` divisions over jobs in `divisions`, straight from the 11656 file."""
    jobs: dict[int, float] = defaultdict(float)
    with JOBS.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[3:]
    for _age, label, value in rows:
        jobs[int(label[:2])] += float(value)
    return sum(jobs[d] for d in of) / sum(jobs[d] for d in divisions)


def test_the_national_mix_shows_the_close_calls_the_issue_names(national_jobs):
    mix = {(row["group"], row["industry_type"]): row for row in national_group_type_mix()}

    power = mix["Elektrisitet, vann og renovasjon", "basic"]
    trade = mix["Varehandel, reparasjon av motorvogner", "visitor"]
    technical = mix["Teknisk tjenesteyting, eiendomsdrift", "regional"]
    # 35 power supply is basic, 36-39 water and waste regional: 49/51.
    assert power["share"] == pytest.approx(_raw_share(range(35, 40), [35]))
    assert round(100 * power["share"]) == 49
    # 47 retail is a visitor industry, 45-46 regional: 58/42.
    assert trade["share"] == pytest.approx(_raw_share(range(45, 48), [47]))
    assert round(100 * trade["share"]) == 58
    # 68-70, 73-75 regional, 71-72 basic: 57/43.
    assert round(100 * technical["share"]) == 57
    assert technical["most_common"]


def test_the_region_page_shows_the_mapping_the_mix_and_cites_the_method(client, national_jobs):
    response = client.get(reverse("analyses:region-analyses", args=["notodden-byregion"]))

    text = response.text
    assert 'id="industry-types"' in text
    assert "Telemarksforsking, attraktivitetsmodellen og næringstypene" in text
    assert "basisnæringer 49 %" in text
    assert "(nær jevnt delt)" in text


def test_a_coordinator_changes_a_group_and_the_shift_share_uses_it(
    notodden, coordinator, telemark_industries
):
    area = area_for_region(region=notodden)
    before = shift_share_analysis(area=area, start_year=2016, end_year=2025)

    saved = region_industry_types_update(
        region=notodden,
        actor=coordinator,
        mapping={"Elektrisitet, vann og renovasjon": "basic", "Industri": "basic"},
    )
    after = shift_share_analysis(area=area, start_year=2016, end_year=2025)

    assert saved.overrides == {"Elektrisitet, vann og renovasjon": "basic"}  # Industri: default
    assert (
        region_industry_types(region_slug="notodden-byregion")["Elektrisitet, vann og renovasjon"]
        == "basic"
    )
    assert before is not None
    assert after is not None
    moved = after.by_industry.loc[
        after.by_industry["industry"] == "Elektrisitet, vann og renovasjon", "industry_type"
    ]
    assert moved.tolist() == ["basic"]
    basic = lambda result: float(  # noqa: E731
        result.by_type.set_index("industry_type").loc["basic", "end_employment"]
    )
    power_jobs = float(
        after.by_industry.loc[
            after.by_industry["industry"] == "Elektrisitet, vann og renovasjon", "end_employment"
        ].sum()
    )
    assert basic(after) == pytest.approx(basic(before) + power_jobs)
    assert AuditEntry.objects.filter(object_pk=str(saved.pk), action="create").exists()


def test_a_stale_version_conflicts_and_an_outsider_is_refused(notodden, coordinator):
    first = region_industry_types_update(
        region=notodden, actor=coordinator, mapping={"Undervisning": "regional"}
    )
    region_industry_types_update(
        region=notodden,
        actor=coordinator,
        mapping={"Undervisning": "local", "Industri": "regional"},
        expected_version=first.version,
    )

    with pytest.raises(ConflictError):
        region_industry_types_update(
            region=notodden,
            actor=coordinator,
            mapping={"Industri": "visitor"},
            expected_version=first.version,
        )
    with pytest.raises(PermissionDeniedError):
        region_industry_types_update(
            region=notodden, actor=UserFactory(), mapping={"Industri": "visitor"}
        )
    with pytest.raises(ValueError, match="Ukjente"):
        region_industry_types_update(region=notodden, actor=coordinator, mapping={"Fiske": "basic"})
    assert RegionIndustryTypes.objects.get(region=notodden).overrides == {"Industri": "regional"}


def test_the_form_saves_with_the_version_and_shows_a_conflict(client, notodden, coordinator):
    client.force_login(coordinator)
    url = reverse("analyses:region-industry-types", args=["notodden-byregion"])
    page = client.get(url)
    groups = page.context["form"].groups
    data = {
        f"group_{i}": region_industry_types(region_slug=notodden.slug)[g]
        for i, g in enumerate(groups)
    }
    data[f"group_{groups.index('Industri')}"] = "regional"

    saved = client.post(url, data)
    stale = client.post(url, data | {"version": 0, f"group_{groups.index('Industri')}": "local"})

    assert page.status_code == 200
    assert saved.status_code == 302
    assert RegionIndustryTypes.objects.get(region=notodden).overrides == {"Industri": "regional"}
    assert stale.status_code == 409


def test_the_api_reads_and_patches_the_mapping(client, notodden, coordinator, national_jobs):
    url = "/api/analyses/regions/notodden-byregion/industry-types"
    read = client.get(url)
    anonymous = client.patch(
        url, {"mapping": {"Industri": "regional"}}, content_type="application/json"
    )
    client.force_login(coordinator)
    created = client.patch(
        url, {"mapping": {"Industri": "regional"}}, content_type="application/json"
    )
    blind = client.patch(url, {"mapping": {"Industri": "local"}}, content_type="application/json")
    stale = client.patch(
        url, {"mapping": {"Industri": "local"}, "version": 0}, content_type="application/json"
    )
    bad = client.patch(
        url, {"mapping": {"Industri": "sideways"}, "version": 1}, content_type="application/json"
    )

    assert read.status_code == 200
    power = next(
        g for g in read.json()["groups"] if g["group"] == "Elektrisitet, vann og renovasjon"
    )
    assert power["industry_type"] == "regional"
    assert power["national_mix"]["basic"] == pytest.approx(_raw_share(range(35, 40), [35]))
    assert anonymous.status_code == 401
    assert created.status_code == 200
    assert created["ETag"] == '"1"'
    industri = next(g for g in created.json()["groups"] if g["group"] == "Industri")
    assert industri == industri | {"industry_type": "regional", "default": "basic"}
    assert blind.status_code == 428
    assert stale.status_code == 409
    assert bad.status_code == 422
