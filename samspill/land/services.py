"""Writes for the land register: sites, imports, reservations, selections and unmet demand.

Every write checks who acts (`actor=None` is a system write: the demo and the CLI import run by an
operator), runs in one transaction, records an audit entry and a snapshot for the land accounts.
Geometry is validated and measured here through `samspill.geo.shapes` (ADR 62); a site drawn
outside the municipality it claims is saved with a warning, not refused (borders are drawn
coarsely and areas straddle them).
"""

import datetime
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import shapely
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.page_cache import bump_data_version
from samspill.geo.shapes import GeometryError, measure, parse_geometry, to_metric
from samspill.inquiries.models import Inquiry
from samspill.inquiries.selectors import can_follow_up
from samspill.knowledge.uploads import Limits, UploadRefusedError, file_inspect
from samspill.land import matching
from samspill.land.models import (
    Availability,
    Kind,
    LandCriteria,
    Reservation,
    Selection,
    Site,
    SitePhoto,
    SiteSnapshot,
    UnmetLandDemand,
)
from samspill.land.search import site_reindex
from samspill.land.selectors import can_edit_site
from samspill.regions.models import Municipality

Action = AuditEntry.Action

# The fields a form, the API or an import may set (geometry separately: it is validated here).
EDITABLE_FIELDS = (
    "kind",
    "parent",
    "name",
    "description",
    "external_id",
    "gross_daa",
    "net_daa",
    "zoning_status",
    "plan_id",
    "purpose",
    "plan_conditions",
    "needs_detailed_zoning",
    "readiness",
    "readiness_blockers",
    "land_cover",
    "road",
    "main_road_km",
    "has_rail",
    "has_port",
    "has_water",
    "power_mw",
    "price_per_m2",
    "owner_kind",
    "owner_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "availability",
    "available_from",
    "available_to",
    "premises_type",
    "floor_area_m2",
    "ceiling_height_m",
    "is_published",
)


def _require_municipality(actor: User | None, municipality: Municipality) -> None:
    if actor is not None and not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(
            _("Bare kommunens næringsutviklere og regionens koordinatorer kan endre her.")
        )


def _require_site(actor: User | None, site: Site) -> None:
    if actor is not None and not can_edit_site(access=access_for(user=actor), site=site):
        raise PermissionDeniedError(_("Du kan ikke endre dette arealet."))


def municipality_shape(municipality: Municipality) -> BaseGeometry | None:
    """The municipality's outline from the geo data, or None when it has none."""
    if not municipality.boundary:
        return None
    try:
        boundary = municipality.boundary
        if boundary.get("type") == "Feature":
            boundary = boundary["geometry"]
        outline = shape(boundary)
    except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.ShapelyError):
        return None
    return outline if outline.is_valid else outline.buffer(0)


def geometry_check(payload: Any, municipality: Municipality) -> tuple[BaseGeometry, bool]:
    """Parse the geometry (GeometryError with a reason) and say whether it leaves the municipality."""
    geometry = parse_geometry(payload)
    outline = municipality_shape(municipality)
    outside = outline is not None and not outline.contains(geometry)
    return geometry, outside


def _derive(site: Site, geometry: BaseGeometry, outside: bool) -> None:
    site.measured_daa = round(measure(geometry).area_daa, 2)
    lon, lat = geometry.centroid.coords[0]
    site.centroid_lat = round(lat, 6)
    site.centroid_lon = round(lon, 6)
    site.metric_wkb = shapely.to_wkb(to_metric(geometry))
    site.outside_municipality = outside
    site.search_daa = site.size_daa


