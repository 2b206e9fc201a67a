"""Analyses of one area (a region's members or one municipality): reads composed of frames and
the pure `samspill.analytics` functions. Results are plain dataclasses of DataFrames; the
presenters turn them into template rows, chart specs and export tables.
"""

import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from samspill.analyses import frames
from samspill.analyses.exceptions import AnalysisDataMissingError, AnalysisParameterError
from samspill.analyses.selectors import default_group_types, region_industry_types
from samspill.analytics.columns import (
    AREA,
    EMPLOYMENT,
    INDUSTRY,
    INDUSTRY_TYPE,
    REGION,
    RESIDENCE,
    VALUE,
    WORKPLACE,
    YEAR,
)
from samspill.analytics.commuting import (
    commuting_indicators,
    indicator_trend,
    job_ratio,
    new_jobs_residence_allocation,
    new_residents_workplace_allocation,
    region_integration,
)
from samspill.analytics.growth import indexed_growth, period_growth
from samspill.analytics.industry_types import industry_types
from samspill.analytics.shift_share import (
    ReferenceMismatchWarning,
    classic_shift_share,
    industry_shift_share,
)
from samspill.analytics.specialisation import location_quotient, specialisation_indices
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import municipality_list_current, region_members
from samspill.stats.notes import note_text

NORWAY = "0"
Reference = Literal["county", "rest", "norway"]
REFERENCES: dict[str, Promise] = {
    "county": gettext_lazy("Fylket i alt"),
    "rest": gettext_lazy("Resten av fylket (uten området selv)"),
    "norway": gettext_lazy("Hele landet"),
}
"""The kinds of shift-share reference; which of them a given area can use depends on the data
(`shift_share_references`), and the label shown names the county from the register."""
REFERENCE_ALIASES = {"telemark": "county"}
"""Earlier parameter values still accepted (links and scripts from before the choice)."""
Scope = Literal["business", "all"]
SCOPES: dict[str, str] = {
    "business": "Næringslivet (uten offentlig administrasjon, undervisning, helse og uoppgitt)",
    "all": "Alle næringer",
}
OUTSIDE_BUSINESS_SECTOR = frozenset(
    {
        "Off.adm., forsvar, sosialforsikring",
        "Undervisning",
        "Helse- og sosialtjenester",
        "Uoppgitt",
    }
)
"""SSB 13470 groups left out of the business sector (Telemarksforsking measures a place's
attractiveness over business-sector jobs: public services follow the population and 'unknown'
is no industry). An approximation by industry: private schools and clinics leave with them."""
TRENDED_INDICATORS = (
    "employed_residents",
    "jobs",
    "internal",
    "in_commuters",
    "out_commuters",
    "net_commuting",
    "supply_self_containment",
    "demand_self_containment",
    "job_ratio",
    # Integration over time ("ever more integrated"): only a region of several members has them.
    "cross_commuting_share",
    "internal_cohesion_links",
)


@dataclass(frozen=True)
class Area:
    """What is analysed: today's municipality numbers of a region, or one municipality."""

    kind: Literal["region", "municipality"]
    code: str
    name: str
    numbers: tuple[str, ...]
    names: dict[str, str]
    counties: dict[str, str]

    @property
    def is_region(self) -> bool:
        return self.kind == "region"


def area_for_region(*, region: Region) -> Area:
    """A region's current members (resolved through the reform history)."""
    members = [member.municipality for member in region_members(region=region)]
    return Area(
        kind="region",
        code=region.slug,
        name=region.name,
        numbers=tuple(m.number for m in members),
        names={m.number: m.name for m in members},
        counties={m.county_number: m.county_name for m in members},
    )


def area_for_municipality(*, municipality: Municipality) -> Area:
    """One municipality."""
    return Area(
        kind="municipality",
        code=municipality.number,
        name=municipality.name,
        numbers=(municipality.number,),
        names={municipality.number: municipality.name},
        counties={municipality.county_number: municipality.county_name},
    )


