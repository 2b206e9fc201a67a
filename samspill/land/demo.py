"""Demo content for the land register: example business areas, plots and premises in
Trondheimsregionen, drawn inside the real municipal outlines, and three example inquiries.

Everything here is invented for the demo and marked `is_example` (on screen, in exports and in
the fact sheet). The places are real neighbourhoods (along the E6 in Malvik and Stjørdal near
Værnes, Melhus, Orkanger in Orkland, Tiller in Trondheim); names, sizes, prices and owners are
made up. A shape that would fall outside its municipality's outline is moved towards the
municipality's centroid until it is inside, so the demo never shows the outside warning.
"""

import io
import math
from decimal import Decimal
from typing import Any

from django.db import transaction
from PIL import Image, ImageDraw, ImageFont
from shapely.geometry import Polygon

from samspill.inquiries.models import Inquiry, Need
from samspill.inquiries.services import ContactInput, InquiryInput, inquiry_submit
from samspill.land.models import Kind, Site, SitePhoto
from samspill.land.selectors import criteria_for, match_inquiry
from samspill.land.services import (
    criteria_save,
    municipality_shape,
    selection_send,
    site_create,
    site_photo_add,
    site_reserve,
    unmet_record,
)
from samspill.regions.models import Municipality, Region

EXAMPLE = " (eksempel)"


def box(lat: float, lon: float, width_m: float, height_m: float) -> Polygon:
    """A rectangle of the given size in metres centred on (lat, lon)."""
    dlat = height_m / 2 / 111_320
    dlon = width_m / 2 / (111_320 * math.cos(math.radians(lat)))
    return Polygon(
        [
            (lon - dlon, lat - dlat),
            (lon + dlon, lat - dlat),
            (lon + dlon, lat + dlat),
            (lon - dlon, lat + dlat),
            (lon - dlon, lat - dlat),
        ]
    )


def _inside(municipality: Municipality, lat: float, lon: float, w: float, h: float) -> Polygon:
    outline = municipality_shape(municipality)
    shape = box(lat, lon, w, h)
    if outline is None or outline.contains(shape):
        return shape
    target_lat = municipality.centroid_lat or lat
    target_lon = municipality.centroid_lon or lon
    for step in range(1, 41):
        t = step / 40
        moved = box(lat + (target_lat - lat) * t, lon + (target_lon - lon) * t, w, h)
        if outline.contains(moved):
            return moved
    return shape


def _geojson(shape: Polygon) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[round(x, 6), round(y, 6)] for x, y in shape.exterior.coords]],
    }


