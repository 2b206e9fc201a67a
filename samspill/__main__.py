"""The `samspill` console command: Django's management commands under one name."""

import os
import sys


def main() -> None:
    """Run a management command, e.g. `samspill import_municipalities` or `samspill demo`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([*sys.argv[:1], *sys.argv[1:]] if sys.argv else ["samspill"])


if __name__ == "__main__":
    main()
