"""Adjusted Rand index and partition differences, checked against hand-computed values and an
independent pair-counting computation (every unordered pair of units classified by hand)."""

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samspill.analytics.partitions import adjusted_rand_index, compare_partitions


def pair_counting_ari(first: dict[str, object], second: dict[str, object]) -> float:
    """ARI from the four pair counts (Hubert & Arabie 1985, eq. 5), no contingency table."""
    units = sorted(set(first) & set(second))
    same_both = same_first = same_second = different = 0
    for a, b in itertools.combinations(units, 2):
        in_first = first[a] == first[b]
        in_second = second[a] == second[b]
        if in_first and in_second:
            same_both += 1
        elif in_first:
            same_first += 1
        elif in_second:
            same_second += 1
        else:
            different += 1
    numerator = 2 * (same_both * different - same_first * same_second)
    denominator = (same_both + same_first) * (same_first + different) + (
        same_both + same_second
    ) * (same_second + different)
    return 1.0 if denominator == 0 else numerator / denominator


def labels(*values: object) -> dict[str, object]:
    return {str(position): value for position, value in enumerate(values)}


def test_hand_computed_example():
    # Contingency A:{X 2, Y 1}, B:{Y 1, Z 2}: index 2, row pairs 6, column pairs 3, C(6,2) = 15,
    # expected 6·3/15 = 1.2, maximum 4.5 → (2 − 1.2) / (4.5 − 1.2) = 8/33.
    first = labels("A", "A", "A", "B", "B", "B")
    second = labels("X", "X", "Y", "Y", "Z", "Z")
    assert adjusted_rand_index(first, second) == pytest.approx(float(Fraction(8, 33)))


def test_published_values():
    # scikit-learn's documented examples of adjusted_rand_score
    assert adjusted_rand_index(labels(0, 0, 1, 1), labels(0, 0, 1, 2)) == pytest.approx(4 / 7)
    assert adjusted_rand_index(labels(0, 0, 1, 1), labels(0, 1, 0, 1)) == pytest.approx(-0.5)
    assert adjusted_rand_index(labels(0, 0, 1, 1), labels(1, 1, 0, 0)) == 1.0


def test_trivial_partitions_are_identical():
    assert adjusted_rand_index(labels(1, 1, 1), labels(2, 2, 2)) == 1.0
    assert adjusted_rand_index(labels(1, 2, 3), labels(4, 5, 6)) == 1.0


def test_needs_two_shared_units():
    with pytest.raises(ValueError, match="at least two"):
        adjusted_rand_index({"a": 1, "b": 1}, {"b": 1, "c": 1})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=2, max_size=30))
def test_equals_pair_counting(rows: list[tuple[int, int]]):
    first = {str(i): a for i, (a, _b) in enumerate(rows)}
    second = {str(i): b for i, (_a, b) in enumerate(rows)}
    assert adjusted_rand_index(first, second) == pytest.approx(pair_counting_ari(first, second))
    assert adjusted_rand_index(second, first) == pytest.approx(adjusted_rand_index(first, second))
    renamed = {unit: f"class-{label}" for unit, label in second.items()}
    assert adjusted_rand_index(first, renamed) == pytest.approx(adjusted_rand_index(first, second))


def test_differences_grouped_by_class_pair():
    computed = {"1": "R1", "2": "R1", "3": "R1", "4": "R2", "5": "R2", "9": "R2"}
    official = {"1": "E1", "2": "E1", "3": "E2", "4": "E2", "5": "E2", "7": "E3"}
    result = compare_partitions(computed, official)
    assert result.match == {"R1": "E1", "R2": "E2"}
    assert result.differences == {("R1", "E2"): ["3"]}
    assert result.differing_units == 1
    assert result.units == 5
    assert result.only_first == ["9"]
    assert result.only_second == ["7"]
    assert result.classes_first == 2
    assert result.classes_second == 2


def test_match_tie_takes_the_smallest_label():
    result = compare_partitions(labels("R", "R"), labels("b", "a"))
    assert result.match == {"R": "a"}
    assert result.differences == {("R", "b"): ["0"]}


def test_competition_ranks():
    from samspill.analytics.ranking import competition_ranks

    assert competition_ranks([10.0, 30.0, 30.0, None, 5.0]) == [3, 1, 1, None, 4]
    assert competition_ranks([10.0, float("nan"), 5.0], descending=False) == [2, None, 1]
    assert competition_ranks([]) == []


def test_anchor_decides_the_match():
    # Region R: its centre "1" is alone in class "city"; its two neighbours share "rural".
    computed = {"1": "R", "2": "R", "3": "R"}
    official = {"1": "city", "2": "rural", "3": "rural"}
    assert compare_partitions(computed, official).match == {"R": "rural"}
    anchored = compare_partitions(computed, official, anchors={"R": "1"})
    assert anchored.match == {"R": "city"}
    assert anchored.differences == {("R", "rural"): ["2", "3"]}
