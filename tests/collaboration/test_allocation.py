"""The cost allocation: exact to the krone, sums to the total, never negative, weights checked."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samspill.analytics.allocation import AllocationError, KeyPart, allocate, exact_shares

PARTIES = st.integers(min_value=1, max_value=8).map(lambda n: [f"k{i}" for i in range(n)])


@st.composite
def keys(draw: st.DrawFn) -> tuple[int, list[str], list[KeyPart]]:
    parties = draw(PARTIES)
    total = draw(st.integers(min_value=0, max_value=10**10))
    equal = draw(st.integers(min_value=0, max_value=100))
    by_figure = 100 - equal
    figures = {
        party: draw(st.floats(min_value=0, max_value=1e7, allow_nan=False)) for party in parties
    }
    if sum(figures.values()) <= 0:
        figures[parties[0]] = 1.0
    return total, parties, [KeyPart(equal), KeyPart(by_figure, figures)]


@given(keys())
def test_shares_sum_exactly_to_the_total_and_none_is_negative(
    key: tuple[int, list[str], list[KeyPart]],
) -> None:
    total, parties, parts = key
    shares = allocate(total, parties, parts)
    assert sum(shares.values()) == total
    assert all(share >= 0 for share in shares.values())
    assert list(shares) == parties


@given(keys())
def test_each_share_is_within_one_krone_of_the_exact_share(
    key: tuple[int, list[str], list[KeyPart]],
) -> None:
    total, parties, parts = key
    shares = allocate(total, parties, parts)
    exact = exact_shares(total, parties, parts)
    for party in parties:
        assert abs(Fraction(shares[party]) - exact[party]) < 1


@given(
    st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=3).filter(
        lambda weights: sum(weights) != 100
    )
)
def test_weights_that_do_not_add_up_to_100_are_refused(weights: list[int]) -> None:
    with pytest.raises(AllocationError) as error:
        allocate(1000, ["a", "b"], [KeyPart(w) for w in weights])
    assert error.value.code == "weights_sum"


def test_the_mixed_key_by_hand() -> None:
    # 30 % of 100 000 equally (7 500 each), 70 % by population 3:1:0:0 → 52 500 and 17 500.
    shares = allocate(
        100_000, ["a", "b", "c", "d"], [KeyPart(30), KeyPart(70, {"a": 3, "b": 1, "c": 0, "d": 0})]
    )
    assert shares == {"a": 60_000, "b": 25_000, "c": 7_500, "d": 7_500}


def test_largest_remainder_gives_the_left_over_kroner_in_order() -> None:
    assert allocate(100, ["a", "b", "c"], [KeyPart(100)]) == {"a": 34, "b": 33, "c": 33}
    assert allocate(2, ["a", "b", "c"], [KeyPart(100)]) == {"a": 1, "b": 1, "c": 0}


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        ([KeyPart(-10), KeyPart(110)], "weight_range"),
        ([KeyPart(50), KeyPart(50, {"a": 1})], "figures_missing"),
        ([KeyPart(50), KeyPart(50, {"a": -1, "b": 2})], "figure_negative"),
        ([KeyPart(50), KeyPart(50, {"a": 0, "b": 0})], "figures_zero"),
        ([], "no_parts"),
    ],
)
def test_bad_keys_are_refused_with_a_reason(parts: list[KeyPart], code: str) -> None:
    with pytest.raises(AllocationError) as error:
        allocate(1000, ["a", "b"], parts)
    assert error.value.code == code


def test_a_negative_total_is_refused() -> None:
    with pytest.raises(AllocationError):
        allocate(-1, ["a"], [KeyPart(100)])
