"""Helpers the collaboration views share: the acting user, running a service, the form page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.collaboration.forms import DeleteForm, errors_to_form
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    ProjectRights,
    project_get_for,
)
from samspill.core.conflicts import conflict_show, form_version_set
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.regions.models import Region

FORMATS = ("csv", "xlsx", "pdf")


def actor_of(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def run_service(
    form: Any,
    action: Callable[[], Any],
    *,
    reload: Callable[[], Any] | None = None,
    initial_of: Callable[[Any], dict[str, Any]] | None = None,
) -> Any:
    """Call a service: validation errors land next to the fields, conflicts above the form."""
    try:
        return action()
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None or initial_of is None:
            form.add_error(None, error.message)
        elif (saved := reload()) is None:
            form.add_error(None, _("Noen andre har slettet dette mens du arbeidet med det."))
        else:
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else (422 if form.errors else 200)
    return render(request, "collaboration/form_page.html", context, status=status)


def project_for(request: HtmxHttpRequest, pk: int, right: str) -> tuple[Project, ProjectRights]:
    project, rights = project_get_for(user=request.user, pk=pk)
    if right == "can_view_internal" and not rights.can_view_internal:
        raise Http404
    if not getattr(rights, right):
        raise PermissionDenied
    return project, rights


def regions_for(request: HtmxHttpRequest) -> Any:
    access = access_for(user=request.user)
    regions = Region.objects.all()
    if not access.is_site_admin:
        regions = regions.filter(pk__in=access.coordinated_region_ids)
    return regions


def simple_create(
    request: HtmxHttpRequest,
    pk: int,
    *,
    form_class: type,
    right: str,
    title: str,
    saved: str,
    call: Callable[[Project, dict[str, Any]], Any],
    back: Callable[[Project], str] | None = None,
    form_kwargs: Callable[[Project], dict[str, Any]] | None = None,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    project, _rights = project_for(request, pk, right)
    form = form_class(
        request.POST or None, initial=initial, **(form_kwargs(project) if form_kwargs else {})
    )
    target = back(project) if back else project.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: call(project, form.cleaned_data))
        if done:
            messages.success(request, saved)
            return redirect(target)
    return form_page(
        request, form, title=f"{title} – {project.title}", back=target, project=project
    )


def object_edit(
    request: HtmxHttpRequest,
    *,
    instance: Any,
    project: Project,
    allowed: bool,
    form_class: Any,
    update: Callable[[int | None, dict[str, Any]], Any],
    title: str,
    saved: str,
    back: str,
    delete_url: str = "",
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """An edit form of a versioned row: the loser of a race sees both versions and the history."""
    if not allowed:
        raise PermissionDenied
    model = type(instance)
    form = form_class(
        request.POST or None, initial=form_class.initial_from(instance), **(form_kwargs or {})
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: update(
                form.cleaned_data["version"],
                {k: v for k, v in form.cleaned_data.items() if k != "version"},
            ),
            reload=lambda: model.objects.filter(pk=instance.pk).first(),
            initial_of=form_class.initial_from,
        )
    ):
        messages.success(request, saved)
        return redirect(back)
    return form_page(
        request,
        form,
        title=f"{title} – {project.title}",
        back=back,
        project=project,
        delete_url=delete_url,
        history=audit_entries_for(subject=instance),
    )


def object_delete(
    request: HtmxHttpRequest,
    *,
    instance: Any,
    project: Project,
    allowed: bool,
    delete: Callable[[int | None], None],
    title: str,
    back: str,
    done: str,
    refusal: str = "",
) -> HttpResponse:
    """Confirm, then delete the version the user saw; a later change by someone else stops it.

    `refusal` says why the object may not be deleted at all (the page explains instead of asking);
    a service's own refusal (a ValidationError) lands above the form the same way.
    """
    if not allowed:
        raise PermissionDenied
    form = DeleteForm(request.POST or None, initial={"version": instance.version})
    if request.method == "POST" and form.is_valid() and not refusal:
        try:
            delete(form.cleaned_data["version"])
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except ValidationError as error:
            refusal = " ".join(error.messages)
        except ConflictError:
            current = type(instance).objects.filter(pk=instance.pk).first()
            if current is None:
                messages.info(request, _("Noen andre har allerede slettet dette."))
                return redirect(done)
            form_version_set(form, current.version)
            form.add_error(
                None,
                _(
                    "Noen andre har endret dette etter at du åpnet siden. Se den lagrede "
                    "versjonen og historikken under, og slett på nytt om du fortsatt vil."
                ),
            )
            instance = current
        else:
            messages.success(request, _("«%(name)s» er slettet.") % {"name": str(instance)})
            return redirect(done)
    context = {
        "form": form,
        "page_title": f"{title} – {project.title}",
        "back_url": back,
        "instance": instance,
        "refusal": refusal,
        "history": audit_entries_for(subject=instance),
    }
    status = 409 if form.non_field_errors() else (422 if form.errors else 200)
    if refusal and request.method == "POST":
        status = 422
    return render(request, "collaboration/delete_page.html", context, status=status)
