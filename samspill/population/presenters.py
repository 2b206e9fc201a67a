"""Population structure, employment rate and education of an area → charts, tables and sentences.

Charts are `stats.presenters.ChartTable`s (the same table beside the chart, the same CSV/XLSX
export); every number goes through `core.numbers`; the arithmetic is in
`samspill.analytics.population`. Key figures in words are whole sentences from the catalogue.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samspill.analytics.population import (
    AGE_GROUPS,
    SEXES,
    PyramidBar,
    age_pyramid,
    milestone,
)
from samspill.core.charts import chart_spec, pyramid_spec
from samspill.core.numbers import format_number, round_half_away
from samspill.population import selectors
from samspill.regions.models import Municipality, Region
from samspill.stats.models import Series
from samspill.stats.notes import note_text
from samspill.stats.presenters import (
    Area,
    Cell,
    ChartTable,
    municipality_area,
    region_area,
)
from samspill.stats.selectors import (
    COMMUTING,
    EMPLOYED_BY_RESIDENCE,
    POPULATION,
    flows_touching,
    municipality_places,
    series_by_code,
)

NORWAY = gettext_lazy("Norge")
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


def _cell(value: float | None, decimals: int = 0) -> Cell:
    if value is None or not math.isfinite(value):
        return Cell(None, "–", True)
    raw = round_half_away(value, decimals)
    return Cell(float(raw) if decimals else int(raw), format_number(value, decimals), True)


def _text(value: str) -> Cell:
    return Cell(value, value, False)


def _gap_notes(series: Iterable[Series], numbers: Sequence[str]) -> list[str]:
    wanted = set(numbers)
    notes: list[str] = []
    for item in series:
        for gap in item.known_gaps:
            if gap.get("municipality") in wanted or not gap.get("municipality"):
                text = _("Kjent hull (tabell %(table)s, %(period)s): %(note)s") % {
                    "table": item.table_number,
                    "period": gap["period"],
                    "note": note_text(gap["note"]),
                }
                if text not in notes:
                    notes.append(text)
    return notes


@dataclass(frozen=True)
class KeyFigure:
    """One sentence about the area, with the source it comes from."""

    text: str
    source: str


@dataclass
class PopulationPage:
    """Everything the population-structure page of one area shows."""

    area: Area
    year: int | None
    years: list[int]
    charts: dict[str, ChartTable]
    key_figures: list[KeyFigure]
    missing: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def export_view(self) -> str:
        """The URL name of a chart's download (stats/_chart.html)."""
        kind = "region" if self.area.kind == "region" else "municipality"
        return f"population:{kind}-export"

    @property
    def export_query(self) -> str:
        """The download shows the year the page shows."""
        return f"?{urlencode({'ar': self.year})}" if self.year is not None else ""


def _ids(area: Area | None) -> list[int] | None:
    return area.ids if area is not None else None


# --- charts -----------------------------------------------------------------------------------


def pyramid_counts(code_sums: selectors.Sums, year: int) -> dict[tuple[str, str], float]:
    counts: dict[tuple[str, str], float] = {}
    for (cell_year, key), value in code_sums.items():
        if cell_year != year:
            continue
        parts = dict(part.split("=", 1) for part in key.split("|") if "=" in part)
        sex, group = parts.get("kjonn"), parts.get("aldersgruppe")
        if sex in SEXES and group in AGE_GROUPS:
            counts[(sex, group)] = counts.get((sex, group), 0.0) + value
    return counts


def pyramid_years(area: Area, series: dict[str, Series]) -> list[int]:
    """Years with 5-year age groups for the area."""
    if selectors.AGE_SERIES not in series:
        return []
    return selectors.years(code=selectors.AGE_SERIES, municipality_ids=area.ids)


def pyramid_chart(area: Area, series: dict[str, Series], chosen: int) -> ChartTable | None:
    """Persons by sex and 5-year age group on 1 January `chosen`, with Norway's shares beside."""
    source = series.get(selectors.AGE_SERIES)
    if source is None:
        return None
    local = selectors.sums(code=selectors.AGE_SERIES, municipality_ids=area.ids, years=[chosen])
    national = selectors.sums(code=selectors.AGE_SERIES, municipality_ids=None, years=[chosen])
    try:
        bars = age_pyramid(pyramid_counts(local, chosen))
        reference = age_pyramid(pyramid_counts(national, chosen))
    except ValueError:
        return None
    rows = [
        [
            _text(_("%(group)s år") % {"group": bar.group.replace("-", "–")}),
            _cell(bar.men),
            _cell(bar.women),
            _cell(bar.men_share, 1),
            _cell(bar.women_share, 1),
            _cell(ref.men_share, 1),
            _cell(ref.women_share, 1),
        ]
        for bar, ref in zip(bars, reference, strict=True)
    ]
    return ChartTable(
        id="alderspyramide",
        title=_("Befolkningen etter alder og kjønn 1. januar %(year)s") % {"year": chosen},
        columns=[
            _("Alder"),
            _("Menn"),
            _("Kvinner"),
            _("Menn, prosent"),
            _("Kvinner, prosent"),
            _("Menn, prosent i Norge"),
            _("Kvinner, prosent i Norge"),
        ],
        rows=rows,
        series=[source],
        spec=_pyramid_spec(area.label, bars, reference),
        notes=[
            _(
                "Andel av hele befolkningen i området (menn og kvinner til sammen = 100 prosent), "
                "slik at området kan sammenlignes med Norge."
            ),
            *_estimate_notes(area, source),
        ],
    )