# --------------------------------------------------------------------------------------------
# Growth against Norway and the county


@dataclass
class GrowthResult:
    """Indexed growth (first common year = 100) of the area, its counties and Norway."""

    indicator: str
    table_number: str
    base_year: int
    indexed: pd.DataFrame
    """Columns area (code), label, year, value, index."""
    periods: pd.DataFrame
    """period_growth columns per area, plus label."""


def growth_analysis(*, area: Area, spec: frames.SeriesSpec, indicator: str) -> GrowthResult | None:
    """Growth of `spec`'s series for the area next to its counties and Norway (None: no data)."""
    series = frames.series_find(spec)
    if series is None:
        return None
    totals = frames.observation_totals_frame(
        series=series, dimension_key=spec.dimension_key, municipalities=area.numbers
    )
    members = totals[AREA].isin(area.numbers)
    if not members.any():
        return None
    labelled = {area.code: area.name}
    wanted = [area.code]
    for county, county_name in sorted(area.counties.items()):
        labelled[f"fylke-{county}"] = county_name or county
        wanted.append(f"fylke-{county}")
    labelled[NORWAY] = gettext("Norge")
    wanted.append(NORWAY)
    totals = (
        pd.concat([totals.loc[members].assign(**{AREA: area.code}), totals.loc[~members]])
        .groupby([AREA, YEAR])[VALUE]
        .sum()
        .reset_index()
    )
    totals = totals.loc[totals[AREA].isin(wanted)].sort_values([AREA, YEAR], kind="stable")
    years = sorted(set(totals.loc[totals[AREA] == area.code, YEAR]))
    base_year, end_year = years[0], years[-1]
    totals = totals.loc[totals[YEAR].between(base_year, end_year)]
    indexed = indexed_growth(totals, base_year=base_year)
    periods = (
        period_growth(totals, start_year=base_year, end_year=end_year)
        if end_year > base_year
        else pd.DataFrame()
    )
    label = pd.Series(labelled)
    return GrowthResult(
        indicator=indicator,
        table_number=series.table_number,
        base_year=base_year,
        indexed=indexed.assign(label=indexed[AREA].map(label)),
        periods=periods.assign(label=periods[AREA].map(label)) if len(periods) else periods,
    )


# --------------------------------------------------------------------------------------------
# Shift-share, industry types and specialisation (Telemark employment by industry, SSB 13470)


@dataclass(frozen=True)
class ReferenceChoice:
    """A reference area the loaded data can compute for an area: kind, label and members."""

    key: str
    label: str
    numbers: frozenset[str]


def shift_share_references(*, area: Area, in_data: Collection[str]) -> list[ReferenceChoice]:
    """The references the data holds for `area`: whole county, rest of county, Norway.

    `in_data`: municipality numbers with employment by industry. A county is offered when every
    one of today's municipalities of the counties of the area's covered members is in the data
    (a county with holes would be a wrong reference); Norway when every municipality is. The
    county name comes from the municipality register, not from code.
    """
    present = set(in_data)
    covered = set(area.numbers) & present
    if not covered:
        return []
    current = list(
        municipality_list_current().values_list("number", "county_number", "county_name")
    )
    counties = {county for number, county, _name in current if number in covered}
    county_numbers = {number for number, county, _name in current if county in counties}
    names = sorted({name or county for _number, county, name in current if county in counties})
    choices: list[ReferenceChoice] = []
    if county_numbers and county_numbers <= present:
        county = gettext(" og ").join(names)
        choices.append(
            ReferenceChoice(
                "county",
                gettext("%(county)s i alt") % {"county": county},
                frozenset(county_numbers),
            )
        )
        rest = county_numbers - covered
        if rest:
            choices.append(
                ReferenceChoice(
                    "rest",
                    gettext("Resten av %(county)s (uten området selv)") % {"county": county},
                    frozenset(rest),
                )
            )
    everyone = {number for number, _county, _name in current}
    if everyone and everyone <= present:
        choices.append(ReferenceChoice("norway", gettext("Hele landet"), frozenset(everyone)))
    return choices


