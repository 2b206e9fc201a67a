"""Pages of the front door: the public form, the region's inbox, follow-up, reports, services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.clientip import client_ip
from samspill.core.conflicts import conflict_show, form_version_set
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.inquiries import presenters
from samspill.inquiries.exports import inquiries_table
from samspill.inquiries.forms import (
    AdviserProfileForm,
    AssignForm,
    ContactForm,
    EraseForm,
    FrontDoorForm,
    InboxFilterForm,
    InquiryForm,
    MunicipalityServiceForm,
    NoteForm,
    PublicInquiryForm,
    RoutingRuleForm,
    StatusForm,
    UnmetDemandForm,
)
from samspill.inquiries.models import (
    AdviserProfile,
    Inquiry,
    InquiryContact,
    InquiryNote,
    MunicipalityService,
    RoutingRule,
)
from samspill.inquiries.receipts import inquiry_receipt
from samspill.inquiries.selectors import (
    active_regions_for,
    adviser_suggestions,
    can_assign,
    can_follow_up,
    can_manage_municipality,
    can_manage_region,
    can_register_for_region,
    can_see_personal_data,
    can_view_region_inquiries,
    front_door_places,
    inquiry_get_for,
    inquiry_list_for,
    inquiry_rows_for,
    overdue_notes_for,
    personal_data_checker,
    region_advisers,
    region_municipalities,
    routing_rule_list,
    service_overview,
)
from samspill.inquiries.services import (
    NOT_CREATED,
    adviser_profile_update,
    inquiry_assign,
    inquiry_contact_erase,
    inquiry_contact_export,
    inquiry_contact_update,
    inquiry_contact_view,
    inquiry_note_add,
    inquiry_note_complete,
    inquiry_status_change,
    inquiry_submit,
    inquiry_submit_public,
    municipality_service_save,
    region_takes_inquiries,
    routing_rule_create,
    routing_rule_delete,
)
from samspill.inquiries.spam import form_token_key, rate_limit_exceeded
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import municipality_get, municipality_regions, region_get

INBOX_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _safe_next(request: HttpRequest, target: str | None, fallback: str) -> str:
    """Only redirect back to our own site (no open redirects)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _region_for_staff(request: HttpRequest, slug: str) -> Region:
    region = region_get(slug=slug)
    if not can_view_region_inquiries(user=request.user, region=region):
        raise PermissionDenied
    return region


def _inquiry(request: HttpRequest, pk: int) -> Inquiry:
    try:
        return inquiry_get_for(user=request.user, pk=pk)
    except Inquiry.DoesNotExist as error:
        raise Http404 from error


def _apply_errors(form: Form, error: ValidationError) -> None:
    """Put a service's validation errors next to the matching fields (else above the form)."""
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _form_context(region: Region, form: Form, *, public: bool) -> dict[str, Any]:
    return {
        "region": region,
        "form": form,
        "public": public,
        "retention_days": presenters.retention_days(),
    }


@require_safe
def front_door(request: HttpRequest) -> HttpResponse:
    """Where businesses start: choose the municipality, and the active region's inbox takes it."""
    places = front_door_places()
    by_number = {place.municipality.number: place for place in places}
    form = FrontDoorForm(
        request.GET or None,
        places=[(place.municipality.number, place.municipality.name) for place in places],
    )
    chosen = None
    if form.is_bound and form.is_valid():
        chosen = by_number[form.cleaned_data["kommune"]]
        if len(chosen.regions) == 1:
            target = reverse("inquiries:inquiry-create", args=[chosen.regions[0].slug])
            return redirect(f"{target}?kommune={chosen.municipality.number}")
    regions = sorted({region for place in places for region in place.regions}, key=lambda r: r.name)
    access = access_for(user=request.user)
    inbox_region_ids = {region.pk for region in regions if access.can_view_region(region.pk)}
    return render(
        request,
        "inquiries/front_door.html",
        {
            "form": form,
            "chosen": chosen,
            "regions": regions,
            "inbox_region_ids": inbox_region_ids,
        },
    )


def _no_front_door(request: HttpRequest, region: Region) -> HttpResponse:
    """A historical region has no inbox: say so, and where its businesses go today (410 Gone)."""
    return render(
        request,
        "inquiries/region_closed.html",
        {"region": region, "alternatives": active_regions_for(region=region)},
        status=410,
    )


RECEIPTS_SESSION_KEY = "inquiry_receipts"
RECEIPTS_KEPT = 10


