"""Named groups managed by the region's coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.accounts.selectors import access_for
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import services
from samspill.knowledge.forms import (
    DocumentGroupForm,
)
from samspill.knowledge.models import DocumentGroup
from samspill.knowledge.selectors import (
    group_choices,
    group_people,
)
from samspill.knowledge.views.common import _actor, _form_page, _run
from samspill.regions.models import Region
from samspill.regions.selectors import region_get


def _group_region(request: HtmxHttpRequest, region: Region) -> None:
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_list(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A region's named groups and a form for a new one (the region's coordinators)."""
    region = region_get(slug=slug)
    _group_region(request, region)
    form = DocumentGroupForm(request.POST or None, people=group_people(region=region))
    if request.method == "POST" and form.is_valid():
        group = _run(
            form,
            lambda: services.document_group_create(
                actor=_actor(request),
                region=region,
                name=form.cleaned_data["name"],
                members=form.cleaned_data["members"],
            ),
        )
        if group:
            messages.success(request, _("Gruppen «%(name)s» er opprettet.") % {"name": group.name})
            return redirect("knowledge:group-list", slug=region.slug)
    groups = group_choices(region=region).prefetch_related("members")
    context = {"region": region, "groups": groups, "form": form}
    return render(request, "knowledge/group_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Rename a group or change who is in it."""
    group = DocumentGroup.objects.select_related("region").filter(pk=pk).first()
    if group is None:
        raise Http404
    _group_region(request, group.region)
    initial = {"name": group.name, "members": list(group.members.all())}
    form = DocumentGroupForm(
        request.POST or None, initial=initial, people=group_people(region=group.region)
    )
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda: services.document_group_update(
                actor=_actor(request),
                group=group,
                name=form.cleaned_data["name"],
                members=form.cleaned_data["members"],
            ),
        )
        if saved:
            messages.success(request, _("Gruppen er lagret."))
            return redirect("knowledge:group-list", slug=group.region.slug)
    return _form_page(
        request,
        form,
        title=_("Endre gruppen «%(name)s»") % {"name": group.name},
        back=reverse("knowledge:group-list", kwargs={"slug": group.region.slug}),
    )
