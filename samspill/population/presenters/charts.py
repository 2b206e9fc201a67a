"""Chart presenters: the age pyramid, dependency, employment and education charts and tables."""

import math
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.analytics.population import AGE_GROUPS, SEXES, PyramidBar, age_pyramid
from samspill.core.charts import chart_spec, pyramid_spec
from samspill.core.numbers import format_number, round_half_away
from samspill.population import selectors
from samspill.stats.models import Series
from samspill.stats.notes import note_text
from samspill.stats.presenters import Area, Cell, ChartTable
from samspill.stats.selectors import EMPLOYED_BY_RESIDENCE, POPULATION

NORWAY = gettext_lazy("Norge")


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


def _ids(area: Area | None) -> list[int] | None:
    return area.ids if area is not None else None


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