def _receipt_remember(request: HttpRequest, inquiry: Inquiry) -> None:
    """This browser session sent `inquiry`: only it may see the receipt with the summary."""
    kept = [pk for pk in request.session.get(RECEIPTS_SESSION_KEY, []) if pk != inquiry.pk]
    request.session[RECEIPTS_SESSION_KEY] = [*kept, inquiry.pk][-RECEIPTS_KEPT:]


def _receipt_sent_here(request: HttpRequest, inquiry: Inquiry) -> bool:
    return inquiry.pk in request.session.get(RECEIPTS_SESSION_KEY, [])


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache  # it echoes the contact person's data back on errors, and carries a CSRF token
def inquiry_create_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public form: no account needed; spam stopped by honeypot, start time and rate limit."""
    region = region_get(slug=slug)
    if not region_takes_inquiries(region):
        return _no_front_door(request, region)
    municipalities = region_municipalities(region=region)
    chosen = [m.pk for m in municipalities if m.number == request.GET.get("kommune")]
    form = PublicInquiryForm(
        request.POST or None,
        municipalities=municipalities,
        initial={"municipalities": chosen} if chosen else None,
    )
    if request.method == "POST" and form.is_valid():
        if form.spam_detected:
            return redirect("inquiries:inquiry-thanks")  # tell a bot nothing
        if rate_limit_exceeded(client_ip(request), limit=5, window_seconds=3600):
            form.add_error(
                None, _("Vi har fått mange henvendelser fra deg nå. Prøv igjen om en time.")
            )
            return render(
                request,
                "inquiries/inquiry_form.html",
                _form_context(region, form, public=True),
                status=429,
            )
        try:
            inquiry, created = inquiry_submit_public(
                region=region,
                data=form.inquiry_input(),
                contact=form.contact_input(),
                form_token=form_token_key(form.cleaned_data.get("started", "")),
                language=get_language(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            # A second submit of the same form lands on the first one's receipt, in the session
            # that sent it; a replayed token from elsewhere learns nothing about the first.
            if created:
                _receipt_remember(request, inquiry)
            return redirect("inquiries:inquiry-thanks")
    return render(request, "inquiries/inquiry_form.html", _form_context(region, form, public=True))


@require_safe
@never_cache  # the receipt is the sender's own data, for this session only
def inquiry_thanks(request: HttpRequest) -> HttpResponse:
    """The receipt: case number and a summary of what was sent, shown only to the sending session."""
    pks = request.session.get(RECEIPTS_SESSION_KEY, [])
    inquiry = Inquiry.objects.filter(pk=pks[-1]).first() if pks else None
    receipt = None
    if inquiry is not None and _receipt_sent_here(request, inquiry):
        receipt = inquiry_receipt(inquiry)
    contact = InquiryContact.objects.filter(inquiry=inquiry).first() if receipt else None
    return render(
        request,
        "inquiries/thanks.html",
        {"receipt": receipt, "mailed_to": contact.email if contact else ""},
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """What we store about the contact person, why, how long, who sees it, how to have it erased."""
    return render(
        request, "inquiries/privacy.html", {"retention_days": presenters.retention_days()}
    )


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
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry_create_staff(request: HttpRequest, slug: str) -> HttpResponse:
    """A business developer registers an inquiry for a business after a call or a visit."""
    region = region_get(slug=slug)
    if not can_register_for_region(user=request.user, region=region):
        raise PermissionDenied
    if not region_takes_inquiries(region):
        return _no_front_door(request, region)
    form = InquiryForm(request.POST or None, municipalities=region_municipalities(region=region))
    if request.method == "POST" and form.is_valid():
        try:
            inquiry = inquiry_submit(
                region=region,
                data=form.inquiry_input(),
                contact=form.contact_input(),
                actor=_user(request),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Henvendelsen er registrert."))
            return redirect(inquiry)
    return render(request, "inquiries/inquiry_form.html", _form_context(region, form, public=False))


@login_required
@require_safe
@vary_on_headers("HX-Request")
def inbox(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The region's shared inbox: every inquiry, filterable; no personal data."""
    region = _region_for_staff(request, slug)
    filter_form = InboxFilterForm(request.GET or None)
    inquiries = inquiry_list_for(user=request.user, region=region, **filter_form.filters())
    query = request.GET.copy()
    query.pop("side", None)
    page = Paginator(inquiries, INBOX_PAGE_SIZE).get_page(request.GET.get("side"))
    personal = personal_data_checker(user=request.user)
    context = {
        "region": region,
        "filter_form": filter_form,
        "page": page,
        # Sole proprietorships' (and unconfirmed) names only for those who may see personal data.
        "identity_visible_ids": {
            inquiry.pk
            for inquiry in page
            if not inquiry.company_identity_withheld or personal(inquiry)
        },
        "query": query.urlencode(),
        "can_register": region_takes_inquiries(region)
        and can_register_for_region(user=request.user, region=region),
        "takes_inquiries": region_takes_inquiries(region),
        "alternatives": [] if region_takes_inquiries(region) else active_regions_for(region=region),
    }
    return render(
        request, partial_template(request, "inquiries/inbox.html", "inbox-table"), context
    )


