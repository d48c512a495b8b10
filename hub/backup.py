"""Encrypted backups of the hub database: SQLite's backup API or pg_dump/pg_restore, sealed under the
master key (envelope encryption, like every secret at the hub)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from hub.sealing import Sealer
from station.errors import StoreError, UsageError

CONTEXT = "hub.backup"
MAGIC = "pacific-hub-backup-1\n"


def _libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup(engine: Engine, sealer: Sealer, out: Path) -> int:
    """Write an encrypted backup to ``out``; returns its size in bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "dump"
        if engine.dialect.name == "sqlite":
            source = sqlite3.connect(str(engine.url.database))
            target = sqlite3.connect(str(raw))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={raw}",
                  f"--dbname={_libpq_url(engine)}"])  # fmt: skip
        sealed = MAGIC + sealer.seal(raw.read_bytes(), CONTEXT)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(sealed)
    return out.stat().st_size


def restore(engine: Engine, sealer: Sealer, source: Path) -> None:
    """Replace the database with the backup's content (the hub must be stopped)."""
    text = source.read_text(encoding="ascii")
    if not text.startswith(MAGIC):
        raise UsageError("Not a hub backup file")
    data = sealer.open_bytes(text[len(MAGIC) :], CONTEXT)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "dump"
        raw.write_bytes(data)
        if engine.dialect.name == "sqlite":
            engine.dispose()
            target = Path(str(engine.url.database))
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copyfile(raw, target)
        else:
            engine.dispose()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  f"--dbname={_libpq_url(engine)}", str(raw)])  # fmt: skip


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise StoreError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    proc = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if proc.returncode != 0:
        raise StoreError(f"{command[0]} failed with exit code {proc.returncode}")
