"""Whole-database backup and restore, for `samspill backup` and `samspill restore`.

SQLite: the online backup API (a consistent copy while the site runs, WAL included) into a
SQLite file; restore copies it back the same way. PostgreSQL: `pg_dump --format=custom` and
`pg_restore --clean --if-exists`, which must be on PATH (package postgresql-client of the
server's major version). Files (MEDIA_ROOT) are backed up with the file system, not here.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(Exception):
    """A backup or restore could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    """What was written or read."""

    path: Path
    engine: str
    size_bytes: int

    def __str__(self) -> str:
        return f"{self.path} ({self.engine}, {self.size_bytes:,} bytes)".replace(",", " ")


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def database_backup(*, path: Path, alias: str = "default") -> BackupResult:
    """Write a consistent copy of the database to `path` (SQLite file or pg_dump archive)."""
    engine = _engine(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _run_postgres("pg_dump", ["--format=custom", "--no-owner", f"--file={path}"], alias=alias)
    return BackupResult(path=path, engine=engine, size_bytes=path.stat().st_size)


def database_restore(*, path: Path, alias: str = "default") -> BackupResult:
    """Replace the database's contents with the backup at `path`."""
    engine = _engine(alias)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    if engine == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError(f"{path} is not an intact SQLite database.")
            connection = connections[alias]
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup: {error}") from error
        finally:
            source.close()
    else:
        connections[alias].close()
        _run_postgres(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)],
            alias=alias,
        )
    return BackupResult(path=path, engine=engine, size_bytes=path.stat().st_size)


def _run_postgres(tool: str, arguments: list[str], *, alias: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} is not on PATH. Install the PostgreSQL client tools of the server's "
            "version (Debian: apt install postgresql-client), or see README, Deploying."
        )
    settings: dict[str, Any] = connections[alias].settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    options = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        options.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        options.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        options.append(f"--username={settings['USER']}")
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from our settings
        [executable, *options, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
