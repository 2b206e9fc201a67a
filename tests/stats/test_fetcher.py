"""The PxWebApi v2 request builder (pure) and the CLI's clear message without internet."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samspill.stats.fetchers.ssb import FetchError, TableRequest, table_fetch


def test_request_url_selects_municipalities_years_and_all_contents() -> None:
    request = TableRequest(
        table="07459",
        municipalities=["5001", "5035"],
        periods=["2023", "2024"],
        codelist="agg_KommSummer",
    )

    assert request.url() == (
        "https://data.ssb.no/api/pxwebapi/v2/tables/07459/data?lang=no&outputFormat=json-stat2"
        "&valueCodes[Region]=5001,5035&valueCodes[Tid]=2023,2024&valueCodes[ContentsCode]=*"
        "&codelist[Region]=agg_KommSummer"
    )


def test_commuting_request_and_post_body() -> None:
    request = TableRequest(
        table="03321",
        region_dimension="Bokommuen",
        periods=["2022"],
        selections={"ArbstedKomm": ["*"]},
    )

    assert "valueCodes[ArbstedKomm]=*" in request.url()
    assert request.post_body()["selection"][0] == {"variableCode": "Bokommuen", "valueCodes": ["*"]}


def test_a_table_number_must_be_digits() -> None:
    with pytest.raises(ValueError, match="must be an SSB table number"):
        TableRequest(table="07459; rm").url()


def test_unreachable_server_raises_a_fetch_error_naming_the_url() -> None:
    with pytest.raises(
        FetchError,
        match=r"could not reach http://127\.0\.0\.1:9.*The request was: http://127\.0\.0\.1:9/tables/07459",
    ):
        table_fetch(TableRequest(table="07459"), root="http://127.0.0.1:9")


@pytest.mark.django_db
def test_cli_dry_run_prints_the_request() -> None:
    out = StringIO()

    call_command("fetch_ssb_table", "07459", "-m", "5001", "-y", "2024", "--dry-run", stdout=out)

    assert "GET https://data.ssb.no/api/pxwebapi/v2/tables/07459/data?" in out.getvalue()


@pytest.mark.django_db
def test_cli_without_a_connection_says_nothing_was_imported() -> None:
    # Nothing listens on port 9: like a machine without internet, the command must say so.
    with pytest.raises(CommandError, match=r"Nothing was imported: could not reach .*tables/07459"):
        call_command(
            "fetch_ssb_table",
            "07459",
            "-m",
            "5001",
            "--api-root",
            "http://127.0.0.1:9",
            stdout=StringIO(),
        )
