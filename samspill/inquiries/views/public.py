"""The front door for businesses: the public inquiry form, its receipt and the privacy notice."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.selectors import access_for
from samspill.core.clientip import client_ip
from samspill.inquiries import presenters
from samspill.inquiries.forms import (
    FrontDoorForm,
    PublicInquiryForm,
)
from samspill.inquiries.models import (
    Inquiry,
    InquiryContact,
)
from samspill.inquiries.receipts import inquiry_receipt
from samspill.inquiries.selectors import (
    front_door_places,
    region_municipalities,
)
from samspill.inquiries.services import (
    inquiry_submit_public,
    region_takes_inquiries,
)
from samspill.inquiries.spam import form_token_key, rate_limit_exceeded
from samspill.inquiries.views.common import _apply_errors, _form_context, _no_front_door
from samspill.regions.selectors import region_get


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
