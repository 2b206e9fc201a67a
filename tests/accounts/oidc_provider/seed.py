"""Prepare the test provider's database: `python -m tests.accounts.oidc_provider.seed <json>`.

The JSON names the provider's users and its registered clients (see tests/accounts/conftest.py).
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.oidc_provider.settings")


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    seed = json.loads(sys.argv[1])
    call_command("migrate", verbosity=0)
    for person in seed["users"]:
        User.objects.create_user(**person)
    for client in seed["clients"]:
        Application.objects.create(
            name=client["name"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=client["redirect_uri"],
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )


if __name__ == "__main__":
    main()
