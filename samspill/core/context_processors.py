"""Values every template needs."""

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Name of the product, for the header and page titles.

    Not `site_name`: Django's auth views (login, password reset) set that to the host."""
    return {"product_name": "Samspill"}
