"""Suppliers: organisation numbers, registration with facts from Brønnøysund (and retries when
the register is unreachable), profile edits and references."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import Organisation, User
from samspill.audit.services import audit_record, model_changes
from samspill.challenges.models import Pilot, Supplier, SupplierReference
from samspill.challenges.selectors import supplier_for
from samspill.challenges.services._common import A, _now
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.inquiries.brreg import LookupResult, fetch_company_facts
from samspill.inquiries.orgnr import is_valid_organisation_number, normalise_organisation_number
from samspill.regions.models import Municipality

# Suppliers -------------------------------------------------------------------------------------


def organisation_number_clean(value: str) -> str:
    """Nine digits with a valid check digit, or a ValidationError that says what is wrong."""
    number = normalise_organisation_number(value)
    if len(number) != 9 or not number.isdigit():
        raise ValidationError(_("Et organisasjonsnummer har ni siffer."))
    if not is_valid_organisation_number(number):
        raise ValidationError(
            _("Kontrollsifferet stemmer ikke. Sjekk at organisasjonsnummeret er skrevet riktig.")
        )
    return number


def supplier_facts_refresh(*, supplier: Supplier, now: datetime.datetime | None = None) -> str:
    """Fetch the facts from Brønnøysund; when the register cannot be reached, keep what we have."""
    lookup = fetch_company_facts(supplier.organisation_number)
    fields: dict[str, Any] = {"facts_checked_at": _now(now)}
    if lookup.result == LookupResult.FOUND and lookup.facts is not None:
        facts = lookup.facts
        fields.update(
            facts_status=Supplier.Facts.FOUND,
            industry_description=facts.industry_description[:300],
            employees=facts.employees,
        )
        if facts.name:
            fields["name"] = facts.name[:200]
        municipality = Municipality.objects.filter(number=facts.municipality_number).first()
        if municipality is not None and supplier.municipality_id is None:
            fields["municipality"] = municipality
    elif lookup.result in (LookupResult.NOT_FOUND, LookupResult.REMOVED, LookupResult.INVALID):
        fields["facts_status"] = Supplier.Facts.NOT_FOUND
    elif supplier.facts_status != Supplier.Facts.FOUND:
        fields["facts_status"] = Supplier.Facts.UNAVAILABLE
    if lookup.result == LookupResult.UNAVAILABLE:
        fields["facts_failures"] = min(supplier.facts_failures + 1, 1000)
    else:
        fields["facts_failures"] = 0
    with transaction.atomic():
        changes = model_changes(supplier, fields)
        supplier.save()
        audit_record(actor=None, subject=supplier, action=A.UPDATE, changes=changes)
    return str(lookup.result)


def _facts_retry_delay(failures: int) -> datetime.timedelta:
    """15 minutes after the first failure, doubling each time, at most a day (as the inquiries
    app waits for companies; its services are not ours to import)."""
    delay: datetime.timedelta = datetime.timedelta(minutes=15) * (
        2 ** min(max(failures - 1, 0), 16)
    )
    return min(delay, datetime.timedelta(hours=24))


def supplier_facts_retry(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Ask Brønnøysund again for the profiles registered while it did not answer, backing off
    as the inquiries app does (15 minutes after the first failure, doubling, at most a day).
    Returns how many were asked; run hourly by `samspill challenges supplier-facts`."""
    moment = _now(now)
    asked = 0
    waiting = Supplier.objects.filter(facts_status=Supplier.Facts.UNAVAILABLE).order_by(
        "facts_checked_at", "pk"
    )
    for supplier in waiting[:limit]:
        checked = supplier.facts_checked_at
        if checked is not None and moment < checked + _facts_retry_delay(supplier.facts_failures):
            continue
        supplier_facts_refresh(supplier=supplier, now=moment)
        asked += 1
    return asked


def supplier_register(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    organisation_number: str,
    name: str,
    competence: str,
    competence_tags: str = "",
    municipality: Municipality | None = None,
    website: str = "",
    language: str = "nb",
    is_example: bool = False,
    fetch_facts: bool = True,
) -> Supplier:
    """A supplier registers itself: a login, the organisation and its profile, in one go."""
    number = organisation_number_clean(organisation_number)
    if Supplier.objects.filter(organisation_number=number).exists():
        raise ValidationError(
            {"organisation_number": _("Denne leverandøren er allerede registrert.")}
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Brukernavnet er tatt.")})
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name,
                kind=Organisation.Kind.SUPPLIER,
                organisation_number=number,
                municipality=municipality,
            )
            user.organisation = organisation
            user.set_password(password)
            user.save()
            supplier = Supplier.objects.create(
                organisation=organisation,
                organisation_number=number,
                name=name,
                municipality=municipality,
                competence=competence,
                competence_tags=competence_tags,
                website=website,
                language=_known_language(language),
                is_example=is_example,
            )
            audit_record(
                actor=user,
                subject=supplier,
                action=A.CREATE,
                changes={
                    "organisation_number": [None, number],
                    "name": [None, name],
                    "competence_tags": [None, competence_tags],
                    "user": [None, username],
                },
            )
    except IntegrityError as error:  # two registrations of the same number at once
        raise ValidationError(
            {"organisation_number": _("Denne leverandøren er allerede registrert.")}
        ) from error
    if fetch_facts:
        supplier_facts_refresh(supplier=supplier)
    return supplier


def _known_language(code: str) -> str:
    """One of the site's languages (the interface language a supplier registered in)."""
    known = {language for language, _label in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def _require_supplier_member(actor: User, supplier: Supplier) -> None:
    own = supplier_for(user=actor)
    if (own is None or own.pk != supplier.pk) and not actor.is_superuser:
        raise PermissionDeniedError(_("Bare leverandørens egne folk kan endre profilen."))


def supplier_update(
    *, actor: User, supplier: Supplier, expected_version: int | None = None, **fields: Any
) -> Supplier:
    _require_supplier_member(actor, supplier)
    allowed = ("competence", "competence_tags", "website", "municipality", "language")
    if "language" in fields and fields["language"] != _known_language(fields["language"]):
        raise ValidationError({"language": _("Ukjent språk.")})
    with transaction.atomic():
        locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
        changes = model_changes(locked, {k: v for k, v in fields.items() if k in allowed})
        if not changes:
            return locked
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.UPDATE, changes=changes)
    return locked


def reference_add(
    *,
    actor: User | None,
    supplier: Supplier,
    title: str,
    customer: str,
    year: int,
    description: str = "",
    pilot: Pilot | None = None,
) -> SupplierReference:
    if actor is not None and pilot is None:
        _require_supplier_member(actor, supplier)
    with transaction.atomic():
        reference = SupplierReference(
            supplier=supplier,
            title=title,
            customer=customer,
            year=year,
            description=description,
            pilot=pilot,
        )
        reference.full_clean()
        reference.save()
        audit_record(
            actor=actor,
            subject=supplier,
            action=A.CREATE,
            changes={"reference": [None, str(reference)]},
        )
    return reference
