"""The scoring function: each criterion's rule, the reasons, and properties over any input."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.land.matching import WEIGHTS, Need, SiteFacts, rank, score_site


def facts(**values: object) -> SiteFacts:
    base: dict[str, object] = {
        "kind": "plot",
        "purpose": "industry",
        "size_daa": 30.0,
        "readiness": "now",
        "infrastructure": frozenset({"water"}),
        "municipality_id": 1,
        "distance_km": 5.0,
    }
    base.update(values)
    return SiteFacts(**base)  # type: ignore[arg-type]


def test_a_site_that_meets_everything_scores_100_and_fits() -> None:
    need = Need(
        kinds=frozenset({"plot"}),
        purpose="industry",
        min_daa=20,
        readiness="12m",
        infrastructure=frozenset({"water"}),
        max_km=10,
    )
    score = score_site(facts(), need)
    assert score.total == 100
    assert score.fits
    assert [r.code for r in score.reasons] == [
        "size_ok",
        "readiness_ok",
        "kind_ok",
        "infrastructure_ok",
        "place_near",
    ]


def test_too_small_gets_partial_credit_down_to_half_then_nothing() -> None:
    need = Need(min_daa=40)
    assert score_site(facts(size_daa=30), need).reasons[0].points == round(35 * 0.5 * 0.5)
    assert score_site(facts(size_daa=20), need).reasons[0].points == 0
    assert score_site(facts(size_daa=30), need).reasons[0].code == "size_small"
    assert not score_site(facts(size_daa=30), need).fits


def test_readiness_one_step_late_is_half_two_steps_nothing() -> None:
    assert score_site(facts(readiness="12m"), Need(readiness="now")).reasons[1].points == 10
    assert score_site(facts(readiness="later"), Need(readiness="now")).reasons[1].points == 0


def test_wrong_kind_scores_nothing_other_purpose_a_third_and_mixed_counts_as_any() -> None:
    assert (
        score_site(facts(kind="premises"), Need(kinds=frozenset({"plot"}))).reasons[2].points == 0
    )
    assert score_site(facts(purpose="office"), Need(purpose="industry")).reasons[2].points == 5
    assert score_site(facts(purpose="mixed"), Need(purpose="industry")).reasons[2].points == 15


def test_missing_infrastructure_is_named_and_scored_by_share() -> None:
    reason = score_site(facts(), Need(infrastructure=frozenset({"water", "rail"}))).reasons[3]
    assert reason.code == "infrastructure_missing"
    assert reason.values["missing"] == "rail"
    assert reason.points == 8


def test_place_other_municipality_and_far_away() -> None:
    assert score_site(facts(), Need(municipality_ids=frozenset({2}))).failed == ["place"]
    far = score_site(facts(distance_km=14), Need(max_km=10)).reasons[4]
    assert (far.code, far.points) == ("place_far", 8)
    assert score_site(facts(distance_km=16), Need(max_km=10)).reasons[4].points == 0


def test_rank_orders_by_score_then_id() -> None:
    need = Need(min_daa=30)
    scored = [
        (3, score_site(facts(), need)),
        (1, score_site(facts(), need)),
        (2, score_site(facts(size_daa=20), need)),
    ]
    assert [pk for pk, _ in rank(scored)] == [1, 3, 2]


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    size=st.floats(min_value=0, max_value=10_000, allow_nan=False),
    low=st.one_of(st.none(), st.floats(min_value=0, max_value=10_000, allow_nan=False)),
    readiness=st.sampled_from(["now", "12m", "later"]),
    wanted=st.sampled_from(["", "now", "12m", "later"]),
    distance=st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False)),
    max_km=st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False)),
    infra=st.frozensets(st.sampled_from(["rail", "port", "water", "power"])),
    wanted_infra=st.frozensets(st.sampled_from(["rail", "port", "water", "power"])),
)
def test_score_is_bounded_and_each_reason_within_its_weight(
    size: float,
    low: float | None,
    readiness: str,
    wanted: str,
    distance: float | None,
    max_km: float | None,
    infra: frozenset[str],
    wanted_infra: frozenset[str],
) -> None:
    score = score_site(
        facts(size_daa=size, readiness=readiness, distance_km=distance, infrastructure=infra),
        Need(min_daa=low, readiness=wanted, max_km=max_km, infrastructure=wanted_infra),
    )
    assert 0 <= score.total <= 100
    assert sum(WEIGHTS.values()) == 100
    for reason in score.reasons:
        assert 0 <= reason.points <= reason.weight == WEIGHTS[reason.criterion]
    assert score.fits == (score.total == 100)
