"""Writes to the register: validation of the domain rules, permissions, audit, search index.

Every write runs in `transaction.atomic`, checks the acting user's rights (`can_edit_project`)
and records an audit entry; edits claim the next version (no lost updates). Validation errors are
raised as one `ValidationError` keyed by the form's field names, so forms, the API and the import
show them where they belong.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.geo.shapes import GeometryError, measure, parse_geometry
from samspill.inquiries.brreg import LookupResult, fetch_company_facts
from samspill.inquiries.orgnr import is_valid_organisation_number, normalise_organisation_number
from samspill.projects.models import (
    PHASE_ORDER,
    FactGroup,
    Opportunity,
    Phase,
    Project,
    ProjectKind,
    ProjectStatus,
    Scenario,
)
from samspill.projects.periods import Period
from samspill.projects.selectors import (
    can_create_in_region,
    can_edit_opportunity,
    can_edit_project,
    can_keep_scenarios,
    measure_choices,
    region_municipality_choices,
)
from samspill.regions.models import Region


@dataclass
class ProjectInput:
    """Everything a project's form, the API or an import row says about it."""

    name: str
    kind: str
    municipality_ids: list[int]
    status: str = "idea"
    key: str = ""
    description: str = ""
    owner_name: str = ""
    owner_organisation_number: str = ""
    geometry: dict[str, Any] | None = None
    investment_low_mnok: Decimal | None = None
    investment_high_mnok: Decimal | None = None
    price_level_year: int | None = None
    construction_person_years: Decimal | None = None
    operation_jobs: int | None = None
    land_need_daa: Decimal | None = None
    power_need_mw: Decimal | None = None
    workforce_by_trade: dict[str, float] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    # FactGroup value -> {"source": text, "date": "YYYY-MM-DD"}
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    # PhaseKind value -> (start period, end period)
    phases: dict[str, tuple[Period, Period]] = field(default_factory=dict)
    is_internal: bool = False
    is_example: bool = False


_PLAIN_FIELDS = (
    "name",
    "kind",
    "status",
    "description",
    "owner_name",
    "owner_organisation_number",
    "investment_low_mnok",
    "investment_high_mnok",
    "price_level_year",
    "construction_person_years",
    "operation_jobs",
    "land_need_daa",
    "power_need_mw",
    "workforce_by_trade",
    "links",
    "sources",
    "is_internal",
    "is_example",
)


def phase_field(kind: str, end: str) -> str:
    """The form field of a phase's start or end ("phase_construction_start")."""
    return f"phase_{kind}_{end}"


