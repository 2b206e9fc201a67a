"""The region's shared inbox and an inquiry's case handling (contact, assignment, notes, status)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show, form_version_set
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest, partial_template
from samspill.inquiries.forms import (
    AssignForm,
    ContactForm,
    EraseForm,
    InboxFilterForm,
    InquiryForm,
    NoteForm,
    StatusForm,
)
from samspill.inquiries.models import (
    Inquiry,
    InquiryContact,
    InquiryNote,
)
from samspill.inquiries.selectors import (
    active_regions_for,
    adviser_suggestions,
    can_assign,
    can_follow_up,
    can_register_for_region,
    can_see_personal_data,
    inquiry_get_for,
    inquiry_list_for,
    personal_data_checker,
    region_advisers,
    region_municipalities,
)
from samspill.inquiries.services import (
    NOT_CREATED,
    inquiry_assign,
    inquiry_contact_erase,
    inquiry_contact_export,
    inquiry_contact_update,
    inquiry_contact_view,
    inquiry_note_add,
    inquiry_note_complete,
    inquiry_status_change,
    inquiry_submit,
    region_takes_inquiries,
)
from samspill.inquiries.views.common import (
    _apply_errors,
    _form_context,
    _no_front_door,
    _region_for_staff,
    _safe_next,
    _user,
)
from samspill.regions.selectors import region_get

INBOX_PAGE_SIZE = 50


def _inquiry(request: HttpRequest, pk: int) -> Inquiry:
    try:
        return inquiry_get_for(user=request.user, pk=pk)
    except Inquiry.DoesNotExist as error:
        raise Http404 from error


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