# (municipality, name, lat, lon, width m, height m, fields, children)
AREAS: list[tuple[str, str, float, float, float, float, dict[str, Any], list[dict[str, Any]]]] = [
    (
        "5035",
        "Værnes næringspark",
        63.4640,
        10.9600,
        600,
        500,
        {
            "purpose": "logistics",
            "gross_daa": Decimal("180"),
            "net_daa": Decimal("140"),
            "plan_id": "5035-2019-004",
            "road": "E6 / E14",
            "main_road_km": Decimal("0.8"),
            "has_water": True,
            "power_mw": Decimal("8"),
            "price_per_m2": 950,
            "land_cover": "grey",
            "plan_conditions": "Rekkefølgekrav: ny rundkjøring på fylkesveien før byggestart.",
        },
        [
            {
                "name": "Værnes næringspark, tomt A",
                "dlat": -0.0008,
                "dlon": -0.0025,
                "w": 200,
                "h": 160,
                "net_daa": Decimal("32"),
                "gross_daa": Decimal("32"),
                "readiness": "now",
            },
            {
                "name": "Værnes næringspark, tomt B",
                "dlat": 0.0010,
                "dlon": 0.0020,
                "w": 240,
                "h": 200,
                "net_daa": Decimal("48"),
                "gross_daa": Decimal("48"),
                "readiness": "12m",
                "readiness_blockers": "Vann og avløp legges fram i løpet av neste år.",
            },
        ],
    ),
    (
        "5035",
        "Stjørdal havn og logistikk",
        63.4690,
        10.8950,
        400,
        300,
        {
            "purpose": "port",
            "gross_daa": Decimal("60"),
            "net_daa": Decimal("45"),
            "has_port": True,
            "has_water": True,
            "power_mw": Decimal("3"),
            "road": "E6",
            "main_road_km": Decimal("1.5"),
            "owner_kind": "private",
            "owner_name": "Stjørdal Eiendom AS (eksempel)",
            "readiness": "12m",
            "readiness_blockers": "Utfylling i sjø er ikke ferdig.",
        },
        [],
    ),
    (
        "5031",
        "Sveberg næringsområde",
        63.3930,
        10.6400,
        500,
        400,
        {
            "purpose": "industry",
            "gross_daa": Decimal("120"),
            "net_daa": Decimal("95"),
            "road": "E6",
            "main_road_km": Decimal("0.5"),
            "has_water": True,
            "power_mw": Decimal("5"),
            "price_per_m2": 700,
            "land_cover": "forest",
            "readiness": "12m",
            "needs_detailed_zoning": True,
            "zoning_status": "area_plan",
            "readiness_blockers": "Detaljregulering pågår; forventet vedtak om ti måneder.",
        },
        [
            {
                "name": "Sveberg, tomt 3",
                "dlat": 0.0,
                "dlon": 0.0,
                "w": 180,
                "h": 150,
                "net_daa": Decimal("25"),
                "gross_daa": Decimal("27"),
                "readiness": "12m",
            }
        ],
    ),
    (
        "5031",
        "Hommelvik sentrum næringsbygg",
        63.4120,
        10.7950,
        60,
        40,
        {
            "kind": "premises",
            "purpose": "office",
            "premises_type": "office",
            "floor_area_m2": 450,
            "ceiling_height_m": Decimal("2.7"),
            "price_per_m2": 1650,
            "has_water": True,
            "road": "Fv. 950",
            "main_road_km": Decimal("1.0"),
            "owner_kind": "private",
            "owner_name": "Hommelvik Gårdeier AS (eksempel)",
        },
        [],
    ),
    (
        "5028",
        "Kvål næringsområde",
        63.2180,
        10.2900,
        450,
        350,
        {
            "purpose": "industry",
            "gross_daa": Decimal("75"),
            "net_daa": Decimal("60"),
            "road": "E6",
            "main_road_km": Decimal("0.3"),
            "has_water": True,
            "power_mw": Decimal("2"),
            "land_cover": "farmland",
            "readiness": "later",
            "zoning_status": "area_plan",
            "readiness_blockers": "Dyrket mark: omdisponering krever ny behandling.",
        },
        [],
    ),
    (
        "5059",
        "Grønøra industriområde",
        63.3080,
        9.8600,
        700,
        450,
        {
            "purpose": "port",
            "gross_daa": Decimal("210"),
            "net_daa": Decimal("160"),
            "has_port": True,
            "has_water": True,
            "power_mw": Decimal("20"),
            "road": "E39",
            "main_road_km": Decimal("1.2"),
            "price_per_m2": 550,
            "land_cover": "grey",
        },
        [
            {
                "name": "Grønøra, tomt 12",
                "dlat": 0.0005,
                "dlon": 0.0030,
                "w": 260,
                "h": 180,
                "net_daa": Decimal("45"),
                "gross_daa": Decimal("47"),
                "readiness": "now",
            }
        ],
    ),
    (
        "5001",
        "Tiller lagerbygg",
        63.3560,
        10.3800,
        80,
        50,
        {
            "kind": "premises",
            "purpose": "logistics",
            "premises_type": "warehouse",
            "floor_area_m2": 1800,
            "ceiling_height_m": Decimal("9.5"),
            "road": "E6",
            "main_road_km": Decimal("0.7"),
            "has_water": True,
            "owner_kind": "private",
            "owner_name": "Tiller Logistikkbygg AS (eksempel)",
        },
        [],
    ),
]


def _site(municipality: Municipality, name: str, shape: Polygon, fields: dict[str, Any]) -> Site:
    values = {
        "name": name + EXAMPLE,
        "description": "Eksempel laget for demonstrasjon av Samspill; ikke et ekte areal.",
        "contact_name": "Eksempel Næringsutvikler",
        "contact_email": "naering@example.invalid",
        "is_published": True,
        **fields,
    }
    return site_create(
        actor=None,
        municipality=municipality,
        geometry=_geojson(shape),
        fields=values,
        is_example=True,
    )


@transaction.atomic
def demo_sites_load() -> None:
    if Site.objects.filter(is_example=True).exists():
        return
    for number, name, lat, lon, w, h, fields, children in AREAS:
        municipality = Municipality.objects.get(number=number)
        shape = _inside(municipality, lat, lon, w, h)
        area = _site(municipality, name, shape, {"kind": Kind.AREA, **fields})
        centre = shape.centroid
        for child in children:
            child_shape = box(
                centre.y + child["dlat"], centre.x + child["dlon"], child["w"], child["h"]
            )
            child_fields = {
                k: v for k, v in fields.items() if k not in {"gross_daa", "net_daa", "kind"}
            }
            child_fields.update(
                {k: v for k, v in child.items() if k not in {"name", "dlat", "dlon", "w", "h"}}
            )
            _site(
                municipality,
                child["name"],
                child_shape,
                {**child_fields, "kind": Kind.PLOT, "parent": area},
            )


