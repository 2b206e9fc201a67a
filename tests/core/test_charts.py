"""Chart specifications: the population pyramid is mirrored, oldest on top, reference beside."""

import pytest

from samspill.core.charts import pyramid_spec


def test_a_pyramid_draws_the_left_side_negative_with_the_oldest_group_on_top() -> None:
    spec = pyramid_spec(
        groups=["0–4", "5–9", "90+"],
        left=[("Menn, Bardu", [3.0, 2.5, 0.1]), ("Menn, Norge", [2.8, 3.0, 0.3])],
        right=[("Kvinner, Bardu", [2.9, 2.4, 0.4]), ("Kvinner, Norge", [2.7, 2.9, None])],
        value_title="Prosent",
    )

    assert spec["options"]["indexAxis"] == "y"
    assert spec["data"]["labels"] == ["90+", "5–9", "0–4"]
    men, women, men_norway, women_norway = spec["data"]["datasets"]
    assert men["data"] == [-0.1, -2.5, -3.0]
    assert women["data"] == [0.4, 2.4, 2.9]
    assert women_norway["data"] == [None, 2.9, 2.7]
    assert (men["stack"], women["stack"]) == ("s0", "s0")
    assert (men_norway["stack"], men_norway["reference"]) == ("s1", True)
    assert not men["reference"]
    assert spec["samspill"]["pyramid"] is True


def test_a_pyramid_needs_a_right_side_for_every_left_side() -> None:
    with pytest.raises(ValueError, match="as many"):
        pyramid_spec(groups=["0–4"], left=[("a", [1])], right=[], value_title="x")


def test_both_halves_of_a_pyramid_reach_as_far() -> None:
    spec = pyramid_spec(
        groups=["0–4"], left=[("Menn", [4.6])], right=[("Kvinner", [3.4])], value_title="%"
    )

    axis = spec["options"]["scales"]["x"]
    assert (axis["suggestedMin"], axis["suggestedMax"]) == (-4.6, 4.6)
