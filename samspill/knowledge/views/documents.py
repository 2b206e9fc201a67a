"""Documents: list, upload, memos, detail, edit, attach and delete; the template library."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import services
from samspill.knowledge.forms import (
    DocumentMetaForm,
    DocumentUploadForm,
    MemoForm,
    TemplateUseForm,
)
from samspill.knowledge.links import LINK_TARGETS, link_object_get
from samspill.knowledge.markdown import markdown_render
from samspill.knowledge.models import DocumentKind
from samspill.knowledge.selectors import (
    DocumentFilters,
    can_approve,
    can_delete_document,
    can_edit_document,
    decision_visibility_q,
    document_get_for,
    document_links,
    document_list_for,
    group_choices,
    version_list,
    writable_regions,
)
from samspill.knowledge.views.common import _actor, _form_page, _run, _upload, _writable_region
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_list, region_members


def _meta_kwargs(form: Any) -> dict[str, Any]:
    data = form.cleaned_data
    keys = (
        "title",
        "kind",
        "summary",
        "date",
        "author_name",
        "municipalities",
        "tags",
        "visibility",
        "group",
        "is_reusable",
    )
    return {key: data[key] for key in keys}


def _region_municipalities(region: Region) -> Any:
    return Municipality.objects.filter(
        pk__in=[m.municipality.pk for m in region_members(region=region)]
    )


@require_safe
def document_list(request: HtmxHttpRequest) -> HttpResponse:
    """Every document the user may read, filtered by region, kind and tag."""
    region = None
    if slug := request.GET.get("region", ""):
        region = Region.objects.filter(slug=slug).first()
    kind = request.GET.get("type", "")
    filters = DocumentFilters(
        region=region,
        kind=kind if kind in DocumentKind.values else "",
        tag=request.GET.get("stikkord", "")[:60],
    )
    context = {
        "documents": document_list_for(user=request.user, filters=filters)[:200],
        "filters": filters,
        "kinds": DocumentKind.choices,
        "regions": region_list(),
        "writable_regions": writable_regions(user=request.user),
        "group_region_ids": access_for(user=request.user).coordinated_region_ids
        if not access_for(user=request.user).is_site_admin
        else {r.pk for r in writable_regions(user=request.user)},
    }
    return render(request, "knowledge/document_list.html", context)


@require_safe
def template_list(request: HtmxHttpRequest) -> HttpResponse:
    """The library of reusable templates and good examples."""
    context = {
        "documents": document_list_for(
            user=request.user, filters=DocumentFilters(reusable_only=True)
        ),
        "can_use": bool(writable_regions(user=request.user)),
    }
    return render(request, "knowledge/template_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Upload a file as a new document in a region."""
    region = _writable_region(request, slug)
    form = DocumentUploadForm(
        request.POST or None,
        request.FILES or None,
        municipalities=_region_municipalities(region),
        groups=group_choices(region=region),
    )
    if request.method == "POST" and form.is_valid():
        document = _run(
            form,
            lambda: services.document_create(
                actor=_actor(request),
                region=region,
                upload=_upload(form),
                note=form.cleaned_data["note"],
                **_meta_kwargs(form),
            ),
        )
        if document:
            messages.success(request, _("Dokumentet er lagret."))
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("Last opp dokument – %(region)s") % {"region": region.name},
        back=region.get_absolute_url(),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def memo_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Write a new memo in Markdown."""
    region = _writable_region(request, slug)
    form = MemoForm(
        request.POST or None,
        municipalities=_region_municipalities(region),
        groups=group_choices(region=region),
        initial={"kind": DocumentKind.MEMO},
    )
    if request.method == "POST" and form.is_valid():
        document = _run(
            form,
            lambda: services.document_create(
                actor=_actor(request),
                region=region,
                body_markdown=form.cleaned_data["body_markdown"],
                **_meta_kwargs(form),
            ),
        )
        if document:
            messages.success(request, _("Notatet er lagret."))
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("Nytt notat – %(region)s") % {"region": region.name},
        back=region.get_absolute_url(),
    )


@require_safe
def document_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A document: metadata, the latest content, every version (with approval), links, history."""
    document = document_get_for(user=request.user, pk=pk)
    versions = version_list(document=document)
    latest = versions[0] if versions else None
    access = access_for(user=request.user)
    context = {
        "document": document,
        "versions": versions,
        "latest": latest,
        "latest_html": mark_safe(markdown_render(latest.body_markdown))  # noqa: S308 - cleaned by nh3
        if latest and latest.is_memo
        else "",
        "links": document_links(user=request.user, document=document),
        "decisions": document.decisions.filter(decision_visibility_q(user=request.user)),
        "municipalities": document.municipalities.all(),
        "can_edit": can_edit_document(user=request.user, document=document),
        "can_approve": can_approve(user=request.user, document=document),
        "can_delete": can_delete_document(user=request.user, document=document),
        "can_use_template": document.is_reusable and bool(writable_regions(user=request.user)),
        "history": audit_entries_for(subject=document)
        if access.can_view_region(document.region_id)
        else [],
    }
    return render(request, "knowledge/document_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change a document's metadata (title, kind, visibility …) with the version check."""
    document = document_get_for(user=request.user, pk=pk)
    if not can_edit_document(user=request.user, document=document):
        raise PermissionDenied
    form = DocumentMetaForm(
        request.POST or None,
        municipalities=_region_municipalities(document.region),
        groups=group_choices(region=document.region),
        initial=DocumentMetaForm.initial_from(document),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.document_update(
                actor=_actor(request),
                document=document,
                expected_version=int(form.cleaned_data["version"]),
                **_meta_kwargs(form),
            ),
            reload=lambda: document_get_for(user=request.user, pk=pk),
            initial_of=DocumentMetaForm.initial_from,
        )
    ):
        return redirect(document)
    return _form_page(request, form, title=_("Endre dokumentet"), back=document.get_absolute_url())


