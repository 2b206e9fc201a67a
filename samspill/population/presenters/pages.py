"""Page presenters: the population-structure page of a region or municipality."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from samspill.population import selectors
from samspill.population.presenters.charts import (
    dependency_chart,
    education_chart,
    employment_chart,
    pyramid_chart,
    pyramid_years,
)
from samspill.population.presenters.sentences import KeyFigure, key_figures
from samspill.regions.models import Municipality, Region
from samspill.stats.presenters import Area, ChartTable, municipality_area, region_area
from samspill.stats.selectors import municipality_places


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
