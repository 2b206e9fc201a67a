"""Population charts of a dashboard: the population over time (indexed against a comparison
area) and the age groups, with the words for a population change."""

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samspill.analytics.columns import AREA, VALUE, YEAR
from samspill.analytics.growth import growth_against_reference, indexed_growth
from samspill.stats import frames
from samspill.stats.models import Harmonisation, Series
from samspill.stats.presenters._common import (
    Area,
    ChartTable,
    _bar_spec,
    _fmt,
    _harmonisation_notes,
    _line_spec,
    _pct,
    _text,
)
from samspill.stats.selectors import POPULATION

AGE_KEYS = [
    ("alder=0-19", gettext_lazy("0–19 år")),
    ("alder=20-66", gettext_lazy("20–66 år")),
    ("alder=67+", gettext_lazy("67 år og eldre")),
]


NORWAY = gettext_lazy("Norge")


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
