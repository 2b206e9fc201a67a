"""Writes for municipalities and regions: imports of reference data and edits by coordinators."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.core.page_cache import bump_data_version
from samspill.geo.geometry import GeometryError, area_km2, centroid
from samspill.regions import search as region_search
from samspill.regions.exceptions import ImportFileError
from samspill.regions.importers.municipalities import (
    BoundaryRow,
    CorrespondenceRow,
    MunicipalityRow,
)
from samspill.regions.importers.regions import MembershipRow
from samspill.regions.models import Municipality, MunicipalityChange, Region, RegionMembership
from samspill.search.models import Kind
from samspill.search.services import index_replace, index_update

# County numbers before the 2018/2020 reforms, for historic municipalities the lists don't name.
HISTORIC_COUNTY_NAMES = {
    "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland",
    "06": "Buskerud", "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder",
    "11": "Rogaland", "12": "Hordaland", "14": "Sogn og Fjordane", "15": "Møre og Romsdal",
    "16": "Sør-Trøndelag", "17": "Nord-Trøndelag", "18": "Nordland", "19": "Troms", "20": "Finnmark",
}  # fmt: skip

# The correspondence source gives placeholder 50/50 weights for the 2024 Ålesund/Haram split also
# to the pre-2020 municipalities; in reality old Haram (1534) became the new Haram (1580) and the
# other four became part of Ålesund (1508). See docs/decisions.md (ADR 6) and the data's PROVENANCE.
KNOWN_SUCCESSOR_CORRECTIONS: dict[str, dict[str, float]] = {
    "1504": {"1508": 1.0},
    "1523": {"1508": 1.0},
    "1529": {"1508": 1.0},
    "1546": {"1508": 1.0},
    "1534": {"1580": 1.0},
}


@dataclass
class ImportSummary:
    """What an import did: counts and rejected rows with reasons."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"read {self.read}, created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {len(self.rejected)}"
        )
        return "\n".join([text, *self.rejected, *self.notes])


@transaction.atomic
def municipalities_import(
    *,
    current: Sequence[MunicipalityRow],
    previous: Sequence[MunicipalityRow] = (),
    correspondences: Sequence[CorrespondenceRow] = (),
    boundaries: Sequence[BoundaryRow] = (),
    current_year: int = 2024,
) -> ImportSummary:
    """Load today's municipalities, the 2020 structure, the reform history and the outlines.

    Idempotent: running it again with the same files changes nothing.
    """
    summary = ImportSummary(
        read=len(current) + len(previous) + len(correspondences) + len(boundaries)
    )
    records: dict[str, dict[str, object]] = {}
    for listed in current:
        records[listed.number] = _record(listed, valid_to=None)
    previous_year = min((c.year for c in correspondences if c.year >= 2020), default=2020)
    for listed in previous:
        if listed.number not in records:
            records[listed.number] = _record(listed, valid_to=current_year - 1)
            records[listed.number]["valid_from"] = previous_year

    first_year: dict[str, int] = {}
    last_year: dict[str, int] = {}
    names: dict[str, str] = {}
    for correspondence in correspondences:
        row = correspondence
        first_year[row.original] = min(first_year.get(row.original, row.year), row.year)
        last_year[row.original] = max(last_year.get(row.original, row.year), row.year)
        if row.original_name:
            names.setdefault(row.original, row.original_name)
    previous_numbers = {row.number for row in previous}
    for number, year in first_year.items():
        if number in records:
            if (
                previous_numbers
                and number not in previous_numbers
                and records[number]["valid_to"] is None
            ):
                # New in today's structure: the source lists some new codes already in the
                # transition year, but they came into force with the reform.
                records[number]["valid_from"] = current_year
            else:
                records[number]["valid_from"] = min(
                    year, int(str(records[number].get("valid_from") or year))
                )
            continue
        county_number = number[:2]
        records[number] = {
            "name": names.get(number) or _("Kommune {number}").format(number=number),
            "county_number": county_number,
            "county_name": HISTORIC_COUNTY_NAMES.get(county_number, ""),
            "valid_from": year,
            "valid_to": last_year[number],
            "economic_region_code": "",
            "economic_region_name": "",
        }

    for boundary in boundaries:
        if boundary.number not in records:
            summary.rejected.append(
                _("Omriss for ukjent kommune {number} ({name}) ble hoppet over.").format(
                    number=boundary.number, name=boundary.name
                )
            )
            continue
        try:
            lon, lat = centroid(boundary.geometry)
            records[boundary.number].update(
                boundary=boundary.geometry,
                area_km2=round(area_km2(boundary.geometry), 1),
                centroid_lon=round(lon, 6),
                centroid_lat=round(lat, 6),
            )
        except GeometryError as error:
            raise ImportFileError(
                _("Omrisset for {number} er ugyldig: {error}").format(
                    number=boundary.number, error=error
                )
            ) from error

    existing = {m.number: m for m in Municipality.objects.all()}
    for number, values in records.items():
        municipality = existing.get(number)
        if municipality is None:
            municipality = Municipality(number=number, **values)
            municipality.full_clean(validate_unique=False)
            municipality.save()
            existing[number] = municipality
            summary.created += 1
            continue
        changed = model_changes(municipality, values)
        if changed:
            municipality.full_clean(validate_unique=False)
            municipality.save(update_fields=list(changed))
            summary.updated += 1
        else:
            summary.unchanged += 1

    _changes_import(
        correspondences=correspondences,
        municipalities=existing,
        last_year=last_year,
        current_year=current_year,
        summary=summary,
    )
    index_replace(kind=Kind.MUNICIPALITY, documents=region_search.municipality_documents())
    bump_data_version()
    return summary