def shift_share_reference_choices(*, area: Area) -> list[ReferenceChoice]:
    """`shift_share_references` for `area` over the loaded employment-by-industry series."""
    series = frames.series_find(frames.TELEMARK_EMPLOYMENT_BY_INDUSTRY)
    if series is None:
        return []
    return shift_share_references(
        area=area, in_data=frames.observation_municipalities(series=series)
    )


@dataclass
class ShiftShareResult:
    """Dunn shift-share of the area (and each member) against the chosen reference area."""

    area: Area
    reference: str
    start_year: int
    end_year: int
    years: list[int]
    covered: list[str]
    """Area members in the file (e.g. Kongsberg, in Buskerud, is not)."""
    missing: list[str]
    totals: pd.DataFrame
    """classic_shift_share rows: the area first (region = area code), then each member."""
    by_industry: pd.DataFrame
    by_type: pd.DataFrame
    location_quotients: pd.DataFrame
    specialisation: dict[str, float]
    notes: list[str] = field(default_factory=list)
    table_number: str = "13470"
    scope: str = "business"
    """"business" (default, Telemarksforsking) or "all" industries."""
    reference_label: str = ""
    """The reference named from the data, e.g. "Telemark i alt"."""
    references: list[ReferenceChoice] = field(default_factory=list)
    """Every reference the data holds for this area (the page offers these)."""
    industry_type_overrides: dict[str, str] = field(default_factory=dict)
    """The mapping used: SSB group label → industry type (the region's, else the default)."""


def shift_share_years() -> list[int]:
    """Years in the Telemark employment-by-industry file (empty when not imported)."""
    series = frames.series_find(frames.TELEMARK_EMPLOYMENT_BY_INDUSTRY)
    if series is None:
        return []
    return frames.observation_years(series=series)


