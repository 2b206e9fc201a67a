"""GeoJSON layer of a labour-market-region result: municipality outlines with their region."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from samspill.analyses.presenters import lma_feature_collection
from samspill.analyses.selectors import lma_run_get, predecessor_numbers
from samspill.regions.selectors import municipality_list_current


@require_safe
def lma_layer(request: HttpRequest, pk: int) -> JsonResponse:
    """Today's municipalities with `group` (region number, 0 = none) for lma-map.js."""
    run = lma_run_get(pk=pk)
    return JsonResponse(
        lma_feature_collection(run, municipality_list_current(), predecessor_numbers())
    )