def _detail_context(request: HttpRequest, inquiry: Inquiry, **forms: Form) -> dict[str, Any]:
    municipalities = region_municipalities(region=inquiry.region)
    follow_up = can_follow_up(user=request.user, inquiry=inquiry)
    assign = can_assign(user=request.user, inquiry=inquiry)
    advisers = region_advisers(region=inquiry.region) if assign else []
    personal = can_see_personal_data(user=request.user, inquiry=inquiry)
    return {
        "inquiry": inquiry,
        "identity_visible": personal or not inquiry.company_identity_withheld,
        "can_follow_up": follow_up,
        "can_assign": assign and not inquiry.is_closed,
        "can_see_personal": personal,
        "suggestions": adviser_suggestions(inquiry=inquiry) if assign else [],
        "assign_form": forms.get("assign_form")
        or AssignForm(
            advisers=advisers,
            initial={
                "advisers": [a.pk for a in inquiry.assigned_advisers.all()],
                "version": inquiry.version,
            },
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "status_form": forms.get("status_form")
        or StatusForm(
            inquiry=inquiry, municipalities=municipalities, initial={"version": inquiry.version}
        ),
        "erase_form": forms.get("erase_form") or EraseForm(),
        "contact_form": forms.get("contact_form"),
        "contact_shown": "contact_form" in forms,
        "notes": inquiry.notes.select_related("author") if follow_up else [],
        "history": audit_entries_for(subject=inquiry) if follow_up else [],
    }


@login_required
@require_safe
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One inquiry: the business, its needs, follow-up and outcome. Contact details on request."""
    inquiry = _inquiry(request, pk)
    return render(request, "inquiries/inquiry_detail.html", _detail_context(request, inquiry))


@login_required
@require_safe
def inquiry_contact(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Show the contact person (logged as a view of personal data)."""
    inquiry = _inquiry(request, pk)
    try:
        contact = inquiry_contact_view(inquiry=inquiry, actor=_user(request))
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    context = {
        **_detail_context(request, inquiry),
        "contact": contact,
        "contact_shown": True,
        "contact_form": ContactForm(initial=_contact_initial(contact)),
    }
    return render(
        request, partial_template(request, "inquiries/inquiry_detail.html", "contact"), context
    )


def _contact_initial(contact: InquiryContact | None) -> dict[str, Any]:
    if contact is None:
        return {"version": NOT_CREATED}
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "version": contact.version,
    }


