"""Plan consistency warnings and the adoption logic (pure functions)."""

import datetime

from samspill.collaboration.models import ADOPTED_OUTCOMES
from samspill.collaboration.plan import (
    Dated,
    Treatment,
    adoption_status,
    decision_point_passed,
    order_breaks,
)

D = datetime.date


def test_seed_004_milestone_02_is_flagged_and_nothing_else() -> None:
    plan = [
        Dated("01", D(2017, 11, 15)),
        Dated("02", D(2018, 12, 15)),
        Dated("03", D(2018, 2, 1)),
        Dated("04", D(2018, 3, 1)),
    ]
    breaks = order_breaks(plan)
    assert [b.item.key for b in breaks] == ["02"]
    assert breaks[0].before is not None
    assert breaks[0].before.key == "01"
    assert breaks[0].after is not None
    assert breaks[0].after.key == "03"


def test_a_plan_in_order_has_no_warnings() -> None:
    assert order_breaks([Dated("1", D(2017, 1, 1)), Dated("2", D(2017, 1, 1))]) == []
    assert order_breaks([]) == []


def test_a_first_item_dated_too_late_is_flagged() -> None:
    plan = [Dated("1", D(2030, 1, 1)), Dated("2", D(2017, 1, 1)), Dated("3", D(2017, 2, 1))]
    assert [b.item.key for b in order_breaks(plan)] == ["1"]


PARTIES = ["Bardu", "Gratangen", "Lavangen", "Salangen"]


def _status(treatments: list[Treatment]):  # type: ignore[no-untyped-def]
    return adoption_status(PARTIES, treatments, adopted_outcomes=ADOPTED_OUTCOMES)


def test_three_of_four_and_who_is_waiting() -> None:
    status = _status(
        [
            Treatment("Bardu", "adopted", D(2017, 9, 21)),
            Treatment("Gratangen", "adopted", D(2017, 9, 26)),
            Treatment("Salangen", "adopted_changed", D(2017, 10, 5)),
            Treatment("Lavangen", "pending", D(2017, 10, 12)),
        ]
    )
    assert (status.adopted_count, status.total, status.all_adopted) == (3, 4, False)
    assert [p.party for p in status.waiting] == ["Lavangen"]
    assert status.waiting[0].meeting_date == D(2017, 10, 12)


def test_the_latest_treatment_decides() -> None:
    status = _status(
        [
            Treatment("Lavangen", "adopted", D(2017, 11, 1)),
            Treatment("Lavangen", "postponed", D(2017, 10, 12)),
        ]
    )
    assert status.parties[2].adopted
    rejected = _status(
        [
            Treatment("Bardu", "adopted", D(2017, 9, 1)),
            Treatment("Bardu", "not_adopted", D(2017, 10, 1)),
        ]
    )
    assert not rejected.parties[0].adopted


def test_a_decision_point_needing_all_passes_only_when_all_adopted_or_overridden() -> None:
    three = _status([Treatment(p, "adopted", D(2017, 9, 1)) for p in PARTIES[:3]])
    four = _status([Treatment(p, "adopted", D(2017, 9, 1)) for p in PARTIES])
    assert not decision_point_passed(decided=True, needs_all=True, status=three, overridden=False)
    assert decision_point_passed(decided=True, needs_all=True, status=three, overridden=True)
    assert decision_point_passed(decided=True, needs_all=True, status=four, overridden=False)
    assert not decision_point_passed(decided=False, needs_all=True, status=four, overridden=False)
    assert decision_point_passed(decided=True, needs_all=False, status=three, overridden=False)


def test_of_two_equally_short_readings_the_late_date_is_the_typo() -> None:
    plan = [Dated("01", D(2017, 11, 15)), Dated("02", D(2018, 12, 15)), Dated("03", D(2018, 2, 1))]
    assert [b.item.key for b in order_breaks(plan)] == ["02"]
