"""Agreements: versions, and which municipalities signed which version (when, by whom)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import presenters, services
from samspill.collaboration.forms import (
    AgreementEditForm,
    AgreementForm,
    AgreementVersionForm,
    SignatureForm,
)
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    agreement_get_for,
    agreement_rows,
    agreement_version_get_for,
    municipalities_of,
)
from samspill.collaboration.views.common import (
    actor_of,
    form_page,
    object_delete,
    object_edit,
    run_service,
    simple_create,
)
from samspill.core.htmx import HtmxHttpRequest


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def call(project: Project, data: dict[str, Any]) -> Any:
        return services.agreement_create(actor=actor_of(request), project=project, **data)

    return simple_create(
        request,
        pk,
        form_class=AgreementForm,
        right="can_edit_plan",
        title=_("Ny avtale"),
        saved=_("Avtalen er lagt til med versjon 1."),
        call=call,
        form_kwargs=lambda project: {"points": project.decision_points.order_by("number")},
    )


@login_required
@require_safe
def agreement_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement, rights = agreement_get_for(user=request.user, pk=pk)
    row = agreement_rows(agreement.project, [agreement])[0]
    context = {
        "agreement": agreement,
        "project": agreement.project,
        "rights": rights,
        "agreement_row": row,
        "municipality_count": len(municipalities_of(agreement.project)),
        "adoption": presenters.adoption_sentence(row.adoption) if row.adoption else "",
        "history": audit_entries_for(subject=agreement),
    }
    return render(request, "collaboration/agreement_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_version_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement, rights = agreement_get_for(user=request.user, pk=pk)
    if not rights.can_edit_plan:
        raise PermissionDenied
    form = AgreementVersionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.agreement_version_add(
                actor=actor_of(request), agreement=agreement, **form.cleaned_data
            ),
        )
    ):
        messages.success(
            request, _("Den nye versjonen er lagret. Signaturene gjelder per versjon.")
        )
        return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Ny versjon – %(title)s") % {"title": agreement.title},
        back=agreement.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_sign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    version, rights = agreement_version_get_for(user=request.user, pk=pk)
    if not rights.can_edit_plan:
        raise PermissionDenied
    agreement = version.agreement
    unsigned = agreement.project.municipalities.exclude(
        pk__in=version.signatures.values("municipality_id")
    ).order_by("name")
    form = SignatureForm(request.POST or None, municipalities=unsigned)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.agreement_sign(
                actor=actor_of(request), version=version, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Signaturen er registrert."))
        return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Registrer signatur – %(version)s") % {"version": str(version)},
        back=agreement.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement, rights = agreement_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=agreement,
        project=agreement.project,
        allowed=rights.can_edit_plan,
        form_class=AgreementEditForm,
        update=lambda version, data: services.agreement_update(
            actor=actor_of(request), agreement=agreement, expected_version=version, **data
        ),
        title=_("Endre avtale"),
        saved=_("Avtalen er lagret."),
        back=reverse("collaboration:agreement-detail", kwargs={"pk": agreement.pk}),
        form_kwargs={"points": agreement.project.decision_points.all()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement, rights = agreement_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=agreement,
        project=agreement.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.agreement_delete(
            actor=actor_of(request), agreement=agreement, expected_version=version
        ),
        title=_("Slett avtale"),
        back=agreement.get_absolute_url(),
        done=agreement.project.get_absolute_url(),
        refusal=services.agreement_delete_refusal(agreement),
    )
