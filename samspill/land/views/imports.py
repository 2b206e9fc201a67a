"""Importing a municipality's sites from one GeoJSON or CSV file (all rows, or none)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.exceptions import PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.land import selectors, services
from samspill.land.forms import ImportForm
from samspill.land.importing import COLUMNS, ImportFileError, rows_from_file
from samspill.land.views.common import request_actor


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def site_import(request: HtmxHttpRequest) -> HttpResponse:
    """A municipality's sites from one GeoJSON or CSV file: all rows, or none."""
    municipalities = selectors.editable_municipalities(user=request.user)
    if not municipalities.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    rejected: list[services.RejectedRow] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = rows_from_file(upload.name, upload.read())
            summary = services.sites_import(
                actor=request_actor(request),
                municipality=form.cleaned_data["municipality"],
                rows=rows,
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        except services.ImportRejectedError as error:
            rejected = error.rejected
            form.add_error(
                None,
                _("Ingen rader ble lagret: %(count)s rader har feil (se listen under).")
                % {"count": len(rejected)},
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("Importert: %(created)s nye og %(updated)s oppdaterte arealer.")
                % {"created": summary.created, "updated": summary.updated},
            )
            for name in summary.outside:
                messages.warning(
                    request, _("«%(name)s» ligger utenfor kommunegrensen.") % {"name": name}
                )
            return redirect("land:search")
    return render(
        request,
        "land/import.html",
        {"form": form, "rejected": rejected, "columns": COLUMNS},
    )
