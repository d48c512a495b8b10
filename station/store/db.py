"""The encrypted database: open with a raw key, pragmas, forward-only migrations, transactions."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import sqlcipher3

from station.errors import StoreError

log = logging.getLogger(__name__)

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
CACHE_KIB = 64 * 1024


def migrations() -> list[tuple[int, str, str]]:
    """All migrations shipped with the code as (version, name, sql), in order."""
    found = []
    for entry in resources.files("station.store.migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for index, (version, name, _) in enumerate(found, start=1):
        if version != index:
            raise RuntimeError(f"migration numbering has a gap at {name}")
    return found


def code_schema_version() -> int:
    return len(migrations())


class Database:
    """One SQLCipher connection shared under a lock; ``transaction()`` serialises writers.

    ``plain=True`` opens an unencrypted SQLite file with the same schema and pragmas (benchmarks only).
    """

    def __init__(self, path: Path, key: bytes | None, *, plain: bool = False, create: bool = False):
        if not plain and (key is None or len(key) != 32):
            raise StoreError("The store key must be 32 bytes")
        self.path = Path(path)
        existed = self.path.exists() and self.path.stat().st_size > 0
        if not existed and not create:
            raise StoreError(f"No station database at {self.path.name}; run 'pacific-station init'")
        if existed:
            self._check_file_header(plain)
        self._lock = threading.RLock()
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []
        self.conn: Any = sqlcipher3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        try:
            if not plain:
                assert key is not None
                self.conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            if not existed:
                # Must be set before the first table exists.
                self.conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            self._probe()
            self._pragmas()
            self._migrate()
        except Exception:
            self.conn.close()
            raise

    def _check_file_header(self, plain: bool) -> None:
        with self.path.open("rb") as handle:
            head = handle.read(16)
        if not plain and head == PLAIN_SQLITE_MAGIC:
            raise StoreError("This file is an unencrypted SQLite database, not a station store")

    def _probe(self) -> None:
        """Read the schema once: a wrong key or a foreign file fails here, before any write."""
        try:
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise StoreError("Cannot open the station store: wrong key, or the file is not a station database") from exc

    def _pragmas(self) -> None:
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("journal mode is %s, not WAL", mode)
        for pragma in (
            "PRAGMA synchronous = FULL",
            "PRAGMA foreign_keys = ON",
            "PRAGMA secure_delete = ON",
            "PRAGMA busy_timeout = 5000",
            # 64 MiB of decrypted pages (default 8 MB): every cache miss costs an AES + HMAC-SHA512 page.
            f"PRAGMA cache_size = {-CACHE_KIB:d}",
        ):
            self.conn.execute(pragma)

    def _migrate(self) -> None:
        current = self.user_version()
        shipped = migrations()
        if current > len(shipped):
            raise StoreError(
                f"The station store is at schema {current}, newer than this program ({len(shipped)}); "
                "install the newer Pacific Prep Station"
            )
        if current == len(shipped):
            return
        # Foreign keys off while tables are rebuilt (SQLite's "generalized ALTER TABLE"): a DROP would
        # otherwise cascade. Each migration checks the keys itself before it commits.
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            for version, name, sql in shipped[current:]:
                log.info("applying migration %s", name)
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    for statement in split_sql(sql):
                        self.conn.execute(statement)
                    broken = self.conn.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(f"Migration {name} would break {len(broken)} foreign key(s)")
                    self.conn.execute(f"PRAGMA user_version = {version:d}")
                    self.conn.execute("COMMIT")
                except Exception:
                    self.conn.execute("ROLLBACK")
                    raise
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A write transaction (BEGIN IMMEDIATE); nested calls join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self._after_commit = []
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                self._after_commit = []
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")
            callbacks, self._after_commit = self._after_commit, []
            for callback in callbacks:  # still under the lock: they run in commit order
                callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the outermost transaction commits (now, outside one); dropped on rollback."""
        with self._lock:
            if self._depth:
                self._after_commit.append(callback)
                return
        callback()

    @contextmanager
    def exclusive(self) -> Iterator[Any]:
        """The connection with no transaction open, held against other threads (ATTACH, export)."""
        with self._lock:
            if self._depth:
                raise RuntimeError("exclusive() inside a transaction")
            yield self.conn

    def export_to(self, target: Path, key: bytes) -> None:
        """Copy the whole database into a new SQLCipher file under another key (backups, restore)."""
        with self.exclusive() as conn:
            conn.execute("ATTACH DATABASE ? AS bak KEY ?", (str(target), f"x'{key.hex()}'"))
            try:
                conn.execute("SELECT sqlcipher_export('bak')")
                conn.execute(f"PRAGMA bak.user_version = {self.user_version():d}")
            finally:
                conn.execute("DETACH DATABASE bak")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        with self._lock:
            return list(self.conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        with self._lock:
            return self.conn.execute(sql, params).fetchone()

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        with self.transaction() as conn:
            return conn.execute(sql, params)

    def compact(self) -> None:
        """Push erased bytes out of the file and the WAL (after purges and deletions)."""
        with self._lock:
            self.conn.execute("PRAGMA incremental_vacuum")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self.conn.close()


def split_sql(script: str) -> list[str]:
    """Split a migration into statements; triggers (BEGIN … END;) stay whole."""
    statements: list[str] = []
    buffer: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buffer.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if upper.endswith("END;"):
                statements.append("\n".join(buffer))
                buffer, in_trigger = [], False
        elif stripped.endswith(";"):
            statements.append("\n".join(buffer))
            buffer = []
    if buffer:
        statements.append("\n".join(buffer))
    return statements
