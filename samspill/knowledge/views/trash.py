"""The trash: deleted documents, restorable by their registrant or an administrator until purged."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import services
from samspill.knowledge.selectors import trash_get_for, trash_list_for
from samspill.knowledge.views.common import _actor


@login_required
@require_safe
def trash_list(request: HtmxHttpRequest) -> HttpResponse:
    """The documents in the trash the user may restore, with the day each is deleted for good."""
    days = services.trash_days()
    rows = [
        (
            document,
            timezone.localdate(document.trashed_at),
            timezone.localdate(document.trashed_at + datetime.timedelta(days=days)),
        )
        for document in trash_list_for(user=request.user)
        if document.trashed_at is not None
    ]
    return render(request, "knowledge/trash_list.html", {"rows": rows, "days": days})


@login_required
@require_POST
def trash_restore(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Restore a document from the trash (its registrant or an administrator)."""
    document = trash_get_for(user=request.user, pk=pk)
    try:
        restored = services.document_restore(actor=_actor(request), document=document)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        messages.error(request, str(error))
        return redirect("knowledge:trash-list")
    messages.success(
        request, _("Dokumentet «%(title)s» er gjenopprettet.") % {"title": restored.title}
    )
    return redirect(restored)
