"""Dashboards: statistics of an area (a region's members or one municipality) → template data.

Each chart is a `ChartTable`: the numbers as rows (shown as an accessible table beside the chart
and exported as CSV/XLSX exactly as shown), a Chart.js spec and the series it came from, with
notes on harmonisation and known gaps. Computations go through `samspill.analytics`.

Split by family: population, employment, commuting, dashboards; helpers shared by several
families are in `_common`. Every public name is re-exported here."""

from samspill.stats.presenters._common import Area, Cell, ChartTable
from samspill.stats.presenters.commuting import (
    LARGEST_FLOWS,
    CommutingResult,
    commuting_charts,
    default_centre,
)
from samspill.stats.presenters.dashboards import (
    DASHBOARD_CACHE_SECONDS,
    DASHBOARD_SERIES,
    Dashboard,
    PopulationFact,
    dashboard,
    municipality_area,
    municipality_dashboard,
    municipality_population_fact,
    region_area,
    region_dashboard,
    region_population_fact,
)
from samspill.stats.presenters.employment import employment_charts
from samspill.stats.presenters.population import (
    AGE_KEYS,
    NORWAY,
    age_chart,
    area_population_series,
    population_change_label,
    population_chart,
)

__all__ = [
    "AGE_KEYS",
    "DASHBOARD_CACHE_SECONDS",
    "DASHBOARD_SERIES",
    "LARGEST_FLOWS",
    "NORWAY",
    "Area",
    "Cell",
    "ChartTable",
    "CommutingResult",
    "Dashboard",
    "PopulationFact",
    "age_chart",
    "area_population_series",
    "commuting_charts",
    "dashboard",
    "default_centre",
    "employment_charts",
    "municipality_area",
    "municipality_dashboard",
    "municipality_population_fact",
    "population_change_label",
    "population_chart",
    "region_area",
    "region_dashboard",
    "region_population_fact",
]
