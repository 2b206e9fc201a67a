"""Key-figure presenters: whole sentences about an area, and the checks on estimated years."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.analytics.population import milestone
from samspill.core.numbers import format_number
from samspill.population import selectors
from samspill.stats.models import Series
from samspill.stats.notes import note_text
from samspill.stats.presenters import Area
from samspill.stats.selectors import (
    COMMUTING,
    EMPLOYED_BY_RESIDENCE,
    POPULATION,
    flows_touching,
    series_by_code,
)

SHARE_67_SPAN = 10
"""The share aged 67+ is compared over ten years (2016 → 2026 with today's data)."""
UNREALISTIC_ESTIMATES = frozenset({"1508", "1580"})
"""csdata split the 2020–2023 Ålesund 50/50 between Ålesund and Haram for 2006–2023; the
PROVENANCE says not to use those values for growth: no sentence compares years that use them."""


@dataclass(frozen=True)
class EstimateCheck:
    """Which of the compared years hold the source's estimates, and whether to say nothing."""

    skip: bool
    years: list[int]

    def caveat(self) -> str:
        if not self.years:
            return ""
        return " " + _(
            "Tallene for %(years)s inkluderer kildens anslag for deler av en kommune som senere "
            "ble delt."
        ) % {"years": ", ".join(str(year) for year in self.years)}


def _estimates(area: Area, years: Iterable[int]) -> EstimateCheck:
    estimated = selectors.estimated_years(code=POPULATION, municipality_ids=area.ids)
    hit = sorted(year for year in set(years) if year in estimated)
    return EstimateCheck(
        skip=any(estimated[year] & UNREALISTIC_ESTIMATES for year in hit), years=hit
    )


@dataclass(frozen=True)
class KeyFigure:
    """One sentence about the area, with the source it comes from."""

    text: str
    source: str


def _source(series: Series | None) -> str:
    if series is None:
        return ""
    if not series.table_number.isdigit():
        return _("Kilde: %(source)s") % {"source": note_text(series.source)}
    return _("Kilde: %(source)s, tabell %(table)s") % {
        "source": note_text(series.source),
        "table": series.table_number,
    }


def _population_sentence(area: Area, series: dict[str, Series]) -> KeyFigure | None:
    totals = selectors.sums(code=POPULATION, municipality_ids=area.ids, keys=[""])
    unusable = {year for year, _key in totals if _estimates(area, [year]).skip}
    found = milestone(
        (year, value) for (year, _key), value in totals.items() if year not in unusable
    )
    if found is None:
        return None
    check = _estimates(area, [found.year, found.year + 1])
    values = {"area": area.label, "threshold": format_number(found.threshold), "year": found.year}
    if found.up:
        text = _("%(area)s passerte %(threshold)s innbyggere i løpet av %(year)s.") % values
    else:
        text = _("%(area)s kom under %(threshold)s innbyggere i løpet av %(year)s.") % values
    return KeyFigure(text + check.caveat(), _source(series.get(POPULATION)))


def _old_share_sentence(area: Area, series: dict[str, Series]) -> KeyFigure | None:
    keys = [*selectors.BAND_KEYS.values()]
    local = selectors.sums(code=POPULATION, municipality_ids=area.ids, keys=keys)
    national = selectors.sums(code=POPULATION, municipality_ids=None, keys=keys)
    years = sorted({year for year, _key in local})
    if not years or years[-1] - SHARE_67_SPAN not in years:
        return None
    last, first = years[-1], years[-1] - SHARE_67_SPAN
    check = _estimates(area, [first, last])
    if check.skip:
        return None

    def share(table: selectors.Sums, year: int) -> float | None:
        total = sum(table.get((year, key), 0.0) for key in keys)
        return table.get((year, "alder=67+"), 0.0) / total * 100 if total else None

    start, end, norway = share(local, first), share(local, last), share(national, last)
    if start is None or end is None:
        return None
    start_text, end_text = format_number(start, 1), format_number(end, 1)
    values = {
        "area": area.label,
        "start": start_text,
        "end": end_text,
        "first": first,
        "last": last,
        "norway": format_number(norway, 1),
    }
    if end_text == start_text:
        text = _(
            "Andelen innbyggere i %(area)s som er 67 år eller eldre, var %(end)s prosent både i "
            "%(first)s og %(last)s (Norge %(last)s: %(norway)s prosent)."
        )
    elif end > start:
        text = _(
            "Andelen innbyggere i %(area)s som er 67 år eller eldre, økte fra %(start)s prosent "
            "i %(first)s til %(end)s prosent i %(last)s (Norge %(last)s: %(norway)s prosent)."
        )
    else:
        text = _(
            "Andelen innbyggere i %(area)s som er 67 år eller eldre, sank fra %(start)s prosent "
            "i %(first)s til %(end)s prosent i %(last)s (Norge %(last)s: %(norway)s prosent)."
        )
    return KeyFigure(text % values + check.caveat(), _source(series.get(POPULATION)))


def _working_age_sentence(area: Area, series: dict[str, Series]) -> KeyFigure | None:
    key = selectors.BAND_KEYS["working"]
    local = selectors.sums(code=POPULATION, municipality_ids=area.ids, keys=[key])
    years = sorted(year for year, _key in local)
    if not years or years[-1] - SHARE_67_SPAN not in years:
        return None
    last, first = years[-1], years[-1] - SHARE_67_SPAN
    check = _estimates(area, [first, last])
    if check.skip:
        return None
    change = round(local[(last, key)] - local[(first, key)])
    values = {"area": area.label, "count": format_number(abs(change)), "first": first, "last": last}
    if change > 0:
        text = ngettext(
            "%(area)s hadde %(count)s flere innbygger i alderen 20–66 år i %(last)s enn i %(first)s.",
            "%(area)s hadde %(count)s flere innbyggere i alderen 20–66 år i %(last)s enn i %(first)s.",
            abs(change),
        )
    elif change < 0:
        text = ngettext(
            "%(area)s hadde %(count)s færre innbygger i alderen 20–66 år i %(last)s enn i %(first)s.",
            "%(area)s hadde %(count)s færre innbyggere i alderen 20–66 år i %(last)s enn i %(first)s.",
            abs(change),
        )
    else:
        text = _(
            "%(area)s hadde like mange innbyggere i alderen 20–66 år i %(last)s som i %(first)s."
        )
    return KeyFigure(text % values + check.caveat(), _source(series.get(POPULATION)))


def _employment_sentence(area: Area, series: dict[str, Series]) -> KeyFigure | None:
    local, _skipped = selectors.employment_by_year(municipality_ids=area.ids)
    national, _skipped = selectors.employment_by_year(municipality_ids=None)
    if not local:
        return None
    year = max(local)
    if year not in national:
        return None
    text = _(
        "I %(year)s var %(rate)s prosent av innbyggerne i %(area)s i alderen 15–74 år "
        "sysselsatt, mot %(norway)s prosent i hele landet."
    ) % {
        "year": year,
        "rate": format_number(local[year].rate, 1),
        "area": area.label,
        "norway": format_number(national[year].rate, 1),
    }
    return KeyFigure(text, _source(series.get(EMPLOYED_BY_RESIDENCE)))


def _education_sentence(area: Area, series: dict[str, Series]) -> KeyFigure | None:
    local = selectors.education_by_year(municipality_ids=area.ids)
    national = selectors.education_by_year(municipality_ids=None)
    if not local:
        return None
    year = max(local)
    if year not in national:
        return None
    text = _(
        "%(share)s prosent av innbyggerne i %(area)s i IMDis utdanningsstatistikk hadde "
        "universitets- eller høgskoleutdanning i %(year)s, mot %(norway)s prosent i hele landet."
    ) % {
        "share": format_number(local[year].higher, 1),
        "area": area.label,
        "year": year,
        "norway": format_number(national[year].higher, 1),
    }
    return KeyFigure(text, _source(series.get(selectors.EDUCATION_SERIES)))


def commuting_change(
    area: Area, *, first: int, last: int
) -> tuple[float, float, float, float] | None:
    """(out first, out last, in first, in last): commuters from the centre to the other members
    and from the other members into the centre (SSB 03321, harmonised to today's numbers)."""
    centre = next((m for m in area.members if m.number == area.centre), None)
    if centre is None or len(area.members) < 2:
        return None
    others = {m.pk for m in area.members if m.pk != centre.pk}
    totals = {(first, "out"): 0.0, (last, "out"): 0.0, (first, "in"): 0.0, (last, "in"): 0.0}
    for year, home, work, employed, _kind in flows_touching(
        municipality_ids=[centre.pk], years=[first, last]
    ):
        if home == centre.pk and work in others:
            totals[(year, "out")] += employed
        elif work == centre.pk and home in others:
            totals[(year, "in")] += employed
    values = (
        totals[(first, "out")],
        totals[(last, "out")],
        totals[(first, "in")],
        totals[(last, "in")],
    )
    if values[0] == 0 or values[2] == 0:
        return None
    return values


def _commuting_sentences(area: Area, series: dict[str, Series]) -> list[KeyFigure]:
    source = series.get(COMMUTING)
    if source is None or area.kind != "region" or not source.first_period:
        return []
    first, last = int(source.first_period[:4]), int(source.last_period[:4])
    if first == last:
        return []
    change = commuting_change(area, first=first, last=last)
    if change is None:
        return []
    out_first, out_last, in_first, in_last = change
    centre = next(m.name for m in area.members if m.number == area.centre)
    result = []
    for direction, before, after in (("out", out_first, out_last), ("in", in_first, in_last)):
        percent = (after - before) / before * 100
        values = {
            "centre": centre,
            "percent": format_number(abs(percent)),
            "first": first,
            "last": last,
            "before": format_number(before),
            "after": format_number(after),
        }
        shown = format_number(abs(percent))
        if direction == "out":
            if shown == "0":
                text = _(
                    "Pendlingen fra %(centre)s til de andre medlemskommunene var omtrent uendret fra %(first)s til %(last)s (%(before)s og %(after)s sysselsatte)."
                )
            elif percent > 0:
                text = _(
                    "Pendlingen fra %(centre)s til de andre medlemskommunene økte med %(percent)s prosent fra %(first)s til %(last)s (fra %(before)s til %(after)s sysselsatte)."
                )
            else:
                text = _(
                    "Pendlingen fra %(centre)s til de andre medlemskommunene gikk ned med %(percent)s prosent fra %(first)s til %(last)s (fra %(before)s til %(after)s sysselsatte)."
                )
        elif shown == "0":
            text = _(
                "Pendlingen inn til %(centre)s fra de andre medlemskommunene var omtrent uendret fra %(first)s til %(last)s (%(before)s og %(after)s sysselsatte)."
            )
        elif percent > 0:
            text = _(
                "Pendlingen inn til %(centre)s fra de andre medlemskommunene økte med %(percent)s prosent fra %(first)s til %(last)s (fra %(before)s til %(after)s sysselsatte)."
            )
        else:
            text = _(
                "Pendlingen inn til %(centre)s fra de andre medlemskommunene gikk ned med %(percent)s prosent fra %(first)s til %(last)s (fra %(before)s til %(after)s sysselsatte)."
            )
        result.append(KeyFigure(text % values, _source(source)))
    return result


def key_figures(area: Area) -> list[KeyFigure]:
    """Sentences about the area that the loaded data supports (none for what is missing)."""
    series = selectors.population_series() | series_by_code(codes=[COMMUTING])
    figures: list[KeyFigure | None] = [
        _population_sentence(area, series),
        _old_share_sentence(area, series),
        _working_age_sentence(area, series),
        _employment_sentence(area, series),
        _education_sentence(area, series),
    ]
    result = [figure for figure in figures if figure is not None]
    result += _commuting_sentences(area, series)
    return result
