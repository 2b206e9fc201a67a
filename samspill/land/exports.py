"""The land register as tables for `core/exports.py` (CSV/XLSX) and as GeoJSON."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from samspill.core.exports import ExportTable
from samspill.geo.feature_collections import feature, feature_collection
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
from samspill.land.selectors import AccountPeriod, AccountRow, DemandRow, SiteHit

EXAMPLE_NOTE = (
    "Eksempelarealer er demodata laget for demonstrasjon, ikke ekte tomter eller lokaler."
)


def _label(choices: Any, code: str) -> str:
    return str(dict(choices).get(code, code))


def site_table(hits: Sequence[SiteHit], *, title: str) -> ExportTable:
    rows = []
    for hit in hits:
        s = hit.site
        rows.append(
            [
                s.pk,
                s.name,
                _label(Kind.choices, s.kind),
                s.municipality.name,
                s.gross_daa,
                s.net_daa,
                round(s.measured_daa, 1),
                _label(ZoningStatus.choices, s.zoning_status),
                s.plan_id,
                _label(Purpose.choices, s.purpose),
                _label(Readiness.choices, s.readiness),
                s.readiness_blockers,
                _label(LandCover.choices, s.land_cover),
                s.main_road_km,
                s.has_rail,
                s.has_port,
                s.has_water,
                s.power_mw,
                s.price_per_m2 if s.price_per_m2 is not None else _("etter avtale"),
                _label(OwnerKind.choices, s.owner_kind),
                s.owner_name,
                _label(Availability.choices, s.availability),
                s.available_from,
                _label(PremisesType.choices, s.premises_type) if s.premises_type else "",
                s.floor_area_m2,
                s.ceiling_height_m,
                round(hit.distance_m / 1000, 1) if hit.distance_m is not None else None,
                hit.travel_minutes,
                s.centroid_lat,
                s.centroid_lon,
                _("ja") if s.is_example else "",
            ]
        )
    is_example = any(hit.site.is_example for hit in hits)
    return ExportTable(
        title=title,
        columns=[
            _("Id"),
            _("Navn"),
            _("Type"),
            _("Kommune"),
            _("Bruttoareal (daa)"),
            _("Nettoareal (daa)"),
            _("Målt areal (daa)"),
            _("Planstatus"),
            _("Plan-ID"),
            _("Formål"),
            _("Byggeklar"),
            _("Hva som hindrer"),
            _("Arealdekke i dag"),
            _("Avstand til hovedvei (km)"),
            _("Jernbanespor"),
            _("Kai / havn"),
            _("Vann og avløp"),
            _("Strømkapasitet (MW)"),
            _("Pris (kr per m²)"),
            _("Eier"),
            _("Eiers navn"),
            _("Tilgjengelighet"),
            _("Ledig fra"),
            _("Type lokaler"),
            _("Gulvareal (m²)"),
            _("Takhøyde (m)"),
            _("Avstand i luftlinje (km)"),
            _("Kjøretid, anslag (min)"),
            _("Breddegrad"),
            _("Lengdegrad"),
            _("Eksempel (demo)"),
        ],
        rows=rows,
        sources=[_("Samspill: regionens register over næringsareal og lokaler")],
        notes=[
            _("Kjøretid er et anslag: luftlinje × 1,3 ved 70 km/t, ikke en ruteberegning."),
            *([_(EXAMPLE_NOTE)] if is_example else []),
        ],
        is_example=is_example,
        sheet_name=_("Arealer"),
    )


def sites_geojson(hits: Sequence[SiteHit]) -> dict[str, Any]:
    return feature_collection(
        feature(
            hit.site.geometry,
            {
                "id": hit.site.pk,
                "navn": hit.site.name,
                "type": hit.site.kind,
                "kommune": hit.site.municipality.number,
                "brutto_daa": float(hit.site.gross_daa) if hit.site.gross_daa is not None else None,
                "netto_daa": float(hit.site.net_daa) if hit.site.net_daa is not None else None,
                "byggeklar": hit.site.readiness,
                "formaal": hit.site.purpose,
                "tilgjengelighet": hit.site.availability,
                "pris_m2": hit.site.price_per_m2,
                "eksempel": hit.site.is_example,
            },
        )
        for hit in hits
    )


def accounts_periods_table(
    periods: Sequence[AccountPeriod], *, granularity: str, is_example: bool
) -> ExportTable:
    """Available land at the end of each period by readiness, with the change in the period."""
    return ExportTable(
        title=_("Arealregnskap: ledig næringsareal over tid"),
        columns=[
            _("Periode"),
            *[str(label) for _code, label in Readiness.choices],
            _("Ledig i alt (daa)"),
            _("Endring i perioden (daa)"),
            _("Antall arealer"),
        ],
        rows=[
            [
                period.label,
                *[round(period.by_readiness.get(code, 0.0), 1) for code in Readiness.values],
                round(period.total, 1),
                None if period.change is None else round(period.change, 1),
                period.sites,
            ]
            for period in periods
        ],
        sources=[
            _("Samspill: regionens register over næringsareal og lokaler (arealenes historikk)")
        ],
        notes=[
            _("Ledig areal (tomter og næringsområder, ikke lokaler) ved slutten av hver periode.")
            if granularity == "year"
            else _(
                "Ledig areal (tomter og næringsområder, ikke lokaler) ved slutten av hvert kvartal."
            ),
            _("Den siste perioden er til og med i dag."),
        ],
        is_example=is_example,
        sheet_name=_("Over tid"),
        year_columns=frozenset(),
        decimals=dict.fromkeys(range(1, len(Readiness.values) + 3), 1),
    )


def accounts_table(rows: Sequence[AccountRow], demand: Sequence[DemandRow]) -> ExportTable:
    table_rows: list[list[Any]] = [
        [
            row.municipality,
            _label(Kind.choices, row.kind),
            _label(Readiness.choices, row.readiness),
            _label(LandCover.choices, row.land_cover),
            row.sites,
            round(row.daa, 1),
        ]
        for row in rows
    ]
    return ExportTable(
        title=_("Arealregnskap: ledig næringsareal"),
        columns=[
            _("Kommune"),
            _("Type"),
            _("Byggeklar"),
            _("Arealdekke i dag"),
            _("Antall"),
            _("Areal (daa)"),
        ],
        rows=table_rows,
        sources=[_("Samspill: regionens register over næringsareal og lokaler")],
        notes=[
            _("Ledig areal (tomter og næringsområder, ikke lokaler)."),
            *[
                _(
                    "%(year)s: %(count)s henvendelser om areal eller lokaler, %(big)s over 20 daa, %(unmet)s udekket."
                )
                % {"year": d.year, "count": d.inquiries, "big": d.over_20_daa, "unmet": d.unmet}
                for d in demand
            ],
        ],
        sheet_name=_("Arealregnskap"),
        decimals={5: 1},
    )
