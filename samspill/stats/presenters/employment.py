"""Employment charts of a dashboard: people employed by residence and by workplace, and the job ratio."""

import pandas as pd
from django.utils.translation import gettext as _

from samspill.analytics.columns import AREA, VALUE, YEAR
from samspill.analytics.commuting import job_ratio
from samspill.stats import frames
from samspill.stats.models import Series
from samspill.stats.presenters._common import (
    Area,
    ChartTable,
    _bar_spec,
    _fmt,
    _gap_notes,
    _harmonisation_notes,
    _text,
)
from samspill.stats.selectors import EMPLOYED_BY_RESIDENCE, EMPLOYED_BY_WORKPLACE


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
