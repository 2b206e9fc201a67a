"""The weighted sum of joint scores: properties over any criteria and scores (no database)."""

import itertools
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.challenges.models import Criterion
from samspill.challenges.selectors import weighted_total


def _criteria(weights: list[int]) -> list[Criterion]:
    return [Criterion(pk=i + 1, name=f"K{i}", weight=w) for i, w in enumerate(weights)]


def _weights_summing_to_100() -> st.SearchStrategy[list[int]]:
    def split(cuts: list[int]) -> list[int]:
        edges = [0, *sorted(set(cuts)), 100]
        return [b - a for a, b in itertools.pairwise(edges) if b > a]

    return st.lists(st.integers(min_value=1, max_value=99), max_size=6).map(split)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_weights_summing_to_100(), st.data())
def test_the_total_lies_between_the_lowest_and_highest_score(
    weights: list[int], data: st.DataObject
) -> None:
    criteria = _criteria(weights)
    values = {c.pk: data.draw(st.integers(min_value=0, max_value=10)) for c in criteria}
    total = weighted_total(criteria=criteria, values=values)
    assert total is not None
    assert Decimal(min(values.values())) <= total <= Decimal(max(values.values()))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_weights_summing_to_100(), st.integers(min_value=0, max_value=10))
def test_equal_scores_give_that_score(weights: list[int], value: int) -> None:
    criteria = _criteria(weights)
    assert weighted_total(criteria=criteria, values={c.pk: value for c in criteria}) == value


def test_a_missing_score_gives_no_total() -> None:
    criteria = _criteria([60, 40])
    assert weighted_total(criteria=criteria, values={1: 7}) is None
    assert str(weighted_total(criteria=criteria, values={1: 7, 2: 4})) == "5.80"