def shift_share_analysis(
    *,
    area: Area,
    start_year: int,
    end_year: int,
    reference: str = "county",
    scope: str = "business",
    industry_type_overrides: Mapping[str, str] | None = None,
) -> ShiftShareResult | None:
    """Shift-share, industry types, LQs and specialisation; None when no member is in the file.

    `reference` is one of the kinds `shift_share_references` offers for the area ("county",
    "rest", "norway"; "telemark" is read as "county"); another raises AnalysisParameterError.
    `scope` "business" (the default) leaves out OUTSIDE_BUSINESS_SECTOR everywhere, area and
    reference alike, so the regional effect measures the place's attractiveness for business.
    `industry_type_overrides` (SSB group label → type value) replaces the default types.
    """
    reference = REFERENCE_ALIASES.get(reference, reference)
    if reference not in REFERENCES:
        raise AnalysisParameterError(f"reference must be one of {sorted(REFERENCES)}")
    if scope not in SCOPES:
        raise AnalysisParameterError(f"scope must be one of {sorted(SCOPES)}")
    if end_year <= start_year:
        raise AnalysisParameterError("sluttåret må være etter startåret")
    series = frames.series_find(frames.TELEMARK_EMPLOYMENT_BY_INDUSTRY)
    if series is None:
        return None
    panel = frames.industry_panel_frame(series=series)
    if scope == "business":
        panel = panel.loc[~panel[INDUSTRY].isin(OUTSIDE_BUSINESS_SECTOR)]
    covered = sorted(set(area.numbers) & set(panel[REGION]))
    if not covered:
        return None
    choices = shift_share_references(area=area, in_data=set(panel[REGION]))
    chosen = next((choice for choice in choices if choice.key == reference), None)
    if chosen is None:
        offered = ", ".join(choice.key for choice in choices) or "-"
        raise AnalysisParameterError(
            gettext(
                "Referansen «%(reference)s» kan ikke beregnes fra dataene for dette området; "
                "velg en av: %(offered)s."
            )
            % {"reference": reference, "offered": offered}
        )
    years = sorted(set(panel[YEAR].tolist()))
    if start_year not in years or end_year not in years:
        raise AnalysisParameterError(f"årene må være mellom {years[0]} og {years[-1]}")
    members = panel.loc[panel[REGION].isin(covered)]
    aggregate = (
        members.groupby([INDUSTRY, YEAR])[EMPLOYMENT].sum().reset_index().assign(region=area.code)
    )
    others = panel.loc[panel[REGION].isin(chosen.numbers)]
    reference_frame = others.groupby([INDUSTRY, YEAR])[EMPLOYMENT].sum().reset_index()
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReferenceMismatchWarning)
        combined = pd.concat([aggregate, members]) if area.is_region else aggregate
        totals = classic_shift_share(
            combined, start_year=start_year, end_year=end_year, reference=reference_frame
        )
        by_industry = industry_shift_share(
            aggregate, start_year=start_year, end_year=end_year, reference=reference_frame
        )
        end_panel = aggregate.loc[aggregate[YEAR] == end_year, [REGION, INDUSTRY, EMPLOYMENT]]
        end_reference = reference_frame.loc[reference_frame[YEAR] == end_year]
        quotients = location_quotient(end_panel, reference=end_reference[[INDUSTRY, EMPLOYMENT]])
        others_end = others.loc[
            (others[YEAR] == end_year) & ~others[REGION].isin(covered),
            [REGION, INDUSTRY, EMPLOYMENT],
        ]
        indices = specialisation_indices(
            pd.concat([end_panel, others_end]), reference=end_reference[[INDUSTRY, EMPLOYMENT]]
        )
    notes += sorted({str(warning.message) for warning in caught})
    order = {code: position for position, code in enumerate([area.code, *covered])}
    totals = totals.assign(order=totals[REGION].map(order)).sort_values("order")
    if industry_type_overrides is None:
        industry_type_overrides = (
            region_industry_types(region_slug=area.code)
            if area.is_region
            else default_group_types()
        )
    mapping = dict(industry_type_overrides)
    typed = industry_types(by_industry, overrides=mapping, strict=False)
    by_type = (
        typed.dropna(subset=[INDUSTRY_TYPE])
        .groupby(INDUSTRY_TYPE, as_index=False)[
            [
                "start_employment",
                "end_employment",
                "change",
                "national_share",
                "industry_mix",
                "regional_share",
                "expected_change",
            ]
        ]
        .sum()
    )
    row = indices.loc[indices[REGION] == area.code].iloc[0]
    return ShiftShareResult(
        area=area,
        reference=reference,
        start_year=start_year,
        end_year=end_year,
        years=years,
        covered=covered,
        missing=[n for n in area.numbers if n not in covered],
        totals=totals.drop(columns="order"),
        by_industry=typed.sort_values("start_employment", ascending=False),
        by_type=by_type,
        location_quotients=quotients.sort_values("location_quotient", ascending=False),
        specialisation={
            name: float(row[name]) for name in ("hoover", "krugman_reference", "gini", "herfindahl")
        },
        notes=notes,
        table_number=series.table_number,
        scope=scope,
        reference_label=chosen.label,
        references=choices,
        industry_type_overrides=mapping,
    )


# --------------------------------------------------------------------------------------------
# Commuting indicators and their trend


@dataclass
class CommutingResult:
    """Commuting indicators of the area per year (region: members together) and their trend."""

    area: Area
    indicators: pd.DataFrame
    """One row per year for the area: commuting_indicators / region_integration columns."""
    members: pd.DataFrame
    """commuting_indicators per member municipality and year."""
    trend: pd.DataFrame
    known_gaps: list[str]
    table_number: str


