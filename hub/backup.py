"""Encrypted backups of the hub database: SQLite's backup API or pg_dump/pg_restore, sealed under the
master key (envelope encryption, like every secret at the hub).

As on the station (station/services/backup_keeper.py), each backup carries a clear index line, MACed
under a key derived from the hub's audit key: when its buyer data must be gone (``erase_by``) and which
sellers it holds. Backups past ``erase_by`` are pruned by the purge; `seller forget` deletes every
backup holding that seller. A backup whose index does not verify is trusted for nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from hub.sealing import Sealer
from station.errors import StoreError, UsageError

CONTEXT = "hub.backup"
MAGIC = "pacific-hub-backup-1\n"


def index_key(audit_key: bytes) -> bytes:
    return hmac.new(audit_key, b"pacific-hub-backup-index", hashlib.sha256).digest()


def _libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _index_line(index: dict[str, Any], key: bytes) -> str:
    body = json.dumps(index, sort_keys=True)
    return json.dumps({"index": index, "mac": hmac.new(key, body.encode(), hashlib.sha256).hexdigest()}) + "\n"


def read_index(path: Path, key: bytes) -> dict[str, Any] | None:
    """The verified index of a backup file, or None (not a hub backup, or the index was edited)."""
    try:
        with open(path, encoding="ascii") as handle:
            if handle.readline() != MAGIC:
                return None
            data = json.loads(handle.readline())
        index = data["index"]
        body = json.dumps(index, sort_keys=True)
        good = hmac.compare_digest(str(data["mac"]), hmac.new(key, body.encode(), hashlib.sha256).hexdigest())
        return index if good and isinstance(index, dict) else None
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def backup(engine: Engine, sealer: Sealer, out: Path, index: dict[str, Any], key: bytes) -> int:
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
        sealed = MAGIC + _index_line(index, key) + sealer.seal(raw.read_bytes(), CONTEXT)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(sealed)
    return out.stat().st_size


def restore(engine: Engine, sealer: Sealer, source: Path) -> None:
    """Replace the database with the backup's content (the hub must be stopped)."""
    lines = source.read_text(encoding="ascii").split("\n", 2)
    if len(lines) != 3 or lines[0] + "\n" != MAGIC:
        raise UsageError("Not a hub backup file")
    data = sealer.open_bytes(lines[2], CONTEXT)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "dump"
        raw.write_bytes(data)
        engine.dispose()
        if engine.dialect.name == "sqlite":
            target = Path(str(engine.url.database))
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copyfile(raw, target)
        else:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  f"--dbname={_libpq_url(engine)}", str(raw)])  # fmt: skip


def due(paths: list[Path], key: bytes, now: str, seller: str | None = None) -> list[Path]:
    """Backups that must go: past their erase_by (or, with ``seller``, holding that seller); an
    unverifiable index counts as due."""
    gone = []
    for path in paths:
        index = read_index(path, key)
        if index is None:
            gone.append(path)
        elif seller is not None:
            if seller in index.get("sellers", []):
                gone.append(path)
        elif str(index.get("erase_by", "")) <= now:
            gone.append(path)
    return gone


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise StoreError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    proc = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if proc.returncode != 0:
        raise StoreError(f"{command[0]} failed with exit code {proc.returncode}")