def _validate(data: ProjectInput, *, region: Region) -> dict[str, Any]:
    """Check the domain rules; return the derived values (geometry measures, clean numbers)."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    derived: dict[str, Any] = {"geometry": None, "length_m": None, "area_daa": None, "bbox": None}
    if not data.name.strip():
        fail("name", _("Prosjektet må ha et navn."))
    if data.geometry is not None:
        try:
            shape = parse_geometry(data.geometry)
        except GeometryError as error:
            fail("geometry", str(error))
        except KeyError as error:  # shapely names the missing member ("coordinates")
            fail("geometry", _("Geometrien mangler %(member)s.") % {"member": error})
        else:
            measures = measure(shape)
            derived |= {
                "geometry": data.geometry.get("geometry", data.geometry)
                if data.geometry.get("type") == "Feature"
                else data.geometry,
                "length_m": measures.length_m or None,
                "area_daa": measures.area_daa or None,
                "bbox": [round(value, 6) for value in shape.bounds],
            }
    members = {municipality.pk for municipality in region_municipality_choices(region=region)}
    if not data.municipality_ids:
        fail("municipalities", _("Velg minst én kommune prosjektet berører."))
    elif set(data.municipality_ids) - members:
        fail("municipalities", _("Bare regionens medlemskommuner kan velges."))
    low, high = data.investment_low_mnok, data.investment_high_mnok
    if low is not None and high is not None and low > high:
        fail("investment_high_mnok", _("Høyt anslag kan ikke være lavere enn lavt anslag."))
    if (low is not None or high is not None) and data.price_level_year is None:
        fail("price_level_year", _("Oppgi prisnivået (året) investeringen er regnet i."))
    number = normalise_organisation_number(data.owner_organisation_number)
    if number and not is_valid_organisation_number(number):
        fail(
            "owner_organisation_number",
            _("Organisasjonsnummeret er ikke gyldig (ni siffer med riktig kontrollsiffer)."),
        )
    derived["owner_organisation_number"] = number
    previous: tuple[str, Period] | None = None
    for kind in PHASE_ORDER:
        if kind not in data.phases:
            continue
        start, end = data.phases[kind]
        if end.end < start.start:
            fail(phase_field(kind, "end"), _("Slutt kan ikke være før start."))
        if previous is not None and start.start < previous[1].start:
            fail(
                phase_field(kind, "start"),
                _("Fasene må komme i rekkefølge: denne kan ikke starte før forrige fase."),
            )
        previous = (kind, start)
    today = timezone.localdate()
    for group, source in data.sources.items():
        if group not in FactGroup.values:
            fail("sources", _("Ukjent faktagruppe: %(group)s.") % {"group": group})
            continue
        date_text = source.get("date", "")
        try:
            date = datetime.date.fromisoformat(date_text) if date_text else None
        except ValueError:
            fail(f"source_{group}_date", _("Datoen kan ikke leses."))
            continue
        if date is not None and date > today:
            fail(f"source_{group}_date", _("Kildens dato kan ikke være i framtiden."))
    if errors:
        raise ValidationError(errors)
    return derived


def _check_create(actor: User | None, region: Region, municipality_ids: list[int]) -> None:
    if actor is None:
        return  # system writes: demo, imports from the command line
    access = access_for(user=actor)
    if not can_create_in_region(access, region=region):
        raise PermissionDeniedError(_("Du kan ikke registrere prosjekter i denne regionen."))
    if not can_edit_project(access, region_id=region.pk, municipality_ids=municipality_ids):
        raise PermissionDeniedError(
            _("Et prosjekt du registrerer, må berøre en kommune du arbeider for.")
        )


def _phases_write(project: Project, phases: dict[str, tuple[Period, Period]]) -> dict[str, Any]:
    """Replace the project's phases; return {kind: [old label, new label]} for what changed."""
    old = {phase.kind: phase.label for phase in project.phases.all()}
    project.phases.all().delete()
    Phase.objects.bulk_create(
        Phase(
            project=project,
            kind=kind,
            start=start.start,
            start_precision=start.precision.value,
            end=end.end,
            end_precision=end.precision.value,
        )
        for kind, (start, end) in phases.items()
    )
    new = {kind: f"{start.label()}–{end.label()}" for kind, (start, end) in phases.items()}
    return {
        f"phase_{kind}": [old.get(kind), new.get(kind)]
        for kind in PHASE_ORDER
        if old.get(kind) != new.get(kind)
    }


_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def key_of(text: str) -> str:
    """A stable key from a name: "E6 Værnes–Hell" → "e6-vaernes-hell"."""
    return slugify(text.translate(_NORWEGIAN).replace("–", "-").replace("—", "-"))[:100]


def _unique_key(region: Region, wanted: str, *, exclude: int | None = None) -> str:
    base = key_of(wanted)[:90] or "prosjekt"
    key, counter = base, 2
    taken = Project.objects.filter(region=region)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    while taken.filter(key=key).exists():
        key, counter = f"{base}-{counter}", counter + 1
    return key


def _index(project_id: int) -> None:
    from samspill.projects.search import project_document_for  # search imports selectors
    from samspill.search.services import index_update

    transaction.on_commit(lambda: index_update(project_document_for(project_id)))


@transaction.atomic
def project_create(*, actor: User | None, region: Region, data: ProjectInput) -> Project:
    """Enter a new project in the region's register."""
    _check_create(actor, region, data.municipality_ids)
    derived = _validate(data, region=region)
    if data.key and Project.objects.filter(region=region, key=key_of(data.key)).exists():
        raise ValidationError({"key": _("Nøkkelen er allerede brukt i regionen.")})
    values = {name: getattr(data, name) for name in _PLAIN_FIELDS} | derived
    project = Project.objects.create(
        region=region,
        key=_unique_key(region, data.key or data.name),
        created_by=actor,
        **values,
    )
    project.municipalities.set(data.municipality_ids)
    _phases_write(project, data.phases)
    audit_record(
        actor=actor,
        subject=project,
        action=AuditEntry.Action.CREATE,
        changes={"name": project.name, "key": project.key, "region": region.slug},
    )
    _index(project.pk)
    return project


