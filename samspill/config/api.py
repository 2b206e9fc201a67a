"""The JSON API (django-ninja): one router per app, OpenAPI description at /api/openapi.json."""

from typing import Any

from django.core.exceptions import ValidationError as ModelValidationError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema

from samspill.analyses.api import router as analyses_router
from samspill.challenges.api import router as challenges_router
from samspill.collaboration.api import router as collaboration_router
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.inquiries.api import router as inquiries_router
from samspill.knowledge.api import router as knowledge_router
from samspill.land.api import router as land_router
from samspill.notifications.api import router as notifications_router
from samspill.population.api import router as population_router
from samspill.projects.api import router as projects_router
from samspill.regions.api import router as regions_router
from samspill.search.api import router as search_router
from samspill.stats.api import router as stats_router
from samspill.strategy.api import router as strategy_router

UNPARSEABLE_BODY = {
    "description": "The body is not valid JSON (django-ninja answers before the operation runs)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


class SamspillAPI(NinjaAPI):
    """Every operation that reads a body says that an unparseable one is answered with 400.

    django-ninja itself answers `{"detail": "Cannot parse request body"}` before the operation
    runs, so the description states it once here instead of in every write's `response=`."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for path in schema["paths"].values():
            for operation in path.values():
                if isinstance(operation, dict) and "requestBody" in operation:
                    operation["responses"].setdefault(400, UNPARSEABLE_BODY)
        return schema


api = SamspillAPI(
    title="Samspill API",
    version="1",
    description=(
        "Åpne data om regioner og kommuner, og (med innlogging) regionens eget arbeid. "
        "Kilde for statistikk: Statistisk sentralbyrå; kart: © Kartverket (CC BY 4.0)."
    ),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Bad input answers 422 with the reason for each field, never 500."""
    return api.create_response(
        request,
        {"detail": "Ugyldig forespørsel / invalid request", "errors": error.errors},
        status=422,
    )


@api.exception_handler(ConflictError)
def conflict(request: HttpRequest, error: ConflictError) -> HttpResponse:
    """Someone else changed the object first, or it is closed: 409 with the current version."""
    return api.create_response(
        request,
        {"detail": error.message, "current_version": error.current_version},
        status=409,
    )


@api.exception_handler(PermissionDeniedError)
def permission_denied(request: HttpRequest, error: PermissionDeniedError) -> HttpResponse:
    """A service refused the user (they may read the object, not change it): 403 with the reason."""
    return api.create_response(request, {"detail": str(error)}, status=403)


@api.exception_handler(ModelValidationError)
def invalid_values(request: HttpRequest, error: ModelValidationError) -> HttpResponse:
    """A service or model refused the values: 422 with every message, by field where known."""
    fields = error.message_dict if hasattr(error, "error_dict") else {}
    return api.create_response(
        request,
        {"detail": "; ".join(error.messages), "errors": fields},
        status=422,
    )


@api.exception_handler(MultiPartParserError)
def unreadable_body(request: HttpRequest, error: MultiPartParserError) -> HttpResponse:
    """A form body that cannot be parsed (e.g. multipart without boundary) is 400, not 500."""
    return api.create_response(
        request,
        {"detail": f"Kan ikke lese forespørselen / unreadable request body: {error}"},
        status=400,
    )


@api.exception_handler(RawPostDataException)
def form_body_instead_of_json(request: HttpRequest, error: RawPostDataException) -> HttpResponse:
    """The CSRF check read a form body, so the JSON body is gone: the client sent the wrong type."""
    return api.create_response(
        request,
        {"detail": "Send JSON (Content-Type: application/json) / send the body as JSON"},
        status=415,
    )


api.add_router("/regions", regions_router)
api.add_router("/stats", stats_router)
api.add_router("/inquiries", inquiries_router)
api.add_router("/strategy", strategy_router)
api.add_router("/analyses", analyses_router)
api.add_router("/search", search_router)
api.add_router("/knowledge", knowledge_router)
api.add_router("/notifications", notifications_router)
api.add_router("/land", land_router)
api.add_router("/population", population_router)
api.add_router("/collaboration", collaboration_router)
api.add_router("/projects", projects_router)
api.add_router("/challenges", challenges_router)