def _pyramid_spec(
    label: str, bars: list[PyramidBar], reference: list[PyramidBar]
) -> dict[str, Any]:
    """Men to the left, women to the right, the area's bars filled and Norway's outlined."""
    return pyramid_spec(
        groups=[bar.group.replace("-", "–") for bar in bars],
        left=[
            (_("Menn, %(area)s") % {"area": label}, [bar.men_share for bar in bars]),
            (_("Menn, Norge"), [bar.men_share for bar in reference]),
        ],
        right=[
            (_("Kvinner, %(area)s") % {"area": label}, [bar.women_share for bar in bars]),
            (_("Kvinner, Norge"), [bar.women_share for bar in reference]),
        ],
        value_title=_("Prosent av befolkningen"),
        decimals=1,
    )


def _estimate_notes(area: Area, source: Series) -> list[str]:
    """Members whose figures the source apportioned from a split municipality (csdata)."""
    flagged = sorted(
        {
            number
            for number in area.numbers
            if number in {"1508", "1580", "1806", "1875", "5055", "5056", "5059"}
        }
    )
    if not flagged:
        return []
    return [
        _(
            "Tallene for %(numbers)s er for noen år fordelt av kilden fra en kommune som senere "
            "ble delt (anslag, ikke observert); se «Om dataene»."
        )
        % {"numbers": ", ".join(flagged)}
    ]


def dependency_chart(area: Area, series: dict[str, Series]) -> ChartTable | None:
    """Old-age and total dependency ratios over time, the area against Norway."""
    source = series.get(POPULATION)
    if source is None:
        return None
    local = selectors.dependency_by_year(municipality_ids=area.ids)
    national = selectors.dependency_by_year(municipality_ids=None)
    years = sorted(local)
    if not years:
        return None
    rows = []
    for year in years:
        ratios, reference = local[year], national.get(year)
        rows.append(
            [
                _text(str(year)),
                _cell(ratios.working_age),
                _cell(ratios.old_age, 1),
                _cell(reference.old_age if reference else None, 1),
                _cell(ratios.total, 1),
                _cell(reference.total if reference else None, 1),
            ]
        )
    return ChartTable(
        id="forsorgerbrok",
        title=_("Forsørgerbrøk: eldre og i alt, %(area)s og Norge") % {"area": area.label},
        columns=[
            _("År"),
            _("Personer 20–66 år"),
            _("67+ per 100 i alderen 20–66"),
            _("Norge: 67+ per 100"),
            _("0–19 og 67+ per 100 i alderen 20–66"),
            _("Norge: 0–19 og 67+ per 100"),
        ],
        rows=rows,
        series=[source],
        spec=chart_spec(
            labels=years,
            datasets=[
                (_("Eldre, %(area)s") % {"area": area.label}, [local[y].old_age for y in years]),
                (
                    _("Eldre, Norge"),
                    [national[y].old_age if y in national else None for y in years],
                ),
                (_("I alt, %(area)s") % {"area": area.label}, [local[y].total for y in years]),
                (_("I alt, Norge"), [national[y].total if y in national else None for y in years]),
            ],
            y_title=_("Personer per 100 i alderen 20–66"),
            decimals=1,
            from_zero=True,
        ),
        notes=[
            _(
                "Forsørgerbrøk for eldre = personer 67 år og eldre per 100 personer 20–66 år. "
                "Forsørgerbrøk i alt = personer 0–19 og 67 år og eldre per 100 personer 20–66 år. "
                "Befolkningen 1. januar."
            ),
            *_estimate_notes(area, source),
        ],
    )


def employment_chart(area: Area, series: dict[str, Series]) -> ChartTable | None:
    """Employment rate 15–74 over time, the area against Norway (SSB 11618)."""
    population, employed = series.get(selectors.POPULATION_15_74), series.get(EMPLOYED_BY_RESIDENCE)
    if population is None or employed is None:
        return None
    local, skipped = selectors.employment_by_year(municipality_ids=area.ids)
    national, _skipped = selectors.employment_by_year(municipality_ids=None)
    years = sorted(local)
    if not years:
        return None
    rows = [
        [
            _text(str(year)),
            _cell(local[year].population),
            _cell(local[year].employed),
            _cell(local[year].rate, 1),
            _cell(national[year].rate if year in national else None, 1),
        ]
        for year in years
    ]
    notes = [
        _(
            "Sysselsettingsandel = sysselsatte bosatt i området, 15–74 år, i prosent av "
            "befolkningen 15–74 år i området (4. kvartal). Personer som bor i området, uansett "
            "hvor de arbeider."
        ),
        *_gap_notes([population, employed], area.numbers),
    ]
    if skipped:
        notes.append(
            _("Ikke vist for %(years)s: minst én kommune i området mangler i tallene for det året.")
            % {"years": ", ".join(str(year) for year in skipped)}
        )
    return ChartTable(
        id="sysselsettingsandel",
        title=_("Sysselsettingsandel 15–74 år, %(area)s og Norge") % {"area": area.label},
        columns=[
            _("År"),
            _("Befolkning 15–74 år"),
            _("Sysselsatte bosatt 15–74 år"),
            _("Sysselsettingsandel, prosent"),
            _("Norge, prosent"),
        ],
        rows=rows,
        series=[population, employed],
        spec=chart_spec(
            labels=years,
            datasets=[
                (str(area.label), [local[y].rate for y in years]),
                (str(NORWAY), [national[y].rate if y in national else None for y in years]),
            ],
            y_title=_("Prosent"),
            decimals=1,
            from_zero=True,
        ),
        notes=notes,
    )


