"""Values every template needs."""

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Name of the product, for the header and page titles."""
    return {"site_name": "Samspill"}
