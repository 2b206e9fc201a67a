"""Scenarios for the analyses tests.

The session database (tests/conftest.py) holds the real population 2006–2026, employed persons
2017–2022 and the commuting matrices of 2017 and 2022 for all of Norway; the Telemark
employment-by-industry file (SSB 13470) is loaded here when a test needs it.
"""

import pytest
from django.core.management import call_command

from samspill.stats.models import Series
from tests.conftest import SHARED_DIR

TELEMARK_FILE = (
    SHARED_DIR
    / "data"
    / "sysselsetting"
    / "telemark_sysselsatte_arbeidssted_naering_13470_2016_2025.csv"
)


@pytest.fixture
def commuting(db: None) -> Series:
    """The real commuting series (SSB 03321), loaded for the session."""
    return Series.objects.get(table_number="03321")


@pytest.fixture
def telemark_industries(db: None) -> Series:
    """Employed persons by workplace and industry in Telemark 2016–2025 (SSB 13470)."""
    call_command("import_ssb_table", str(TELEMARK_FILE), verbosity=0, no_progress=True)
    return Series.objects.get(table_number="13470")
