"""Collaboration writes, agreements: the agreement, its versions and their signatures."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.collaboration.models import (
    Agreement,
    AgreementSignature,
    AgreementVersion,
    DecisionPoint,
    Project,
)
from samspill.collaboration.search import agreement_document_for
from samspill.collaboration.services._common import (
    Action,
    _audit,
    _material_indexed,
    _require,
    _unindexed,
    _versioned_delete,
    _versioned_update,
)
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError
from samspill.regions.models import Municipality
from samspill.search.models import Kind


@transaction.atomic
def agreement_create(
    *,
    actor: User | None,
    project: Project,
    title: str,
    decision_point: DecisionPoint | None = None,
    text: str = "",
    date: datetime.date | None = None,
    is_example: bool = False,
) -> Agreement:
    """A new agreement with its first version (the text as proposed)."""
    _require(actor, project, "can_edit_plan")
    if decision_point is not None and decision_point.project_id != project.pk:
        raise ValidationError(
            {"decision_point": _("Beslutningspunktet hører til et annet prosjekt.")}
        )
    if date is None:
        raise ValidationError({"date": _("Oppgi datoen for versjonen.")})
    agreement = Agreement.objects.create(
        project=project, title=title, decision_point=decision_point, is_example=is_example
    )
    AgreementVersion.objects.create(agreement=agreement, number=1, date=date, text=text)
    _audit(
        actor,
        agreement,
        Action.CREATE,
        {"title": [None, title], "decision_point": [None, decision_point], "version": [None, 1]},
    )
    _material_indexed(agreement_document_for, agreement.pk)
    return agreement


@transaction.atomic
def agreement_update(
    *, actor: User | None, agreement: Agreement, expected_version: int | None, **fields: Any
) -> Agreement:
    """Change an agreement's title or adopting decision point; its versions stay as signed."""
    point = fields.get("decision_point")
    if point is not None and point.project_id != agreement.project_id:
        raise ValidationError(
            {"decision_point": _("Beslutningspunktet hører til et annet prosjekt.")}
        )
    updated: Agreement = _versioned_update(
        actor=actor,
        instance=agreement,
        project=agreement.project,
        right="can_edit_plan",
        expected_version=expected_version,
        fields=fields,
    )
    _material_indexed(agreement_document_for, updated.pk)
    return updated


def agreement_delete_refusal(agreement: Agreement) -> str:
    """Why an agreement may not be deleted ("" when it may): a signed version is a record (ADR 88)."""
    signed = (
        AgreementSignature.objects.filter(version__agreement=agreement)
        .values_list("version__number", flat=True)
        .distinct()
        .order_by("version__number")
    )
    numbers = [str(number) for number in signed]
    if not numbers:
        return ""
    return _(
        "Avtalen kan ikke slettes fordi versjon %(numbers)s er signert. En signatur er en del av "
        "arkivet; lag heller en ny versjon eller endre tittelen."
    ) % {"numbers": ", ".join(numbers)}


@transaction.atomic
def agreement_delete(
    *, actor: User | None, agreement: Agreement, expected_version: int | None
) -> None:
    """Delete an agreement nobody has signed, with its versions (ADR 88); a signed one stays."""
    _require(actor, agreement.project, "can_edit_plan")
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)  # no signature meanwhile
    refusal = agreement_delete_refusal(locked)
    if refusal:
        raise ValidationError(refusal)
    agreement_pk = agreement.pk
    _versioned_delete(
        actor=actor,
        instance=agreement,
        project=agreement.project,
        right="can_edit_plan",
        expected_version=expected_version,
    )
    _unindexed(Kind.AGREEMENT, agreement_pk)


@transaction.atomic
def agreement_version_add(
    *,
    actor: User | None,
    agreement: Agreement,
    date: datetime.date | None,
    text: str = "",
    changes: str = "",
) -> AgreementVersion:
    """The next version (numbered under a lock, so two at once get 2 and 3, never 2 twice)."""
    _require(actor, agreement.project, "can_edit_plan")
    if date is None:
        raise ValidationError({"date": _("Oppgi datoen for versjonen.")})
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = AgreementVersion.objects.create(
        agreement=locked, number=last + 1, date=date, text=text, changes=changes
    )
    version_claim(locked, expected_version=None)
    locked.save(update_fields=["version", "updated_at"])
    _audit(
        actor,
        locked,
        Action.UPDATE,
        {"version": [last or None, last + 1], "changes": [None, changes]},
    )
    _material_indexed(agreement_document_for, locked.pk)
    return version


@transaction.atomic
def agreement_sign(
    *,
    actor: User | None,
    version: AgreementVersion,
    municipality: Municipality,
    signed_on: datetime.date | None,
    signed_by: str,
    is_example: bool = False,
) -> AgreementSignature:
    """Record that a participating municipality signed this version (once; "already signed")."""
    agreement = (
        Agreement.objects.select_for_update().select_related("project").get(pk=version.agreement_id)
    )
    _require(actor, agreement.project, "can_edit_plan")
    if not agreement.project.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("Kommunen deltar ikke i prosjektet.")})
    if signed_on is None:
        raise ValidationError({"signed_on": _("Oppgi datoen avtalen ble signert.")})
    if not signed_by.strip():
        raise ValidationError({"signed_by": _("Skriv hvem som signerte.")})
    if version.signatures.filter(municipality=municipality).exists():
        raise ConflictError(
            _("%(name)s har allerede signert versjon %(number)s.")
            % {"name": municipality.name, "number": version.number}
        )
    signature = AgreementSignature.objects.create(
        version=version,
        municipality=municipality,
        signed_on=signed_on,
        signed_by=signed_by,
        recorded_by=actor,
        is_example=is_example,
    )
    version_claim(agreement, expected_version=None)
    agreement.save(update_fields=["version", "updated_at"])
    _audit(
        actor,
        agreement,
        Action.APPROVE,
        {
            "signed": [None, municipality.name],
            "version": [None, version.number],
            "signed_on": [None, signed_on],
            "signed_by": [None, signed_by],
        },
    )
    return signature
