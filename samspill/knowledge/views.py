"""Shared-knowledge pages: documents, versions, memos, templates and the decision log.

Thin: parse → selector/service → render. Files are only ever served by `version_file`, after the
same visibility check as the document page (there is no public media URL).
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import CONTENT_TYPES, table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import exports, services
from samspill.knowledge.forms import (
    DecisionFilterForm,
    DecisionForm,
    DocumentGroupForm,
    DocumentMetaForm,
    DocumentUploadForm,
    MemoForm,
    TemplateUseForm,
    VersionUploadForm,
    errors_to_form,
)
from samspill.knowledge.links import LINK_TARGETS, link_object_get
from samspill.knowledge.markdown import markdown_render
from samspill.knowledge.models import Decision, DocumentGroup, DocumentKind
from samspill.knowledge.selectors import (
    DecisionFilters,
    DocumentFilters,
    can_approve,
    can_delete_document,
    can_edit_document,
    can_write_region,
    decision_documents_for,
    decision_get_for,
    decision_links,
    decision_list_for,
    decision_visibility_q,
    decision_years,
    document_get_for,
    document_links,
    document_list_for,
    group_choices,
    group_people,
    version_get_for,
    version_list,
    writable_regions,
)
from samspill.knowledge.uploads import UploadRefusedError, oversize_error
from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_get, region_list, region_members


def _actor(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _run(form: Any, action: Any, *, reload: Any = None, initial_of: Any = None) -> Any:
    """Call a service; validation errors and refused files land on the form, refusals are 403."""
    try:
        return action()
    except UploadRefusedError as error:
        form.add_error("file" if "file" in form.fields else None, error.message)
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None:
            form.add_error(None, str(error))
        else:
            saved = reload()
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def _form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    return render(request, "knowledge/form_page.html", context, status=status)


def _upload(form: Any) -> services.Upload | None:
    uploaded = form.cleaned_data.get("file")
    if not uploaded:
        return None
    if uploaded.size > settings.KNOWLEDGE_UPLOAD_MAX_BYTES:  # refused without reading it
        raise oversize_error(uploaded.size, settings.KNOWLEDGE_UPLOAD_MAX_BYTES)
    return services.Upload(name=uploaded.name, data=uploaded.read())


def _writable_region(request: HtmxHttpRequest, slug: str) -> Region:
    region = region_get(slug=slug)
    if not can_write_region(access=access_for(user=request.user), region=region):
        raise PermissionDenied
    return region


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


# Documents -------------------------------------------------------------------------------------


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
    """Ask, then delete a document with all its versions (its registrant or an administrator)."""
    document = document_get_for(user=request.user, pk=pk)
    if not can_delete_document(user=request.user, document=document):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.document_delete(actor=_actor(request), document=document)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(
            request, _("Dokumentet «%(title)s» er slettet.") % {"title": document.title}
        )
        return redirect("knowledge:document-list")
    context = {"document": document, "versions": version_list(document=document)}
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


# Decisions -------------------------------------------------------------------------------------


def _decision_filters(request: HtmxHttpRequest, region: Region) -> tuple[Any, DecisionFilters]:
    form = DecisionFilterForm(
        request.GET or None, years=decision_years(user=request.user, region=region)
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, DecisionFilters(body=data["organ"], year=data["ar"], text=data["q"])
    return form, DecisionFilters()


@require_safe
def decision_log(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The region's decision log, filterable by body, year and text."""
    region = region_get(slug=slug)
    form, filters = _decision_filters(request, region)
    context = {
        "region": region,
        "form": form,
        "decisions": decision_list_for(user=request.user, region=region, filters=filters),
        "can_add": can_write_region(access=access_for(user=request.user), region=region),
        "query": request.GET.urlencode(),
    }
    return render(request, "knowledge/decision_log.html", context)


@require_safe
def decision_export(request: HtmxHttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The decision log as filtered on the page, as CSV or XLSX."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    region = region_get(slug=slug)
    _form, filters = _decision_filters(request, region)
    decisions = list(decision_list_for(user=request.user, region=region, filters=filters))
    table = exports.decision_table(region=region, decisions=decisions)
    return table_response(table, file_format=fmt, name=f"{region.slug}-vedtak")


def _decision_initial(decision: Decision) -> dict[str, Any]:
    fields = ("body", "body_name", "date", "case_number", "title", "text", "visibility", "version")
    initial = {field: getattr(decision, field) for field in fields}
    initial["documents"] = list(decision.documents.all())
    return initial


def _decision_documents(request: HtmxHttpRequest, region: Region) -> Any:
    return document_list_for(user=request.user, filters=DocumentFilters(region=region))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Record a decision in the region's log."""
    region = _writable_region(request, slug)
    form = DecisionForm(request.POST or None, documents=_decision_documents(request, region))
    if request.method == "POST" and form.is_valid():
        decision = _run(
            form,
            lambda: services.decision_create(
                actor=_actor(request), region=region, **form.cleaned_data
            ),
        )
        if decision:
            return redirect(decision)
    return _form_page(
        request,
        form,
        title=_("Nytt vedtak – %(region)s") % {"region": region.name},
        back=region.get_absolute_url(),
    )


@require_safe
def decision_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    context = {
        "decision": decision,
        "documents": decision_documents_for(user=request.user, decision=decision),
        "links": decision_links(user=request.user, decision=decision),
        "can_edit": access.can_edit_region(decision.region_id),
        "history": audit_entries_for(subject=decision)
        if access.can_view_region(decision.region_id)
        else [],
    }
    return render(request, "knowledge/decision_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    if not access_for(user=request.user).can_edit_region(decision.region_id):
        raise PermissionDenied
    form = DecisionForm(
        request.POST or None,
        documents=_decision_documents(request, decision.region),
        initial=_decision_initial(decision),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if _run(
            form,
            lambda: services.decision_update(
                actor=_actor(request),
                decision=decision,
                expected_version=int(form.cleaned_data["version"]),
                **data,
            ),
            reload=lambda: decision_get_for(user=request.user, pk=pk),
            initial_of=_decision_initial,
        ):
            return redirect(decision)
    return _form_page(request, form, title=_("Endre vedtaket"), back=decision.get_absolute_url())


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
