"""Collaboration writes, the budget: cost lines, financing sources and cost-allocation keys."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.collaboration.models import CostKey, CostLine, FinancingSource, Project
from samspill.collaboration.services._common import (
    Action,
    _audit,
    _created,
    _require,
    _versioned_delete,
    _versioned_update,
)
from samspill.core.exceptions import ConflictError
from samspill.regions.models import Municipality


@transaction.atomic
def cost_line_add(
    *,
    actor: User | None,
    project: Project,
    category: str,
    year: int,
    planned: int,
    spent: int = 0,
    description: str = "",
    is_example: bool = False,
) -> CostLine:
    _require(actor, project, "can_edit_plan")
    fields = {
        "category": category,
        "year": year,
        "planned": planned,
        "spent": spent,
        "description": description,
        "is_example": is_example,
    }
    line = CostLine.objects.create(project=project, **fields)
    _audit(actor, line, Action.CREATE, _created(line, fields))
    return line


@transaction.atomic
def financing_add(
    *,
    actor: User | None,
    project: Project,
    kind: str,
    amount: int,
    name: str = "",
    is_example: bool = False,
) -> FinancingSource:
    _require(actor, project, "can_edit_plan")
    fields = {"kind": kind, "amount": amount, "name": name, "is_example": is_example}
    source = FinancingSource.objects.create(project=project, **fields)
    _audit(actor, source, Action.CREATE, _created(source, fields))
    return source


def _key_errors(
    *,
    equal_percent: int,
    population_percent: int,
    other_percent: int,
    population_date: datetime.date | None,
    other_figures: dict[str, float],
    municipalities: list[Municipality],
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if equal_percent + population_percent + other_percent != 100:
        errors["equal_percent"] = _("Vektene må til sammen bli 100 %% (nå %(sum)s %%).") % {
            "sum": equal_percent + population_percent + other_percent
        }
    if population_percent and population_date is None:
        errors["population_date"] = _("Velg datoen folketallet skal gjelde.")
    if other_percent:
        missing = [m.name for m in municipalities if m.number not in other_figures]
        if missing:
            errors["other_figures"] = _("Mangler tall for: %(names)s.") % {
                "names": ", ".join(missing)
            }
        elif any(value < 0 for value in other_figures.values()):
            errors["other_figures"] = _("Tallene kan ikke være negative.")
        elif sum(other_figures.get(m.number, 0) for m in municipalities) <= 0:
            errors["other_figures"] = _("Summen av tallene må være større enn null.")
    return errors


@transaction.atomic
def cost_key_add(
    *,
    actor: User | None,
    project: Project,
    name: str,
    equal_percent: int = 0,
    population_percent: int = 0,
    population_date: datetime.date | None = None,
    other_percent: int = 0,
    other_label: str = "",
    other_figures: dict[str, float] | None = None,
) -> CostKey:
    """A key to compare; weights are whole percent and must add up to exactly 100."""
    _require(actor, project, "can_edit_plan")
    other_figures = other_figures or {}
    errors = _key_errors(
        equal_percent=equal_percent,
        population_percent=population_percent,
        other_percent=other_percent,
        population_date=population_date,
        other_figures=other_figures,
        municipalities=list(project.municipalities.all()),
    )
    if errors:
        raise ValidationError(errors)
    fields = {
        "name": name,
        "equal_percent": equal_percent,
        "population_percent": population_percent,
        "population_date": population_date,
        "other_percent": other_percent,
        "other_label": other_label,
        "other_figures": other_figures,
    }
    key = CostKey.objects.create(project=project, **fields)
    _audit(actor, key, Action.CREATE, _created(key, fields))
    return key


@transaction.atomic
def cost_key_choose(*, actor: User | None, key: CostKey) -> CostKey:
    """Choose the key used for invoicing (the others stay for comparison)."""
    project = Project.objects.select_for_update().get(pk=key.project_id)
    _require(actor, project, "can_edit_plan")
    if CostKey.objects.filter(pk=key.pk, is_chosen=True).exists():
        raise ConflictError(_("Denne nøkkelen er allerede valgt."))
    previous = list(project.cost_keys.filter(is_chosen=True))
    project.cost_keys.filter(is_chosen=True).update(is_chosen=False)
    CostKey.objects.filter(pk=key.pk).update(is_chosen=True)
    key.is_chosen = True
    _audit(
        actor,
        key,
        Action.APPROVE,
        {"is_chosen": [False, True], "replaces": [None, ", ".join(str(k) for k in previous)]},
    )
    return key


@transaction.atomic
def cost_line_update(
    *, actor: User | None, line: CostLine, expected_version: int | None, **fields: Any
) -> CostLine:
    updated: CostLine = _versioned_update(
        actor=actor,
        instance=line,
        project=line.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated


@transaction.atomic
def cost_line_delete(*, actor: User | None, line: CostLine, expected_version: int | None) -> None:
    _versioned_delete(
        actor=actor,
        instance=line,
        project=line.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )


@transaction.atomic
def financing_update(
    *, actor: User | None, source: FinancingSource, expected_version: int | None, **fields: Any
) -> FinancingSource:
    updated: FinancingSource = _versioned_update(
        actor=actor,
        instance=source,
        project=source.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated


@transaction.atomic
def financing_delete(
    *, actor: User | None, source: FinancingSource, expected_version: int | None
) -> None:
    _versioned_delete(
        actor=actor,
        instance=source,
        project=source.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )


@transaction.atomic
def cost_key_update(
    *, actor: User | None, key: CostKey, expected_version: int | None, **fields: Any
) -> CostKey:
    """Change a key's name, weights, population date or other figures (the same rules as a new
    key: the weights add up to 100). A chosen key stays chosen; the shares follow the new key."""
    merged = {
        name: fields.get(name, getattr(key, name))
        for name in (
            "equal_percent",
            "population_percent",
            "other_percent",
            "population_date",
            "other_figures",
        )
    }
    merged["other_figures"] = merged["other_figures"] or {}
    if "other_figures" in fields:
        fields["other_figures"] = merged["other_figures"]
    errors = _key_errors(**merged, municipalities=list(key.project.municipalities.all()))
    if errors:
        raise ValidationError(errors)
    updated: CostKey = _versioned_update(
        actor=actor,
        instance=key,
        project=key.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    return updated
