"""Turn report results and adviser lists into what the templates show (labels, sentences)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.accounts.models import User
from samspill.inquiries.models import AdviserProfile, Inquiry, Need
from samspill.inquiries.reports import (
    ANYWHERE,
    InquiryRow,
    UnmetDemand,
    count_by_municipality,
    count_by_need,
    count_by_status,
    count_lost_reasons,
    response_times,
    unmet_demand,
    unmet_needs_summary,
)
from samspill.inquiries.selectors import ServiceOverview


def retention_days() -> int:
    return int(settings.INQUIRY_RETENTION_DAYS)


SERVICE_FACTS_MAX_AGE_YEARS = 2


@dataclass(frozen=True)
class FactsAge:
    """How old the service overview's facts are: per row, and the warning for the overview."""

    stale_ids: frozenset[int]  # municipality ids whose facts are old or undated
    oldest: datetime.date | None
    max_age_years: int

    @property
    def any_stale(self) -> bool:
        return bool(self.stale_ids)


def service_facts_age(overview: ServiceOverview, *, today: datetime.date) -> FactsAge:
    """Entries older than SERVICE_FACTS_MAX_AGE_YEARS (or without a date) are flagged."""
    years = SERVICE_FACTS_MAX_AGE_YEARS
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - years, day=28)
    dates = [s.facts_as_of for _m, s in overview.rows if s is not None and s.facts_as_of]
    return FactsAge(
        stale_ids=frozenset(
            m.pk
            for m, s in overview.rows
            if s is not None and (s.facts_as_of is None or s.facts_as_of < limit)
        ),
        oldest=min(dates) if dates else None,
        max_age_years=years,
    )


def _labelled(counts: list[tuple[str, int]], labels: dict[str, Any]) -> list[tuple[str, int]]:
    return [(str(labels.get(key, key)), count) for key, count in counts]


def unmet_demand_sentence(result: UnmetDemand) -> str:
    """'12 inquiries for more than 20 daa of tomt / næringsareal in 2025; none met.'"""
    need = str(dict(Need.choices).get(result.need, result.need))
    size = (
        _(" på mer enn %(daa)s daa") % {"daa": f"{result.min_area_m2 / 1000:g}".replace(".", ",")}
        if result.min_area_m2
        else ""
    )
    period = _(" i %(year)s") % {"year": result.year} if result.year else ""
    head = ngettext(
        "%(count)d henvendelse om %(need)s%(size)s%(period)s",
        "%(count)d henvendelser om %(need)s%(size)s%(period)s",
        result.total,
    ) % {"count": result.total, "need": need, "size": size, "period": period}
    if result.total == 0:
        return head + "."
    if result.met == 0:
        met = _("ingen ble møtt")
    elif result.met == result.total:
        met = _("alle ble møtt")
    else:
        met = _("%(met)d ble møtt") % {"met": result.met}
    details = _("%(unmet)d udekket, %(open)d fortsatt åpne, %(withdrawn)d trukket") % {
        "unmet": result.unmet,
        "open": result.still_open,
        "withdrawn": result.withdrawn,
    }
    return f"{head}; {met} ({details})."


def report_context(
    rows: Sequence[InquiryRow], need: str, min_area_m2: int, year: int | None
) -> dict[str, Any]:
    """Everything the reports page shows, from the same rows the exports use."""
    municipality_labels = {ANYWHERE: _("hele regionen")}
    demand = unmet_demand(rows, need=need, min_area_m2=min_area_m2, year=year)
    by_need = _labelled(count_by_need(rows), dict(Need.choices))
    return {
        "total": len(rows),
        "examples": sum(1 for row in rows if row.is_example),
        "by_need": by_need,
        "by_municipality": _labelled(count_by_municipality(rows), municipality_labels),
        "by_status": _labelled(count_by_status(rows), dict(Inquiry.Status.choices)),
        "lost_reasons": _labelled(count_lost_reasons(rows), dict(Inquiry.LostReason.choices)),
        "unmet_needs": _labelled(unmet_needs_summary(rows), dict(Need.choices)),
        "response": response_times(rows),
        "demand": demand,
        "demand_sentence": unmet_demand_sentence(demand),
        "jobs_created": sum(row.jobs_created or 0 for row in rows),
        "need_chart": {
            "type": "bar",
            "data": {
                "labels": [label for label, _count in by_need],
                "datasets": [
                    {"label": _("Henvendelser"), "data": [count for _label, count in by_need]}
                ],
            },
            "options": {"indexAxis": "y", "plugins": {"legend": {"display": False}}},
        },
    }


@dataclass(frozen=True)
class DirectoryEntry:
    """One adviser in the region's competence directory."""

    user: User
    places: list[str]
    competence: list[str]
    specialities: str
    phone: str
    accepts_inquiries: bool


def directory(advisers: Sequence[User]) -> list[DirectoryEntry]:
    entries = []
    for adviser in advisers:
        try:
            profile: AdviserProfile | None = adviser.adviser_profile
        except AdviserProfile.DoesNotExist:
            profile = None
        entries.append(
            DirectoryEntry(
                user=adviser,
                places=[
                    str(role.municipality.name if role.municipality else role.region)
                    for role in adviser.role_assignments.all()
                    if role.role != "viewer"
                ],
                competence=profile.competence_labels() if profile else [],
                specialities=profile.specialities if profile else "",
                phone=profile.phone if profile else "",
                accepts_inquiries=profile.accepts_inquiries if profile else False,
            )
        )
    return entries
