"""The durable outbox: what must reach Amazon, written in the same transaction as the local change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from station.store.db import Database


@dataclass(frozen=True)
class OutboxEntry:
    entry_id: int
    kind: str
    seller_id: str
    order_id: str
    idempotency_key: str
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: str
    last_error: str


_COLUMNS = (
    "entry_id, kind, seller_id, order_id, idempotency_key, payload, status, attempts, next_attempt_at, last_error"
)


def _entry(r: Any) -> OutboxEntry:
    return OutboxEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7], r[8], r[9])


class Outbox:
    def __init__(self, db: Database):
        self.db = db

    def enqueue(
        self, kind: str, seller_id: str, order_id: str, idempotency_key: str, payload: dict[str, Any], *, now: str
    ) -> int:
        """Add an entry (joins the caller's transaction); the same key twice is one entry."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox (kind, seller_id, order_id, idempotency_key, payload, created_at, next_attempt_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                (kind, seller_id, order_id, idempotency_key, json.dumps(payload, sort_keys=True), now, now),
            )
            row = conn.execute("SELECT entry_id FROM outbox WHERE idempotency_key = ?", (idempotency_key,)).fetchone()
        return int(row[0])

    def due(self, now: str, limit: int = 100) -> list[OutboxEntry]:
        rows = self.db.query(
            f"SELECT {_COLUMNS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? "
            "ORDER BY entry_id LIMIT ?",
            (now, limit),
        )
        return [_entry(r) for r in rows]

    def pending(self) -> list[OutboxEntry]:
        return [
            _entry(r)
            for r in self.db.query(f"SELECT {_COLUMNS} FROM outbox WHERE status = 'pending' ORDER BY entry_id")
        ]

    def get(self, entry_id: int) -> OutboxEntry | None:
        row = self.db.query_one(f"SELECT {_COLUMNS} FROM outbox WHERE entry_id = ?", (entry_id,))
        return None if row is None else _entry(row)

    def mark_delivered(self, entry_id: int, *, now: str) -> None:
        self.db.execute(
            "UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = '' "
            "WHERE entry_id = ?",
            (now, entry_id),
        )

    def mark_retry(self, entry_id: int, *, error: str, next_attempt_at: str) -> None:
        self.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE entry_id = ?",
            (error[:500], next_attempt_at, entry_id),
        )

    def mark_failed(self, entry_id: int, *, error: str) -> None:
        """Give up on an entry that can never succeed (a lead must look at it)."""
        self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE entry_id = ?",
            (error[:500], entry_id),
        )

    def cancel_pending(self, idempotency_key: str) -> int:
        """Withdraw a not-yet-delivered entry (joins the caller's transaction); returns how many were pending."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET status = 'cancelled' WHERE idempotency_key = ? AND status = 'pending'",
                (idempotency_key,),
            )
        return int(cur.rowcount or 0)

    def depth(self) -> int:
        return int(self.db.query_one("SELECT count(*) FROM outbox WHERE status = 'pending'")[0])

    def failed_count(self) -> int:
        return int(self.db.query_one("SELECT count(*) FROM outbox WHERE status = 'failed'")[0])


class Cursors:
    """Sync cursors per (seller, name), e.g. ('A1…', 'orders.lastUpdatedAfter')."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, seller_id: str, name: str) -> str | None:
        row = self.db.query_one("SELECT value FROM sync_cursors WHERE seller_id = ? AND name = ?", (seller_id, name))
        return None if row is None else str(row[0])

    def set(self, seller_id: str, name: str, value: str, *, now: str) -> None:
        self.db.execute(
            "INSERT INTO sync_cursors (seller_id, name, value, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (seller_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (seller_id, name, value, now),
        )
