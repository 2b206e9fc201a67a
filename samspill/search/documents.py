"""What an app hands the index: one `SearchDocument` per object, and providers for a rebuild.

Apps describe their objects here (in their own `search.py`) and call `search.services.index_update`
/ `index_remove` from their services; `search` never imports the apps. Providers registered in an
app's `AppConfig.ready()` let `samspill search rebuild` walk every object.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from samspill.search.models import Audience, Kind


@dataclass(frozen=True)
class SearchDocument:
    kind: Kind
    object_id: int
    title: str
    url_name: str
    url_args: tuple[object, ...]
    audience: Audience
    body: str = ""
    tags: tuple[str, ...] = ()
    date: datetime.date | None = None
    region_id: int | None = None
    municipality_id: int | None = None
    municipality_ids: tuple[int, ...] = ()
    reader_ids: tuple[int, ...] = ()
    is_example: bool = False


Provider = Callable[[], Iterable[SearchDocument]]
_PROVIDERS: dict[Kind, Provider] = {}


def register(kind: Kind, provider: Provider) -> None:
    """Register the function that lists every document of a kind (for `samspill search rebuild`)."""
    _PROVIDERS[kind] = provider


def providers() -> dict[Kind, Provider]:
    return dict(_PROVIDERS)
