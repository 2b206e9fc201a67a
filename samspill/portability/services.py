"""Everything a region owns, out to one archive and into another Samspill (ADR 26).

The archive is a ZIP: `manifest.json` (format, version, region, counts, field names) and one JSON
file per model (`<app>.<model>.json`, a list of `{"pk", "fields", "m2m"}`), plus
`accounts.user.json` with the people the data refers to (never passwords). Since format version 2
the stored files of file fields (document versions) travel beside them under `files/`, named in
each record's `"files"`, and come back byte for byte. Format version 3 adds the innovation
challenges of the member municipalities (without suppliers' confidential data, ADRs 94–95);
version 1 and 2 archives still import. The import runs in
one transaction into a Samspill that has the municipalities (and, for indicators bound to
statistics, the series) loaded by the normal importers; it creates new primary keys and maps every
reference, so it also works beside other regions.
"""

import base64
import datetime
import decimal
import json
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone

from samspill.accounts.models import Organisation, User
from samspill.audit.services import audit_record
from samspill.portability.parts import (
    FORMAT,
    FORMAT_VERSION,
    NATURAL_KEYS,
    PARTS,
    READABLE_VERSIONS,
    USER_FIELDS,
    Part,
    Scope,
)
from samspill.regions.models import Region

USERS_FILE = "accounts.user.json"
OWNED = {part.model: part for part in PARTS}


class ArchiveError(Exception):
    """The archive cannot be written or imported; the message says why."""


@dataclass
class ExportSummary:
    """What an export wrote."""

    region: str
    with_personal_data: bool
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        total = sum(self.counts.values())
        personal = "with" if self.with_personal_data else "without"
        return (
            f"{self.region}: {total} objects in {len(self.counts)} files ({personal} personal data)"
        )


@dataclass
class ImportResult:
    """What an import created; `pk_map[label][old pk] = new pk` for every object."""

    region: Region
    counts: dict[str, int] = field(default_factory=dict)
    pk_map: dict[str, dict[int, int]] = field(default_factory=dict)
    users_created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        total = sum(self.counts.values())
        return (
            f"{self.region.slug}: {total} objects imported, "
            f"{len(self.users_created)} new users (without passwords: they must reset them)"
        )