@login_required
@require_safe
def inquiry_contact_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the contact person, as JSON (an access request)."""
    inquiry = _inquiry(request, pk)
    try:
        exported = inquiry_contact_export(inquiry=inquiry, actor=_user(request))
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    response = JsonResponse(exported, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="henvendelse-{inquiry.pk}-personopplysninger.json"'
    )
    return response


def _post_on_inquiry(
    request: HttpRequest,
    pk: int,
    form_name: str,
    form: Form,
    action: Any,
    success: str,
    on_conflict: Any = None,
) -> HttpResponse:
    """Run `action(form)` for a valid form; re-render the page with errors next to fields otherwise.

    A conflict (closed meanwhile, changed meanwhile) re-renders the page as it is saved now, with
    the reason on top (409); `on_conflict(form, error)` may show both versions in the form.
    """
    inquiry = _inquiry(request, pk)
    status = 422
    if form.is_valid():
        try:
            action(inquiry, form)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except ValidationError as error:
            _apply_errors(form, error)
        except ConflictError as error:
            inquiry = _inquiry(request, pk)
            messages.error(request, error.message)
            if on_conflict is not None:
                on_conflict(inquiry, form, error)
            else:
                form_version_set(form, inquiry.version)
            status = 409
        else:
            messages.success(request, success)
            return redirect(inquiry)
    context = _detail_context(request, inquiry, **{form_name: form})
    return render(request, "inquiries/inquiry_detail.html", context, status=status)


@login_required
@require_POST
def inquiry_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    form = AssignForm(request.POST, advisers=region_advisers(region=inquiry.region))
    return _post_on_inquiry(
        request,
        pk,
        "assign_form",
        form,
        lambda inq, f: inquiry_assign(
            inquiry=inq,
            advisers=list(f.cleaned_data["advisers"]),
            actor=_user(request),
            expected_version=f.cleaned_data.get("version"),
        ),
        _("Henvendelsen er tildelt."),
    )


@login_required
@require_POST
def inquiry_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_on_inquiry(
        request,
        pk,
        "note_form",
        NoteForm(request.POST),
        lambda inq, f: inquiry_note_add(inquiry=inq, actor=_user(request), **f.cleaned_data),
        _("Notatet er lagret."),
    )


@login_required
@require_POST
def inquiry_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    form = StatusForm(
        request.POST, inquiry=inquiry, municipalities=region_municipalities(region=inquiry.region)
    )
    return _post_on_inquiry(
        request,
        pk,
        "status_form",
        form,
        lambda inq, f: inquiry_status_change(
            inquiry=inq,
            actor=_user(request),
            status=f.cleaned_data["status"],
            outcome_municipality=f.cleaned_data.get("outcome_municipality"),
            jobs_created=f.cleaned_data.get("jobs_created"),
            lost_reason=f.cleaned_data.get("lost_reason") or "",
            outcome_note=f.cleaned_data.get("outcome_note") or "",
            unmet_needs=f.cleaned_data.get("unmet_needs") or None,
            expected_version=f.cleaned_data.get("version"),
        ),
        _("Statusen er endret."),
    )


@login_required
@require_POST
def inquiry_contact_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the contact person; a bad value re-renders the page with the form shown."""
    form = ContactForm(request.POST)

    def show_both(inquiry: Inquiry, form: Form, error: ConflictError) -> None:
        saved = InquiryContact.objects.filter(inquiry=inquiry).first()
        # The contact's own history is the inquiry's (the audit names fields, never values).
        conflict_show(
            form,
            error,
            saved=_contact_initial(saved)
            | ({} if saved else {"name": "", "email": "", "phone": ""}),
            version=saved.version if saved else NOT_CREATED,
            history=audit_entries_for(subject=inquiry),
        )

    return _post_on_inquiry(
        request,
        pk,
        "contact_form",
        form,
        lambda inq, f: inquiry_contact_update(
            inquiry=inq,
            actor=_user(request),
            name=f.cleaned_data["name"],
            email=f.cleaned_data["email"],
            phone=f.cleaned_data["phone"],
            expected_version=f.cleaned_data.get("version"),
        ),
        _("Kontaktopplysningene er oppdatert."),
        on_conflict=show_both,
    )


@login_required
@require_POST
def inquiry_contact_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_on_inquiry(
        request,
        pk,
        "erase_form",
        EraseForm(request.POST),
        lambda inq, f: inquiry_contact_erase(
            inquiry=inq, actor=_user(request), reason=f.cleaned_data["reason"]
        ),
        _("Personopplysningene er slettet."),
    )


@login_required
@require_POST
def note_done(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(InquiryNote.objects.select_related("inquiry"), pk=pk)
    inquiry = _inquiry(request, note.inquiry_id)
    try:
        inquiry_note_complete(note=note, actor=_user(request))
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("Neste steg er markert som utført."))
    return redirect(_safe_next(request, request.POST.get("next"), inquiry.get_absolute_url()))


@login_required
@require_safe
def overdue(request: HttpRequest, slug: str) -> HttpResponse:
    """Next steps past their due date, on open inquiries the user follows up."""
    region = _region_for_staff(request, slug)
    return render(
        request,
        "inquiries/overdue.html",
        {"region": region, "notes": overdue_notes_for(user=request.user, region=region)},
    )


@login_required
@require_safe
def reports(request: HttpRequest, slug: str) -> HttpResponse:
    """Inquiries by need, municipality, outcome and response time, and unmet demand."""
    region = _region_for_staff(request, slug)
    demand_form = UnmetDemandForm(request.GET or None)
    rows = inquiry_rows_for(user=request.user, region=region)
    context = {
        "region": region,
        "demand_form": demand_form,
        **presenters.report_context(rows, *demand_form.values()),
    }
    return render(request, "inquiries/reports.html", context)


@login_required
@require_safe
def report_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """All the region's inquiries as CSV or Excel (no personal data)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    region = _region_for_staff(request, slug)
    rows = inquiry_rows_for(user=request.user, region=region)
    table = inquiries_table(rows, title=_("Henvendelser – {region}").format(region=region.name))
    return table_response(table, file_format=fmt, name=f"henvendelser-{region.slug}")


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
