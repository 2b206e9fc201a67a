import subprocess
import sys

import pytest

MODULES = [
    "samspill.analytics",
    "samspill.analytics.columns",
    "samspill.analytics.commuting",
    "samspill.analytics.growth",
    "samspill.analytics.industry_types",
    "samspill.analytics.shift_share",
    "samspill.analytics.specialisation",
]


def test_the_library_imports_no_django():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in MODULES)
        + "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        + "print(leaked)\n"
        + "raise SystemExit(1 if leaked else 0)\n"
    )

    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_opening_a_database_connection_fails_the_test(request):
    if not request.config.pluginmanager.hasplugin("django"):  # pragma: no cover
        pytest.skip("pytest-django is not active")
    from django.db import connection

    with pytest.raises(RuntimeError, match="Database access not allowed"):
        connection.ensure_connection()
