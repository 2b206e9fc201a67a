"""API (open data): population structure, dependency ratios, employment rate and education."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from samspill.analytics.population import AGE_GROUPS, age_pyramid
from samspill.core.api import errors
from samspill.population import selectors
from samspill.population.presenters import pyramid_counts, pyramid_years
from samspill.regions.selectors import municipality_get, region_get
from samspill.stats.presenters import Area, municipality_area, region_area
from samspill.stats.selectors import municipality_places

router = Router(tags=["population"])


class PyramidRowOut(Schema):
    age_group: str
    men: float
    women: float
    men_percent: float = Field(description="Per cent of the area's whole population.")
    women_percent: float
    norway_men_percent: float
    norway_women_percent: float


class DependencyOut(Schema):
    year: int
    working_age_20_66: float
    old_age_per_100: float = Field(description="Persons 67+ per 100 persons 20–66.")
    total_per_100: float = Field(description="Persons 0–19 and 67+ per 100 persons 20–66.")
    norway_old_age_per_100: float | None
    norway_total_per_100: float | None


class EmploymentOut(Schema):
    year: int
    population_15_74: float
    employed_15_74: float
    rate_percent: float
    norway_rate_percent: float | None


class EducationOut(Schema):
    year: int
    persons: float = Field(description="IMDi's group (age band not stated in the export).")
    percent_by_level: dict[str, float]
    higher_education_percent: float
    norway_higher_education_percent: float | None


class PopulationStructureOut(Schema):
    area: str
    label: str
    members: list[str]
    pyramid_year: int | None
    pyramid: list[PyramidRowOut]
    dependency: list[DependencyOut]
    employment: list[EmploymentOut]
    employment_years_left_out: list[int]
    education: list[EducationOut]
    sources: list[str]


def _structure(area: Area, year: int | None) -> PopulationStructureOut:
    series = selectors.population_series()
    years = pyramid_years(area, series)
    if year is not None and year not in years:
        raise HttpError(
            400, f"no age groups for {year}; loaded years: {', '.join(map(str, years)) or 'none'}"
        )
    chosen = year if year is not None else (years[-1] if years else None)
    pyramid: list[PyramidRowOut] = []
    if chosen is not None:
        local = selectors.sums(code=selectors.AGE_SERIES, municipality_ids=area.ids, years=[chosen])
        national = selectors.sums(code=selectors.AGE_SERIES, municipality_ids=None, years=[chosen])
        bars = age_pyramid(pyramid_counts(local, chosen))
        reference = age_pyramid(pyramid_counts(national, chosen))
        pyramid = [
            PyramidRowOut(
                age_group=bar.group,
                men=bar.men,
                women=bar.women,
                men_percent=bar.men_share,
                women_percent=bar.women_share,
                norway_men_percent=ref.men_share,
                norway_women_percent=ref.women_share,
            )
            for bar, ref in zip(bars, reference, strict=True)
        ]
    ratios = selectors.dependency_by_year(municipality_ids=area.ids)
    national_ratios = selectors.dependency_by_year(municipality_ids=None)
    rates, skipped = selectors.employment_by_year(municipality_ids=area.ids)
    national_rates, _skipped = selectors.employment_by_year(municipality_ids=None)
    education = selectors.education_by_year(municipality_ids=area.ids)
    national_education = selectors.education_by_year(municipality_ids=None)
    return PopulationStructureOut(
        area=area.key,
        label=area.label,
        members=area.numbers,
        pyramid_year=chosen,
        pyramid=pyramid,
        dependency=[
            DependencyOut(
                year=y,
                working_age_20_66=r.working_age,
                old_age_per_100=r.old_age,
                total_per_100=r.total,
                norway_old_age_per_100=national_ratios[y].old_age if y in national_ratios else None,
                norway_total_per_100=national_ratios[y].total if y in national_ratios else None,
            )
            for y, r in sorted(ratios.items())
        ],
        employment=[
            EmploymentOut(
                year=y,
                population_15_74=r.population,
                employed_15_74=r.employed,
                rate_percent=r.rate,
                norway_rate_percent=national_rates[y].rate if y in national_rates else None,
            )
            for y, r in sorted(rates.items())
        ],
        employment_years_left_out=skipped,
        education=[
            EducationOut(
                year=y,
                persons=s.total,
                percent_by_level=s.shares,
                higher_education_percent=s.higher,
                norway_higher_education_percent=(
                    national_education[y].higher if y in national_education else None
                ),
            )
            for y, s in sorted(education.items())
        ],
        sources=[
            f"{item.source}, {item.table_number} ({item.licence})" for item in series.values()
        ],
    )


DESCRIPTION = (
    "Age groups by sex for `year` (default: the latest; 400 for a year without data) against "
    "Norway; dependency ratios (67+ and 0–19 + 67+ per 100 aged 20–66, SSB 07459); employment "
    "rate 15–74 (SSB 11618); highest completed education (IMDi). Age groups: "
    + ", ".join(AGE_GROUPS)
    + "."
)


@router.get(
    "/regions/{slug}",
    response={200: PopulationStructureOut, **errors(400, 404, 422)},
    summary="A region's population structure, employment rate and education",
    description=DESCRIPTION,
)
def region_structure(
    request: HttpRequest, slug: str, year: int | None = None
) -> PopulationStructureOut:
    return _structure(region_area(region=region_get(slug=slug), places=municipality_places()), year)


@router.get(
    "/municipalities/{number}",
    response={200: PopulationStructureOut, **errors(400, 404, 422)},
    summary="A municipality's population structure, employment rate and education",
    description=DESCRIPTION + " 400 for a former municipality.",
)
def municipality_structure(
    request: HttpRequest, number: str, year: int | None = None
) -> PopulationStructureOut:
    municipality = municipality_get(number=number)
    if not municipality.is_current:
        raise HttpError(
            400,
            f"{number} is a former municipality; statistics are kept for today's municipalities",
        )
    return _structure(
        municipality_area(municipality=municipality, places=municipality_places()), year
    )