@transaction.atomic
def project_update(
    *, actor: User | None, project: Project, data: ProjectInput, expected_version: int | None
) -> Project:
    """Change a project's facts, municipalities and phases."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if actor is not None:
        access = access_for(user=actor)
        current = list(project.municipalities.values_list("pk", flat=True))
        if not can_edit_project(access, region_id=project.region_id, municipality_ids=current):
            raise PermissionDeniedError(_("Du kan ikke endre dette prosjektet."))
        if not can_edit_project(
            access, region_id=project.region_id, municipality_ids=data.municipality_ids
        ):
            raise PermissionDeniedError(
                _("Prosjektet må fortsatt berøre en kommune du arbeider for.")
            )
    region = project.region
    derived = _validate(data, region=region)
    values = {name: getattr(data, name) for name in _PLAIN_FIELDS} | derived
    if data.key and key_of(data.key) != project.key:
        if Project.objects.filter(region=region, key=key_of(data.key)).exists():
            raise ValidationError({"key": _("Nøkkelen er allerede brukt i regionen.")})
        values["key"] = key_of(data.key)
    changes: dict[str, Any] = model_changes(project, values)
    old_municipalities = set(project.municipalities.values_list("pk", flat=True))
    if old_municipalities != set(data.municipality_ids):
        changes["municipalities"] = [sorted(old_municipalities), sorted(data.municipality_ids)]
    phase_changes = _phases_diff(project, data.phases)
    if not changes and not phase_changes:
        if expected_version is not None and expected_version != project.version:
            version_claim(project, expected_version=expected_version)  # raises the conflict
        return project
    version_claim(project, expected_version=expected_version)
    project.save()
    if "municipalities" in changes:
        project.municipalities.set(data.municipality_ids)
    if phase_changes:
        _phases_write(project, data.phases)
        changes |= phase_changes
    audit_record(actor=actor, subject=project, action=AuditEntry.Action.UPDATE, changes=changes)
    _index(project.pk)
    return project


def _phases_diff(project: Project, phases: dict[str, tuple[Period, Period]]) -> dict[str, Any]:
    old = {phase.kind: phase.label for phase in project.phases.all()}
    new = {kind: f"{start.label()}–{end.label()}" for kind, (start, end) in phases.items()}
    return {
        f"phase_{kind}": [old.get(kind), new.get(kind)]
        for kind in PHASE_ORDER
        if old.get(kind) != new.get(kind)
    }


@transaction.atomic
def project_owner_facts_refresh(*, actor: User | None, project: Project) -> LookupResult:
    """Fetch the owner's facts from Brønnøysund (the front door's client) and keep them, dated."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if actor is not None and not can_edit_project(
        access_for(user=actor),
        region_id=project.region_id,
        municipality_ids=project.municipalities.values_list("pk", flat=True),
    ):
        raise PermissionDeniedError(_("Du kan ikke endre dette prosjektet."))
    if not project.owner_organisation_number:
        raise ValidationError(
            {"owner_organisation_number": _("Prosjektet har ikke noe organisasjonsnummer.")}
        )
    lookup = fetch_company_facts(project.owner_organisation_number)
    if lookup.result == LookupResult.UNAVAILABLE:
        return lookup.result
    facts = lookup.facts
    new_facts: dict[str, Any] = {"result": lookup.result.value}
    if facts is not None:
        new_facts |= {
            "name": facts.name,
            "organisation_form": facts.organisation_form,
            "industry": f"{facts.industry_code} {facts.industry_description}".strip(),
            "address": ", ".join(
                part
                for part in (facts.business_address, f"{facts.postal_code} {facts.postal_place}")
                if part.strip()
            ),
            "employees": facts.employees,
        }
    changes = model_changes(project, {"owner_facts": new_facts})
    project.owner_facts_fetched_at = timezone.now()
    version_claim(project, expected_version=None)
    project.save(update_fields=["owner_facts", "owner_facts_fetched_at", "version", "updated_at"])
    audit_record(
        actor=actor,
        subject=project,
        action=AuditEntry.Action.UPDATE,
        changes={"owner_facts": changes.get("owner_facts", "Brønnøysundregistrene")},
    )
    return lookup.result


