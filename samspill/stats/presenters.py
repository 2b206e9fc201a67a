"""Dashboards: statistics of an area (a region's members or one municipality) → template data.

Each chart is a `ChartTable`: the numbers as rows (shown as an accessible table beside the chart
and exported as CSV/XLSX exactly as shown), a Chart.js spec and the series it came from, with
notes on harmonisation and known gaps. Computations go through `samspill.analytics`.
"""

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from samspill.analytics.columns import AREA, EMPLOYED, RESIDENCE, VALUE, WORKPLACE, YEAR
from samspill.analytics.commuting import job_ratio, region_commuting_indicators
from samspill.analytics.growth import growth_against_reference, indexed_growth
from samspill.core.charts import chart_spec
from samspill.core.numbers import format_date, format_number, round_half_away
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.stats import frames
from samspill.stats.models import Harmonisation, Series
from samspill.stats.notes import note_text
from samspill.stats.selectors import (
    COMMUTING,
    EMPLOYED_BY_RESIDENCE,
    EMPLOYED_BY_WORKPLACE,
    POPULATION,
    Place,
    municipality_places,
    population_totals,
    series_by_code,
)

AGE_KEYS = [
    ("alder=0-19", gettext_lazy("0–19 år")),
    ("alder=20-66", gettext_lazy("20–66 år")),
    ("alder=67+", gettext_lazy("67 år og eldre")),
]
LARGEST_FLOWS = 15
NORWAY = gettext_lazy("Norge")


@dataclass(frozen=True)
class Cell:
    """A table cell: the raw value (for exports) and how it is shown."""

    value: Any
    display: str
    numeric: bool


@dataclass
class Area:
    """What a dashboard is about: a region's members today, or one municipality."""

    key: str
    label: str
    members: list[Place]
    kind: str  # "region" | "municipality"
    centre: str | None = None
    """A region's centre for the commuting-to-centre figures (a member's number)."""
    centre_chosen: bool = False
    """True when a user chose the centre; False for the default (the member it is named after)."""
    caveats: list[str] = field(default_factory=list)
    """What the figures include beyond the members (former non-members inside today's members)."""

    @property
    def ids(self) -> list[int]:
        return [m.pk for m in self.members]

    @property
    def numbers(self) -> list[str]:
        return [m.number for m in self.members]


@dataclass
class ChartTable:
    """One chart with its numbers, sources and notes."""

    id: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    series: list[Series]
    spec: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    centre: str | None = None
    """The commuting-to-centre chart's centre (a member's number), for the centre chooser."""

    @property
    def sources(self) -> list[Series]:
        """The series, one per table (two variables of one table share a source line)."""
        unique: dict[str, Series] = {}
        for series in self.series:
            unique.setdefault(series.table_number, series)
        return list(unique.values())

    @property
    def spec_id(self) -> str:
        return f"chart-{self.id}"

    def citation_lines(self) -> list[str]:
        """Source, table, vintage, import time and licence: the export's header."""
        lines = []
        for series in self.series:
            imported = format_date(series.imported_at) if series.imported_at else ""
            lines.append(
                f"Kilde: {series.source}, tabell {series.table_number} ({series.title}). "
                f"Perioder {series.first_period}–{series.last_period}. "
                f"Kommunenummerering: {series.vintage}. Importert {imported}. Lisens: {series.licence}."
            )
        return lines


@dataclass
class Dashboard:
    """Everything a dashboard page shows."""

    area: Area
    compare: Area | None
    facts: list[tuple[str, str]]
    charts: dict[str, ChartTable]
    notes: list[str]
    flow_map: dict[str, Any] | None
    missing: list[str]

    @property
    def export_view(self) -> str:
        """The URL name of a chart's download (stats/_chart.html)."""
        kind = "region" if self.area.kind == "region" else "municipality"
        return f"stats:{kind}-chart-export"

    @property
    def export_query(self) -> str:
        """The download holds the comparison the page shows."""
        return f"?{urlencode({'sammenlign': self.compare.key})}" if self.compare else ""


def _fmt(value: Any, decimals: int = 0, suffix: str = "") -> Cell:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return Cell(None, "–", True)
    if not math.isfinite(float(value)):
        return Cell(None, "–", True)
    raw = round_half_away(value, decimals + 2 if decimals else 0)
    return Cell(
        float(raw) if decimals else int(raw), f"{format_number(value, decimals)}{suffix}", True
    )


