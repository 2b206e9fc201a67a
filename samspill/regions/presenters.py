"""Turn municipalities and regions into map layers and template rows."""

from typing import Any

from samspill.geo.feature_collections import feature, feature_collection
from samspill.regions.models import Municipality
from samspill.regions.selectors import RegionMember


def municipality_feature(municipality: Municipality) -> dict[str, Any]:
    """A Feature with whitelisted properties only."""
    return feature(
        municipality.boundary,
        {
            "number": municipality.number,
            "name": municipality.name,
            "url": municipality.get_absolute_url(),
        },
    )


def region_feature_collection(members: list[RegionMember]) -> dict[str, Any]:
    """The members' outlines; members without an outline are left out of the map (not the table)."""
    return feature_collection(
        municipality_feature(member.municipality)
        for member in members
        if member.municipality.boundary is not None
    )
