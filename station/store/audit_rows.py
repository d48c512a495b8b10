"""Storage of the audit trail rows. The chain logic lives in station.services.audit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from station.store.db import Database


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    severity: str
    target: str
    detail: str  # JSON
    mac: str


class AuditRows:
    def __init__(self, db: Database):
        self.db = db

    def last(self, conn: Any | None = None) -> AuditRow | None:
        c = conn or self.db.conn
        row = c.execute(
            "SELECT seq, at, actor, action, severity, target, detail, mac FROM audit_events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return None if row is None else AuditRow(*row)

    def insert(self, conn: Any, row: AuditRow) -> None:
        conn.execute(
            "INSERT INTO audit_events (seq, at, actor, action, severity, target, detail, mac) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (row.seq, row.at, row.actor, row.action, row.severity, row.target, row.detail, row.mac),
        )

    def after(self, seq: int, limit: int = 1000) -> list[AuditRow]:
        """Rows after ``seq`` in chain order (the next batch to upload to the hub)."""
        rows = self.db.query(
            "SELECT seq, at, actor, action, severity, target, detail, mac FROM audit_events "
            "WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
        )
        return [AuditRow(*r) for r in rows]

    def iter_all(self, batch: int = 2000) -> Iterator[AuditRow]:
        """All rows in storage order (rowid), so reordering is visible to the verifier."""
        last_rowid = 0
        while True:
            rows = self.db.query(
                "SELECT rowid, seq, at, actor, action, severity, target, detail, mac FROM audit_events "
                "WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last_rowid, batch),
            )
            if not rows:
                return
            for r in rows:
                yield AuditRow(*r[1:])
            last_rowid = rows[-1][0]

    def search(
        self, *, action: str = "", actor: str = "", severity: str = "", since: str = "", limit: int = 500
    ) -> list[AuditRow]:
        where, params = ["1=1"], []
        for column, value in (("action", action), ("actor", actor), ("severity", severity)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if since:
            where.append("at >= ?")
            params.append(since)
        rows = self.db.query(
            "SELECT seq, at, actor, action, severity, target, detail, mac FROM audit_events "
            f"WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT ?",
            (*params, limit),
        )
        return [AuditRow(*r) for r in rows]

    def count(self, *, action: str, actor: str = "", since: str = "", until: str = "") -> int:
        where, params = ["action = ?"], [action]
        if actor:
            where.append("actor = ?")
            params.append(actor)
        if since:
            where.append("at >= ?")
            params.append(since)
        if until:
            where.append("at < ?")
            params.append(until)
        return int(
            self.db.query_one(f"SELECT count(*) FROM audit_events WHERE {' AND '.join(where)}", tuple(params))[0]
        )

    def hourly_counts(self, *, action: str, actor: str, since: str, until: str) -> list[int]:
        """Counts per clock hour (only hours with events) for the monitor's baseline."""
        rows = self.db.query(
            "SELECT substr(at, 1, 13) AS hour, count(*) FROM audit_events "
            "WHERE action = ? AND actor = ? AND at >= ? AND at < ? GROUP BY hour",
            (action, actor, since, until),
        )
        return [int(r[1]) for r in rows]
