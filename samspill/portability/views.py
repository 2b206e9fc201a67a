"""Coordinators download their region's data as an archive (without personal data)."""

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from samspill.accounts.selectors import access_for
from samspill.portability.services import region_export
from samspill.regions.selectors import region_get


@login_required
@require_safe
def region_export_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The region's archive for `samspill import_region`; personal data only from the CLI."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    buffer = io.BytesIO()
    region_export(
        region=region,
        destination=buffer,
        with_personal_data=False,
        actor=request.user,  # type: ignore[arg-type]  # login_required guarantees a User
    )
    name = f"samspill-{region.slug}-{timezone.localdate():%Y-%m-%d}.zip"
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
