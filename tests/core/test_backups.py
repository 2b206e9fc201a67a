"""`samspill backup` and `samspill restore`: a round trip gives back exactly the database backed up."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_DIR


def _samspill(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "samspill", *arguments],
        env=env,
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        check=True,
    )


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_sqlite_backup_and_restore_round_trip(tmp_path: Path) -> None:
    database = tmp_path / "samspill.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "1",
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SUPERUSER_PASSWORD": "Et-langt-passord-1",
    }
    _samspill(env, "migrate", "--noinput", "-v0")
    _samspill(env, "createsuperuser", "--noinput", "--username", "kari", "--email", "k@x.no")
    before = _dump(database)
    backup = tmp_path / "backups" / "samspill-backup.sqlite3"

    written = _samspill(env, "backup", str(backup))
    _samspill(env, "createsuperuser", "--noinput", "--username", "ola", "--email", "o@x.no")
    assert _dump(database) != before
    restored = _samspill(env, "restore", "--noinput", str(backup))

    assert "Backup written" in written.stdout
    assert "Restored" in restored.stdout
    assert _dump(database) == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "1",
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("this is not a database " * 100, encoding="utf-8")

    with pytest.raises(subprocess.CalledProcessError) as failure:
        _samspill(env, "restore", "--noinput", str(not_a_backup))

    assert "not a SQLite backup" in failure.value.stderr


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")) and shutil.which("pg_dump"):
        return url
    return None


@pytest.mark.skipif(_postgres_url() is None, reason="needs DATABASE_URL=postgres… and pg_dump")
def test_postgresql_backup_and_restore_round_trip(tmp_path: Path) -> None:
    import psycopg

    url = _postgres_url()
    assert url is not None
    base, _, name = url.rpartition("/")
    scratch = f"{name.split('?')[0]}_backup_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        with psycopg.connect(f"{base}/{scratch}", autocommit=True) as db:
            db.execute("CREATE TABLE kommune (nummer text PRIMARY KEY, navn text NOT NULL)")
            db.execute("INSERT INTO kommune VALUES ('5001', 'Trondheim'), ('5501', 'Tromsø')")
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"{base}/{scratch}"}
        backup = tmp_path / "samspill.dump"

        _samspill(env, "backup", str(backup))
        with psycopg.connect(f"{base}/{scratch}", autocommit=True) as db:
            db.execute("DELETE FROM kommune WHERE nummer = '5001'")
            db.execute("INSERT INTO kommune VALUES ('3301', 'Drammen')")
        _samspill(env, "restore", "--noinput", str(backup))

        with psycopg.connect(f"{base}/{scratch}") as db:
            rows = db.execute("SELECT nummer, navn FROM kommune ORDER BY nummer").fetchall()
        assert rows == [("5001", "Trondheim"), ("5501", "Tromsø")]
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