@transaction.atomic
def scenario_save(
    *,
    actor: User,
    region: Region,
    name: str,
    shifts: dict[int, int],
    workforce: int | None,
    workforce_source: str,
) -> Scenario:
    """Save a what-if by name (the same name replaces it). Projects are never changed."""
    if not can_keep_scenarios(access_for(user=actor), region_id=region.pk):
        raise PermissionDeniedError(_("Du kan ikke lagre scenarioer for denne regionen."))
    if not name.strip():
        raise ValidationError({"name": _("Gi scenarioet et navn.")})
    clean = {str(pk): months for pk, months in shifts.items() if months}
    scenario, created = Scenario.objects.update_or_create(
        region=region,
        name=name.strip()[:200],
        defaults={
            "shifts": clean,
            "workforce": workforce,
            "workforce_source": workforce_source[:300],
            "created_by": actor,
        },
    )
    audit_record(
        actor=actor,
        subject=scenario,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        changes={"shifts": clean, "workforce": workforce},
    )
    return scenario


@transaction.atomic
def scenario_delete(*, actor: User, scenario: Scenario) -> None:
    """Throw a saved scenario away."""
    if not can_keep_scenarios(access_for(user=actor), region_id=scenario.region_id):
        raise PermissionDeniedError(_("Du kan ikke slette dette scenarioet."))
    audit_record(actor=actor, subject=scenario, action=AuditEntry.Action.DELETE)
    scenario.delete()


# Import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


