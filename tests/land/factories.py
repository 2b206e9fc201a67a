"""Sites for the land register's tests, drawn inside the real municipal outlines."""

from decimal import Decimal
from typing import Any

from samspill.land.demo import box
from samspill.land.models import Site
from samspill.land.services import site_create
from samspill.regions.models import Municipality

# A point well inside each municipality (checked against the outlines by the tests).
PLACES = {
    "5035": (63.4640, 10.9600),  # Stjørdal, near Værnes
    "5031": (63.3930, 10.6400),  # Malvik, Sveberg
    "5028": (63.2180, 10.2900),  # Melhus, Kvål
    "5001": (63.3560, 10.3800),  # Trondheim, Tiller
    "5520": (68.8650, 18.3400),  # Bardu, Setermoen
}


def polygon(
    number: str, *, dlat: float = 0.0, dlon: float = 0.0, size: float = 200
) -> dict[str, Any]:
    lat, lon = PLACES[number]
    shape = box(lat + dlat, lon + dlon, size, size)
    return {"type": "Polygon", "coordinates": [[list(point) for point in shape.exterior.coords]]}


def make_site(number: str = "5035", *, dlat: float = 0.0, dlon: float = 0.0, **fields: Any) -> Site:
    values: dict[str, Any] = {
        "name": "Testtomt",
        "kind": "plot",
        "net_daa": Decimal("30"),
        "gross_daa": Decimal("32"),
        "is_published": True,
        **fields,
    }
    return site_create(
        actor=None,
        municipality=Municipality.objects.get(number=number),
        geometry=polygon(number, dlat=dlat, dlon=dlon),
        fields=values,
    )