def commuting_analysis(*, area: Area) -> CommutingResult | None:
    """In/out/internal/net commuting, self-containment, job ratio, integration; None: no data."""
    series = frames.series_find(frames.COMMUTING)
    if series is None:
        return None
    years = frames.commuting_years(series=series)
    flows = frames.commuting_frame(series=series, years=years, touching=area.numbers)
    if flows.empty:
        return None
    per_member = commuting_indicators(flows)
    per_member = per_member.loc[per_member[AREA].isin(area.numbers)].reset_index(drop=True)
    if len(area.numbers) > 1:
        indicators = region_integration(flows, members=area.numbers).assign(**{AREA: area.code})
    else:
        indicators = per_member
    counts = job_ratio_counts(numbers=area.numbers)
    per_member = _with_job_ratio(
        per_member,
        job_ratio(
            counts.set_index([AREA, YEAR])["jobs"],
            counts.set_index([AREA, YEAR])["employed_residents"],
        ),
        by_area=True,
    )
    summed = counts.groupby(YEAR)[["jobs", "employed_residents"]].sum()
    indicators = _with_job_ratio(
        indicators, job_ratio(summed["jobs"], summed["employed_residents"]), by_area=False
    )
    trend = indicator_trend(
        indicators, columns=[c for c in TRENDED_INDICATORS if c in indicators.columns]
    )
    gaps = [
        note_text(gap.get("note", ""))
        for gap in series.known_gaps
        if isinstance(gap, dict) and gap.get("municipality", "") in ("", *area.numbers)
    ]
    return CommutingResult(
        area=area,
        indicators=indicators.sort_values(YEAR).reset_index(drop=True),
        members=per_member,
        trend=trend,
        known_gaps=gaps,
        table_number=series.table_number,
    )


def job_ratio_counts(*, numbers: Collection[str]) -> pd.DataFrame:
    """Employed persons 15–74 by workplace (`jobs`) and by residence (`employed_residents`) of
    each of the municipalities `numbers`, per year (SSB 11618): `area, year, jobs,
    employed_residents`. Empty when 11618 is not imported."""
    residence = frames.series_find(frames.EMPLOYED_BY_RESIDENCE)
    workplace = frames.series_find(frames.JOBS_BY_WORKPLACE)
    columns = [AREA, YEAR, "jobs", "employed_residents"]
    if residence is None or workplace is None:
        return pd.DataFrame(columns=columns)
    jobs, residents = (
        frames.observation_member_frame(series=series, municipalities=numbers)
        .set_index([AREA, YEAR])[VALUE]
        .rename(name)
        for series, name in ((workplace, "jobs"), (residence, "employed_residents"))
    )
    return pd.concat([jobs, residents], axis=1, join="inner").reset_index()[columns]


def job_ratio_by_year(*, numbers: Collection[str]) -> pd.Series:
    """Arbeidsplassdekning of the municipalities `numbers` together, per year (SSB 11618).

    Sum of employed persons by workplace over the sum by residence (15–74, 4th quarter), through
    `samspill.analytics.commuting.job_ratio`: the definition the statistics pages show too.
    """
    counts = job_ratio_counts(numbers=numbers).groupby(YEAR)[["jobs", "employed_residents"]].sum()
    return job_ratio(counts["jobs"], counts["employed_residents"])


def _with_job_ratio(indicators: pd.DataFrame, ratios: pd.Series, *, by_area: bool) -> pd.DataFrame:
    """`indicators` with `job_ratio` from 11618 (NaN for a year or area 11618 lacks)."""
    years = indicators[YEAR].astype("int64")
    keys = (
        pd.MultiIndex.from_arrays([indicators[AREA].astype(str), years])
        if by_area
        else pd.Index(years)
    )
    return indicators.assign(job_ratio=ratios.reindex(keys).to_numpy(dtype="float64"))


# --------------------------------------------------------------------------------------------
# New jobs: where will the workers live (and the reverse)

Direction = Literal["jobs", "residents"]


