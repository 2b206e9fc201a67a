"""Directory services: adviser profiles, municipality services and routing rules."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.inquiries.models import AdviserProfile, MunicipalityService, Need, RoutingRule
from samspill.inquiries.selectors import advisers_by_ids, region_municipalities
from samspill.inquiries.services._common import _create_once, _versioned_row
from samspill.regions.models import Municipality, Region


@transaction.atomic
def adviser_profile_update(
    *,
    user: User,
    actor: User | None,
    competence_areas: Sequence[str],
    specialities: str = "",
    phone: str = "",
    accepts_inquiries: bool = True,
    expected_version: int | None = None,
) -> AdviserProfile:
    """An adviser keeps their own competence profile (coordinators may help).

    `expected_version` as for `municipality_service_save` (two tabs or a helper at once).
    """
    if actor is not None and actor.pk != user.pk and not access_for(user=actor).is_site_admin:
        raise PermissionDeniedError(_("Du kan bare endre din egen kompetanseprofil."))
    if unknown := set(competence_areas) - set(Need.values):
        raise ValidationError({"competence_areas": [_("Ukjent område: %s") % ", ".join(unknown)]})
    existing = AdviserProfile.objects.filter(user=user).first()
    _versioned_row(existing, expected_version=expected_version)
    created = existing is None
    profile = existing or AdviserProfile(user=user)
    changes = model_changes(
        profile,
        {
            "competence_areas": [area for area in Need.values if area in set(competence_areas)],
            "specialities": specialities.strip(),
            "phone": phone.strip(),
            "accepts_inquiries": accepts_inquiries,
        },
    )
    profile.full_clean()
    if created:
        _create_once(profile)
    elif changes:
        version_claim(profile, expected_version=expected_version)
        profile.save()
    if changes or created:
        audit_record(
            actor=actor, subject=profile, action="create" if created else "update", changes=changes
        )
    return profile


@transaction.atomic
def municipality_service_save(
    *,
    municipality: Municipality,
    actor: User | None,
    organisation: str,
    person_years: Decimal,
    person_years_text: str = "",
    bought_first_line_service: bool = False,
    bought_from: str = "",
    bought_person_years: Decimal = Decimal(0),
    business_association: bool = False,
    contact_points: str = "",
    source: str = "",
    facts_as_of: datetime.date | None = None,
    expected_version: int | None = None,
) -> MunicipalityService:
    """Create or update how the municipality's business service is organised. Idempotent.

    `expected_version`: the version the editor loaded (NOT_CREATED when there was no entry);
    ConflictError if someone saved since. None for the demo and imports.
    """
    if actor is not None and not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(_("Du kan ikke endre denne kommunens næringstjeneste."))
    service = MunicipalityService.objects.filter(municipality=municipality).first()
    _versioned_row(service, expected_version=expected_version)
    created = service is None
    if service is None:
        service = MunicipalityService(municipality=municipality, person_years=person_years)
    changes = model_changes(
        service,
        {
            "organisation": organisation,
            "person_years": person_years,
            "person_years_text": person_years_text,
            "bought_first_line_service": bought_first_line_service,
            "bought_from": bought_from,
            "bought_person_years": bought_person_years,
            "business_association": business_association,
            "contact_points": contact_points,
            "source": source,
            "facts_as_of": facts_as_of,
        },
    )
    if changes or created:
        service.full_clean()
        if created:
            _create_once(service)
        else:
            version_claim(service, expected_version=expected_version)
            service.save()
        audit_record(
            actor=actor, subject=service, action="create" if created else "update", changes=changes
        )
    return service


@transaction.atomic
def routing_rule_create(
    *,
    region: Region,
    actor: User | None,
    adviser: User,
    need: str = "",
    municipality: Municipality | None = None,
    priority: int = 100,
) -> RoutingRule:
    """A coordinator adds a rule: this need (or any) in this municipality (or any) → adviser."""
    if actor is not None and not access_for(user=actor).can_edit_region(region.pk):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre rutingsreglene."))
    errors: dict[str, list[str]] = {}
    if not advisers_by_ids(region=region, ids=[adviser.pk]):
        errors["adviser"] = [_("Rådgiveren jobber ikke i regionen.")]
    if municipality is not None and municipality.pk not in {
        m.pk for m in region_municipalities(region=region)
    }:
        errors["municipality"] = [_("Kommunen er ikke med i regionen.")]
    if errors:
        raise ValidationError(errors)
    rule = RoutingRule(
        region=region, adviser=adviser, need=need, municipality=municipality, priority=priority
    )
    rule.full_clean()
    rule.save()
    audit_record(actor=actor, subject=rule, action="create", changes={"rule": [None, str(rule)]})
    return rule


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, actor: User) -> None:
    if not access_for(user=actor).can_edit_region(rule.region_id):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre rutingsreglene."))
    audit_record(actor=actor, subject=rule, action="delete", changes={"rule": [str(rule), None]})
    rule.delete()