def _record(row: MunicipalityRow, *, valid_to: int | None) -> dict[str, object]:
    return {
        "name": row.name,
        "county_number": row.county_number,
        "county_name": row.county_name,
        "valid_to": valid_to,
        "economic_region_code": row.economic_region_code,
        "economic_region_name": row.economic_region_name,
    }


def _changes_import(
    *,
    correspondences: Sequence[CorrespondenceRow],
    municipalities: dict[str, Municipality],
    last_year: dict[str, int],
    current_year: int,
    summary: ImportSummary,
) -> None:
    successors: dict[str, dict[str, float]] = defaultdict(dict)
    for row in correspondences:
        if row.original == row.current or municipalities[row.original].valid_to is None:
            continue
        if row.year == last_year[row.original]:
            successors[row.original][row.current] = row.weight
    for number, corrected in KNOWN_SUCCESSOR_CORRECTIONS.items():
        if number in successors and set(successors[number]) != set(corrected):
            successors[number] = corrected
            summary.notes.append(
                _("Rettet kjent feil i korrespondansen: {number} → {targets}.").format(
                    number=number, targets=", ".join(corrected)
                )
            )
    predecessors_by_year: dict[tuple[str, int], list[str]] = defaultdict(list)
    for number, targets in successors.items():
        year = min(last_year[number] + 1, current_year)
        for target in targets:
            predecessors_by_year[(target, year)].append(number)

    wanted: dict[tuple[str, str], tuple[int, float, str]] = {}
    for number, targets in successors.items():
        year = min(last_year[number] + 1, current_year)
        for target, weight in targets.items():
            kind: str
            if len(targets) > 1:
                kind = MunicipalityChange.Kind.SPLIT
            elif len(predecessors_by_year[(target, year)]) > 1 or (
                (municipalities[target].valid_from or year) < year
            ):
                kind = MunicipalityChange.Kind.MERGED
            else:
                kind = MunicipalityChange.Kind.RENUMBERED
            wanted[(number, target)] = (year, weight, kind)

    current = {
        (c.predecessor.number, c.successor.number): c
        for c in MunicipalityChange.objects.select_related("predecessor", "successor")
    }
    stale = [change.pk for key, change in current.items() if key not in wanted]
    MunicipalityChange.objects.filter(pk__in=stale).delete()
    for (number, target), (year, weight, kind) in wanted.items():
        change = current.get((number, target))
        values = {"year": year, "share": weight, "kind": kind}
        if change is None:
            MunicipalityChange.objects.create(
                predecessor=municipalities[number], successor=municipalities[target], **values
            )
        elif model_changes(change, values):
            change.save()


