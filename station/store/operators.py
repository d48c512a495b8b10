"""Operators: credentials as Argon2id hashes, badge digests, lockout and TOTP replay state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from station.store.db import Database

_COLUMNS = (
    "operator_id, name, role, secret_hash, badge_digest, totp_last_step, failed_logins, locked_until, disabled, "
    "language, origin"
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
    origin: str = "local"  # "hub": synced from the hub (station joined to one); see migration 0006

    def __repr__(self) -> str:
        return f"OperatorRow({self.name!r}, {self.role})"


def _row(row: Any) -> OperatorRow:
    return OperatorRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]), row[9], row[10])


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

    # -- operators from the hub (a joined station) ------------------------------------------------
    def put_from_hub(self, name: str, role: str, secret_hash: str, badge_digest: str | None, language: str, *,
                     now: str) -> None:  # fmt: skip
        """Insert or refresh an operator as the hub has them (enabled; lockout counters kept)."""
        with self.db.transaction() as conn:
            if badge_digest is not None:  # a badge moved to another operator at the hub
                conn.execute("UPDATE operators SET badge_digest = NULL WHERE badge_digest = ? AND name <> ?",
                             (badge_digest, name))  # fmt: skip
            conn.execute(
                "INSERT INTO operators (name, role, secret_hash, badge_digest, language, origin, created_at, "
                "created_by) VALUES (?, ?, ?, ?, ?, 'hub', ?, 'hub') ON CONFLICT (name) DO UPDATE SET "
                "role = excluded.role, secret_hash = excluded.secret_hash, badge_digest = excluded.badge_digest, "
                "language = excluded.language, origin = 'hub', disabled = 0",
                (name, role, secret_hash, badge_digest, language, now),
            )

    def retire_from_hub(self, name: str) -> bool:
        """Drop a hub operator's verifier and disable the row (open sessions end, the next login is refused)."""
        cur = self.db.execute(
            "UPDATE operators SET disabled = 1, secret_hash = '', badge_digest = NULL "
            "WHERE name = ? AND origin = 'hub' AND (disabled = 0 OR secret_hash <> '')",
            (name,),
        )
        return bool(cur.rowcount == 1)

    def drop_local_verifiers(self) -> int:
        """Joining a hub: no local password, PIN or badge verifier stays (rows stay, for the audit's names)."""
        cur = self.db.execute(
            "UPDATE operators SET secret_hash = '', badge_digest = NULL, totp_last_step = 0 "
            "WHERE origin = 'local' AND (secret_hash <> '' OR badge_digest IS NOT NULL)"
        )
        return int(cur.rowcount)
