"""Shared by several analysis families: industry-type labels in the reader's language and shares
as percentages."""

from django.utils.translation import gettext_lazy

from samspill.analytics.industry_types import IndustryType

# The pure library names the types in Norwegian; pages show them in the reader's language.
INDUSTRY_TYPE_LABELS = {
    IndustryType.BASIC: gettext_lazy("basisnæringer"),
    IndustryType.VISITOR: gettext_lazy("besøksnæringer"),
    IndustryType.REGIONAL: gettext_lazy("regionale næringer"),
    IndustryType.LOCAL: gettext_lazy("lokale næringer"),
}


def industry_type_label(value: object) -> str:
    return str(INDUSTRY_TYPE_LABELS[IndustryType(str(value))])


def percent(value: float | None) -> float | None:
    """A share as a percentage, keeping None; rounded once, where it is shown (`|number:n`)."""
    return None if value is None else 100 * value