def _validate(site: Site) -> None:
    errors: dict[str, list[str]] = {}
    if site.kind == Kind.AREA and site.parent_id is not None:
        errors.setdefault("parent", []).append(
            _("Et næringsområde kan ikke ligge i et annet næringsområde.")
        )
    if site.parent is not None:
        if site.parent.kind != Kind.AREA:
            errors.setdefault("parent", []).append(_("Velg et næringsområde."))
        elif site.parent.municipality_id != site.municipality_id:
            errors.setdefault("parent", []).append(_("Næringsområdet ligger i en annen kommune."))
    if site.kind == Kind.PREMISES:
        if not site.premises_type:
            errors.setdefault("premises_type", []).append(_("Oppgi hva slags lokaler det er."))
        if not site.floor_area_m2:
            errors.setdefault("floor_area_m2", []).append(_("Oppgi gulvarealet i m²."))
    if site.available_from and site.available_to and site.available_to < site.available_from:
        errors.setdefault("available_to", []).append(
            _("Sluttdatoen kan ikke være før startdatoen.")
        )
    try:
        site.full_clean(exclude=["geometry", "metric_wkb"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _indexed(site: Site) -> None:
    """Keep the site search current once the write is committed (land/search.py)."""
    site_id = site.pk
    transaction.on_commit(lambda: site_reindex(site_id))


def _snapshot(site: Site) -> None:
    SiteSnapshot.objects.create(
        site=site,
        taken_at=timezone.now(),
        municipality_id=site.municipality_id,
        kind=site.kind,
        readiness=site.readiness,
        land_cover=site.land_cover,
        availability=site.availability,
        size_daa=site.search_daa,
        is_published=site.is_published,
    )


def _geometry(payload: Any, municipality: Municipality) -> tuple[BaseGeometry, bool]:
    try:
        return geometry_check(payload, municipality)
    except GeometryError as error:
        raise ValidationError({"geometry": [str(error)]}) from error


PHOTO_TYPES = ("png", "jpeg")
MAX_PHOTOS_PER_SITE = 12


def photo_limits() -> Limits:
    """The photo size limit (LAND_PHOTO_MAX_BYTES); zip limits as knowledge's (zips are refused)."""
    return Limits(
        max_bytes=settings.LAND_PHOTO_MAX_BYTES,
        unzipped_max_bytes=settings.KNOWLEDGE_UNZIPPED_MAX_BYTES,
        zip_max_ratio=settings.KNOWLEDGE_ZIP_MAX_RATIO,
    )


def site_photo_add(
    *, actor: User | None, site: Site, name: str, data: bytes, alt_text: str
) -> SitePhoto:
    """Add a photo to a site (its editors): PNG or JPEG by content, alt text required.

    The file is inspected before anything is written (knowledge.uploads: type by content, name
    matching the content, size, an image that decodes); a failed row write removes the file.
    """
    _require_site(actor, site)
    alt = " ".join(alt_text.split())
    errors: dict[str, list[str]] = {}
    if not alt:
        errors["alt_text"] = [_("Skriv hva bildet viser (alternativ tekst).")]
    try:
        checked = file_inspect(name=name, data=data, limits=photo_limits())
    except UploadRefusedError as error:
        errors["file"] = [error.message]
    else:
        if checked.file_type.code not in PHOTO_TYPES:
            errors["file"] = [_("Bare bilder i PNG- eller JPEG-format kan legges til.")]
    if errors:
        raise ValidationError(errors)
    stored = default_storage.save(
        f"land/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{checked.file_type.extensions[0]}",
        ContentFile(data),
    )
    try:
        with transaction.atomic():
            locked = Site.objects.select_for_update().get(pk=site.pk)
            count = locked.photos.count()
            last = locked.photos.aggregate(last=Max("position"))["last"]
            if count >= MAX_PHOTOS_PER_SITE:
                raise ValidationError(
                    {
                        "file": [
                            _("Et areal kan ha høyst %(max)s bilder.")
                            % {"max": MAX_PHOTOS_PER_SITE}
                        ]
                    }
                )
            photo = SitePhoto(
                site=locked,
                file_type=checked.file_type.code,
                size=len(data),
                alt_text=alt[:300],
                position=0 if last is None else last + 1,
                uploaded_by=actor,
            )
            photo.file.name = stored
            photo.full_clean()
            photo.save()
            audit_record(
                actor=actor, subject=locked, action=Action.UPDATE, changes={"photo": [None, alt]}
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    bump_data_version()
    return photo


def site_photo_delete(*, actor: User | None, photo: SitePhoto) -> None:
    """Remove a photo (its site's editors); the file goes once the row is gone."""
    with transaction.atomic():
        locked = SitePhoto.objects.select_for_update().select_related("site").filter(pk=photo.pk)
        found = locked.first()
        if found is None:
            raise ConflictError(_("Bildet er allerede fjernet."))
        _require_site(actor, found.site)
        name = found.file.name or ""
        found.delete()
        audit_record(
            actor=actor,
            subject=found.site,
            action=Action.UPDATE,
            changes={"photo": [found.alt_text, None]},
        )
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))
    bump_data_version()


PHOTO_MOVES = ("up", "down")


def _photo_order_text(photos: Sequence[SitePhoto]) -> str:
    return "; ".join(f"{number}. {photo.alt_text}" for number, photo in enumerate(photos, 1))


def site_photo_move(
    *, actor: User | None, photo: SitePhoto, direction: str, seen_order: Sequence[int]
) -> list[SitePhoto]:
    """Move a photo one place up or down among its site's photos (its editors); audited.

    Conflict-safe on the order itself: `seen_order` is the photo ids in the order the editor saw
    them. If anyone added, removed or moved a photo since, the order differs and nothing is
    changed (ConflictError), so a move never lands somewhere the editor did not choose.
    """
    if direction not in PHOTO_MOVES:
        raise ValidationError({"direction": [_("Velg om bildet skal flyttes opp eller ned.")]})
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(pk=photo.site_id).first()
        if site is None:
            raise ConflictError(_("Arealet finnes ikke lenger."))
        _require_site(actor, site)
        photos = list(
            SitePhoto.objects.select_for_update().filter(site=site).order_by("position", "id")
        )
        current = [item.pk for item in photos]
        if photo.pk not in current:
            raise ConflictError(_("Bildet er fjernet av noen andre."))
        if list(seen_order) != current:
            raise ConflictError(
                _(
                    "Noen andre har endret bildene av dette arealet i mellomtiden. "
                    "Se rekkefølgen nå og flytt på nytt om du fortsatt vil."
                )
            )
        index = current.index(photo.pk)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(photos):
            raise ValidationError(
                {
                    "direction": [
                        _("Bildet står allerede først.")
                        if direction == "up"
                        else _("Bildet står allerede sist.")
                    ]
                }
            )
        before = _photo_order_text(photos)
        photos[index], photos[target] = photos[target], photos[index]
        for position, item in enumerate(photos):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position", "updated_at"])
        audit_record(
            actor=actor,
            subject=site,
            action=Action.UPDATE,
            changes={"photo_order": [before, _photo_order_text(photos)]},
        )
    bump_data_version()
    return photos


@transaction.atomic
def site_create(
    *,
    actor: User | None,
    municipality: Municipality,
    geometry: Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    is_example: bool = False,
) -> Site:
    """Register a site in a municipality (its developers, its regions' coordinators)."""
    _require_municipality(actor, municipality)
    shape_, outside = _geometry(geometry, municipality)
    site = Site(municipality=municipality, created_by=actor, is_example=is_example)
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(site, name, value)
    site.geometry = dict(geometry or {})
    _derive(site, shape_, outside)
    _validate(site)
    site.save()
    _snapshot(site)
    audit_record(
        actor=actor,
        subject=site,
        action=Action.CREATE,
        changes={"municipality": [None, municipality.number], "kind": [None, site.kind]},
    )
    bump_data_version()
    _indexed(site)
    return site


@transaction.atomic
def site_update(
    *,
    actor: User | None,
    site: Site,
    expected_version: int | None,
    fields: Mapping[str, Any],
    geometry: Mapping[str, Any] | None = None,
) -> Site:
    """Change a site; an older version than the saved one is a ConflictError (no lost update)."""
    site = Site.objects.select_for_update().select_related("municipality").get(pk=site.pk)
    _require_site(actor, site)
    if expected_version is not None and site.version != expected_version:
        raise ConflictError(current_version=site.version)
    changes = model_changes(site, {k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    if geometry is not None and dict(geometry) != site.geometry:
        shape_, outside = _geometry(geometry, site.municipality)
        site.geometry = dict(geometry)
        _derive(site, shape_, outside)
        changes["geometry"] = ["…", "…"]
    else:
        site.search_daa = site.size_daa
    _validate(site)
    if not changes:
        return site
    version_claim(site, expected_version=expected_version)
    site.save()
    _snapshot(site)
    action = Action.PUBLISH if set(changes) == {"is_published"} else Action.UPDATE
    audit_record(actor=actor, subject=site, action=action, changes=changes)
    bump_data_version()
    _indexed(site)
    return site


def site_publish(
    *, actor: User | None, site: Site, expected_version: int | None, publish: bool
) -> Site:
    return site_update(
        actor=actor, site=site, expected_version=expected_version, fields={"is_published": publish}
    )


# Import ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RejectedRow:
    row: int  # 1-based as the user counts: CSV lines after the header, GeoJSON features
    label: str
    reasons: tuple[str, ...]


class ImportRejectedError(Exception):
    """The file had rows that cannot be saved: nothing was written."""

    def __init__(self, rejected: Sequence[RejectedRow]) -> None:
        super().__init__(f"{len(rejected)} rader avvist")
        self.rejected = list(rejected)


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    outside: tuple[str, ...]


@dataclass(frozen=True)
class ImportRow:
    row: int
    label: str
    geometry: Mapping[str, Any] | None
    fields: dict[str, Any]
    problems: tuple[str, ...] = ()


def _field_label(name: str) -> str:
    """A field's label for an import message ("" for errors that belong to no field)."""
    try:
        field = Site._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    return str(getattr(field, "verbose_name", name))


def sites_import(
    *,
    actor: User | None,
    municipality: Municipality,
    rows: Sequence[ImportRow],
    is_example: bool = False,
) -> ImportSummary:
    """Save every row in one transaction, or none: each rejected row is named with its reasons.

    A row with an `external_id` already registered in the municipality updates that site.
    """
    _require_municipality(actor, municipality)
    rejected: list[RejectedRow] = []
    created = updated = 0
    outside: list[str] = []
    seen: set[str] = set()
    with transaction.atomic():
        for item in rows:
            reasons = list(item.problems)
            external_id = str(item.fields.get("external_id") or "")
            if external_id and external_id in seen:
                reasons.append(
                    _("Kommunens id %(id)s står to ganger i filen.") % {"id": external_id}
                )
            seen.add(external_id)
            if reasons:
                rejected.append(RejectedRow(item.row, item.label, tuple(reasons)))
                continue
            existing = (
                Site.objects.filter(municipality=municipality, external_id=external_id).first()
                if external_id
                else None
            )
            try:
                with transaction.atomic():  # a savepoint: one bad row does not poison the rest
                    if existing is None:
                        site = site_create(
                            actor=actor,
                            municipality=municipality,
                            geometry=item.geometry,
                            fields=item.fields,
                            is_example=is_example,
                        )
                        created += 1
                    else:
                        site = site_update(
                            actor=actor,
                            site=existing,
                            expected_version=None,
                            fields=item.fields,
                            geometry=item.geometry,
                        )
                        updated += 1
            except ValidationError as error:
                messages = []
                for name, texts in error.message_dict.items():
                    label = _field_label(name)
                    messages += [f"{label}: {text}" if label else text for text in texts]
                rejected.append(RejectedRow(item.row, item.label, tuple(messages)))
                continue
            except IntegrityError as error:
                rejected.append(RejectedRow(item.row, item.label, (str(error),)))
                continue
            if site.outside_municipality:
                outside.append(site.name)
        if rejected:
            transaction.set_rollback(True)
    if rejected:
        raise ImportRejectedError(rejected)
    audit_record(
        actor=actor,
        subject=municipality,
        action=Action.IMPORT,
        changes={"land_sites": {"created": created, "updated": updated}},
    )
    return ImportSummary(created=created, updated=updated, outside=tuple(outside))


# Inquiries: criteria, selections, reservations, unmet demand -------------------------------------


def _require_follow_up(actor: User | None, inquiry: Inquiry) -> None:
    if actor is not None and not can_follow_up(user=actor, inquiry=inquiry):
        raise PermissionDeniedError(_("Du følger ikke opp denne henvendelsen."))


@transaction.atomic
def criteria_save(
    *,
    actor: User | None,
    inquiry: Inquiry,
    expected_version: int | None,
    values: Mapping[str, Any],
) -> LandCriteria:
    """Set what the inquiry asks of land or premises beyond the front door's fields."""
    _require_follow_up(actor, inquiry)
    criteria, created = LandCriteria.objects.select_for_update().get_or_create(inquiry=inquiry)
    changes = model_changes(criteria, dict(values))
    if (
        criteria.min_daa is not None
        and criteria.max_daa is not None
        and criteria.min_daa > criteria.max_daa
    ):
        raise ValidationError({"max_daa": [_("Høyst kan ikke være mindre enn minst.")]})
    if bool(criteria.near_point) != (criteria.max_km is not None):
        raise ValidationError({"max_km": [_("Velg både et punkt og en største avstand.")]})
    if not created:
        version_claim(criteria, expected_version=expected_version)
    criteria.save()
    audit_record(
        actor=actor,
        subject=criteria,
        action=Action.CREATE if created else Action.UPDATE,
        changes=changes,
    )
    return criteria


@transaction.atomic
def selection_send(
    *, actor: User | None, inquiry: Inquiry, sites: Sequence[Site], message: str = ""
) -> Selection:
    """The adviser's pick of sites for the business, behind a random 43-character link."""
    _require_follow_up(actor, inquiry)
    if not sites:
        raise ValidationError({"sites": [_("Velg minst ett areal.")]})
    unpublished = [site.name for site in sites if not site.is_published]
    if unpublished:
        raise ValidationError(
            {
                "sites": [
                    _("Bare publiserte arealer kan sendes til bedriften: %(names)s.")
                    % {"names": ", ".join(unpublished)}
                ]
            }
        )
    selection = Selection.objects.create(
        inquiry=inquiry, token=secrets.token_urlsafe(32), message=message.strip(), created_by=actor
    )
    selection.sites.set(sites)
    audit_record(
        actor=actor,
        subject=inquiry,
        action=Action.SEND,
        changes={"land_selection": [site.pk for site in sites]},
    )
    return selection


@transaction.atomic
def site_reserve(
    *,
    actor: User | None,
    site: Site,
    inquiry: Inquiry,
    reserved_until: datetime.date | None = None,
    note: str = "",
) -> Reservation:
    """Hold a site for an inquiry: the site row is locked, so two advisers cannot both win."""
    locked = Site.objects.select_for_update().get(pk=site.pk)
    _require_follow_up(actor, inquiry)
    if inquiry.is_closed:
        raise ValidationError(_("Henvendelsen er avsluttet."))
    if locked.availability == Availability.RESERVED:
        raise ConflictError(_("Arealet er allerede reservert."), current_version=locked.version)
    if locked.availability == Availability.SOLD:
        raise ConflictError(
            _("Arealet er allerede solgt eller utleid."), current_version=locked.version
        )
    if reserved_until is not None and reserved_until < timezone.localdate():
        raise ValidationError({"reserved_until": [_("Datoen har allerede vært.")]})
    reservation = Reservation.objects.create(
        site=locked,
        inquiry=inquiry,
        reserved_until=reserved_until,
        note=note.strip(),
        reserved_by=actor,
    )
    locked.availability = Availability.RESERVED
    version_claim(locked, expected_version=None)
    locked.save(update_fields=["availability", "updated_at"])
    _snapshot(locked)
    audit_record(
        actor=actor,
        subject=locked,
        action=Action.RESERVE,
        changes={"availability": [Availability.AVAILABLE, Availability.RESERVED]},
    )
    audit_record(
        actor=actor, subject=inquiry, action=Action.RESERVE, changes={"land_site": locked.pk}
    )
    bump_data_version()
    return reservation


@transaction.atomic
def reservation_release(*, actor: User | None, reservation: Reservation) -> Reservation:
    locked = (
        Reservation.objects.select_for_update().select_related("inquiry").get(pk=reservation.pk)
    )
    _require_follow_up(actor, locked.inquiry)
    if locked.released_at is not None:
        raise ConflictError(_("Reservasjonen er allerede opphevet."))
    site = Site.objects.select_for_update().get(pk=locked.site_id)
    locked.released_at = timezone.now()
    locked.save(update_fields=["released_at", "updated_at"])
    site.availability = Availability.AVAILABLE
    version_claim(site, expected_version=None)
    site.save(update_fields=["availability", "updated_at"])
    _snapshot(site)
    audit_record(
        actor=actor,
        subject=site,
        action=Action.RELEASE,
        changes={"availability": [Availability.RESERVED, Availability.AVAILABLE]},
    )
    bump_data_version()
    return locked


@transaction.atomic
def unmet_record(
    *,
    actor: User | None,
    inquiry: Inquiry,
    need: matching.Need,
    failed: Sequence[str],
    checked: int,
) -> UnmetLandDemand:
    """Record that no site met the inquiry, with the criteria that failed (unmet demand)."""
    _require_follow_up(actor, inquiry)
    kind = Kind.PREMISES if need.kinds == {Kind.PREMISES} else (Kind.PLOT if need.kinds else "")
    record = UnmetLandDemand.objects.create(
        inquiry=inquiry,
        kind=kind,
        min_daa=need.min_daa,
        failed_criteria=list(failed),
        candidates_checked=checked,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        subject=inquiry,
        action=Action.UPDATE,
        changes={"unmet_land_demand": list(failed)},
    )
    return record


def decimal_or_none(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))
