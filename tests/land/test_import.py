"""Import: one transaction, each rejected row named with its reason, nothing written on error."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from samspill.accounts.models import User
from samspill.land.importing import rows_from_csv, rows_from_geojson
from samspill.land.models import Site
from samspill.land.services import ImportRejectedError, sites_import
from samspill.regions.models import Municipality
from tests.land.factories import PLACES, polygon

pytestmark = pytest.mark.django_db

LAT, LON = PLACES["5035"]
GOOD_CSV = (
    "navn;id;lat;lon;type;byggeklar;netto_daa;brutto_daa;jernbane;pris_m2\n"
    f"Tomt 1;S-1;{LAT};{LON};tomt;klar nå;12,5;13;ja;800\n"
    f"Tomt 2;S-2;{LAT + 0.003};{LON};plot;12m;20;20;nei;\n"
)


def _feature(name: str, geometry: object, **props: object) -> dict[str, object]:
    return {"type": "Feature", "geometry": geometry, "properties": {"navn": name, **props}}


def test_a_good_csv_is_imported_and_a_second_run_updates_by_id() -> None:
    stjordal = Municipality.objects.get(number="5035")
    summary = sites_import(actor=None, municipality=stjordal, rows=rows_from_csv(GOOD_CSV.encode()))
    assert (summary.created, summary.updated) == (2, 0)
    first = Site.objects.get(external_id="S-1")
    assert first.net_daa == 12.5
    assert first.has_rail
    assert first.price_per_m2 == 800
    again = sites_import(
        actor=None,
        municipality=stjordal,
        rows=rows_from_csv(GOOD_CSV.replace("Tomt 1", "Tomt én").encode()),
    )
    assert (again.created, again.updated) == (0, 2)
    assert Site.objects.get(external_id="S-1").name == "Tomt én"


def test_bad_rows_are_named_with_reasons_and_nothing_is_written() -> None:
    stjordal = Municipality.objects.get(number="5035")
    bad = GOOD_CSV + (
        f"Tomt 3;S-3;{LAT};{LON};slott;snart;mye;;kanskje;\n"
        ";S-4;;;;;;;;\n"
        f"Tomt 5;S-5;{LON};{LAT};tomt;;;;;\n"
        f"Tomt 6;S-6;{LAT};{LON};tomt;;30;20;;\n"
    )
    with pytest.raises(ImportRejectedError) as raised:
        sites_import(actor=None, municipality=stjordal, rows=rows_from_csv(bad.encode()))
    rejected = {row.row: " ".join(row.reasons) for row in raised.value.rejected}
    assert set(rejected) == {3, 4, 5, 6}
    assert "slott" in rejected[3]
    assert "snart" in rejected[3]
    assert "mye" in rejected[3]
    assert "kanskje" in rejected[3]
    assert "navn" in rejected[4]
    assert "geometri" in rejected[4]
    assert "utenfor Norge" in rejected[5]
    assert "bruttoarealet" in rejected[6]
    assert not Site.objects.exists()


def test_geojson_import_and_unreadable_files() -> None:
    stjordal = Municipality.objects.get(number="5035")
    good = {
        "type": "FeatureCollection",
        "features": [_feature("Område", polygon("5035"), type="area", publisert="ja")],
    }
    sites_import(
        actor=None, municipality=stjordal, rows=rows_from_geojson(json.dumps(good).encode())
    )
    assert Site.objects.get().is_published
    from samspill.land.importing import ImportFileError

    with pytest.raises(ImportFileError):
        rows_from_geojson(b"{not json")
    with pytest.raises(ImportFileError):
        rows_from_geojson(b'{"type": "Feature"}')
    with pytest.raises(ImportFileError):
        rows_from_csv(b"a;b\n1;2\n")


def test_the_import_page_lists_rejected_rows_and_writes_nothing(
    client: Client, stjordal_developer: User
) -> None:
    client.force_login(stjordal_developer)
    bad = {
        "type": "FeatureCollection",
        "features": [_feature("God", polygon("5035")), _feature("Uten form", None)],
    }
    upload = SimpleUploadedFile("arealer.geojson", json.dumps(bad).encode())
    response = client.post(
        "/areal/import/",
        {"municipality": Municipality.objects.get(number="5035").pk, "file": upload},
    )
    assert response.status_code == 200
    assert "Uten form" in response.content.decode()
    assert "Ingen rader ble lagret" in response.content.decode()
    assert not Site.objects.exists()
    other = Municipality.objects.get(number="5031")
    refused = client.post(
        "/areal/import/",
        {"municipality": other.pk, "file": SimpleUploadedFile("a.csv", GOOD_CSV.encode())},
    )
    assert refused.status_code == 200
    assert not Site.objects.exists()


def test_cli_import_reports_rows_and_refuses_all(tmp_path: Path) -> None:
    good = tmp_path / "tomter.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    out = StringIO()
    call_command("land", "import", str(good), "--municipality", "5035", stdout=out)
    assert "2 nye" in out.getvalue()
    bad = tmp_path / "feil.csv"
    bad.write_text(GOOD_CSV.replace("S-1", "S-9") + "Feil;S-8;;;;;;;;\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="Ingenting lagret"):
        call_command("land", "import", str(bad), "--municipality", "5035", stderr=err)
    assert "Rad 3 (Feil)" in err.getvalue()
    assert Site.objects.count() == 2
    with pytest.raises(CommandError, match="Ukjent kommunenummer"):
        call_command("land", "import", str(good), "--municipality", "9999")