@login_required
@require_POST
def document_attach(request: HtmxHttpRequest, key: str, object_id: int) -> HttpResponse:
    """Attach an existing document to the object whose page the form is on."""
    obj = link_object_get(key=key, object_id=object_id)
    target = LINK_TARGETS.get(key)
    if obj is None or target is None or not target.can_view(access_for(user=request.user), obj):
        raise Http404
    raw = request.POST.get("document", "")
    document = document_get_for(user=request.user, pk=int(raw) if raw.isdigit() else 0)
    try:
        if services.document_link_add(actor=_actor(request), document=document, obj=obj):
            messages.success(request, _("«%(title)s» er koblet hit.") % {"title": document.title})
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else document)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Ask, then move a document to the trash (its registrant or an administrator)."""
    document = document_get_for(user=request.user, pk=pk)
    if not can_delete_document(user=request.user, document=document):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.document_trash(actor=_actor(request), document=document)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except ConflictError as error:
            messages.error(request, str(error))
            return redirect("knowledge:document-list")
        messages.success(
            request,
            _("Dokumentet «%(title)s» er lagt i papirkurven.") % {"title": document.title},
        )
        return redirect("knowledge:trash-list")
    context = {
        "document": document,
        "versions": version_list(document=document),
        "days": services.trash_days(),
    }
    return render(request, "knowledge/document_delete.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def template_use(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """ "Use this template": a new document in one of the user's regions, from the template."""
    template = document_get_for(user=request.user, pk=pk)
    regions = writable_regions(user=request.user)
    if not template.is_reusable or not regions:
        raise PermissionDenied
    form = TemplateUseForm(
        request.POST or None,
        regions=regions,
        initial={"title": template.title, "region": regions[0]},
    )
    if request.method == "POST" and form.is_valid():
        document = _run(
            form,
            lambda: services.template_use(
                actor=_actor(request),
                template=template,
                region=form.cleaned_data["region"],
                title=form.cleaned_data["title"],
            ),
        )
        if document:
            messages.success(request, _("Nytt dokument laget fra malen."))
            return redirect(document)
    return _form_page(
        request,
        form,
        title=_("Bruk malen «%(title)s»") % {"title": template.title},
        back=template.get_absolute_url(),
    )
