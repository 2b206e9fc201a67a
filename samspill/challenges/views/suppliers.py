"""Suppliers: the public directory and profiles, self-registration and the own profile page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.models import User
from samspill.challenges import services
from samspill.challenges.forms import (
    ReferenceForm,
    SupplierProfileForm,
    SupplierRegisterForm,
)
from samspill.challenges.selectors import (
    supplier_answers,
    supplier_directory,
    supplier_for,
    supplier_get,
)
from samspill.challenges.views.flow import acting_user, form_page, run_service
from samspill.regions.models import Municipality


@require_safe
def supplier_list(request: HttpRequest) -> HttpResponse:
    competence = request.GET.get("kompetanse", "")[:100]
    municipality = request.GET.get("kommune", "")[:4]
    context = {
        "suppliers": supplier_directory(competence=competence, municipality=municipality)[:300],
        "competence": competence,
        "municipality": municipality,
        "municipalities": Municipality.objects.filter(suppliers__isnull=False)
        .distinct()
        .order_by("name"),
        "own": supplier_for(user=request.user),
    }
    return render(request, "challenges/supplier_list.html", context)


@require_safe
def supplier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = supplier_get(pk=pk)
    if supplier is None:
        raise Http404
    return render(
        request,
        "challenges/supplier_detail.html",
        {"supplier": supplier, "references": supplier.references.all()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def supplier_register_view(request: HttpRequest) -> HttpResponse:
    """A supplier registers (no account needed first); the new account is signed in."""
    if supplier_for(user=request.user) is not None:
        return redirect("challenges:supplier-profile")
    form = SupplierRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        supplier = run_service(
            request,
            form,
            lambda: services.supplier_register(
                username=data["username"],
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation_number=data["organisation_number"],
                name=data["name"],
                competence=data["competence"],
                competence_tags=data["competence_tags"],
                municipality=data["municipality"],
                website=data["website"],
                language=translation.get_language() or "nb",
            ),
        )
        if supplier:
            user = User.objects.get(username=data["username"])
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if supplier.facts_status == supplier.Facts.UNAVAILABLE:
                messages.warning(
                    request,
                    _(
                        "Registreringen er lagret. Enhetsregisteret svarte ikke, så fakta om "
                        "virksomheten hentes senere."
                    ),
                )
            else:
                messages.success(request, _("Registreringen er lagret."))
            return redirect("challenges:supplier-profile")
    return form_page(
        request,
        form,
        title=_("Registrer leverandør"),
        back=reverse("challenges:supplier-list"),
        intro=_(
            "Registrer virksomheten med organisasjonsnummer for å stille spørsmål og svare på "
            "kommunenes innovasjonsutfordringer. Profilen vises i leverandørkatalogen."
        ),
    )


def _profile_initial(supplier: Any) -> dict[str, Any]:
    return {
        "competence": supplier.competence,
        "competence_tags": supplier.competence_tags,
        "website": supplier.website,
        "municipality": supplier.municipality,
        "language": supplier.language,
        "version": supplier.version,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def supplier_profile(request: HttpRequest) -> HttpResponse:
    """The supplier's own page: profile, references, answers and their outcomes."""
    supplier = supplier_for(user=request.user)
    if supplier is None:
        return redirect("challenges:supplier-register")
    which = request.POST.get("form", "")
    form = SupplierProfileForm(
        request.POST if which == "profile" else None, initial=_profile_initial(supplier)
    )
    reference_form = ReferenceForm(request.POST if which == "reference" else None)
    if request.method == "POST" and which == "profile" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if run_service(
            request,
            form,
            lambda: services.supplier_update(
                actor=acting_user(request), supplier=supplier, expected_version=version, **data
            ),
            reload=lambda: supplier_get(pk=supplier.pk),
            initial_of=_profile_initial,
        ):
            messages.success(request, _("Profilen er lagret."))
            return redirect("challenges:supplier-profile")
    if (
        request.method == "POST"
        and which == "reference"
        and reference_form.is_valid()
        and run_service(
            request,
            reference_form,
            lambda: services.reference_add(
                actor=acting_user(request), supplier=supplier, **reference_form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Referansen er lagt til."))
        return redirect("challenges:supplier-profile")
    context = {
        "supplier": supplier,
        "form": form,
        "reference_form": reference_form,
        "references": supplier.references.all(),
        "answers": supplier_answers(supplier=supplier),
    }
    return render(request, "challenges/supplier_profile.html", context)
