"""The Brønnøysund client against a real local HTTP server that answers in the API's format."""

import pytest

from samspill.inquiries.brreg import LookupResult, fetch_company_facts, parse_unit
from tests.inquiries.conftest import RecordedBrreg, unit_json


def test_a_found_unit_gives_its_facts(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 200, unit_json("923609016", "EQUINOR ASA"))

    lookup = fetch_company_facts("923609016")

    assert lookup.result == LookupResult.FOUND
    assert lookup.facts is not None
    assert lookup.facts.name == "EQUINOR ASA"
    assert lookup.facts.industry_code == "06.100"
    assert lookup.facts.employees == 21000
    assert lookup.facts.business_address == "Forusbeen 50"
    assert lookup.facts.municipality_number == "1103"
    assert brreg_server.requests == ["/enhetsregisteret/api/enheter/923609016"]


def test_an_unknown_number_is_not_found(brreg_server: RecordedBrreg) -> None:
    lookup = fetch_company_facts("974760673")

    assert lookup.result == LookupResult.NOT_FOUND
    assert lookup.facts is None


def test_a_removed_unit_answers_410(brreg_server: RecordedBrreg) -> None:
    brreg_server.add(
        "974760673",
        410,
        {"organisasjonsnummer": "974760673", "slettedato": "2020-01-01", "_links": {}},
    )

    assert fetch_company_facts("974760673").result == LookupResult.REMOVED


def test_a_unit_with_a_deletion_date_counts_as_removed(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("974760673", 200, unit_json("974760673", "GAMLE AS", slettedato="2021-05-01"))

    lookup = fetch_company_facts("974760673")

    assert lookup.result == LookupResult.REMOVED
    assert lookup.facts is not None
    assert lookup.facts.deleted_on == "2021-05-01"


def test_a_server_error_means_unavailable(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 500, {"status": 500, "error": "Internal Server Error"})

    lookup = fetch_company_facts("923609016")

    assert lookup.result == LookupResult.UNAVAILABLE
    assert "500" in lookup.detail


def test_a_bad_request_means_invalid(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 400, {"status": 400, "error": "Bad Request"})

    assert fetch_company_facts("923609016").result == LookupResult.INVALID


def test_a_hanging_server_times_out(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 200, None, hang=True)

    lookup = fetch_company_facts("923609016")

    assert lookup.result == LookupResult.UNAVAILABLE
    assert "timeout" in lookup.detail


def test_an_unexpected_answer_means_unavailable(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 200, ["not", "a", "unit"])

    assert fetch_company_facts("923609016").result == LookupResult.UNAVAILABLE


def test_no_server_at_all_means_unavailable(settings: pytest.FixtureRequest) -> None:
    lookup = fetch_company_facts("923609016", base_url="http://127.0.0.1:9/api", timeout=0.5)

    assert lookup.result == LookupResult.UNAVAILABLE
    assert "unreachable" in lookup.detail


def test_parsing_tolerates_missing_parts() -> None:
    facts = parse_unit({"organisasjonsnummer": "974760673", "navn": "ENK"})

    assert facts.name == "ENK"
    assert facts.employees is None
    assert facts.business_address == ""