def _text(value: str) -> Cell:
    return Cell(value, value, False)


def _pct(value: Any) -> Cell:
    if value is None or pd.isna(value):
        return Cell(None, "–", True)
    return _fmt(float(value) * 100, 1, " %")


def _line_spec(
    labels: list[Any],
    datasets: list[tuple[str, list[Any]]],
    y_title: str,
    *,
    decimals: int = 0,
    from_zero: bool = False,
) -> dict[str, Any]:
    """A line over years on a true time axis (samspill.core.charts)."""
    return chart_spec(
        labels=labels, datasets=datasets, y_title=y_title, decimals=decimals, from_zero=from_zero
    )


def _bar_spec(
    labels: list[str],
    datasets: list[tuple[str, list[Any]]],
    *,
    stacked: bool = False,
    y_title: str = "",
) -> dict[str, Any]:
    return chart_spec(
        chart_type="bar",
        labels=labels,
        datasets=datasets,
        y_title=y_title,
        x_kind="category",
        from_zero=True,
        stacked=stacked,
    )


def population_change_label(change: float, since: object) -> str:
    """The words after a population change shown as a positive number: "færre", never "-237 flere"."""
    count = round(abs(change))
    if change > 0:
        return ngettext(
            "flere innbygger siden %(year)s", "flere innbyggere siden %(year)s", count
        ) % {"year": since}
    if change < 0:
        return ngettext(
            "færre innbygger siden %(year)s", "færre innbyggere siden %(year)s", count
        ) % {"year": since}
    return _("endring i folketallet siden %(year)s") % {"year": since}


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


