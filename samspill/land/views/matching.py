"""Matching an inquiry: candidates with reasons, criteria, selections, reservations, unmet demand."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.land import presenters, selectors, services
from samspill.land.forms import CriteriaForm, ReserveForm, SelectionForm, errors_to_form
from samspill.land.models import Availability, Reservation, Site
from samspill.land.views.common import form_page, request_actor


@login_required
@require_safe
def inquiry_match(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Candidates for one inquiry, best first, with the reason for each score."""
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    criteria = selectors.criteria_for(inquiry)
    result = selectors.match_inquiry(inquiry=inquiry, criteria=criteria)
    candidates = [
        {
            "site": candidate.site,
            "score": candidate.score,
            "distance_m": candidate.distance_m,
            "reasons": [
                {
                    "text": presenters.reason_text(reason),
                    "points": reason.points,
                    "weight": reason.weight,
                }
                for reason in candidate.score.reasons
            ],
        }
        for candidate in result.candidates
    ]
    candidate_ids = [c.site.pk for c in result.candidates]
    context = {
        "inquiry": inquiry,
        "criteria": criteria,
        "result": result,
        "candidates": candidates,
        "failed_labels": [presenters.criterion_label(name) for name in result.failed_everywhere],
        "selection_form": SelectionForm(
            sites=Site.objects.filter(pk__in=candidate_ids, is_published=True)
        ),
        "reserve_form": ReserveForm(
            sites=Site.objects.filter(pk__in=candidate_ids, availability=Availability.AVAILABLE)
        ),
        "reservations": selectors.reservations_for_inquiry(inquiry=inquiry),
        "selections": selectors.selections_for_inquiry(inquiry=inquiry),
        "unmet": inquiry.unmet_land_demand.all(),
    }
    return render(request, "land/inquiry_match.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry_criteria(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    criteria = selectors.criteria_for(inquiry)
    initial: dict[str, Any] = {}
    if criteria is not None:
        initial = {
            "kind": criteria.kind,
            "purpose": criteria.purpose,
            "min_daa": criteria.min_daa,
            "max_daa": criteria.max_daa,
            "readiness": criteria.readiness,
            "infrastructure": criteria.infrastructure,
            "near_point": criteria.near_point,
            "max_km": criteria.max_km,
            "version": criteria.version,
        }
    form = CriteriaForm(request.POST or None, initial=initial, points=selectors.point_choices())
    if request.method == "POST" and form.is_valid():
        try:
            services.criteria_save(
                actor=request_actor(request),
                inquiry=inquiry,
                expected_version=form.cleaned_data.get("version"),
                values=form.values(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except ConflictError as error:
            form.add_error(None, str(error))
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            return redirect("land:inquiry-match", pk=inquiry.pk)
    return form_page(
        request,
        form,
        title=_("Arealbehov for %(inquiry)s") % {"inquiry": inquiry.reference},
        back=f"/areal/henvendelse/{inquiry.pk}/",
    )


@login_required
@require_POST
def selection_send(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    form = SelectionForm(request.POST, sites=Site.objects.filter(is_published=True))
    if form.is_valid():
        try:
            selection = services.selection_send(
                actor=request_actor(request),
                inquiry=inquiry,
                sites=list(form.cleaned_data["sites"]),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("Utvalget er klart. Send lenken til bedriften: %(url)s")
                % {"url": request.build_absolute_uri(selection.get_absolute_url())},
            )
    else:
        messages.error(request, _("Velg minst ett publisert areal."))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@login_required
@require_POST
def site_reserve(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    form = ReserveForm(request.POST, sites=selectors.sites_visible(user=request.user))
    if form.is_valid():
        try:
            services.site_reserve(
                actor=request_actor(request),
                site=form.cleaned_data["site"],
                inquiry=inquiry,
                reserved_until=form.cleaned_data["reserved_until"],
                note=form.cleaned_data["note"],
            )
        except ConflictError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("«%(site)s» er reservert for %(inquiry)s.")
                % {"site": form.cleaned_data["site"].name, "inquiry": inquiry.reference},
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@login_required
@require_POST
def reservation_release(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    reservation = get_object_or_404(Reservation.objects.select_related("inquiry"), pk=pk)
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=reservation.inquiry_id)
    try:
        services.reservation_release(actor=request_actor(request), reservation=reservation)
    except ConflictError as error:
        messages.error(request, str(error))
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    else:
        messages.success(request, _("Reservasjonen er opphevet."))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@login_required
@require_POST
def unmet_record(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_for_matching(user=request.user, pk=pk)
    result = selectors.match_inquiry(inquiry=inquiry, criteria=selectors.criteria_for(inquiry))
    if result.fitting:
        messages.error(
            request, _("Noen arealer oppfyller alle kriteriene; ingenting er registrert.")
        )
    else:
        try:
            services.unmet_record(
                actor=request_actor(request),
                inquiry=inquiry,
                need=result.need,
                failed=result.failed_everywhere,
                checked=result.checked,
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, _("Registrert som udekket arealbehov."))
    return redirect("land:inquiry-match", pk=inquiry.pk)


@require_safe
def selection_public(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The page the business gets: the selected sites, nothing about the inquiry or others."""
    selection = selectors.selection_by_token(token=token)
    sites = selectors.selection_sites(selection=selection)
    response = render(
        request,
        "land/selection_public.html",
        {"selection": selection, "sites": sites, "any_example": any(s.is_example for s in sites)},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
