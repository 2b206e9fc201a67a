"""Analysis results → template rows, chart specs, map layers and export tables.

Split by family: lma, areas, allocation, benchmark; helpers shared by several
families are in `_common`. Every public name is re-exported here."""

from samspill.analyses.presenters._common import INDUSTRY_TYPE_LABELS, industry_type_label, percent
from samspill.analyses.presenters.allocation import (
    ALLOCATION_CLASS_BOUNDS,
    ALLOCATION_CLASS_LABELS,
    allocation_class,
    allocation_feature_collection,
    allocation_table,
    allocation_view,
)
from samspill.analyses.presenters.areas import (
    CHARTED_INDICATORS,
    COMMUTING_ROWS,
    SCOPE_LABELS,
    commuting_table,
    commuting_view,
    growth_table,
    growth_view,
    industry_types_view,
    shift_share_explanation,
    shift_share_table,
    shift_share_view,
    specialisation_table,
)
from samspill.analyses.presenters.benchmark import (
    benchmark_display,
    benchmark_table,
    benchmark_view,
)
from samspill.analyses.presenters.lma import (
    LMA_PALETTE_SIZE,
    comparison_table,
    comparison_view,
    lma_colour_index,
    lma_feature_collection,
    lma_members_view,
    lma_result_view,
    lma_table,
)

__all__ = [
    "ALLOCATION_CLASS_BOUNDS",
    "ALLOCATION_CLASS_LABELS",
    "CHARTED_INDICATORS",
    "COMMUTING_ROWS",
    "INDUSTRY_TYPE_LABELS",
    "LMA_PALETTE_SIZE",
    "SCOPE_LABELS",
    "allocation_class",
    "allocation_feature_collection",
    "allocation_table",
    "allocation_view",
    "benchmark_display",
    "benchmark_table",
    "benchmark_view",
    "commuting_table",
    "commuting_view",
    "comparison_table",
    "comparison_view",
    "growth_table",
    "growth_view",
    "industry_type_label",
    "industry_types_view",
    "lma_colour_index",
    "lma_feature_collection",
    "lma_members_view",
    "lma_result_view",
    "lma_table",
    "percent",
    "shift_share_explanation",
    "shift_share_table",
    "shift_share_view",
    "specialisation_table",
]