@dataclass(frozen=True)
class RegionImportResult:
    """Regions touched by a region-definition import."""

    regions: list[Region]
    memberships: int


@transaction.atomic
def regions_import(*, rows: Sequence[MembershipRow], actor: User | None) -> RegionImportResult:
    """Create or replace the regions in the file with exactly the memberships it lists.

    Raises ImportFileError naming the row for unknown kinds, unknown municipality numbers and
    overlapping periods; nothing is written then.
    """
    kinds = set(Region.Kind.values)
    numbers = {row.municipality_number for row in rows}
    municipalities = {m.number: m for m in Municipality.objects.filter(number__in=numbers)}
    by_key: dict[tuple[str, str], list[MembershipRow]] = defaultdict(list)
    for row in rows:
        if row.kind not in kinds:
            raise ImportFileError(
                _("ukjent regiontype {kind!r} (gyldige: {valid})").format(
                    kind=row.kind, valid=", ".join(sorted(kinds))
                ),
                line=row.line,
            )
        if row.municipality_number not in municipalities:
            raise ImportFileError(
                _("ukjent kommunenummer {number}").format(number=row.municipality_number),
                line=row.line,
            )
        for other in by_key[(row.region_slug, row.municipality_number)]:
            if periods_overlap(other.valid_from, other.valid_to, row.valid_from, row.valid_to):
                raise ImportFileError(
                    _("medlemskapet til {number} overlapper med linje {other}").format(
                        number=row.municipality_number, other=other.line
                    ),
                    line=row.line,
                )
        by_key[(row.region_slug, row.municipality_number)].append(row)

    regions: dict[str, Region] = {}
    for row in rows:
        if row.region_slug in regions:
            continue
        region, created = Region.objects.get_or_create(
            slug=row.region_slug, defaults={"name": row.region_name, "kind": row.kind}
        )
        changes = model_changes(
            region,
            {
                "name": row.region_name,
                "kind": row.kind,
                "description": row.description or region.description,
                "source": row.source or region.source,
                "historical": any(
                    other.historical for other in rows if other.region_slug == row.region_slug
                ),
            },
        )
        if changes:
            region.full_clean()
            region.save()
        if created or changes:
            audit_record(
                actor=actor,
                subject=region,
                action="create" if created else "import",
                changes=changes,
            )
        regions[row.region_slug] = region

    RegionMembership.objects.filter(region__in=regions.values()).delete()
    RegionMembership.objects.bulk_create(
        RegionMembership(
            region=regions[row.region_slug],
            municipality=municipalities[row.municipality_number],
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            note=row.note,
        )
        for row in rows
    )
    for region in regions.values():
        index_update(region_search.region_document_for(region.pk))
    bump_data_version()
    return RegionImportResult(regions=list(regions.values()), memberships=len(rows))


def periods_overlap(
    start_a: datetime.date,
    end_a: datetime.date | None,
    start_b: datetime.date,
    end_b: datetime.date | None,
) -> bool:
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)


@transaction.atomic
def region_update(
    *,
    region: Region,
    actor: User,
    name: str,
    description: str,
    expected_version: int | None = None,
) -> Region:
    """Change a region's name and description (coordinators of the region and administrators).

    `expected_version`: the version the editor loaded; ConflictError if someone saved since.
    """
    if not access_for(user=actor).can_edit_region(region.pk):
        raise PermissionDeniedError(_("Du kan ikke endre denne regionen."))
    changes = model_changes(region, {"name": name, "description": description})
    if changes:
        region.full_clean()
        version_claim(region, expected_version=expected_version)
        region.save(update_fields=[*changes, "version", "updated_at"])
        audit_record(actor=actor, subject=region, action="update", changes=changes)
        index_update(region_search.region_document_for(region.pk))
        bump_data_version()
    return region
