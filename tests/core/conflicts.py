"""One check every edit form shares: two people edit the same object; nobody's save is lost."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from samspill.accounts.models import User


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_no_lost_update(
    *,
    url: str,
    form_name: str = "form",
    form_url: str | None = None,
    data: Callable[[str], dict[str, Any]],
    saved: Callable[[], str],
    anna: User,
    bjorn: User,
    saved_status: int = 302,
) -> str:
    """Anna and Bjørn open the same form; Bjørn saves first; Anna's save must not overwrite his.

    Anna gets the form again (409) with her value, Bjørn's value, his name and a message; saving
    once more (a deliberate choice) then stores her value. Returns the conflict page's HTML.
    """
    anna_client, bjorn_client = logged_in(anna), logged_in(bjorn)
    opened = anna_client.get(form_url or url)
    version = opened.context[form_name]["version"].value()
    assert version is not None, "the edit form carries the version it was loaded with"

    assert bjorn_client.post(url, data("Bjørns verdi") | {"version": version}).status_code == (
        saved_status
    )
    stale = anna_client.post(url, data("Annas verdi") | {"version": version})

    html = stale.content.decode()
    assert stale.status_code == 409
    assert saved() == "Bjørns verdi", "Bjørn's save is kept"
    assert "Endret av noen andre mens du redigerte" in html
    assert 'class="conflict-mine">Annas verdi<' in html
    assert 'class="conflict-theirs">Bjørns verdi<' in html
    assert str(bjorn) in html, "the conflict names who saved"

    current = stale.context[form_name]["version"].value()
    assert str(current) != str(version), "the form now carries the saved version"
    again = anna_client.post(url, data("Annas verdi") | {"version": current})
    assert again.status_code == saved_status
    assert saved() == "Annas verdi"
    return html
