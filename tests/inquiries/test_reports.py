"""Pure report logic: no database."""

import datetime

from samspill.inquiries.reports import (
    ANYWHERE,
    InquiryRow,
    count_by_municipality,
    count_by_need,
    count_by_status,
    response_times,
    unmet_demand,
)

UTC = datetime.UTC


def _row(inquiry_id: int, **values: object) -> InquiryRow:
    defaults: dict[str, object] = {
        "inquiry_id": inquiry_id,
        "created_at": datetime.datetime(2025, 3, 1, 9, tzinfo=UTC),
        "first_response_at": None,
        "closed_at": None,
        "status": "new",
        "company_name": "AS",
        "organisation_number": "",
        "needs": ("site",),
        "municipalities": ("Bardu",),
        "anywhere_in_region": False,
        "area_m2": 25_000,
        "employees": None,
        "jobs_expected": None,
        "jobs_created": None,
        "outcome_municipality": "",
        "lost_reason": "",
        "unmet_needs": (),
    }
    defaults.update(values)
    return InquiryRow(**defaults)


def test_twelve_inquiries_for_more_than_20_daa_in_2025_none_met() -> None:
    rows = [_row(i, status="lost", lost_reason="no_site", unmet_needs=("site",)) for i in range(12)]
    rows += [
        _row(100, area_m2=20_000, status="lost"),  # exactly 20 daa: not "more than"
        _row(101, created_at=datetime.datetime(2024, 6, 1, tzinfo=UTC), status="lost"),
        _row(102, needs=("premises",), status="lost"),
    ]

    result = unmet_demand(rows, need="site", min_area_m2=20_000, year=2025)

    assert (result.total, result.met, result.unmet, result.still_open) == (12, 0, 12, 0)


def test_met_unmet_open_and_withdrawn_are_told_apart() -> None:
    rows = [
        _row(1, status="established"),
        _row(2, status="established", unmet_needs=("site",)),  # established, but without the site
        _row(3, status="in_dialogue"),
        _row(4, status="withdrawn"),
        _row(5, status="lost"),
    ]

    result = unmet_demand(rows, need="site")

    assert (result.met, result.unmet, result.still_open, result.withdrawn) == (1, 2, 1, 1)


def test_counts_by_need_municipality_and_status() -> None:
    rows = [
        _row(1, needs=("site", "competence")),
        _row(2, needs=("site",), municipalities=("Bardu", "Salangen")),
        _row(3, needs=("funding",), municipalities=(), anywhere_in_region=True, status="lost"),
    ]

    assert count_by_need(rows) == [("site", 2), ("competence", 1), ("funding", 1)]
    assert count_by_municipality(rows) == [("Bardu", 2), (ANYWHERE, 1), ("Salangen", 1)]
    assert count_by_status(rows) == [("new", 2), ("lost", 1)]


def test_response_times_in_hours() -> None:
    start = datetime.datetime(2025, 3, 3, 8, tzinfo=UTC)
    rows = [
        _row(1, created_at=start, first_response_at=start + datetime.timedelta(hours=4)),
        _row(2, created_at=start, first_response_at=start + datetime.timedelta(hours=72)),
        _row(3, created_at=start),
    ]

    times = response_times(rows)

    assert (times.answered, times.waiting, times.within_two_days) == (2, 1, 1)
    assert times.median_hours == 38.0


def test_no_answers_give_no_median() -> None:
    assert response_times([_row(1)]).median_hours is None
