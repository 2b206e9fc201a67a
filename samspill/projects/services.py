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
from samspill.projects.models import PHASE_ORDER, FactGroup, Phase, Project, Scenario
from samspill.projects.periods import Period
from samspill.projects.selectors import (
    can_create_in_region,
    can_edit_project,
    can_keep_scenarios,
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