def _harmonisation_notes(frame: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """ "5059 Orkland 2006–2019: <note>" for every member/period range that is not original."""
    special = frame.loc[frame["harmonisation"] != Harmonisation.ORIGINAL]
    notes = []
    for (area, kind, note), group in special.groupby([AREA, "harmonisation", "note"], sort=True):
        years = sorted(group[YEAR].unique().tolist())
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        label = Harmonisation(str(kind)).label
        notes.append(
            f"{area} {names.get(str(area), '')} {span}: {label}. {note_text(note)}".strip()
        )
    return notes


def area_population_series(area: Area) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(member observations, area sum per year with NaN where a member is missing)."""
    members = frames.observations_frame(code=POPULATION, municipality_ids=area.ids)
    members = members.loc[members["period"].str.isdigit()]
    sums = (
        members.groupby(YEAR)[VALUE]
        .sum(min_count=len(area.members))
        .reset_index()
        .assign(**{AREA: area.key})
    )
    return members, sums[[AREA, YEAR, VALUE]]


def population_chart(
    area: Area, compare: Area | None, series: dict[str, Series]
) -> ChartTable | None:
    """Population by year, indexed (first year = 100) against Norway and the chosen comparison."""
    source = series.get(POPULATION)
    if source is None:
        return None
    members, sums = area_population_series(area)
    if sums.empty:
        return None
    base_year = int(sums[YEAR].min())
    version = source.imported_at.isoformat() if source.imported_at else ""
    national = frames.national_frame(code=POPULATION, version=version)
    indexed = growth_against_reference(sums, reference=national[[YEAR, VALUE]], base_year=base_year)
    table = indexed.sort_values(YEAR)
    columns = [
        _("År"),
        _("Folketall {area}").format(area=area.label),
        _("Indeks {area}").format(area=area.label),
        _("Indeks Norge"),
    ]
    datasets = [
        (area.label, table["index"].tolist()),
        (str(NORWAY), table["reference_index"].tolist()),
    ]
    compare_index: dict[int, tuple[float, float]] = {}
    if compare is not None:
        _compare_members, compare_sums = area_population_series(compare)
        if not compare_sums.empty:
            compare_indexed = indexed_growth(compare_sums, base_year=base_year)
            compare_index = {
                int(row[YEAR]): (row[VALUE], row["index"]) for _i, row in compare_indexed.iterrows()
            }
            columns += [
                _("Folketall {area}").format(area=compare.label),
                _("Indeks {area}").format(area=compare.label),
            ]
            datasets.append(
                (compare.label, [compare_index.get(int(y), (None, None))[1] for y in table[YEAR]])
            )
    rows = []
    for _i, row in table.iterrows():
        year = int(row[YEAR])
        cells = [
            _text(str(year)),
            _fmt(row[VALUE]),
            _fmt(row["index"], 1),
            _fmt(row["reference_index"], 1),
        ]
        if compare_index or (compare is not None and len(columns) > 4):
            value, index = compare_index.get(year, (None, None))
            cells += [_fmt(value), _fmt(index, 1)]
        rows.append(cells)
    names = {m.number: m.name for m in area.members}
    notes = [
        _(
            "Folketall per 1. januar. Indeks: {year} = 100. Norge er summen av dagens kommuner."
        ).format(year=base_year),
        *_harmonisation_notes(members, names),
    ]
    estimated = members.loc[members["harmonisation"] == Harmonisation.ESTIMATED_BY_SOURCE]
    warnings = [
        _(
            "Folketallet for {names} i {first}–{last} er fordelt av kilden for en kommune som senere "
            "ble delt (anslag, ikke observert). Veksten for disse årene kan være misvisende."
        ).format(
            names=", ".join(f"{n} {names.get(str(n), '')}" for n in sorted(estimated[AREA].unique())),
            first=int(estimated[YEAR].min()),
            last=int(estimated[YEAR].max()),
        )
    ] if not estimated.empty else []  # fmt: skip
    return ChartTable(
        warnings=warnings,
        id="befolkning",
        title=_("Folketall og vekst mot Norge"),
        columns=columns,
        rows=rows,
        series=[source],
        spec=_line_spec(table[YEAR].tolist(), datasets, _("Indeks"), decimals=1),
        notes=notes,
    )


def age_chart(area: Area, series: dict[str, Series]) -> ChartTable | None:
    """Age groups in the latest year, per member and for the area."""
    source = series.get(POPULATION)
    if source is None:
        return None
    frame = frames.observations_frame(
        code=POPULATION, municipality_ids=area.ids, dimension_keys=[key for key, _l in AGE_KEYS]
    )
    if frame.empty:
        return None
    year = int(frame[YEAR].max())
    latest = frame.loc[frame[YEAR] == year].pivot_table(
        index=AREA, columns="dimension_key", values=VALUE, aggfunc="sum"
    )
    keys = [key for key, _l in AGE_KEYS]
    latest = latest.reindex(columns=keys)
    names = {m.number: m.name for m in area.members}
    order = [m.number for m in area.members if m.number in latest.index]
    rows = []
    shares: dict[str, list[float]] = {key: [] for key in keys}
    labels = []

    def add(label: str, values: pd.Series) -> None:
        total = float(values.sum())
        rows.append(
            [
                _text(label),
                *[_fmt(values[k]) for k in keys],
                _fmt(total),
                _pct(values[keys[2]] / total if total else None),
            ]
        )
        labels.append(label)
        for key in keys:
            shares[key].append(round(float(values[key]) / total * 100, 1) if total else 0.0)

    for number in order:
        values = latest.loc[number]
        assert isinstance(values, pd.Series)  # noqa: S101 - one row per unique area
        add(f"{number} {names[number]}", values)
    if area.kind == "region" and len(order) > 1:
        add(area.label, latest.sum())
    return ChartTable(
        id="aldersgrupper",
        title=_("Aldersgrupper 1. januar {year}").format(year=year),
        columns=[_("Område"), *[str(label) for _k, label in AGE_KEYS], _("I alt"), _("Andel 67+")],
        rows=rows,
        series=[source],
        spec=_bar_spec(
            labels,
            [(str(label), shares[key]) for key, label in AGE_KEYS],
            stacked=True,
            y_title=_("Prosent"),
        ),
        notes=[_("Andeler i prosent av folketallet.")],
    )


def employment_charts(area: Area, series: dict[str, Series]) -> list[ChartTable]:
    """Employed by residence and by workplace, and the job ratio (SSB 11618)."""
    residence, workplace = series.get(EMPLOYED_BY_RESIDENCE), series.get(EMPLOYED_BY_WORKPLACE)
    if residence is None or workplace is None:
        return []
    by_home = frames.observations_frame(code=EMPLOYED_BY_RESIDENCE, municipality_ids=area.ids)
    by_work = frames.observations_frame(code=EMPLOYED_BY_WORKPLACE, municipality_ids=area.ids)
    if by_home.empty or by_work.empty:
        return []
    home = by_home.pivot_table(index=YEAR, columns=AREA, values=VALUE, aggfunc="sum")
    work = by_work.pivot_table(index=YEAR, columns=AREA, values=VALUE, aggfunc="sum")
    years = sorted(set(home.index) & set(work.index))
    totals_home = home.sum(axis=1, min_count=1)
    totals_work = work.sum(axis=1, min_count=1)
    ratios_over_time = job_ratio(totals_work, totals_home)
    rows = [
        [
            _text(str(y)),
            _fmt(totals_home[y]),
            _fmt(totals_work[y]),
            _fmt(ratios_over_time.get(y), 2),
        ]
        for y in years
    ]
    gaps = _gap_notes([residence, workplace], area.numbers)
    over_time = ChartTable(
        id="sysselsatte",
        title=_("Sysselsatte etter bosted og arbeidssted, {area}").format(area=area.label),
        columns=[
            _("År"),
            _("Sysselsatte bosatt"),
            _("Sysselsatte med arbeidssted"),
            _("Arbeidsplassdekning"),
        ],
        rows=rows,
        series=[residence, workplace],
        spec=_bar_spec(
            [str(y) for y in years],
            [
                (_("Bosatt"), [totals_home[y] for y in years]),
                (_("Arbeidssted"), [totals_work[y] for y in years]),
            ],
            y_title=_("Personer 15–74 år"),
        ),
        notes=[
            _(
                "Personer 15–74 år, 4. kvartal. Arbeidsplassdekning = sysselsatte med arbeidssted i området / sysselsatte bosatt i området (samme definisjon som på analysesidene)."
            ),
            *gaps,
            *_harmonisation_notes(by_home, {m.number: m.name for m in area.members}),
        ],
    )
    charts = [over_time]
    if area.kind == "region" and len(area.members) > 1:
        year = years[-1]
        member_rows = []
        ratios = []
        for member in area.members:
            h = home.loc[year].get(member.number)
            w = work.loc[year].get(member.number)
            value = job_ratio(
                pd.Series([w], dtype="float64"), pd.Series([h], dtype="float64")
            ).iloc[0]
            ratio = None if pd.isna(value) else float(value)
            ratios.append(round(float(ratio), 2) if ratio is not None else None)
            member_rows.append(
                [_text(f"{member.number} {member.name}"), _fmt(h), _fmt(w), _fmt(ratio, 2)]
            )
        charts.append(
            ChartTable(
                id="sysselsatte-kommuner",
                title=_("Arbeidsplassdekning per kommune {year}").format(year=year),
                columns=[
                    _("Kommune"),
                    _("Sysselsatte bosatt"),
                    _("Sysselsatte med arbeidssted"),
                    _("Arbeidsplassdekning"),
                ],
                rows=member_rows,
                series=[residence, workplace],
                spec=_bar_spec(
                    [m.name for m in area.members],
                    [(_("Arbeidsplassdekning"), ratios)],
                    y_title=_("Arbeidsplassdekning"),
                ),
                notes=gaps,
            )
        )
    return charts


@dataclass
class CommutingResult:
    charts: list[ChartTable]
    facts: list[tuple[str, str]]
    flow_map: dict[str, Any] | None


def commuting_charts(
    area: Area, series: dict[str, Series], places: dict[int, Place]
) -> CommutingResult:
    """In, out and internal commuting of the area and each member, flows and self-containment."""
    source = series.get(COMMUTING)
    if source is None:
        return CommutingResult([], [], None)
    numbers = {pk: place.number for pk, place in places.items()}
    loaded = range(int(source.first_period or 0), int(source.last_period or 0) + 1)
    flows = frames.flows_frame(municipality_ids=area.ids, numbers=numbers, years=loaded)
    if flows.empty:
        return CommutingResult([], [], None)
    core = flows[[YEAR, RESIDENCE, WORKPLACE, EMPLOYED]]
    member_numbers = area.numbers
    region = region_commuting_indicators(core, region_of=dict.fromkeys(member_numbers, area.key))
    region = region.loc[region[AREA] == area.key].sort_values(YEAR)
    gaps = _gap_notes([source], member_numbers)
    by_number = {place.number: place for place in places.values()}
    label = {
        n: f"{n} {by_number[n].name}" if n in by_number else n
        for n in set(core[RESIDENCE]) | set(core[WORKPLACE])
    }
    inside_title = _("i regionen") if area.kind == "region" else _("i kommunen")
    rows = [
        [
            _text(str(int(row[YEAR]))), _fmt(row["employed_residents"]), _fmt(row["jobs"]), _fmt(row["internal"]),
            _fmt(row["in_commuters"]), _fmt(row["out_commuters"]), _pct(row["supply_self_containment"]),
        ]
        for _i, row in region.iterrows()
    ]  # fmt: skip
    years = [int(y) for y in region[YEAR]]
    share = [float(v) * 100 for v in region["supply_self_containment"]]
    overview = ChartTable(
        id="pendling",
        title=_("Pendling inn, ut og internt, {area}").format(area=area.label),
        columns=[
            _("År"), _("Sysselsatte bosatt"), _("Arbeidsplasser"), _("Bor og jobber {inside}").format(inside=inside_title),
            _("Innpendlere"), _("Utpendlere"), _("Andel bosatte som jobber {inside}").format(inside=inside_title),
        ],
        rows=rows,
        series=[source],
        spec=_line_spec(
            years, [(_("Andel som jobber {inside} (%)").format(inside=inside_title), share)], _("Prosent"),
            decimals=1, from_zero=True,
        ),
        notes=[
            _("Sysselsatte 15–74 år, 4. kvartal, etter bosteds- og arbeidsstedskommune. Uten Svalbard, sokkelen og ukjent arbeidssted."),
            *gaps,
            *_flow_harmonisation_notes(flows),
        ],
    )  # fmt: skip
    facts: list[tuple[str, str]] = []
    if len(years) >= 2:
        first, last = region.iloc[0], region.iloc[-1]
        change = (last["supply_self_containment"] - first["supply_self_containment"]) * 100
        facts.append(
            (
                _pct(last["supply_self_containment"]).display,
                _("av de sysselsatte bosatte jobber {inside} ({last}); {first}: {was} ({change} prosentpoeng)").format(
                    inside=inside_title, last=years[-1], first=years[0],
                    was=_pct(first["supply_self_containment"]).display, change=_fmt(change, 1).display,
                ),
            )
        )  # fmt: skip
    latest_year = years[-1]
    latest = core.loc[core[YEAR] == latest_year]
    charts = [overview]
    charts.append(_members_chart(area, latest, latest_year, source, label))
    if area.kind == "region" and len(member_numbers) > 1:
        charts.append(_centre_chart(area, latest, latest_year, source, label, facts))
    largest, flow_map = _largest_flows(area, latest, latest_year, source, label, by_number)
    charts.append(largest)
    return CommutingResult(charts, facts, flow_map)


def _flow_harmonisation_notes(flows: pd.DataFrame) -> list[str]:
    notes = []
    special = flows.loc[flows["harmonisation"] != Harmonisation.ORIGINAL]
    for (year, kind), group in special.groupby([YEAR, "harmonisation"], sort=True):
        notes.append(
            _("{year}: {count} strømmer er {kind}.").format(
                year=year, count=len(group), kind=str(Harmonisation(str(kind)).label).lower()
            )
        )
    if notes:
        notes.insert(
            0, _("Tall publisert med eldre kommunenummer er ført over til dagens kommuner:")
        )
    return notes


def _members_chart(
    area: Area, latest: pd.DataFrame, year: int, source: Series, label: dict[str, str]
) -> ChartTable:
    members = area.numbers
    rows = []
    ins, outs = [], []
    cells = {
        (home, work): value
        for home, work, value in zip(
            latest[RESIDENCE], latest[WORKPLACE], latest[EMPLOYED], strict=True
        )
    }
    residents_of = latest.groupby(RESIDENCE)[EMPLOYED].sum()
    jobs_of = latest.groupby(WORKPLACE)[EMPLOYED].sum()
    for number in members:
        internal = float(cells.get((number, number), 0.0))
        residents = float(residents_of.get(number, 0.0))
        jobs = float(jobs_of.get(number, 0.0))
        to_members = sum(
            float(cells.get((number, other), 0.0)) for other in members if other != number
        )
        from_members = sum(
            float(cells.get((other, number), 0.0)) for other in members if other != number
        )
        ins.append(jobs - internal)
        outs.append(residents - internal)
        row = [
            _text(label.get(number, number)),
            _fmt(residents),
            _fmt(jobs),
            _fmt(internal),
            _fmt(jobs - internal),
            _fmt(residents - internal),
        ]
        if len(members) > 1:
            row += [_fmt(to_members), _fmt(from_members)]
        rows.append(row)
    columns = [
        _("Kommune"),
        _("Sysselsatte bosatt"),
        _("Arbeidsplasser"),
        _("Jobber i egen kommune"),
        _("Innpendlere"),
        _("Utpendlere"),
    ]
    if len(members) > 1:
        columns += [_("Til andre medlemmer"), _("Fra andre medlemmer")]
    return ChartTable(
        id="pendling-kommuner",
        title=_("Pendling per kommune {year}").format(year=year),
        columns=columns,
        rows=rows,
        series=[source],
        spec=_bar_spec(
            [label.get(n, n) for n in members],
            [(_("Innpendlere"), ins), (_("Utpendlere"), outs)],
            y_title=_("Personer"),
        ),
        notes=[
            _(
                "Innpendlere og utpendlere regnes over kommunegrensen (også til og fra andre medlemmer)."
            )
        ],
    )


def default_centre(label: str, members: Sequence[Place]) -> str | None:
    """The member a region is named after ("Notodden byregion" → Notodden), if any.

    The longest member name that begins a word of the region's name wins, so a region called
    after its town gets that town, not the member with most jobs (Kongsberg, for Notodden's).
    """
    words = [word.casefold() for word in re.split(r"[\s\-–/]+", label) if word]
    # Each part of a double name counts ("Trondheim - Tråante" is named in "Trondheimsregionen").
    names = {
        member.number: [
            part.strip().casefold() for part in member.name.split(" - ") if part.strip()
        ]
        for member in members
    }
    named = [
        member
        for member in members
        if any(word.startswith(name) for word in words for name in names[member.number])
    ]
    return max(named, key=lambda member: len(member.name)).number if named else None


def _centre_chart(
    area: Area,
    latest: pd.DataFrame,
    year: int,
    source: Series,
    label: dict[str, str],
    facts: list[tuple[str, str]],
) -> ChartTable:
    members = area.numbers
    jobs = latest.groupby(WORKPLACE)[EMPLOYED].sum()
    centre = area.centre if area.centre in members else None
    if centre is None:
        centre = max(members, key=lambda n: float(jobs.get(n, 0.0)))
        how = _("{centre} er medlemmet med flest arbeidsplasser.")
    elif area.centre_chosen:
        how = _("{centre} er valgt som senter.")
    else:
        how = _("{centre} er senter fordi regionen er oppkalt etter kommunen.")
    rows = []
    total_out = total_in = 0.0
    others = [n for n in members if n != centre]
    cells = {
        (home, work): float(value)
        for home, work, value in zip(
            latest[RESIDENCE], latest[WORKPLACE], latest[EMPLOYED], strict=True
        )
        if home == centre or work == centre
    }
    for number in others:
        from_centre = cells.get((centre, number), 0.0)
        to_centre = cells.get((number, centre), 0.0)
        total_out += from_centre
        total_in += to_centre
        rows.append(
            [
                _text(label.get(number, number)),
                _fmt(to_centre),
                _fmt(from_centre),
                _fmt(to_centre + from_centre),
            ]
        )
    rows.append([_text(_("Sum")), _fmt(total_in), _fmt(total_out), _fmt(total_in + total_out)])
    centre_name = label.get(centre, centre)
    facts.append(
        (
            _fmt(total_in + total_out).display,
            _(
                "sysselsatte bor i {centre} og jobber i en annen medlemskommune, eller omvendt "
                "(4. kvartal {year}, også ukependlere)"
            ).format(centre=centre_name, year=year),
        )
    )
    return ChartTable(
        id="pendling-senter",
        title=_("Pendling mellom {centre} og de andre medlemmene {year}").format(
            centre=centre_name, year=year
        ),
        columns=[
            _("Kommune"),
            _("Til {centre}").format(centre=centre_name),
            _("Fra {centre}").format(centre=centre_name),
            _("Sum begge veier"),
        ],
        rows=rows,
        series=[source],
        spec=_bar_spec(
            [label.get(n, n) for n in others],
            [
                (
                    _("Bor her, jobber i {centre}").format(centre=centre_name),
                    [r[1].value for r in rows[:-1]],
                ),
                (
                    _("Bor i {centre}, jobber her").format(centre=centre_name),
                    [r[2].value for r in rows[:-1]],
                ),
            ],
            y_title=_("Personer"),
        ),
        notes=[
            how.format(centre=centre_name) + " " + _("Velg et annet senter over figuren."),
            _(
                "SSB 03321 teller sysselsatte etter bosteds- og arbeidsstedskommune; "
                "ukependlere er med, så ikke alle pendler daglig."
            ),
        ],
        centre=centre,
    )


def _largest_flows(
    area: Area,
    latest: pd.DataFrame,
    year: int,
    source: Series,
    label: dict[str, str],
    places: dict[str, Place],
) -> tuple[ChartTable, dict[str, Any]]:
    members = set(area.numbers)
    between = latest.loc[latest[RESIDENCE] != latest[WORKPLACE]]
    top = between.sort_values([EMPLOYED, RESIDENCE, WORKPLACE], ascending=[False, True, True]).head(
        LARGEST_FLOWS
    )
    rows = []
    lines = []
    for _i, flow in top.iterrows():
        home, work = str(flow[RESIDENCE]), str(flow[WORKPLACE])
        inside = home in members and work in members
        kind = _("internt") if inside else (_("ut") if home in members else _("inn"))
        rows.append(
            [
                _text(label.get(home, home)),
                _text(label.get(work, work)),
                _fmt(flow[EMPLOYED]),
                _text(kind),
            ]
        )
        start, end = places.get(home), places.get(work)
        if start and end and start.lat is not None and end.lat is not None:
            lines.append(
                {
                    "from": [start.lat, start.lon],
                    "to": [end.lat, end.lon],
                    "value": float(flow[EMPLOYED]),
                    "label": f"{label.get(home, home)} → {label.get(work, work)}: {_fmt(flow[EMPLOYED]).display}",
                    "inside": inside,
                }
            )
    points = [
        {"at": [p.lat, p.lon], "label": f"{p.number} {p.name}", "member": p.number in members}
        for p in {places[n] for n in {*members, *top[RESIDENCE], *top[WORKPLACE]} if n in places}
        if p.lat is not None
    ]
    chart = ChartTable(
        id="pendling-storste",
        title=_("De {count} største pendlerstrømmene {year}").format(count=len(rows), year=year),
        columns=[_("Bosted"), _("Arbeidssted"), _("Sysselsatte"), _("Retning")],
        rows=rows,
        series=[source],
        spec=None,
        notes=[
            _(
                "Strømmer mellom to ulike kommuner der minst én er med i området. Kartet viser de samme strømmene."
            )
        ],
    )
    return chart, {"lines": lines, "points": sorted(points, key=lambda p: str(p["label"]))}


DASHBOARD_SERIES = [POPULATION, COMMUTING, EMPLOYED_BY_RESIDENCE, EMPLOYED_BY_WORKPLACE]
DASHBOARD_CACHE_SECONDS = 3600


def _cache_key(area: Area, compare: Area | None, series: dict[str, Series]) -> str:
    """Everything the dashboard depends on: areas and members, language, each series' version."""
    versions = [
        (code, item.pk, item.imported_at.isoformat() if item.imported_at else "", item.known_gaps)
        for code, item in sorted(series.items())
    ]
    parts = [
        area.kind, area.key, area.ids, area.centre, area.centre_chosen, compare.key if compare else "", compare.ids if compare else [],
        get_language(), versions,
    ]  # fmt: skip
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"stats:dashboard:{digest}"


def dashboard(*, area: Area, compare: Area | None, places: dict[int, Place]) -> Dashboard:
    """All charts and facts of one area's dashboard, cached per process until the data changes.

    The key holds each series' import time and gaps, so a new import (in any process) is seen
    at once; only a stale cache of municipality names could outlive a change (one hour)."""
    series = series_by_code(codes=DASHBOARD_SERIES)
    key = _cache_key(area, compare, series)
    cached = cache.get(key)
    if isinstance(cached, Dashboard):
        return cached
    board = _dashboard(area=area, compare=compare, places=places, series=series)
    cache.set(key, board, timeout=DASHBOARD_CACHE_SECONDS)
    return board


def _dashboard(
    *, area: Area, compare: Area | None, places: dict[int, Place], series: dict[str, Series]
) -> Dashboard:
    charts: dict[str, ChartTable] = {}
    facts: list[tuple[str, str]] = []
    missing = [
        code for code in (POPULATION, COMMUTING, EMPLOYED_BY_RESIDENCE) if code not in series
    ]
    population = population_chart(area, compare, series)
    if population is not None:
        charts[population.id] = population
        latest = population.rows[-1]
        facts.append(
            (latest[1].display, _("innbyggere 1. januar {year}").format(year=latest[0].value))
        )
        if len(population.rows) > 10:
            ten_back = population.rows[-11]
            if latest[1].value is not None and ten_back[1].value is not None:
                change = latest[1].value - ten_back[1].value
                facts.append(
                    (_fmt(abs(change)).display, population_change_label(change, ten_back[0].value))
                )
                if population.warnings:
                    facts[-1] = (
                        facts[-1][0],
                        facts[-1][1] + " " + _("(inkluderer anslag fra kilden, se merknad)"),
                    )
    ages = age_chart(area, series)
    if ages is not None:
        charts[ages.id] = ages
    for chart in employment_charts(area, series):
        charts[chart.id] = chart
    commuting = commuting_charts(area, series, places)
    for chart in commuting.charts:
        charts[chart.id] = chart
    facts += commuting.facts
    notes = _gap_notes(series.values(), area.numbers)
    if population is not None:
        notes = population.warnings + notes
    return Dashboard(
        area=area,
        compare=compare,
        facts=facts,
        charts=charts,
        notes=notes,
        flow_map=commuting.flow_map,
        missing=missing,
    )


def region_area(*, region: Region, places: dict[int, Place], centre: str | None = None) -> Area:
    """A region as an area of today's member municipalities (`centre`: a member's number)."""
    recorded = region_members(region=region)
    members = [places[member.municipality.pk] for member in recorded]
    numbers = {member.number for member in members}
    caveats = [
        _(
            "Tallene for {municipality} omfatter også {former}, som ikke var med i samarbeidet."
        ).format(
            municipality=member.municipality.name,
            former=", ".join(f"{former.name} ({former.number})" for former in member.also_includes),
        )
        for member in recorded
        if member.also_includes
    ]
    chosen = centre in numbers
    return Area(
        region.slug,
        region.name,
        members,
        "region",
        centre if chosen else default_centre(region.name, members),
        centre_chosen=chosen,
        caveats=caveats,
    )


def municipality_area(*, municipality: Municipality, places: dict[int, Place]) -> Area:
    """One municipality as an area."""
    return Area(
        key=municipality.number,
        label=municipality.name,
        members=[places[municipality.pk]],
        kind="municipality",
    )


def region_dashboard(
    *, region: Region, compare_slug: str | None = None, centre: str | None = None
) -> Dashboard:
    """The region dashboard; `compare_slug` names another region to index against, `centre`
    the member the commuting-to-centre figures are about (default: the one it is named after)."""
    places = municipality_places()
    compare = None
    if compare_slug and compare_slug != region.slug:
        other = Region.objects.filter(slug=compare_slug).first()
        if other is not None:
            compare = region_area(region=other, places=places)
    area = region_area(region=region, places=places, centre=centre)
    return dashboard(area=area, compare=compare, places=places)


def municipality_dashboard(
    *, municipality: Municipality, compare_slug: str | None = None
) -> Dashboard:
    """The municipality dashboard; `compare_slug` names a region to index against."""
    places = municipality_places()
    compare = None
    if compare_slug:
        other = Region.objects.filter(slug=compare_slug).first()
        if other is not None:
            compare = region_area(region=other, places=places)
    area = municipality_area(municipality=municipality, places=places)
    return dashboard(area=area, compare=compare, places=places)


@dataclass(frozen=True)
class PopulationFact:
    """The headline population of an area: the latest period and 1 January 2024."""

    population: float
    period: str
    population_2024: float | None


def _population_fact(ids: list[int]) -> PopulationFact | None:
    totals = population_totals(municipality_ids=ids) if ids else {}
    if not totals:
        return None
    period = max(totals)
    return PopulationFact(totals[period], period, totals.get("2024") if period != "2024" else None)


def region_population_fact(*, region: Region) -> PopulationFact | None:
    """Population of the region's members today (for the region page)."""
    ids = [member.municipality.pk for member in region_members(region=region)]
    return _population_fact(ids)


def municipality_population_fact(*, municipality: Municipality) -> PopulationFact | None:
    """Population of one municipality (for the municipality page)."""
    return _population_fact([municipality.pk])
