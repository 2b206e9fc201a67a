"""The steps of `samspill demo`, in order. Each loads real data through the normal importers.

A step is skipped when its input files are unchanged since it last ran (fingerprint of names,
sizes and modification times), which keeps a second `make run` fast.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from samspill.core.models import LoadedDataset

REPO_DIR = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class DemoStep:
    """One named loading step and the files it depends on."""

    key: str
    label: str
    inputs: Callable[[], list[Path]]
    run: Callable[[], object]


def fingerprint(paths: list[Path]) -> str:
    """A hash of the files' paths, sizes and modification times (not their content: fast)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _shared(*parts: str) -> Path:
    return Path(settings.SHARED_DATA_DIR, *parts)


def _municipality_inputs() -> list[Path]:
    return sorted(_shared("kommuner").glob("*.csv")) + sorted(
        _shared("geo").glob("kommuner_*.geojson")
    )


STEPS: list[DemoStep] = [
    DemoStep(
        key="municipalities",
        label="Kommuner, reformhistorikk og kommunegrenser",
        inputs=_municipality_inputs,
        run=lambda: call_command("import_municipalities", verbosity=0),
    ),
    DemoStep(
        key="regions",
        label="Demoregioner (fra seed-dokumentene)",
        inputs=lambda: [REPO_DIR / "demo" / "regions.csv", *_municipality_inputs()],
        run=lambda: call_command(
            "import_regions", str(REPO_DIR / "demo" / "regions.csv"), verbosity=0
        ),
    ),
]


def step_is_current(step: DemoStep, print_hash: str) -> bool:
    """True when the step already ran with exactly these inputs."""
    return LoadedDataset.objects.filter(key=step.key, fingerprint=print_hash).exists()


def step_mark_done(step: DemoStep, print_hash: str) -> None:
    """Remember that the step ran with these inputs."""
    LoadedDataset.objects.update_or_create(key=step.key, defaults={"fingerprint": print_hash})
