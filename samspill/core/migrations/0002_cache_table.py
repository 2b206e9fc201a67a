"""The database cache's table (`samspill_cache`), so `migrate` alone makes the default cache work.

It is created whichever cache is configured: switching CACHE_URL between Redis and the database
then needs no extra step. `createcachetable` is what Django offers for this; it is idempotent.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from samspill.config.env import CACHE_TABLE


def create_cache_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_loaded_dataset")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