@dataclass
class AllocationResult:
    """Allocation of `count` new jobs (or residents) of one municipality, with uncertainty."""

    municipality: Municipality
    count: int
    year: int
    direction: str
    rows: pd.DataFrame
    """Columns unit (municipality number), name, observed, share, allocated, allocated_rounded,
    standard_error, lower, upper."""
    table_number: str
    confidence: float
    years: list[int] = field(default_factory=list)
    """The commuting years whose shares were pooled (`year` is the newest)."""


def pooled_years(*, year: int, pool: int, available: Sequence[int]) -> list[int]:
    """The `pool` newest years of `available` up to and including `year`, ascending.

    Raises AnalysisParameterError when `year` has no matrix or fewer than `pool` years exist."""
    if pool < 1:
        raise AnalysisParameterError(gettext("Antall år å slå sammen må være minst 1."))
    if year not in available:
        raise AnalysisDataMissingError(
            gettext("Ingen pendlingsmatrise for %(year)s.") % {"year": year}
        )
    earlier = sorted(y for y in available if y <= year)
    if len(earlier) < pool:
        raise AnalysisParameterError(
            gettext("Bare %(count)s pendlingsår til og med %(year)s: %(years)s.")
            % {"count": len(earlier), "year": year, "years": ", ".join(map(str, earlier))}
        )
    return earlier[-pool:]


def allocation_analysis(
    *,
    municipality: Municipality,
    count: int,
    year: int,
    direction: str,
    confidence: float = 0.9,
    pool: int = 1,
) -> AllocationResult:
    """Where the workers of `count` new jobs in `municipality` live (or where new residents work).

    `pool` > 1 pools the shares of the `pool` newest commuting years up to `year` (the library
    sums the observed flows over the years; their spread is reported as
    ``share_between_years_sd``): steadier shares for small municipalities.
    """
    if direction not in ("jobs", "residents"):
        raise AnalysisParameterError("direction must be 'jobs' or 'residents'")
    if not 1 <= count <= 1_000_000:
        raise AnalysisParameterError("antallet må være mellom 1 og 1 000 000")
    series = frames.series_find(frames.COMMUTING)
    if series is None:
        raise AnalysisDataMissingError("Pendlingsdata (SSB 03321) er ikke importert.")
    number = municipality.number
    years = (
        [year]
        if pool == 1
        else pooled_years(year=year, pool=pool, available=frames.commuting_years(series=series))
    )
    if direction == "jobs":
        flows = frames.commuting_frame(series=series, years=years, workplaces=[number])
    else:
        flows = frames.commuting_frame(series=series, years=years, residences=[number])
    if flows.empty:
        raise AnalysisDataMissingError(f"Ingen pendlingsdata for {municipality.name} i {year}.")
    try:
        if direction == "jobs":
            allocated = new_jobs_residence_allocation(
                flows, workplace=number, jobs=count, years=years, confidence=confidence
            ).rename(columns={RESIDENCE: "unit"})
        else:
            allocated = new_residents_workplace_allocation(
                flows, residence=number, residents=count, years=years, confidence=confidence
            ).rename(columns={WORKPLACE: "unit"})
    except ValueError as error:  # e.g. no flows in one of the pooled years
        raise AnalysisDataMissingError(
            gettext("%(name)s har ikke pendlingsdata i alle årene %(years)s.")
            % {"name": municipality.name, "years": ", ".join(map(str, years))}
        ) from error
    names = dict(
        Municipality.objects.filter(number__in=allocated["unit"].tolist()).values_list(
            "number", "name"
        )
    )
    return AllocationResult(
        municipality=municipality,
        count=count,
        year=year,
        direction=direction,
        rows=allocated.assign(name=allocated["unit"].map(names).fillna("")),
        table_number=series.table_number,
        confidence=confidence,
        years=years,
    )


def allocation_years() -> Sequence[int]:
    """Years with a commuting matrix, newest first."""
    series = frames.series_find(frames.COMMUTING)
    return sorted(frames.commuting_years(series=series), reverse=True) if series else []
