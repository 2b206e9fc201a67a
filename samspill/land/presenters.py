"""Words and map layers for the land register: score reasons, site facts, GeoJSON for the map."""

import base64
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from samspill.core.numbers import format_number
from samspill.geo.feature_collections import feature, feature_collection
from samspill.geo.shapes import to_geojson
from samspill.land import matching
from samspill.land.models import Infrastructure, Kind, Purpose, Readiness, SitePhoto
from samspill.land.selectors import SearchResult
from samspill.regions.models import Municipality


def _readiness(code: str) -> str:
    return str(dict(Readiness.choices).get(code, code))


def _number(value: object) -> str:
    return format_number(float(value), decimals=1) if isinstance(value, int | float) else ""


def reason_text(reason: matching.Reason) -> str:
    """One criterion's reason as the adviser reads it."""
    v = reason.values
    kinds = dict(Kind.choices)
    purposes = dict(Purpose.choices)
    infrastructure = dict(Infrastructure.choices)
    texts = {
        "size_unstated": _("Størrelse: henvendelsen oppgir ingen."),
        "size_ok": _("Størrelse: %(size)s daa passer.") % {"size": _number(v.get("size"))},
        "size_small": _("Størrelse: %(size)s daa er mindre enn de %(min)s daa som trengs.")
        % {"size": _number(v.get("size")), "min": _number(v.get("min"))},
        "size_large": _("Størrelse: %(size)s daa er større enn høyst %(max)s daa.")
        % {"size": _number(v.get("size")), "max": _number(v.get("max"))},
        "readiness_unstated": _("Byggeklar: henvendelsen har ikke tidspunkt."),
        "readiness_ok": _("Byggeklar: %(site)s, i tide.")
        % {"site": _readiness(str(v.get("site", "")))},
        "readiness_late": _("Byggeklar: %(site)s, ett trinn senere enn ønsket (%(need)s).")
        % {"site": _readiness(str(v.get("site", ""))), "need": _readiness(str(v.get("need", "")))},
        "readiness_too_late": _("Byggeklar: %(site)s, for sent (ønsket %(need)s).")
        % {"site": _readiness(str(v.get("site", ""))), "need": _readiness(str(v.get("need", "")))},
        "kind_wrong": _("Type: %(kind)s, ikke det henvendelsen ser etter.")
        % {"kind": kinds.get(str(v.get("kind", "")), "")},
        "purpose_other": _("Formål: %(purpose)s, ikke %(need)s.")
        % {
            "purpose": purposes.get(str(v.get("purpose", "")), ""),
            "need": purposes.get(str(v.get("need_purpose", "")), ""),
        },
        "kind_ok": _("Type og formål passer (%(kind)s, %(purpose)s).")
        % {
            "kind": kinds.get(str(v.get("kind", "")), ""),
            "purpose": purposes.get(str(v.get("purpose", "")), ""),
        },
        "infrastructure_unstated": _("Infrastruktur: ingen krav."),
        "infrastructure_ok": _("Infrastruktur: alt som trengs er på plass."),
        "infrastructure_missing": _("Infrastruktur: mangler %(missing)s.")
        % {
            "missing": ", ".join(
                str(infrastructure.get(name, name))
                for name in str(v.get("missing", "")).split(",")
                if name
            )
        },
        "place_other_municipality": _("Sted: i en annen kommune enn henvendelsen ønsker."),
        "place_near": _("Sted: %(km)s km i luftlinje, innenfor %(max)s km.")
        % {"km": _number(v.get("km")), "max": _number(v.get("max"))},
        "place_far": _("Sted: %(km)s km i luftlinje, lenger enn %(max)s km.")
        % {"km": _number(v.get("km")), "max": _number(v.get("max"))},
        "place_municipality": _("Sted: i en av kommunene henvendelsen ønsker."),
        "place_unstated": _("Sted: hvor som helst i regionen."),
    }
    return texts[reason.code]


def criterion_label(name: str) -> str:
    labels = {
        "size": _("Størrelse"),
        "readiness": _("Byggeklar"),
        "kind": _("Type og formål"),
        "infrastructure": _("Infrastruktur"),
        "place": _("Sted"),
    }
    return labels.get(name, name)


def search_layer(result: SearchResult, outlines: Sequence[Municipality]) -> dict[str, Any]:
    """Outlines, the corridor and the sites found: the same sites as the list beside the map."""
    features = [
        feature(m.boundary, {"role": "outline", "name": m.name})
        for m in outlines
        if m.boundary is not None
    ]
    if result.corridor_wgs84 is not None:
        features.append(feature(to_geojson(result.corridor_wgs84), {"role": "corridor"}))
    for hit in result.hits:
        site = hit.site
        features.append(
            feature(
                site.geometry,
                {
                    "role": "site",
                    "id": site.pk,
                    "name": site.name,
                    "kind": site.kind,
                    "url": site.get_absolute_url(),
                    "is_example": site.is_example,
                },
            )
        )
    return feature_collection(features)


def photo_data_uri(photos: Sequence[SitePhoto]) -> dict[str, str] | None:
    """The first photo as a data: URI and its alt text for the PDF (nothing fetched, ADR 69)."""
    if not photos:
        return None
    photo = photos[0]
    try:
        with photo.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    encoded = base64.b64encode(data).decode("ascii")
    return {"src": f"data:{photo.content_type};base64,{encoded}", "alt": photo.alt_text}
