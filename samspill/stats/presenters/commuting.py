"""Commuting charts of a dashboard: flows between the members, commuting to and from the centre,
the largest flows (the flow map) and the default centre of a region."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from samspill.analytics.columns import AREA, EMPLOYED, RESIDENCE, WORKPLACE, YEAR
from samspill.analytics.commuting import region_commuting_indicators
from samspill.stats import frames
from samspill.stats.models import Harmonisation, Series
from samspill.stats.presenters._common import (
    Area,
    ChartTable,
    _bar_spec,
    _fmt,
    _gap_notes,
    _line_spec,
    _pct,
    _text,
)
from samspill.stats.selectors import COMMUTING, Place

LARGEST_FLOWS = 15


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
