"""Population structure, employment rate and education of an area → charts, tables and sentences.

Charts are `stats.presenters.ChartTable`s (the same table beside the chart, the same CSV/XLSX
export); every number goes through `core.numbers`; the arithmetic is in
`samspill.analytics.population`. Key figures in words are whole sentences from the catalogue.

Split by family: `charts` (the pyramid, dependency, employment and education charts),
`sentences` (key figures in words, with the estimate checks) and `pages` (the page of a
region or municipality that puts them together).
"""

from samspill.population.presenters.charts import (
    EDUCATION_COLUMNS,
    NORWAY,
    dependency_chart,
    education_chart,
    employment_chart,
    pyramid_chart,
    pyramid_counts,
    pyramid_years,
)
from samspill.population.presenters.pages import (
    PopulationPage,
    municipality_key_figures,
    municipality_page,
    page,
    region_key_figures,
    region_page,
)
from samspill.population.presenters.sentences import (
    SHARE_67_SPAN,
    UNREALISTIC_ESTIMATES,
    EstimateCheck,
    KeyFigure,
    commuting_change,
    key_figures,
)

__all__ = [
    "EDUCATION_COLUMNS",
    "NORWAY",
    "SHARE_67_SPAN",
    "UNREALISTIC_ESTIMATES",
    "EstimateCheck",
    "KeyFigure",
    "PopulationPage",
    "commuting_change",
    "dependency_chart",
    "education_chart",
    "employment_chart",
    "key_figures",
    "municipality_key_figures",
    "municipality_page",
    "page",
    "pyramid_chart",
    "pyramid_counts",
    "pyramid_years",
    "region_key_figures",
    "region_page",
]
