"""GeoJSON layers for the maps: region members and single municipalities."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from samspill.regions.presenters import municipality_feature, region_feature_collection
from samspill.regions.selectors import municipality_get, region_get, region_members


@require_safe
def region_layer(request: HttpRequest, slug: str) -> JsonResponse:
    """Today's member municipalities of a region as a FeatureCollection."""
    region = region_get(slug=slug)
    return JsonResponse(region_feature_collection(region_members(region=region)))


@require_safe
def municipality_layer(request: HttpRequest, number: str) -> JsonResponse:
    """One municipality's outline."""
    municipality = municipality_get(number=number)
    return JsonResponse(
        {"type": "FeatureCollection", "features": [municipality_feature(municipality)]}
    )
