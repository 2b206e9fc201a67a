"""Harmonising municipality numbers (pure): merges summed, splits flagged and never apportioned."""

import pytest

from samspill.stats.harmonisation import (
    MERGED,
    ORIGINAL,
    RENUMBERED,
    SPLIT,
    HarmonisedCell,
    describe,
    later_numbers,
    number_mappings,
    same_municipality,
)

SUCCESSORS = {
    "1601": [("5001", MERGED)],
    "1662": [("5001", MERGED)],
    "1567": [("5061", RENUMBERED)],
    "1507": [("1508", SPLIT), ("1580", SPLIT)],
    "0001": [("0002", RENUMBERED)],
    "0002": [("5001", MERGED)],
}
CURRENT = {"5001", "5061", "1508", "1580"}
CHAIN = {
    "1601": [("5001", MERGED)],
    "1662": [("5001", MERGED)],
    "1142": [("1103", MERGED)],
    "0702": [("0715", MERGED)],
    "0715": [("3903", RENUMBERED)],
}
PERIODS: dict[str, tuple[int, int | None]] = {
    "1601": (1990, 2017),
    "1662": (1990, 2017),
    "5001": (2018, None),
    "1142": (1990, 2019),
    "1103": (1990, None),
}


def test_each_kind_of_number() -> None:
    mappings = number_mappings(
        ["5001", "1601", "1567", "1507", "9999"], current=CURRENT, successors=SUCCESSORS
    )

    assert (mappings["5001"].target, mappings["5001"].kind) == ("5001", ORIGINAL)
    assert (mappings["1601"].target, mappings["1601"].kind) == ("5001", MERGED)
    assert (mappings["1567"].target, mappings["1567"].kind) == ("5061", RENUMBERED)
    assert (mappings["1507"].target, mappings["1507"].kind) == ("1507", SPLIT)
    assert mappings["1507"].successors == ("1508", "1580")
    assert mappings["9999"].kind == ORIGINAL


def test_chains_are_followed_to_today() -> None:
    mappings = number_mappings(["0001"], current=CURRENT, successors=SUCCESSORS)

    assert (mappings["0001"].target, mappings["0001"].kind) == ("5001", MERGED)


def test_merged_cells_are_summed_and_a_missing_part_makes_the_sum_missing() -> None:
    cell = HarmonisedCell(100.0, "", MERGED, ["1601"], 2)
    cell.add(20.0, "", MERGED, "1662", "")
    assert (cell.value, cell.kind, cell.originals) == (120.0, MERGED, ["1601", "1662"])

    cell.add(None, ":", MERGED, "0002", "")
    assert (cell.value, cell.status) == (None, ":")


def test_describe_names_the_split_and_says_it_is_not_apportioned() -> None:
    mappings = number_mappings(["1507"], current=CURRENT, successors=SUCCESSORS)

    text = describe(mappings["1507"], {"1507": "Ålesund", "1508": "Ålesund", "1580": "Haram"})

    assert (
        text
        == "1507 Ålesund: delt mellom 1508 Ålesund, 1580 Haram; ikke fordelt, vises på det gamle nummeret"
    )


def test_later_numbers_follow_the_reform_chain() -> None:
    later = later_numbers(["1601", "5001", "0702"], successors=CHAIN)

    assert later == {"1601": frozenset({"5001"}), "0702": frozenset({"0715", "3903"})}


@pytest.mark.parametrize(
    ("first", "second", "year", "expected"),
    [
        ("1601", "5001", 2017, True),  # 5001 not yet in use: the same municipality twice
        ("5001", "1601", 2022, True),  # 1601 no longer in use
        ("1142", "1103", 2017, False),  # both in use: two municipalities, merged later
        ("1601", "1662", 2017, False),  # siblings: neither became the other
    ],
)
def test_same_municipality_under_old_and_new_number(
    first: str, second: str, year: int, expected: bool
) -> None:
    later = later_numbers([first, second], successors=CHAIN)

    assert same_municipality(first, second, year, later=later, periods=PERIODS) is expected
