"""Helpers shared by the view families."""

from collections.abc import Sequence

from samspill.analyses.area import (
    allocation_years,
)
from samspill.analyses.forms import (
    NewJobsForm,
)
from samspill.analyses.selectors import (
    municipality_choices,
)
from samspill.regions.models import Municipality


def _new_jobs_form(
    data: object, *, default: str | None, numbers: Sequence[str] | None = None
) -> NewJobsForm:
    form = NewJobsForm(
        data,
        municipalities=municipality_choices(numbers=numbers),
        years=list(allocation_years()),
    )
    if default:
        form.fields["municipality"].initial = default
    return form


def _current_municipalities() -> dict[str, str]:
    return dict(Municipality.objects.filter(valid_to__isnull=True).values_list("number", "name"))
