import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

MODULES = [
    "samspill.analytics",
    "samspill.analytics.columns",
    "samspill.analytics.commuting",
    "samspill.analytics.growth",
    "samspill.analytics.industry_types",
    "samspill.analytics.partitions",
    "samspill.analytics.ranking",
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


def test_every_reat_reference_case_has_a_golden_test():
    here = Path(__file__).resolve().parent
    expected = here.parents[1].parent / "shared" / "reference" / "reat" / "expected"
    cases = set(json.loads((expected / "reat_expected.json").read_text(encoding="utf-8")))
    sources = "".join(
        (here / name).read_text(encoding="utf-8")
        for name in ("test_shift_share.py", "test_specialisation.py")
    )
    patterns = re.findall(r'(?:EXPECTED\[|expected_rows\()f?"([^"]+)"', sources)
    covered = {
        case
        for case in cases
        if any(
            re.fullmatch(re.sub(r"\\\{[^}]+\\\}", ".+", re.escape(pattern)), case)
            for pattern in patterns
        )
    }
    csv_files = {path.name for path in expected.glob("*.csv")}

    assert covered == cases
    assert all(name in sources for name in csv_files)
