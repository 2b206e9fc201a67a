"""Read a municipality's sites from GeoJSON or CSV into rows for `services.sites_import`.

Both formats use the same column (property) names, in Norwegian, listed in `COLUMNS` and on the
import page. Choice columns take the code or the label shown in the forms ("12m" or "klar innen
12 måneder"); yes/no columns take ja/nei, true/false, 1/0. In CSV the geometry is either a
`geometri` column with GeoJSON or `lat` and `lon` for a point. A value that cannot be read becomes
a problem on its row; the service then refuses the whole file and names every bad row.
"""

import csv
import datetime
import io
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from samspill.land.models import (
    Availability,
    Kind,
    LandCover,
    OwnerKind,
    PremisesType,
    Purpose,
    Readiness,
    ZoningStatus,
)
from samspill.land.services import ImportRow

CHOICES: dict[str, tuple[str, type[models.TextChoices]]] = {
    "type": ("kind", Kind),
    "planstatus": ("zoning_status", ZoningStatus),
    "formaal": ("purpose", Purpose),
    "byggeklar": ("readiness", Readiness),
    "arealdekke": ("land_cover", LandCover),
    "eier": ("owner_kind", OwnerKind),
    "tilgjengelighet": ("availability", Availability),
    "lokaltype": ("premises_type", PremisesType),
}
TEXT = {
    "navn": "name",
    "id": "external_id",
    "beskrivelse": "description",
    "plan_id": "plan_id",
    "vilkaar": "plan_conditions",
    "hindringer": "readiness_blockers",
    "vei": "road",
    "eier_navn": "owner_name",
    "kontakt": "contact_name",
    "epost": "contact_email",
    "telefon": "contact_phone",
}
DECIMALS = {
    "brutto_daa": "gross_daa",
    "netto_daa": "net_daa",
    "hovedvei_km": "main_road_km",
    "strom_mw": "power_mw",
    "takhoyde_m": "ceiling_height_m",
}
INTEGERS = {"pris_m2": "price_per_m2", "gulvareal_m2": "floor_area_m2"}
BOOLEANS = {
    "jernbane": "has_rail",
    "havn": "has_port",
    "vann": "has_water",
    "detaljregulering": "needs_detailed_zoning",
    "publisert": "is_published",
}
DATES = {"ledig_fra": "available_from", "ledig_til": "available_to"}
COLUMNS = (
    ["navn", "id", "geometri", "lat", "lon"]
    + list(CHOICES)
    + [k for k in TEXT if k not in {"navn", "id"}]
    + list(DECIMALS)
    + list(INTEGERS)
    + list(BOOLEANS)
    + list(DATES)
)
TRUE = {"ja", "j", "true", "1", "yes", "x"}
FALSE = {"nei", "n", "false", "0", "no", ""}
MAX_ROWS = 5000


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not the rows in it)."""


def _choice(value: str, choices: type[models.TextChoices]) -> str | None:
    text = value.strip().lower()
    for code, label in choices.choices:
        if text in {str(code).lower(), str(label).lower()}:
            return str(code)
    return None


def _row(number: int, properties: Mapping[str, Any], geometry: Any) -> ImportRow:
    fields: dict[str, Any] = {}
    problems: list[str] = []
    values = {str(k).strip().lower(): v for k, v in properties.items()}
    for column, name in TEXT.items():
        if values.get(column) not in (None, ""):
            fields[name] = str(values[column]).strip()
    if not fields.get("name"):
        problems.append(_("Kolonnen «navn» mangler."))
    for column, (name, choices) in CHOICES.items():
        raw = values.get(column)
        if raw in (None, ""):
            continue
        code = _choice(str(raw), choices)
        if code is None:
            allowed = ", ".join(str(code) for code in choices.values)
            problems.append(
                _("«%(value)s» er ikke en gyldig verdi i «%(column)s» (gyldige: %(allowed)s).")
                % {"value": raw, "column": column, "allowed": allowed}
            )
        else:
            fields[name] = code
    for column, name in DECIMALS.items():
        raw = values.get(column)
        if raw in (None, ""):
            continue
        try:
            fields[name] = Decimal(str(raw).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            problems.append(
                _("«%(value)s» i «%(column)s» er ikke et tall.") % {"value": raw, "column": column}
            )
    for column, name in INTEGERS.items():
        raw = values.get(column)
        if raw in (None, ""):
            continue
        text = str(raw).replace(" ", "")
        if text.isdecimal():
            fields[name] = int(text)
        else:
            problems.append(
                _("«%(value)s» i «%(column)s» er ikke et helt tall.")
                % {"value": raw, "column": column}
            )
    for column, name in BOOLEANS.items():
        raw = values.get(column)
        if raw is None:
            continue
        text = str(raw).strip().lower()
        if isinstance(raw, bool):
            fields[name] = raw
        elif text in TRUE:
            fields[name] = True
        elif text in FALSE:
            fields[name] = False
        else:
            problems.append(
                _("«%(value)s» i «%(column)s» er verken ja eller nei.")
                % {"value": raw, "column": column}
            )
    for column, name in DATES.items():
        raw = values.get(column)
        if raw in (None, ""):
            continue
        try:
            fields[name] = datetime.date.fromisoformat(str(raw).strip())
        except ValueError:
            problems.append(
                _("«%(value)s» i «%(column)s» er ikke en dato (ÅÅÅÅ-MM-DD).")
                % {"value": raw, "column": column}
            )
    if geometry is None:
        problems.append(_("Raden har ingen geometri (geometri, eller lat og lon)."))
    label = str(fields.get("name") or fields.get("external_id") or "")
    return ImportRow(
        row=number, label=label, geometry=geometry, fields=fields, problems=tuple(problems)
    )


def rows_from_geojson(data: bytes) -> list[ImportRow]:
    try:
        collection = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(
            _("Filen er ikke gyldig GeoJSON: %(error)s") % {"error": error}
        ) from error
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ImportFileError(_("GeoJSON-filen må være en FeatureCollection."))
    features = collection.get("features")
    if not isinstance(features, list):
        raise ImportFileError(_("GeoJSON-filen har ingen liste med objekter (features)."))
    if len(features) > MAX_ROWS:
        raise ImportFileError(_("Filen har mer enn %(max)s objekter.") % {"max": MAX_ROWS})
    rows = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            rows.append(ImportRow(number, "", None, {}, (_("Objektet er ikke en Feature."),)))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        rows.append(_row(number, properties, feature.get("geometry")))
    return rows


def _csv_geometry(values: Mapping[str, str]) -> tuple[Any, str]:
    text = (values.get("geometri") or "").strip()
    if text:
        try:
            return json.loads(text), ""
        except json.JSONDecodeError:
            return None, _("Kolonnen «geometri» er ikke GeoJSON.")
    lat, lon = (values.get("lat") or "").strip(), (values.get("lon") or "").strip()
    if lat and lon:
        try:
            return {
                "type": "Point",
                "coordinates": [float(lon.replace(",", ".")), float(lat.replace(",", "."))],
            }, ""
        except ValueError:
            return None, _("«lat» og «lon» må være tall.")
    return None, ""


def rows_from_csv(data: bytes) -> list[ImportRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("CSV-filen må være UTF-8.")) from error
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or "navn" not in [name.strip().lower() for name in reader.fieldnames]:
        raise ImportFileError(_("CSV-filen må ha en overskriftsrad med minst kolonnen «navn»."))
    rows = []
    for number, raw in enumerate(reader, start=1):
        if number > MAX_ROWS:
            raise ImportFileError(_("Filen har mer enn %(max)s rader.") % {"max": MAX_ROWS})
        values = {str(k).strip().lower(): (v or "") for k, v in raw.items() if k is not None}
        geometry, problem = _csv_geometry(values)
        row = _row(number, values, geometry)
        if problem:
            row = ImportRow(row.row, row.label, None, row.fields, (*row.problems, problem))
        rows.append(row)
    return rows


def rows_from_file(name: str, data: bytes) -> list[ImportRow]:
    lowered = name.lower()
    if lowered.endswith((".geojson", ".json")):
        return rows_from_geojson(data)
    if lowered.endswith(".csv"):
        return rows_from_csv(data)
    raise ImportFileError(_("Bare GeoJSON (.geojson) og CSV (.csv) kan importeres."))
