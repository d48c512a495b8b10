"""Operators: credentials as Argon2id hashes, badge digests, lockout and TOTP replay state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from station.store.db import Database

_COLUMNS = (
    "operator_id, name, role, secret_hash, badge_digest, totp_last_step, failed_logins, locked_until, disabled, "
    "language"
)


@dataclass(frozen=True)
class OperatorRow:
    operator_id: int
    name: str
    role: str
    secret_hash: str
    badge_digest: str | None
    totp_last_step: int
    failed_logins: int
    locked_until: str | None
    disabled: bool
    language: str = "en"

    def __repr__(self) -> str:
        return f"OperatorRow({self.name!r}, {self.role})"


def _row(row: Any) -> OperatorRow:
    return OperatorRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]), row[9])


class Operators:
    def __init__(self, db: Database):
        self.db = db

    def add(self, name: str, role: str, secret_hash: str, badge_digest: str | None, *, now: str, by: str) -> int:
        cur = self.db.execute(
            "INSERT INTO operators (name, role, secret_hash, badge_digest, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (name, role, secret_hash, badge_digest, now, by),
        )
        return int(cur.lastrowid)

    def by_name(self, name: str) -> OperatorRow | None:
        row = self.db.query_one(f"SELECT {_COLUMNS} FROM operators WHERE name = ?", (name,))
        return None if row is None else _row(row)

    def by_badge(self, badge_digest: str) -> OperatorRow | None:
        row = self.db.query_one(f"SELECT {_COLUMNS} FROM operators WHERE badge_digest = ?", (badge_digest,))
        return None if row is None else _row(row)

    def list(self) -> list[OperatorRow]:
        return [_row(r) for r in self.db.query(f"SELECT {_COLUMNS} FROM operators ORDER BY name")]

    def count(self) -> int:
        return int(self.db.query_one("SELECT count(*) FROM operators")[0])

    def take_attempt(self, operator_id: int, *, now: str, limit: int) -> bool:
        """Count one login attempt BEFORE the slow hash; False when locked out or ``limit`` are pending.

        One UPDATE ... RETURNING, so parallel attempts cannot all read "not locked yet" and all be checked.
        """
        with self.db.transaction() as conn:
            row = conn.execute(
                "UPDATE operators SET failed_logins = failed_logins + 1 WHERE operator_id = ? "
                "AND (locked_until IS NULL OR locked_until <= ?) AND failed_logins < ? RETURNING failed_logins",
                (operator_id, now, limit),
            ).fetchone()
        return row is not None

    def settle_failure(self, operator_id: int, *, limit: int, locked_until: str) -> bool:
        """After a failed check: lock the operator once the counted attempts reach ``limit``. True if locked now."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "UPDATE operators SET locked_until = ?, failed_logins = 0 WHERE operator_id = ? "
                "AND failed_logins >= ? RETURNING operator_id",
                (locked_until, operator_id, limit),
            ).fetchone()
        return row is not None

    def set_badge(self, name: str, badge_digest: str) -> bool:
        cur = self.db.execute("UPDATE operators SET badge_digest = ? WHERE name = ?", (badge_digest, name))
        return bool(cur.rowcount == 1)

    def record_success(self, operator_id: int) -> None:
        self.db.execute(
            "UPDATE operators SET failed_logins = 0, locked_until = NULL WHERE operator_id = ?", (operator_id,)
        )

    def use_totp_step(self, operator_id: int, step: int) -> bool:
        """Accept a TOTP step only if newer than the last accepted one (no replay)."""
        cur = self.db.execute(
            "UPDATE operators SET totp_last_step = ? WHERE operator_id = ? AND totp_last_step < ?",
            (step, operator_id, step),
        )
        return bool(cur.rowcount == 1)

    def unlock(self, name: str) -> bool:
        cur = self.db.execute("UPDATE operators SET locked_until = NULL, failed_logins = 0 WHERE name = ?", (name,))
        return bool(cur.rowcount == 1)

    def set_disabled(self, name: str, disabled: bool) -> bool:
        cur = self.db.execute("UPDATE operators SET disabled = ? WHERE name = ?", (int(disabled), name))
        return bool(cur.rowcount == 1)

    def set_role(self, name: str, role: str) -> bool:
        cur = self.db.execute("UPDATE operators SET role = ? WHERE name = ?", (role, name))
        return bool(cur.rowcount == 1)

    def set_language(self, name: str, language: str) -> bool:
        cur = self.db.execute("UPDATE operators SET language = ? WHERE name = ?", (language, name))
        return bool(cur.rowcount == 1)

    def set_secret(self, name: str, secret_hash: str) -> None:
        self.db.execute("UPDATE operators SET secret_hash = ? WHERE name = ?", (secret_hash, name))