class ImportRejectedError(Exception):
    """Some rows cannot be imported: nothing was written. `problems` names each row and why."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.line}: {p.reason}" for p in problems))


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


_TRUE = {"1", "true", "sann", "ja", "yes", "x"}


def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except ArithmeticError as error:
        raise ValueError(_("«%(text)s» er ikke et tall.") % {"text": text}) from error
    if not value.is_finite() or value < 0:
        raise ValueError(_("«%(text)s» er ikke et tall.") % {"text": text})
    return value


def _integer(text: str) -> int | None:
    value = _decimal(text)
    if value is None:
        return None
    if value != value.to_integral() or value > 2_000_000_000:
        raise ValueError(_("«%(text)s» er ikke et heltall.") % {"text": text})
    return int(value)


def _row_input(values: dict[str, str], *, municipalities: dict[str, int]) -> ProjectInput:
    """One spreadsheet row in the services' terms; ValueError with a reason a user can read."""
    import json

    from samspill.projects.periods import PeriodError, period_parse

    def get(name: str) -> str:
        return (values.get(name) or "").strip()

    numbers = [part.strip() for part in get("municipalities").replace(";", ",").split(",")]
    ids = []
    for number in filter(None, numbers):
        found = municipalities.get(number) or municipalities.get(number.casefold())
        if found is None:
            raise ValueError(_("Ukjent kommune «%(name)s».") % {"name": number})
        ids.append(found)
    phases: dict[str, tuple[Period, Period]] = {}
    for kind in PHASE_ORDER:
        start, end = get(f"{kind}_start"), get(f"{kind}_end")
        if not start and not end:
            continue
        if not start or not end:
            raise ValueError(_("Fasen %(kind)s mangler start eller slutt.") % {"kind": kind})
        try:
            phases[kind] = (period_parse(start), period_parse(end))
        except PeriodError as error:
            raise ValueError(f"{kind}: {error}") from error
    geometry = None
    if get("geometry"):
        try:
            geometry = json.loads(get("geometry"))
        except json.JSONDecodeError as error:
            raise ValueError(_("Geometrien er ikke gyldig JSON.")) from error
        if not isinstance(geometry, dict):
            raise ValueError(_("Geometrien må være et GeoJSON-objekt."))
    sources = {}
    for group in FactGroup.values:
        text, date = get(f"source_{group}"), get(f"source_{group}_date")
        if text or date:
            sources[group] = {"source": text, "date": date[:10]}
    workforce: dict[str, float] = {}
    links: list[dict[str, str]] = []
    try:
        if get("workforce_by_trade"):
            workforce = {str(k): float(v) for k, v in json.loads(get("workforce_by_trade")).items()}
        if get("links"):
            links = [
                {"label": str(link.get("label", "")), "url": str(link["url"])}
                for link in json.loads(get("links"))
            ]
    except (json.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(_("Arbeidskraft eller lenker er ikke gyldig JSON.")) from error
    kind = get("kind")
    if kind not in ProjectKind.values:
        raise ValueError(_("Ukjent type «%(kind)s».") % {"kind": kind})
    status = get("status") or "idea"
    if status not in ProjectStatus.values:
        raise ValueError(_("Ukjent status «%(status)s».") % {"status": status})
    return ProjectInput(
        key=key_of(get("key") or get("name")),
        name=get("name"),
        kind=kind,
        status=status,
        description=get("description"),
        owner_name=get("owner_name"),
        owner_organisation_number=get("owner_organisation_number"),
        municipality_ids=ids,
        geometry=geometry,
        investment_low_mnok=_decimal(get("investment_low_mnok")),
        investment_high_mnok=_decimal(get("investment_high_mnok")),
        price_level_year=_integer(get("price_level_year")),
        construction_person_years=_decimal(get("construction_person_years")),
        operation_jobs=_integer(get("operation_jobs")),
        land_need_daa=_decimal(get("land_need_daa")),
        power_need_mw=_decimal(get("power_need_mw")),
        workforce_by_trade=workforce,
        links=links,
        sources=sources,
        phases=phases,
        is_internal=get("is_internal").casefold() in _TRUE,
        is_example=get("is_example").casefold() in _TRUE,
    )


def _validation_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


@transaction.atomic
def projects_import(
    *, actor: User | None, region: Region, rows: list[Any], file_name: str
) -> ImportSummary:
    """Import rows (importers.ImportRow) in one transaction, idempotent on the key.

    Every row is checked; when any is rejected, `ImportRejectedError` names each with its reason
    and nothing is written. A row whose key exists updates that project (an unchanged row
    changes nothing), so importing the same file twice gives the same register.
    """
    if actor is not None and not access_for(user=actor).can_edit_region(region.pk):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan importere prosjekter."))
    members = region_municipality_choices(region=region)
    lookup: dict[str, int] = {}
    for municipality in members:
        lookup[municipality.number] = municipality.pk
        lookup[municipality.name.casefold()] = municipality.pk
    problems: list[RowProblem] = []
    created = updated = unchanged = 0
    seen: dict[str, int] = {}
    for row in rows:
        try:
            data = _row_input(row.values, municipalities=lookup)
        except ValueError as error:
            problems.append(RowProblem(row.line, str(error)))
            continue
        if data.key in seen:
            problems.append(
                RowProblem(
                    row.line,
                    _("Nøkkelen «%(key)s» står også på linje %(line)s.")
                    % {"key": data.key, "line": seen[data.key]},
                )
            )
            continue
        seen[data.key] = row.line
        existing = Project.objects.filter(region=region, key=data.key).first()
        if existing is not None:
            # Columns the file does not have keep what the register holds.
            if "workforce_by_trade" not in row.values:
                data.workforce_by_trade = existing.workforce_by_trade
            if "links" not in row.values:
                data.links = existing.links
            if "description" not in row.values:
                data.description = existing.description
            if "geometry" not in row.values and existing.geometry:
                data.geometry = existing.geometry
            if not any(column.startswith("source_") for column in row.values):
                data.sources = existing.sources
        try:
            with transaction.atomic():
                if existing is None:
                    project_create(actor=actor, region=region, data=data)
                    created += 1
                else:
                    before = existing.version
                    saved = project_update(
                        actor=actor, project=existing, data=data, expected_version=None
                    )
                    if saved.version == before:
                        unchanged += 1
                    else:
                        updated += 1
        except ValidationError as error:
            problems.append(RowProblem(row.line, _validation_text(error)))
        except PermissionDeniedError as error:
            problems.append(RowProblem(row.line, str(error)))
    if problems:
        raise ImportRejectedError(problems)
    audit_record(
        actor=actor,
        subject=region,
        action=AuditEntry.Action.IMPORT,
        changes={
            "projects_file": file_name,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        },
    )
    return ImportSummary(created=created, updated=updated, unchanged=unchanged)


# Opportunities in the wake ----------------------------------------------------------------------


@dataclass
class OpportunityInput:
    """What the opportunity form or the API says."""

    title: str
    kind: str
    project_ids: list[int]
    status: str = "idea"
    owner_name: str = ""
    description: str = ""
    measure_ids: list[int] = field(default_factory=list)
    is_internal: bool = False
    is_example: bool = False


_OPPORTUNITY_FIELDS = ("title", "kind", "status", "owner_name", "description", "is_internal")


def _opportunity_validate(data: OpportunityInput, *, region: Region) -> None:
    problems: dict[str, list[str]] = {}
    if not data.title.strip():
        problems["title"] = [_("Skriv en tittel.")]
    if data.kind not in Opportunity.Kind.values:
        problems["kind"] = [_("Velg en type.")]
    if data.status not in Opportunity.Status.values:
        problems["status"] = [_("Velg en status.")]
    projects = set(data.project_ids)
    if not projects:
        problems["projects"] = [_("Velg minst ett prosjekt.")]
    elif Project.objects.filter(pk__in=projects, region=region).count() != len(projects):
        problems["projects"] = [_("Prosjektene må høre til regionens register.")]
    measures = set(data.measure_ids)
    if measures and {m.pk for m in measure_choices(region=region) if m.pk in measures} != measures:
        problems["measures"] = [_("Tiltakene må høre til en strategi i regionen.")]
    if problems:
        raise ValidationError(problems)


def _opportunity_links_diff(
    opportunity: Opportunity, data: OpportunityInput
) -> dict[str, list[list[int]]]:
    changes: dict[str, list[list[int]]] = {}
    old_projects = sorted(opportunity.projects.values_list("pk", flat=True))
    old_measures = sorted(opportunity.measures.values_list("pk", flat=True))
    if old_projects != sorted(set(data.project_ids)):
        changes["projects"] = [old_projects, sorted(set(data.project_ids))]
    if old_measures != sorted(set(data.measure_ids)):
        changes["measures"] = [old_measures, sorted(set(data.measure_ids))]
    return changes


@transaction.atomic
def opportunity_create(
    *, actor: User | None, region: Region, data: OpportunityInput
) -> Opportunity:
    """Record an opportunity in the wake of the region's projects."""
    if actor is not None and not can_edit_opportunity(
        access_for(user=actor), region_id=region.pk, project_ids=data.project_ids
    ):
        raise PermissionDeniedError(
            _("Du kan bare registrere muligheter ved prosjekter du kan endre.")
        )
    _opportunity_validate(data, region=region)
    opportunity = Opportunity(
        region=region,
        created_by=actor,
        is_example=data.is_example,
        **{name: getattr(data, name) for name in _OPPORTUNITY_FIELDS},
    )
    opportunity.full_clean()
    opportunity.save()
    opportunity.projects.set(set(data.project_ids))
    opportunity.measures.set(set(data.measure_ids))
    audit_record(
        actor=actor,
        subject=opportunity,
        action=AuditEntry.Action.CREATE,
        changes={name: [None, getattr(data, name)] for name in _OPPORTUNITY_FIELDS}
        | {"projects": [None, sorted(set(data.project_ids))]},
    )
    return opportunity


@transaction.atomic
def opportunity_update(
    *,
    actor: User | None,
    opportunity: Opportunity,
    data: OpportunityInput,
    expected_version: int | None,
) -> Opportunity:
    """Change an opportunity (the version claims the row: a lost update is a conflict)."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if actor is not None:
        access = access_for(user=actor)
        current = list(opportunity.projects.values_list("pk", flat=True))
        for project_ids in (current, data.project_ids):
            if not can_edit_opportunity(
                access, region_id=opportunity.region_id, project_ids=project_ids
            ):
                raise PermissionDeniedError(_("Du kan ikke endre denne muligheten."))
    _opportunity_validate(data, region=opportunity.region)
    links = _opportunity_links_diff(opportunity, data)
    changes: dict[str, Any] = model_changes(
        opportunity, {name: getattr(data, name) for name in _OPPORTUNITY_FIELDS}
    )
    if not changes and not links:
        if expected_version is not None and expected_version != opportunity.version:
            version_claim(opportunity, expected_version=expected_version)
        return opportunity
    version_claim(opportunity, expected_version=expected_version)
    opportunity.full_clean()
    opportunity.save()
    if "projects" in links:
        opportunity.projects.set(set(data.project_ids))
    if "measures" in links:
        opportunity.measures.set(set(data.measure_ids))
    audit_record(
        actor=actor,
        subject=opportunity,
        action=AuditEntry.Action.UPDATE,
        changes=changes | links,
    )
    return opportunity