def _encode(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(value).decode()  # BinaryField.to_python decodes it
    return value


class _Naturals:
    """Natural keys of shared reference data, cached per model, both directions."""

    def __init__(self) -> None:
        self._by_pk: dict[type[models.Model], dict[Any, Any]] = {}

    def to_natural(self, model: type[models.Model], pk: Any) -> Any:
        if model not in self._by_pk:
            key = NATURAL_KEYS[model]
            self._by_pk[model] = dict(model._default_manager.values_list("pk", key))
        return self._by_pk[model][pk]

    def to_pk(self, model: type[models.Model], natural: Any) -> Any:
        key = NATURAL_KEYS[model]
        found = model._default_manager.filter(**{key: natural}).values_list("pk", flat=True)
        pk = next(iter(found), None)
        if pk is None:
            name = model._meta.verbose_name
            raise ArchiveError(
                f"{name} {natural!r} is missing here. Load the reference data first "
                "(samspill import_municipalities, import_ssb_table) or create the user."
            )
        return pk


def _reference(model: type[models.Model], pk: Any, naturals: _Naturals) -> Any:
    if pk is None:
        return None
    if model in NATURAL_KEYS:
        return naturals.to_natural(model, pk)
    if model in OWNED:
        return pk
    raise ArchiveError(f"A region archive cannot refer to {model._meta.label} (not region data).")


def _record(
    obj: models.Model,
    part: Part,
    *,
    personal: bool,
    naturals: _Naturals,
    attachments: dict[str, Any],
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    files: dict[str, str] = {}
    generic = part.generic or ("", "")
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key:
            continue
        value = model_field.value_from_object(obj)
        if model_field.name == generic[0]:
            content_type = ContentType.objects.get_for_id(value)
            value = f"{content_type.app_label}.{content_type.model}"
        elif model_field.name == generic[1]:
            pass  # mapped in `_generic_target`, once the content type is known
        elif isinstance(model_field, models.FileField):
            if value:
                path = f"files/{part.label}/{obj.pk}/{model_field.name}/"
                path += PurePosixPath(value.name).name
                attachments[path] = value
                files[model_field.name] = path
            value = value.name if value else ""
        elif model_field.is_relation:
            value = _reference(model_field.related_model, value, naturals)  # type: ignore[arg-type]
        elif model_field.name in part.personal_fields and not personal and value:
            value = model_field.get_default()
        fields[model_field.name] = _encode(value)
    if part.redact is not None and not personal:
        fields |= {name: _encode(value) for name, value in part.redact(obj).items()}
    fields |= {name: _encode(value) for name, value in part.confidential.items()}
    m2m = {
        relation.name: sorted(
            _reference(relation.related_model, related.pk, naturals)
            for related in getattr(obj, relation.name).all()
        )
        for relation in _plain_m2m(type(obj))
    }
    record: dict[str, Any] = {"pk": obj.pk, "fields": fields, "m2m": m2m}
    if files:
        record["files"] = files
    return record


def _plain_m2m(model: type[models.Model]) -> list[Any]:
    """Many-to-many fields kept by Django's own table; one with a model of its own between
    (a challenge's owners) travels as that model's part instead."""
    plain = []
    for relation in model._meta.many_to_many:
        through = getattr(relation.remote_field, "through", None)
        if through is None or through._meta.auto_created:
            plain.append(relation)
    return plain


def _generic_target(
    record: dict[str, Any],
    part: Part,
    exported: dict[str, list[dict[str, Any]]],
    naturals: _Naturals,
) -> bool:
    """Whether a generic link points into the archive (or at reference data); maps its id."""
    assert part.generic is not None  # noqa: S101 - only called for generic parts
    type_field, id_field = part.generic
    app_label, model_name = record["fields"][type_field].split(".")
    target = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    object_id = record["fields"][id_field]
    if target is not None and target in NATURAL_KEYS and target is not User:
        record["fields"][id_field] = naturals.to_natural(target, object_id)
        return True
    if target is None or target not in OWNED:
        return False
    return any(row["pk"] == object_id for row in exported.get(target._meta.label_lower, []))


def _write_attachment(archive: zipfile.ZipFile, path: str, stored: Any) -> None:
    try:
        with stored.open("rb") as handle:
            archive.writestr(path, handle.read())
    except OSError as error:
        raise ArchiveError(f"The stored file {stored.name!r} cannot be read: {error}") from error


def _user_records(usernames: Iterable[str], exported: dict[str, list[dict[str, Any]]]) -> list[Any]:
    organisations = {record["pk"] for record in exported.get(Organisation._meta.label_lower, [])}
    records = []
    for user in User.objects.filter(username__in=set(usernames)).order_by("username"):
        fields = {name: _encode(getattr(user, name)) for name in USER_FIELDS}
        fields["organisation"] = (
            user.organisation_id if user.organisation_id in organisations else None
        )
        records.append({"pk": user.pk, "fields": fields, "m2m": {}})
    return records


def region_export(
    *, region: Region, destination: Path | IO[bytes], with_personal_data: bool, actor: User | None
) -> ExportSummary:
    """Write everything `region` owns to a ZIP archive (personal data only when asked)."""
    scope = Scope(
        region=region,
        municipality_ids=frozenset(region.memberships.values_list("municipality_id", flat=True)),
    )
    naturals = _Naturals()
    exported: dict[str, list[dict[str, Any]]] = {}
    attachments: dict[str, Any] = {}
    for part in PARTS:
        if part.personal and not with_personal_data:
            continue
        m2m = [relation.name for relation in _plain_m2m(part.model)]
        rows = part.rows(scope).prefetch_related(*m2m).order_by("pk")
        records = [
            _record(
                obj, part, personal=with_personal_data, naturals=naturals, attachments=attachments
            )
            for obj in rows
            if with_personal_data or part.personal_row is None or not part.personal_row(obj)
        ]
        if part.generic is not None:
            records = [r for r in records if _generic_target(r, part, exported, naturals)]
        exported[part.label] = records
    usernames = _referenced_usernames(exported)
    exported[USERS_FILE.removesuffix(".json")] = _user_records(usernames, exported)
    summary = ExportSummary(region=region.slug, with_personal_data=with_personal_data)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "region": {"slug": region.slug, "name": region.name},
        "exported_at": timezone.now().isoformat(),
        "with_personal_data": with_personal_data,
        "files": [],
        "attachments": sorted(attachments),
    }
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, records in exported.items():
            name = f"{label}.json"
            archive.writestr(name, json.dumps(records, ensure_ascii=False, indent=1))
            manifest["files"].append({"model": label, "file": name, "count": len(records)})
            summary.counts[label] = len(records)
        for path, stored in attachments.items():
            _write_attachment(archive, path, stored)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    audit_record(
        actor=actor,
        subject=region,
        action="export",
        changes={"archive": [None, "region data"], "personal_data": [None, with_personal_data]},
    )
    return summary


def _referenced_usernames(exported: dict[str, list[dict[str, Any]]]) -> set[str]:
    usernames: set[str] = set()
    for part in PARTS:
        user_fields = [
            model_field.name
            for model_field in part.model._meta.concrete_fields
            if model_field.is_relation and model_field.related_model is User
        ]
        user_m2m = [
            relation.name for relation in _plain_m2m(part.model) if relation.related_model is User
        ]
        for record in exported.get(part.label, []):
            usernames.update(record["fields"][name] for name in user_fields)
            for name in user_m2m:
                usernames.update(record["m2m"][name])
    usernames.discard(None)  # type: ignore[arg-type,unused-ignore]
    return usernames


def _field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise ArchiveError(f"{model._meta.label_lower} has no field {name!r}.") from error
    if not isinstance(model_field, models.Field):
        raise ArchiveError(f"{model._meta.label_lower}.{name} is not a field that can be imported.")
    return model_field


def parents_first(model: type[models.Model], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with each row after the row of the same model it points to (a plot after its
    area, a project after the one it continues), whatever their old ids."""
    self_fields = [
        model_field.name
        for model_field in model._meta.concrete_fields
        if model_field.is_relation and model_field.related_model is model
    ]
    if not self_fields:
        return records
    by_pk = {record["pk"]: record for record in records}
    ordered: list[dict[str, Any]] = []
    done: set[Any] = set()
    for record in records:
        chain = [record]
        while True:  # walk up to the first ancestor not yet placed
            parents = [by_pk.get(chain[-1]["fields"].get(name)) for name in self_fields]
            parent = next((p for p in parents if p is not None and p["pk"] not in done), None)
            if parent is None:
                break
            if parent in chain:
                raise ArchiveError(f"{model._meta.label_lower} rows refer to each other in a ring.")
            chain.append(parent)
        for row in reversed(chain):
            if row["pk"] not in done:
                done.add(row["pk"])
                ordered.append(row)
    return ordered


class _Importer:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.naturals = _Naturals()
        self.result: ImportResult | None = None
        self.pk_map: dict[str, dict[int, int]] = {}
        self.users_created: list[str] = []
        self.counts: dict[str, int] = {}
        self.stored_files: list[tuple[Storage, str]] = []

    def read(self, name: str) -> Any:
        try:
            return json.loads(self.archive.read(name))
        except KeyError as error:
            raise ArchiveError(f"The archive has no {name}.") from error
        except ValueError as error:
            raise ArchiveError(f"{name} in the archive is not valid JSON: {error}") from error

    def read_bytes(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except KeyError as error:
            raise ArchiveError(f"The archive has no {name}.") from error

    def attach(self, obj: models.Model, files: dict[str, str], fields: dict[str, Any]) -> None:
        """Store each archived file under its old name (or a free one beside it)."""
        for name, path in files.items():
            model_field = _field(type(obj), name)
            if not isinstance(model_field, models.FileField):
                raise ArchiveError(f"{type(obj)._meta.label_lower}.{name} holds no file.")
            storage = model_field.storage
            wanted = fields.get(name) or PurePosixPath(path).name
            stored = storage.save(wanted, ContentFile(self.read_bytes(path)))
            self.stored_files.append((storage, stored))
            setattr(obj, model_field.attname, stored)

    def generic(self, part: Part, fields: dict[str, Any]) -> dict[str, Any]:
        """The generic link's content type and object id in this Samspill."""
        assert part.generic is not None  # noqa: S101 - only called for generic parts
        type_field, id_field = part.generic
        app_label, _, model_name = str(fields[type_field]).partition(".")
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        except ContentType.DoesNotExist as error:
            raise ArchiveError(f"Unknown kind of object {fields[type_field]!r}.") from error
        target = content_type.model_class()
        if target is None:
            raise ArchiveError(f"Unknown kind of object {fields[type_field]!r}.")
        return {
            _field(part.model, type_field).attname: content_type.pk,
            id_field: self.resolve(target, fields[id_field]),
        }

    def resolve(self, model: type[models.Model], value: Any) -> Any:
        if value is None:
            return None
        if model in NATURAL_KEYS:
            return self.naturals.to_pk(model, value)
        try:
            return self.pk_map[model._meta.label_lower][value]
        except KeyError as error:
            raise ArchiveError(
                f"The archive refers to {model._meta.label_lower} {value}, which it does not hold."
            ) from error

    def build[M: models.Model](self, model: type[M], fields: dict[str, Any]) -> M:
        obj = model()
        for name, value in fields.items():
            model_field = _field(model, name)
            if model_field.is_relation:
                related = model_field.related_model
                assert isinstance(related, type)  # noqa: S101 - concrete relations name a model
                setattr(obj, model_field.attname, self.resolve(related, value))
            else:
                setattr(obj, model_field.attname, model_field.to_python(value))
        return obj

    def save(self, obj: models.Model, fields: dict[str, Any]) -> None:
        obj.save(force_insert=True)
        # auto_now/auto_now_add stamped "now" on save: give back the exported times.
        stamped = {
            model_field.attname: model_field.to_python(fields[model_field.name])
            for model_field in obj._meta.concrete_fields
            if (
                getattr(model_field, "auto_now", False)
                or getattr(model_field, "auto_now_add", False)
            )
            and model_field.name in fields
        }
        if stamped:
            type(obj)._default_manager.filter(pk=obj.pk).update(**stamped)
            for attname, value in stamped.items():
                setattr(obj, attname, value)

    def import_part(self, part: Part, records: list[dict[str, Any]]) -> None:
        mapping = self.pk_map.setdefault(part.label, {})
        for record in parents_first(part.model, records):
            fields = record["fields"]
            if part.match_existing is not None and (part.match_if is None or part.match_if(fields)):
                existing = self.existing(part, fields)
                if existing is not None:
                    mapping[record["pk"]] = existing
                    continue
            generic: dict[str, Any] = {}
            if part.generic is not None:
                generic = self.generic(part, fields)
                fields = {k: v for k, v in fields.items() if k not in part.generic}
            for name, model in part.json_keys.items():
                # A key naming a row the archive does not hold (deleted since) is dropped.
                known = self.pk_map.get(model._meta.label_lower, {})
                fields = fields | {
                    name: {
                        str(known[int(k)]): v for k, v in fields[name].items() if int(k) in known
                    }
                }
            obj = self.build(part.model, fields)
            for attname, value in generic.items():
                setattr(obj, attname, value)
            self.attach(obj, record.get("files", {}), fields)
            self.save(obj, fields)
            mapping[record["pk"]] = obj.pk
            for name, values in record.get("m2m", {}).items():
                relation = part.model._meta.get_field(name)
                getattr(obj, name).set([self.resolve(relation.related_model, v) for v in values])  # type: ignore[arg-type]
            self.counts[part.label] = self.counts.get(part.label, 0) + 1

    def existing(self, part: Part, fields: dict[str, Any]) -> int | None:
        name = part.match_existing or "pk"
        model_field = _field(part.model, name)
        value = fields[name]
        if model_field.is_relation:
            related = model_field.related_model
            assert isinstance(related, type)  # noqa: S101 - concrete relations name a model
            value = self.resolve(related, value)
        found = part.model._default_manager.filter(**{model_field.attname: value})
        return found.values_list("pk", flat=True).first()

    def import_users(self, records: list[dict[str, Any]]) -> None:
        mapping = self.pk_map.setdefault(User._meta.label_lower, {})
        for record in records:
            fields = dict(record["fields"])
            existing = User.objects.filter(username=fields["username"]).first()
            if existing is not None:
                mapping[record["pk"]] = existing.pk
                continue
            organisation = fields.pop("organisation")
            user = self.build(User, fields)
            user.organisation_id = self.resolve(Organisation, organisation)
            user.set_unusable_password()
            user.save(force_insert=True)
            mapping[record["pk"]] = user.pk
            self.users_created.append(user.username)


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("This is not a Samspill region archive (manifest.json).")
    if manifest.get("format_version") not in READABLE_VERSIONS:
        raise ArchiveError(
            f"Archive format version {manifest.get('format_version')} cannot be read by this "
            f"Samspill (it reads versions {', '.join(map(str, sorted(READABLE_VERSIONS)))})."
        )
    return manifest


@transaction.atomic
def region_import(*, source: Path | IO[bytes], actor: User | None) -> ImportResult:
    """Create the archive's region and everything it owns; nothing is written if anything fails."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(f"Not a ZIP archive: {error}") from error
    with archive:
        importer = _Importer(archive)
        try:
            slug = _import_parts(importer)
        except BaseException:
            # The transaction rolls the rows back; the files stored so far go by hand.
            for storage, name in importer.stored_files:
                storage.delete(name)
            raise
    region = Region.objects.get(slug=slug)
    audit_record(
        actor=actor, subject=region, action="import", changes={"archive": [None, "region data"]}
    )
    return ImportResult(
        region=region,
        counts=importer.counts,
        pk_map=importer.pk_map,
        users_created=importer.users_created,
    )


def _import_parts(importer: _Importer) -> str:
    """Every part of the archive, in import order; returns the region's slug."""
    manifest = _check_manifest(importer.read("manifest.json"))
    slug = manifest["region"]["slug"]
    if Region.objects.filter(slug=slug).exists():
        raise ArchiveError(f"A region {slug!r} exists here already; nothing was imported.")
    files = {entry["model"]: entry["file"] for entry in manifest["files"]}
    for part in PARTS:
        if part.label in files:
            importer.import_part(part, importer.read(files[part.label]))
        if part.model is Organisation:
            importer.import_users(importer.read(USERS_FILE))
    return str(slug)