EDUCATION_COLUMNS = [
    ("grunnskole", gettext_lazy("Grunnskole, prosent")),
    ("videregaende-skole", gettext_lazy("Videregående skole, prosent")),
    ("universitet-og-hogskole", gettext_lazy("Universitet og høgskole, prosent")),
    ("ingen", gettext_lazy("Ingen fullført utdanning, prosent")),
    ("uoppgitt", gettext_lazy("Uoppgitt, prosent")),
]


def education_chart(area: Area, series: dict[str, Series]) -> ChartTable | None:
    """Highest completed education level over time (IMDi, built on SSB's registers)."""
    source = series.get(selectors.EDUCATION_SERIES)
    if source is None:
        return None
    local = selectors.education_by_year(municipality_ids=area.ids)
    national = selectors.education_by_year(municipality_ids=None)
    years = sorted(local)
    if not years:
        return None
    rows = [
        [
            _text(str(year)),
            _cell(local[year].total),
            *[_cell(local[year].shares[level], 1) for level, _label in EDUCATION_COLUMNS],
            _cell(national[year].higher if year in national else None, 1),
        ]
        for year in years
    ]
    return ChartTable(
        id="utdanning",
        title=_("Utdanningsnivå, %(area)s og Norge") % {"area": area.label},
        columns=[
            _("År"),
            _("Personer i gruppen"),
            *[str(label) for _level, label in EDUCATION_COLUMNS],
            _("Norge: universitet og høgskole, prosent"),
        ],
        rows=rows,
        series=[source],
        spec=chart_spec(
            labels=years,
            datasets=[
                (
                    _("Universitet og høgskole, %(area)s") % {"area": area.label},
                    [local[y].higher for y in years],
                ),
                (
                    _("Universitet og høgskole, Norge"),
                    [national[y].higher if y in national else None for y in years],
                ),
            ],
            y_title=_("Prosent"),
            decimals=1,
            from_zero=True,
        ),
        notes=[
            _(
                "Høyeste fullførte utdanning. IMDi oppgir ikke aldersgruppen i eksporten; gruppen "
                "er om lag 80 prosent av befolkningen 20–66 år (trolig 25–66 år). Andelene er av "
                "IMDis sum for gruppen; nivåene kan avvike fra summen med noen få personer."
            ),
            _(
                "Tallene slutter i 2020. Kommunenumre fra flere årganger er ført til dagens "
                "kommuner; delte kommuner (Ålesund 2020, Tysfjord, Snillfjord) er ikke fordelt."
            ),
            *_gap_notes([source], area.numbers),
        ],
    )


# --- key figures in words ---------------------------------------------------------------------


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


# --- pages ------------------------------------------------------------------------------------


def page(area: Area, *, year: int | None = None) -> PopulationPage:
    """The population-structure page of an area; `year` picks the pyramid's year."""
    series = selectors.population_series()
    charts: dict[str, ChartTable] = {}
    years = pyramid_years(area, series)
    chosen = (year if year in years else years[-1]) if years else None
    for chart in (
        pyramid_chart(area, series, chosen) if chosen is not None else None,
        dependency_chart(area, series),
        employment_chart(area, series),
        education_chart(area, series),
    ):
        if chart is not None:
            charts[chart.id] = chart
    missing = [code for code in selectors.SERIES_CODES if code not in series]
    return PopulationPage(
        area=area,
        year=chosen,
        years=years,
        charts=charts,
        key_figures=key_figures(area),
        missing=missing,
        notes=list(area.caveats),
    )


def region_page(*, region: Region, year: int | None = None) -> PopulationPage:
    """A region's page: today's members summed."""
    area = region_area(region=region, places=municipality_places())
    return page(area, year=year)


def municipality_page(*, municipality: Municipality, year: int | None = None) -> PopulationPage:
    """One municipality's page."""
    area = municipality_area(municipality=municipality, places=municipality_places())
    return page(area, year=year)


def region_key_figures(*, region: Region) -> list[KeyFigure]:
    """The sentences for the region page."""
    return key_figures(region_area(region=region, places=municipality_places()))


def municipality_key_figures(*, municipality: Municipality) -> list[KeyFigure]:
    """The sentences for the municipality page."""
    return key_figures(municipality_area(municipality=municipality, places=municipality_places()))
