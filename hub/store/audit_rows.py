"""The hub's audit rows. Appends are serialised by a database lock so several hub processes share
one chain: pg_advisory_xact_lock on PostgreSQL, the single writer (plus a process lock) on SQLite."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from hub.store.tables import audit

AUDIT_LOCK_KEY = 0x5AC1F1C0  # any constant; names the advisory lock of the audit chain
_local = threading.Lock()


class AuditRows:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def append(self, make: Callable[[dict[str, Any] | None], dict[str, Any]]) -> dict[str, Any]:
        """Under the chain lock: read the last row, build the next with ``make(last)``, insert it."""
        for attempt in range(20):
            try:
                with _local, self.engine.begin() as conn:
                    self._lock(conn)
                    last = conn.execute(select(audit).order_by(audit.c.seq.desc()).limit(1)).first()
                    row = make(dict(last._mapping) if last else None)
                    conn.execute(insert(audit).values(**row))
                    return row
            except IntegrityError:
                # SQLite: a command-line process appended the same seq meanwhile; take the next one.
                if attempt == 19:
                    raise
        raise AssertionError("unreachable")

    def _lock(self, conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})

    def rows(self, *, after: int = 0, batch: int = 1000) -> Iterator[dict[str, Any]]:
        seq = after
        while True:
            with self.engine.connect() as conn:
                chunk = [
                    dict(r._mapping)
                    for r in conn.execute(select(audit).where(audit.c.seq > seq).order_by(audit.c.seq).limit(batch))
                ]
            yield from chunk
            if len(chunk) < batch:
                return
            seq = chunk[-1]["seq"]

    def count(
        self, *, action: str, actor: str | None = None, since: str = "", target: str | None = None,
        station: str | None = None,
    ) -> int:
        query = select(func.count()).select_from(audit).where(audit.c.action == action, audit.c.at >= since)
        if station is not None:
            query = query.where(audit.c.station == station)
        if actor is not None:
            query = query.where(audit.c.actor == actor)
        if target is not None:
            query = query.where(audit.c.target == target)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def details(self, action: str) -> list[str]:
        """The detail JSON of every row with this action, oldest first."""
        with self.engine.connect() as conn:
            return [str(d) for (d,) in conn.execute(select(audit.c.detail).where(audit.c.action == action)
                                                    .order_by(audit.c.seq))]  # fmt: skip

    def last(self) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(audit).order_by(audit.c.seq.desc()).limit(1)).first()
        return dict(r._mapping) if r else None
