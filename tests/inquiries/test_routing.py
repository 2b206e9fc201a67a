"""Pure routing and competence matching."""

from samspill.inquiries.routing import AdviserCompetence, Rule, pick_routing, rank_advisers

BARDU, SALANGEN = 1, 2


def test_need_and_municipality_beat_need_only_which_beats_catch_all() -> None:
    rules = [
        Rule(1, "", None, adviser_id=10),
        Rule(2, "site", None, adviser_id=20),
        Rule(3, "site", BARDU, adviser_id=30),
    ]

    assert [r.rule_id for r in pick_routing(rules, needs=["site"], municipality_ids=[BARDU])] == [3]
    assert [
        r.rule_id for r in pick_routing(rules, needs=["site"], municipality_ids=[SALANGEN])
    ] == [2]
    assert [r.rule_id for r in pick_routing(rules, needs=["funding"], municipality_ids=[])] == [1]


def test_priority_breaks_ties_and_full_ties_share_the_inquiry() -> None:
    rules = [
        Rule(1, "site", None, adviser_id=10, priority=50),
        Rule(2, "site", None, adviser_id=20, priority=10),
        Rule(3, "premises", None, adviser_id=30, priority=10),
    ]

    winners = pick_routing(rules, needs=["site", "premises"], municipality_ids=[])

    assert sorted(r.adviser_id for r in winners) == [20, 30]


def test_no_matching_rule_leaves_it_in_the_inbox() -> None:
    assert (
        pick_routing([Rule(1, "site", BARDU, 10)], needs=["site"], municipality_ids=[SALANGEN])
        == []
    )


def test_advisers_are_ranked_by_needs_covered_then_locality() -> None:
    advisers = [
        AdviserCompetence(1, frozenset({"site"}), frozenset({SALANGEN})),
        AdviserCompetence(2, frozenset({"site"}), frozenset({BARDU})),
        AdviserCompetence(3, frozenset({"site", "funding"}), frozenset({SALANGEN})),
        AdviserCompetence(4, frozenset({"network"}), frozenset({BARDU})),
    ]

    ranked = rank_advisers(advisers, needs=["site", "funding"], municipality_ids=[BARDU])

    assert [(a.adviser_id, covered) for a, covered in ranked] == [(3, 2), (2, 1), (1, 1)]
