"""Loading municipalities and regions: real data, reform history, transactions and audit."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.exceptions import ImportFileError, MembershipOverlapError
from samspill.regions.importers.regions import parse_region_memberships
from samspill.regions.models import Municipality, MunicipalityChange, Region, RegionMembership
from samspill.regions.selectors import region_members
from samspill.regions.services import region_update, regions_import
from samspill.regions.services.memberships import membership_add
from tests.accounts.factories import CoordinatorRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "region_slug,region_name,kind,municipality_number,valid_from,valid_to,note"


def test_every_municipality_of_both_structures_is_loaded_with_its_county() -> None:
    current = Municipality.objects.filter(valid_to__isnull=True)

    assert current.count() == 357
    assert Municipality.objects.get(number="3808").valid_to == 2023  # Notodden, 2020–2023 number
    assert Municipality.objects.get(number="5001").county_name.startswith("Trøndelag")


def test_a_municipality_that_no_longer_exists_points_to_its_successors() -> None:
    sauherad = Municipality.objects.get(number="0822")
    alesund_2020 = Municipality.objects.get(number="1507")

    assert not sauherad.is_current
    assert [c.successor.number for c in sauherad.successor_links.all()] == ["4020"]
    assert {c.successor.number for c in alesund_2020.successor_links.all()} == {"1508", "1580"}
    assert {c.kind for c in alesund_2020.successor_links.all()} == {MunicipalityChange.Kind.SPLIT}


def test_the_known_alesund_placeholder_split_is_corrected_for_pre_2020_numbers() -> None:
    old_haram = Municipality.objects.get(number="1534")
    skodje = Municipality.objects.get(number="1529")

    assert [c.successor.number for c in old_haram.successor_links.all()] == ["1580"]
    assert [c.successor.number for c in skodje.successor_links.all()] == ["1508"]


def test_a_renumbering_is_told_apart_from_a_merger() -> None:
    midt_telemark = MunicipalityChange.objects.get(predecessor__number="3817")
    bo = MunicipalityChange.objects.get(predecessor__number="0821")

    assert midt_telemark.kind == MunicipalityChange.Kind.RENUMBERED
    assert bo.kind == MunicipalityChange.Kind.MERGED


def test_importing_municipalities_again_changes_nothing() -> None:
    before = list(Municipality.objects.values_list("number", "name", "valid_from", "valid_to"))
    changes_before = MunicipalityChange.objects.count()

    call_command("import_municipalities", verbosity=0)

    assert (
        list(Municipality.objects.values_list("number", "name", "valid_from", "valid_to")) == before
    )
    assert MunicipalityChange.objects.count() == changes_before


def test_a_malformed_municipality_folder_writes_nothing(tmp_path: Path, shared_dir: Path) -> None:
    (tmp_path / "kommuner").mkdir()
    (tmp_path / "geo").mkdir()
    for name in ("kommuner_2020.csv", "korrespondanse_kommune_1990_2024_til_2024_csdata.csv"):
        (tmp_path / "kommuner" / name).write_text(
            (shared_dir / "data" / "kommuner" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "kommuner" / "kommuner_2024.csv").write_text(
        "knr,kommunenavn,fylkesnr,fylkesnavn\n0301,Oslo,03,Oslo\n03X1,Feil,03,Oslo\n",
        encoding="utf-8",
    )
    count = Municipality.objects.count()

    with pytest.raises(CommandError, match=r"Nothing was imported\. kommuner_2024\.csv, linje 3"):
        call_command("import_municipalities", data_dir=tmp_path, verbosity=0)

    assert Municipality.objects.count() == count


def test_the_ikap_region_in_2016_numbers_resolves_to_todays_eight() -> None:
    members = region_members(region=Region.objects.get(slug="ikap-2016"))

    assert [m.municipality.number for m in members] == [
        "5001", "5027", "5028", "5029", "5031", "5035", "5054", "5059",
    ]  # fmt: skip
    trondheim = members[0]
    assert sorted(m.number for m in trondheim.recorded_as) == ["1601", "1662"]


def test_a_member_whose_successor_also_holds_a_non_member_says_so() -> None:
    members = {
        m.municipality.number: m
        for m in region_members(region=Region.objects.get(slug="notodden-byregion"))
    }

    midt_telemark = members["4020"]
    assert [m.number for m in midt_telemark.recorded_as] == ["0822"]
    assert [m.name for m in midt_telemark.also_includes] == ["Bø (Telemark)"]
    assert members["4005"].also_includes == []


def test_members_can_be_asked_for_one_day() -> None:
    region = Region.objects.get(slug="sor-troms")

    assert region_members(region=region, on=datetime.date(2023, 6, 1)) == []
    assert len(region_members(region=region, on=datetime.date(2025, 6, 1))) == 4


def _rows(*lines: str):
    return parse_region_memberships([HEADER, *lines], source="regions.csv")


def test_a_region_file_with_an_unknown_number_writes_nothing() -> None:
    rows = _rows("ny,Ny region,project,5001,2020-01-01,,", "ny,Ny region,project,9999,2020-01-01,,")

    with pytest.raises(ImportFileError, match="ukjent kommunenummer 9999") as caught:
        regions_import(rows=rows, actor=None)

    assert caught.value.line == 3
    assert not Region.objects.filter(slug="ny").exists()


def test_overlapping_membership_periods_in_a_file_are_rejected_naming_both_rows() -> None:
    rows = _rows(
        "ny,Ny region,project,5001,2020-01-01,2022-12-31,",
        "ny,Ny region,project,5001,2022-06-01,,",
    )

    with pytest.raises(ImportFileError, match="overlapper med linje 2") as caught:
        regions_import(rows=rows, actor=None)

    assert caught.value.line == 3


def test_consecutive_periods_are_fine_and_an_unknown_kind_is_not() -> None:
    regions_import(
        rows=_rows(
            "ny,Ny region,project,5001,2020-01-01,2021-12-31,",
            "ny,Ny region,project,5001,2022-01-01,,",
        ),
        actor=None,
    )
    with pytest.raises(ImportFileError, match="ukjent regiontype"):
        regions_import(rows=_rows("ny,Ny region,galaxy,5001,2020-01-01,,"), actor=None)

    assert RegionMembership.objects.filter(region__slug="ny").count() == 2


def test_reimporting_a_region_replaces_its_members_and_is_audited_once() -> None:
    rows = _rows("ny,Ny region,project,5001,2020-01-01,,", "ny,Ny region,project,5035,2020-01-01,,")
    regions_import(rows=rows, actor=None)

    regions_import(rows=rows[:1], actor=None)
    regions_import(rows=rows[:1], actor=None)

    region = Region.objects.get(slug="ny")
    assert list(region.memberships.values_list("municipality__number", flat=True)) == ["5001"]
    assert AuditEntry.objects.filter(object_pk=str(region.pk), action="create").count() == 1


def test_a_coordinator_edits_the_region_and_the_change_is_in_its_history() -> None:
    region = Region.objects.get(slug="sor-troms")
    coordinator = CoordinatorRoleFactory(region=region).user

    region_update(region=region, actor=coordinator, name=region.name, description="Ny tekst")

    entry = AuditEntry.objects.get(object_pk=str(region.pk), action="update")
    assert entry.actor == coordinator
    assert entry.changes["description"][1] == "Ny tekst"


def test_a_user_without_a_role_in_the_region_cannot_edit_it() -> None:
    region = Region.objects.get(slug="sor-troms")
    other = CoordinatorRoleFactory(region=Region.objects.get(slug="trondheimsregionen")).user

    with pytest.raises(PermissionDeniedError):
        region_update(region=region, actor=other, name="Kapret", description="")
    with pytest.raises(PermissionDeniedError):
        membership_add(
            region=region,
            municipality=Municipality.objects.get(number="5001"),
            valid_from=datetime.date(2025, 1, 1),
            valid_to=None,
            actor=UserFactory(),
        )

    region.refresh_from_db()
    assert region.name != "Kapret"


def test_an_overlapping_membership_is_refused_by_the_service() -> None:
    region = Region.objects.get(slug="sor-troms")
    coordinator = CoordinatorRoleFactory(region=region).user
    bardu = Municipality.objects.get(number="5520")

    with pytest.raises(MembershipOverlapError, match="allerede medlem"):
        membership_add(
            region=region,
            municipality=bardu,
            valid_from=datetime.date(2025, 1, 1),
            valid_to=None,
            actor=coordinator,
        )
    asked = membership_add(
        region=region,
        municipality=Municipality.objects.get(number="5512"),
        valid_from=datetime.date(2025, 1, 1),
        valid_to=None,
        actor=coordinator,
    )

    assert asked.status == "pending"
    assert not region.memberships.filter(municipality__number="5512").exists()
