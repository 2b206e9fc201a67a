"""Factories for analysis runs (the statistics themselves are real: see tests/conftest.py)."""

from typing import Any

import factory
from factory import LazyFunction, Sequence  # type: ignore[attr-defined]  # factory_boy has no stubs

from samspill.analyses.models import AnalysisRun


def default_parameters() -> dict[str, Any]:
    return {
        "year": 2022,
        "minimum_size": 1000.0,
        "minimum_self_containment": 0.6667,
        "target_size": 10000.0,
        "target_self_containment": 0.75,
    }


class AnalysisRunFactory(factory.django.DjangoModelFactory[AnalysisRun]):
    class Meta:
        model = AnalysisRun

    kind = AnalysisRun.Kind.LABOUR_MARKET_REGIONS
    parameters = LazyFunction(default_parameters)  # type: ignore[no-untyped-call]
    data_fingerprint = "test"
    cache_key = Sequence(lambda n: f"{n:064d}")  # type: ignore[no-untyped-call]
