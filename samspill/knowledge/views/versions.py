"""A document's versions: add, download (the only way a file is served), approve, delete."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import services
from samspill.knowledge.forms import (
    VersionUploadForm,
)
from samspill.knowledge.selectors import (
    can_edit_document,
    document_get_for,
    version_get_for,
    version_list,
)
from samspill.knowledge.views.common import _actor, _form_page, _run, _upload


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def version_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A new version: upload a file, or edit the memo's text (the old versions stay)."""
    document = document_get_for(user=request.user, pk=pk)
    if not can_edit_document(user=request.user, document=document):
        raise PermissionDenied
    latest = version_list(document=document)[:1]
    initial: dict[str, Any] = {"version": document.version}
    if latest and latest[0].is_memo:
        initial["body_markdown"] = latest[0].body_markdown
    form = VersionUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = _run(
            form,
            lambda: services.document_version_add(
                actor=_actor(request),
                document=document,
                upload=_upload(form),
                body_markdown=form.cleaned_data["body_markdown"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if version:
            messages.success(
                request, _("Versjon %(number)s er lagret.") % {"number": version.number}
            )
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("Ny versjon – %(title)s") % {"title": document.title},
        back=document.get_absolute_url(),
        multipart=True,
    )


@require_safe
def version_file(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The stored file of a version, only for those who may read the document.

    Read whole (uploads are capped by KNOWLEDGE_UPLOAD_MAX_BYTES) so no file handle outlives the
    request; served with its checked media type, `nosniff` and a sandboxing CSP."""
    version = version_get_for(user=request.user, pk=pk)
    if not version.file:
        raise Http404
    try:
        with version.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as error:
        raise Http404 from error
    response = HttpResponse(content, content_type=version.content_type)
    inline = version.file_type in ("pdf", "png", "jpeg")
    response["Content-Disposition"] = (
        content_disposition_header(
            as_attachment=not inline,
            filename=version.file_name or f"dokument.{version.file_type}",
        )
        or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def version_approve(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Approve a version (the region's coordinators); it is locked from then on."""
    version = version_get_for(user=request.user, pk=pk)
    try:
        services.version_approve(actor=_actor(request), version=version)
        messages.success(request, _("Versjon %(n)s er godkjent og låst.") % {"n": version.number})
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        messages.error(request, str(error))
    return redirect(version.document)


@login_required
@require_POST
def version_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Remove an unapproved version (approved versions are locked)."""
    version = version_get_for(user=request.user, pk=pk)
    try:
        services.version_delete(actor=_actor(request), version=version)
        messages.success(request, _("Versjonen er slettet."))
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except (ConflictError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(version.document)
