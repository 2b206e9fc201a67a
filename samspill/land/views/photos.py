"""Photos of a site: shown to whoever may see the site, added and removed by its editors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge.uploads import oversize_error
from samspill.land import selectors, services
from samspill.land.forms import PhotoForm, errors_to_form
from samspill.land.views.common import form_page, request_actor


@require_safe
def site_photo(request: HtmxHttpRequest, pk: int, photo: int) -> HttpResponse:
    """The image itself, through the site's access check (no public media folder)."""
    found = selectors.site_photo_get_for(user=request.user, pk=pk, photo=photo)
    try:
        with found.file.open("rb") as handle:
            content = handle.read()
    except OSError as error:  # the row outlived its file (restored database, lost volume)
        raise Http404 from error
    response = HttpResponse(content, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if found.site.is_published else "private"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def site_photo_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for(user=request.user, pk=pk)
    if not selectors.can_edit_site(access=access_for(user=request.user), site=site):
        raise PermissionDenied
    max_bytes = settings.LAND_PHOTO_MAX_BYTES
    form = PhotoForm(request.POST or None, request.FILES or None, max_bytes=max_bytes)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > max_bytes:  # refused without reading it
                raise ValidationError({"file": [oversize_error(upload.size, max_bytes).message]})
            services.site_photo_add(
                actor=request_actor(request),
                site=site,
                name=upload.name,
                data=upload.read(),
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(request, _("Bildet er lagt til."))
            return redirect(site)
    return form_page(
        request,
        form,
        title=_("Legg til bilde av %(name)s") % {"name": site.name},
        back=site.get_absolute_url(),
        multipart=True,
    )


@login_required
@require_POST
def site_photo_delete(request: HtmxHttpRequest, pk: int, photo: int) -> HttpResponse:
    found = selectors.site_photo_get_for(user=request.user, pk=pk, photo=photo)
    if not selectors.can_edit_site(access=access_for(user=request.user), site=found.site):
        raise PermissionDenied
    try:
        services.site_photo_delete(actor=request_actor(request), photo=found)
    except ConflictError as error:
        messages.error(request, str(error))
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    else:
        messages.success(request, _("Bildet er fjernet."))
    return redirect("land:site-detail", pk=pk)


def _seen_order(raw: str) -> list[int]:
    """The photo ids as the editor saw them ("12,15,13"); nonsense gives [] (a conflict)."""
    try:
        return [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        return []


@login_required
@require_POST
def site_photo_move(request: HtmxHttpRequest, pk: int, photo: int) -> HttpResponse:
    """Move a photo one place up or down (plain buttons: keyboard and screen reader as is)."""
    found = selectors.site_photo_get_for(user=request.user, pk=pk, photo=photo)
    if not selectors.can_edit_site(access=access_for(user=request.user), site=found.site):
        raise PermissionDenied
    direction = request.POST.get("direction", "")
    try:
        services.site_photo_move(
            actor=request_actor(request),
            photo=found,
            direction=direction,
            seen_order=_seen_order(request.POST.get("order", "")),
        )
    except ConflictError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    else:
        if direction == "up":
            messages.success(
                request, _("Bildet «%(alt)s» er flyttet opp.") % {"alt": found.alt_text}
            )
        else:
            messages.success(
                request, _("Bildet «%(alt)s» er flyttet ned.") % {"alt": found.alt_text}
            )
    return redirect(f"{found.site.get_absolute_url()}#bilde-{found.pk}")
