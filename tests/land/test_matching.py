"""The scoring function: each criterion's rule, the reasons, and properties over any input."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.land.matching import (
    WEIGHTS,
    Need,
    SiteColumns,
    SiteFacts,
    met_table,
    points_table,
    rank,
    rank_rows,
    score_site,
)


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


SITE_FACTS = st.builds(
    SiteFacts,
    kind=st.sampled_from(["area", "plot", "premises"]),
    purpose=st.sampled_from(["industry", "logistics", "mixed", "office"]),
    size_daa=st.floats(min_value=0, max_value=1_000, allow_nan=False),
    readiness=st.sampled_from(["now", "12m", "later"]),
    infrastructure=st.frozensets(st.sampled_from(["rail", "port", "water", "power"])),
    municipality_id=st.integers(min_value=1, max_value=4),
    distance_km=st.one_of(st.none(), st.floats(min_value=0, max_value=200, allow_nan=False)),
)
NEEDS = st.builds(
    Need,
    kinds=st.frozensets(st.sampled_from(["area", "plot", "premises"])),
    purpose=st.sampled_from(["", "industry", "logistics"]),
    min_daa=st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False)),
    max_daa=st.one_of(st.none(), st.floats(min_value=0, max_value=500, allow_nan=False)),
    readiness=st.sampled_from(["", "now", "12m", "later"]),
    infrastructure=st.frozensets(st.sampled_from(["rail", "port", "water", "power"])),
    municipality_ids=st.frozensets(st.integers(min_value=1, max_value=4), max_size=2),
    max_km=st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False)),
)


def columns_of(sites: list[SiteFacts]) -> SiteColumns:
    return SiteColumns(
        kind=np.array([s.kind for s in sites], dtype=str),
        purpose=np.array([s.purpose for s in sites], dtype=str),
        size_daa=np.array([s.size_daa for s in sites], dtype=np.float64),
        readiness=np.array([s.readiness for s in sites], dtype=str),
        infrastructure={
            name: np.array([name in s.infrastructure for s in sites], dtype=bool)
            for name in ("rail", "port", "water", "power")
        },
        municipality_id=np.array([s.municipality_id for s in sites], dtype=np.int64),
        distance_km=np.array(
            [np.nan if s.distance_km is None else s.distance_km for s in sites], dtype=np.float64
        ),
    )


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=300)
@given(sites=st.lists(SITE_FACTS, min_size=1, max_size=8), need=NEEDS)
def test_the_vectorised_points_equal_the_scored_reasons_site_by_site(
    sites: list[SiteFacts], need: Need
) -> None:
    columns = columns_of(sites)

    table = points_table(columns, need)

    for row, site in enumerate(sites):
        score = score_site(site, need)
        assert table[row].tolist() == [reason.points for reason in score.reasons]
        assert columns.facts(row) == site
        assert met_table(table)[row].all() == score.fits


def test_rank_rows_orders_like_rank() -> None:
    need = Need(min_daa=20)
    sites = [facts(size_daa=size) for size in (5.0, 30.0, 15.0, 30.0)]
    ids = np.array([4, 9, 2, 3], dtype=np.int64)
    table = points_table(columns_of(sites), need)

    rows = rank_rows(table, ids, limit=3)

    scored = [(int(ids[i]), score_site(site, need)) for i, site in enumerate(sites)]
    assert [int(ids[row]) for row in rows] == [pk for pk, _score in rank(scored, limit=3)]
