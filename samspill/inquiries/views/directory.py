"""The service overview, the competence directory, advisers' profiles and routing rules."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.inquiries import presenters
from samspill.inquiries.forms import (
    AdviserProfileForm,
    MunicipalityServiceForm,
    RoutingRuleForm,
)
from samspill.inquiries.models import (
    AdviserProfile,
    MunicipalityService,
    RoutingRule,
)
from samspill.inquiries.selectors import (
    can_manage_municipality,
    can_manage_region,
    region_advisers,
    region_municipalities,
    routing_rule_list,
    service_overview,
)
from samspill.inquiries.services import (
    NOT_CREATED,
    adviser_profile_update,
    municipality_service_save,
    region_takes_inquiries,
    routing_rule_create,
    routing_rule_delete,
)
from samspill.inquiries.views.common import _apply_errors, _region_for_staff, _safe_next, _user
from samspill.regions.models import Municipality
from samspill.regions.selectors import municipality_get, municipality_regions, region_get


@require_safe
def services(request: HttpRequest, slug: str) -> HttpResponse:
    """How each member municipality's business service is organised, with the region's totals."""
    region = region_get(slug=slug)
    overview = service_overview(region=region)
    return render(
        request,
        "inquiries/services.html",
        {
            "region": region,
            "overview": overview,
            "facts_age": presenters.service_facts_age(overview, today=timezone.localdate()),
            "takes_inquiries": region_takes_inquiries(region),
            "editable_ids": {
                m.pk
                for m, _service in overview.rows
                if can_manage_municipality(user=request.user, municipality=m)
            },
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def service_edit(request: HttpRequest, number: str) -> HttpResponse:
    """The municipality's own people keep its row of the service overview up to date."""
    municipality = municipality_get(number=number)
    if not can_manage_municipality(user=request.user, municipality=municipality):
        raise PermissionDenied
    service = MunicipalityService.objects.filter(municipality=municipality).first()
    form = MunicipalityServiceForm(request.POST or None, initial=_service_initial(service))
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            municipality_service_save(
                municipality=municipality,
                actor=_user(request),
                expected_version=form.cleaned_data["version"],
                **values,
            )
        except ConflictError as error:
            saved = MunicipalityService.objects.filter(municipality=municipality).first()
            conflict_show(
                form,
                error,
                saved=_service_initial(saved),
                version=saved.version if saved else NOT_CREATED,
                history=audit_entries_for(subject=saved) if saved else (),
            )
            status = 409
        else:
            messages.success(request, _("Næringstjenesten er lagret."))
            back = _safe_next(request, request.GET.get("neste"), _services_page_of(municipality))
            return redirect(f"{back.split('#')[0]}#tjeneste-{municipality.number}")
    return render(
        request,
        "inquiries/service_form.html",
        {"municipality": municipality, "form": form},
        status=status,
    )


def _services_page_of(municipality: Municipality) -> str:
    """The service overview the municipality's row is on (an active region's first)."""
    regions = list(municipality_regions(municipality=municipality).order_by("historical", "name"))
    if not regions:
        return reverse("inquiries:front-door")
    return reverse("inquiries:services", args=[regions[0].slug])


def _service_initial(service: MunicipalityService | None) -> dict[str, Any]:
    if service is None:
        return {"version": NOT_CREATED, "facts_as_of": timezone.localdate()}
    return {
        **{field: getattr(service, field) for field in MunicipalityServiceForm.base_fields},
        "version": service.version,
    }


@login_required
@require_safe
def competence_directory(request: HttpRequest, slug: str) -> HttpResponse:
    """Who in the region knows what: every adviser's competence areas and specialities."""
    region = _region_for_staff(request, slug)
    return render(
        request,
        "inquiries/competence.html",
        {"region": region, "advisers": presenters.directory(region_advisers(region=region))},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    """An adviser keeps their own competence profile."""
    user = _user(request)
    profile = AdviserProfile.objects.filter(user=user).first()
    form = AdviserProfileForm(request.POST or None, initial=_profile_initial(profile))
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            adviser_profile_update(
                user=user, actor=user, expected_version=form.cleaned_data["version"], **values
            )
        except ConflictError as error:
            saved = AdviserProfile.objects.filter(user=user).first()
            conflict_show(
                form,
                error,
                saved=_profile_initial(saved),
                version=saved.version if saved else NOT_CREATED,
                history=audit_entries_for(subject=saved) if saved else (),
            )
            status = 409
        else:
            messages.success(request, _("Kompetanseprofilen er lagret."))
            return redirect("inquiries:my-profile")
    return render(request, "inquiries/profile_form.html", {"form": form}, status=status)


def _profile_initial(profile: AdviserProfile | None) -> dict[str, Any]:
    if profile is None:
        return {"accepts_inquiries": True, "version": NOT_CREATED}
    return {
        "competence_areas": profile.competence_areas,
        "specialities": profile.specialities,
        "phone": profile.phone,
        "accepts_inquiries": profile.accepts_inquiries,
        "version": profile.version,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def routing_rules(request: HttpRequest, slug: str) -> HttpResponse:
    """The coordinator's routing rules: need + municipality → adviser."""
    region = _region_for_staff(request, slug)
    can_edit = can_manage_region(user=request.user, region=region)
    form = RoutingRuleForm(
        request.POST or None,
        advisers=region_advisers(region=region),
        municipalities=region_municipalities(region=region),
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                routing_rule_create(region=region, actor=_user(request), **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Regelen er lagt til."))
                return redirect("inquiries:routing-rules", slug=region.slug)
    context = {
        "region": region,
        "rules": routing_rule_list(region=region),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "inquiries/routing_rules.html", context)


@login_required
@require_POST
def routing_rule_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(
        RoutingRule.objects.select_related("region", "municipality", "adviser"), pk=pk
    )
    try:
        routing_rule_delete(rule=rule, actor=_user(request))
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("Regelen er fjernet."))
    return redirect("inquiries:routing-rules", slug=rule.region.slug)
