"""Front-end packages from node_modules, collected and served as only the files the pages use.

`settings.STATIC_VENDOR_FILES` names each package's folder, the prefix it is served under and
the glob patterns of the files the templates load (and the files those reference: fonts, images,
source maps). Finding whole package folders instead made `collectstatic` copy, hash and compress
3 681 files (every Inter weight and script, every Chart.js build), about two minutes of CPU on
every deployment and in every test that starts a server; the pages use a few dozen.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage


class VendorFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.files: dict[str, tuple[FileSystemStorage, str]] = {}
        self.missing: list[str] = []
        for prefix, root, patterns in settings.STATIC_VENDOR_FILES:
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix  # type: ignore[attr-defined]  # read by collectstatic
            for pattern in patterns:
                found = sorted(p for p in Path(root).glob(pattern) if p.is_file())
                if not found:
                    self.missing.append(f"{root}/{pattern}")
                for path in found:
                    relative = path.relative_to(root).as_posix()
                    self.files[f"{prefix}/{relative}"] = (storage, relative)

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return [
            Error(
                f"No front-end file matches {pattern}.",
                hint="Run `make install` (npm ci) to install the front-end packages.",
                id="samspill.E010",
            )
            for pattern in self.missing
        ]

    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:  # type: ignore[override]
        match = self.files.get(path)
        if match is None:
            return [] if find_all else None
        storage, relative = match
        full = storage.path(relative)
        return [full] if find_all else full

    def list(
        self, ignore_patterns: Iterable[str] | None
    ) -> Iterator[tuple[str, FileSystemStorage]]:
        for storage, relative in self.files.values():
            yield relative, storage
