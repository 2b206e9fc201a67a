"""The organisation-number check digit (mod 11, weights 3,2,7,6,5,4,3,2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samspill.inquiries.orgnr import (
    is_valid_organisation_number,
    normalise_organisation_number,
    organisation_number_check_digit,
)


@pytest.mark.parametrize(
    "number",
    [
        "974760673",  # Brønnøysundregistrene
        "923609016",  # Equinor ASA
        "971524960",  # Statistisk sentralbyrå
    ],
)
def test_real_organisation_numbers_are_valid(number: str) -> None:
    assert is_valid_organisation_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "974760672",  # wrong check digit
        "923609017",
        "974760637",  # two digits swapped
        "97476067",  # eight digits
        "9747606730",  # ten digits
        "97476067a",
        "",
        "９７４７６０６７３",  # full-width digits are digits to Python, not to the register
    ],
)
def test_variants_are_invalid(number: str) -> None:
    assert not is_valid_organisation_number(number)


def test_a_remainder_of_one_gives_no_valid_number() -> None:
    # 4 * 3 = 12, remainder 1: the check digit would be 10, so no number starts with 40000000.
    assert organisation_number_check_digit("40000000") is None
    assert not any(is_valid_organisation_number(f"40000000{digit}") for digit in range(10))


def test_a_remainder_of_zero_gives_check_digit_zero() -> None:
    assert organisation_number_check_digit("00000000") == 0
    assert organisation_number_check_digit("00000005") == 1


def test_spaces_and_dots_are_removed() -> None:
    assert normalise_organisation_number("974 760 673") == "974760673"
    assert normalise_organisation_number("974.760.673") == "974760673"


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_every_number_with_its_computed_check_digit_is_valid(first_eight: str) -> None:
    check = organisation_number_check_digit(first_eight)
    if check is None:
        assert not any(is_valid_organisation_number(first_eight + str(d)) for d in range(10))
    else:
        assert is_valid_organisation_number(first_eight + str(check))
        assert not is_valid_organisation_number(first_eight + str((check + 1) % 10))
