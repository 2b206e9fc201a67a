"""Pure report logic over flat inquiry rows: counts, response times, unmet demand. No Django."""

import datetime
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

CLOSED = frozenset({"established", "lost", "withdrawn"})
ANYWHERE = "*"

# Why a company's name and organisation number are left out of what is "without personal data".
WITHHELD_SOLE_PROPRIETORSHIP = "sole_proprietorship"  # ENK: the name is usually the owner's
WITHHELD_UNVERIFIED = "unverified"  # not (yet) confirmed as another form in Enhetsregisteret


def company_identity_withheld(
    *, organisation_number: str, facts_status: str, form_code: str, form: str
) -> str:
    """'' when the name and number may go into an export without personal data; else why not.

    Only a unit the register confirms with a form other than enkeltpersonforetak (ENK) counts as
    not personal: an ENK's name is usually its owner's name, and a name with no number, or one
    whose facts are not fetched (yet), may be a person planning to start one.
    """
    if form_code.upper() == "ENK" or form.strip().lower() == "enkeltpersonforetak":
        return WITHHELD_SOLE_PROPRIETORSHIP
    if not organisation_number or facts_status != "found" or not (form_code or form):
        return WITHHELD_UNVERIFIED
    return ""


@dataclass(frozen=True)
class InquiryRow:
    """One inquiry without personal data: the unit of every report and export."""

    inquiry_id: int
    created_at: datetime.datetime
    first_response_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    status: str
    company_name: str
    organisation_number: str
    needs: tuple[str, ...]
    municipalities: tuple[str, ...]
    anywhere_in_region: bool
    area_m2: int | None
    employees: int | None
    jobs_expected: int | None
    jobs_created: int | None
    outcome_municipality: str
    lost_reason: str
    unmet_needs: tuple[str, ...]
    is_example: bool = False
    case_number: str = ""
    identity_withheld: str = ""  # WITHHELD_*: company_name and organisation_number are blank


def count_by_need(rows: Sequence[InquiryRow]) -> list[tuple[str, int]]:
    """How many inquiries asked for each need (an inquiry with two needs counts for both)."""
    counts = Counter(need for row in rows for need in set(row.needs))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def count_by_municipality(rows: Sequence[InquiryRow]) -> list[tuple[str, int]]:
    """How many inquiries named each municipality; ANYWHERE for 'anywhere in the region'."""
    counts: Counter[str] = Counter()
    for row in rows:
        if row.anywhere_in_region or not row.municipalities:
            counts[ANYWHERE] += 1
        counts.update(set(row.municipalities))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def count_by_status(rows: Sequence[InquiryRow]) -> list[tuple[str, int]]:
    """How many inquiries are in each status (the outcome, for closed ones)."""
    counts = Counter(row.status for row in rows)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def count_lost_reasons(rows: Sequence[InquiryRow]) -> list[tuple[str, int]]:
    counts = Counter(row.lost_reason for row in rows if row.status == "lost" and row.lost_reason)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class ResponseTimes:
    """Hours from registration to the first follow-up (assignment or note)."""

    answered: int
    waiting: int
    median_hours: float | None
    mean_hours: float | None
    within_two_days: int


def response_times(rows: Sequence[InquiryRow]) -> ResponseTimes:
    hours = [
        (row.first_response_at - row.created_at).total_seconds() / 3600
        for row in rows
        if row.first_response_at is not None
    ]
    return ResponseTimes(
        answered=len(hours),
        waiting=sum(1 for row in rows if row.first_response_at is None),
        median_hours=statistics.median(hours) if hours else None,
        mean_hours=statistics.fmean(hours) if hours else None,
        within_two_days=sum(1 for h in hours if h <= 48),
    )


@dataclass(frozen=True)
class UnmetDemand:
    """Inquiries for one need above a size, and how many of them the region met."""

    need: str
    min_area_m2: int
    year: int | None
    total: int
    met: int
    unmet: int
    still_open: int
    withdrawn: int
    inquiry_ids: tuple[int, ...]


def unmet_demand(
    rows: Sequence[InquiryRow], *, need: str, min_area_m2: int = 0, year: int | None = None
) -> UnmetDemand:
    """E.g. 'inquiries for more than 20 daa of site in 2025; none met'.

    Met: established without this need among its unmet needs. Unmet: lost, or closed with the
    need recorded as not met. Withdrawn inquiries are counted apart (the business gave up first).
    """
    chosen = [
        row
        for row in rows
        if need in row.needs
        and (min_area_m2 <= 0 or (row.area_m2 is not None and row.area_m2 > min_area_m2))
        and (year is None or row.created_at.year == year)
    ]
    met = unmet = still_open = withdrawn = 0
    for row in chosen:
        if row.status not in CLOSED:
            still_open += 1
        elif need in row.unmet_needs or row.status == "lost":
            unmet += 1
        elif row.status == "withdrawn":
            withdrawn += 1
        else:
            met += 1
    return UnmetDemand(
        need=need,
        min_area_m2=min_area_m2,
        year=year,
        total=len(chosen),
        met=met,
        unmet=unmet,
        still_open=still_open,
        withdrawn=withdrawn,
        inquiry_ids=tuple(row.inquiry_id for row in chosen),
    )


def unmet_needs_summary(rows: Sequence[InquiryRow]) -> list[tuple[str, int]]:
    """How often each need was recorded as not met, across closed inquiries."""
    counts = Counter(need for row in rows for need in set(row.unmet_needs))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
