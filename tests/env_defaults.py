"""Loaded by pytest before Django (`-p tests.env_defaults` in pyproject): test environment defaults.

pytest-django configures Django before any conftest's pytest_configure runs, so the defaults that
settings need (DEBUG, SECRET_KEY) are set here, at import time, and only where not already set.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
# One process per test database: an in-memory cache keeps query counts about the code under test
# (the two-process tests in tests/core/test_shared_state.py set their own).
os.environ.setdefault("CACHE_URL", "locmem://")