def _submit(region: Region, name: str, **values: Any) -> Inquiry:
    return inquiry_submit(
        region=region,
        data=InquiryInput(company_name=name + EXAMPLE, **values),
        contact=ContactInput(name="Eksempel Kontaktperson", email="eksempel@example.invalid"),
        actor=None,
        is_example=True,
        fetch_facts=False,
    )


@transaction.atomic
def demo_inquiries_load() -> None:
    """Two example inquiries matched against the register, one that nothing fits (unmet)."""
    region = Region.objects.filter(slug="trondheimsregionen").first()
    if region is None or Inquiry.objects.filter(region=region, is_example=True).exists():
        return
    logistics = _submit(
        region,
        "Midtnorsk Frakt AS",
        needs=[Need.SITE],
        anywhere_in_region=True,
        area_m2=30_000,
        jobs_expected=25,
        timing=Inquiry.Timing.NOW,
        description="Trenger byggeklar tomt for terminal nær Værnes og E6.",
    )
    criteria_save(
        actor=None,
        inquiry=logistics,
        expected_version=None,
        values={
            "purpose": "logistics",
            "near_point": "vaernes",
            "max_km": 15,
            "infrastructure": ["water"],
        },
    )
    result = match_inquiry(inquiry=logistics, criteria=criteria_for(logistics))
    fitting = [candidate.site for candidate in result.fitting[:2]]
    if fitting:
        selection_send(
            actor=None,
            inquiry=logistics,
            sites=fitting,
            message="Her er to tomter som passer det dere beskrev (eksempel).",
        )
        site_reserve(actor=None, site=fitting[0], inquiry=logistics, note="Eksempelreservasjon.")

    _submit(
        region,
        "Malvik Regnskap AS",
        needs=[Need.PREMISES],
        municipalities=[Municipality.objects.get(number="5031")],
        area_m2=400,
        timing=Inquiry.Timing.WITHIN_6_MONTHS,
        description="Ser etter kontorlokaler i Hommelvik.",
    )

    battery = _submit(
        region,
        "Nordic Cell Materials AS",
        needs=[Need.SITE],
        anywhere_in_region=True,
        area_m2=150_000,
        jobs_expected=300,
        timing=Inquiry.Timing.NOW,
        description="Over 150 daa byggeklar industritomt med jernbanespor og 50 MW.",
    )
    criteria_save(
        actor=None,
        inquiry=battery,
        expected_version=None,
        values={"purpose": "industry", "infrastructure": ["rail", "power"]},
    )
    unmet = match_inquiry(inquiry=battery, criteria=criteria_for(battery))
    if not unmet.fitting:
        unmet_record(
            actor=None,
            inquiry=battery,
            need=unmet.need,
            failed=unmet.failed_everywhere,
            checked=unmet.checked,
        )


# No public-source photo of these places is in the shared data, so the demo draws a placeholder:
# a plain picture with "Eksempelbilde" written on it, the alt text and the page's caption saying
# the same (Pillow is already installed with WeasyPrint).
PHOTO_SITES = 3
PHOTO_SIZE = (960, 540)


def placeholder_png() -> bytes:
    """A simple labelled placeholder picture (sky, ground, a hall) with "Eksempelbilde" on it."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (205, 222, 235))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    draw.rectangle((0, horizon, width, height), fill=(150, 160, 150))
    draw.polygon(
        [(0, horizon), (width * 0.35, horizon - 90), (width * 0.7, horizon)], fill=(120, 140, 125)
    )
    draw.rectangle((width * 0.55, horizon - 110, width * 0.88, horizon), fill=(95, 100, 110))
    draw.rectangle((width * 0.55, horizon - 122, width * 0.88, horizon - 110), fill=(70, 75, 85))
    big = ImageFont.load_default(size=64)
    small = ImageFont.load_default(size=28)
    draw.rectangle((40, 40, width - 40, 200), fill=(255, 255, 255))
    draw.text((64, 56), "EKSEMPELBILDE", fill=(140, 30, 30), font=big)
    # Pillow's built-in font has no æøå, so the picture says only this; the name is in the alt text.
    draw.text((64, 140), "Ikke et foto - laget for demonstrasjon", fill=(30, 30, 30), font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_photos_load() -> None:
    """A labelled placeholder picture on the first few example areas (once)."""
    areas = list(Site.objects.filter(is_example=True, kind=Kind.AREA).order_by("pk")[:PHOTO_SITES])
    if not areas or SitePhoto.objects.filter(site__in=areas).exists():
        return
    for area in areas:
        title = area.name.removesuffix(EXAMPLE)
        site_photo_add(
            actor=None,
            site=area,
            name="eksempelbilde.png",
            data=placeholder_png(),
            alt_text=f"Eksempelbilde: tegnet illustrasjon med teksten «Eksempelbilde» for {title}, "
            "ikke et foto av arealet.",
        )


def demo_land_load() -> None:
    demo_sites_load()
    demo_inquiries_load()
    demo_photos_load()
