"""Settings of the application processes that tests/core/test_shared_state.py starts.

The production settings (DEBUG off, everything from the environment) with one change: static
file addresses are not looked up in collectstatic's manifest, so the processes start without a
collectstatic run (1–2 minutes on a busy 2-core machine). Static files play no part in those tests;
`samspill serve` and the load test (bench/load.py) serve collected files as production does.
"""

from samspill.config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
