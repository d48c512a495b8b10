"""Operators and their hub sessions. Lockout is taken atomically in the database before hashing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, insert, or_, select, update

from hub.store.tables import operators, sessions


@dataclass(frozen=True)
class OperatorRow:
    operator_id: int
    name: str
    role: str
    secret_hash: str
    badge_digest: str | None
    totp_sealed: str | None
    disabled: bool
    failures: int
    locked_until: str
    language: str = "en"


def _row(r: Any) -> OperatorRow:
    return OperatorRow(
        r.operator_id, r.name, r.role, r.secret_hash, r.badge_digest, r.totp_sealed,
        bool(r.disabled), r.failures, r.locked_until, r.language,
    )  # fmt: skip


_COLS = (
    operators.c.operator_id, operators.c.name, operators.c.role, operators.c.secret_hash, operators.c.badge_digest,
    operators.c.totp_sealed, operators.c.disabled, operators.c.failures, operators.c.locked_until,
    operators.c.language,
)  # fmt: skip


class Operators:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, name: str, role: str, secret_hash: str, badge: str | None, totp_sealed: str | None, now: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(operators).values(
                    name=name, role=role, secret_hash=secret_hash, badge_digest=badge,
                    totp_sealed=totp_sealed, created_at=now,
                )  # fmt: skip
            )
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def by_name(self, name: str) -> OperatorRow | None:
        return self._one(operators.c.name == name)

    def by_badge(self, digest: str) -> OperatorRow | None:
        return self._one(operators.c.badge_digest == digest)

    def by_id(self, operator_id: int) -> OperatorRow | None:
        return self._one(operators.c.operator_id == operator_id)

    def _one(self, where: Any) -> OperatorRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(*_COLS).where(where)).first()
        return _row(r) if r else None

    def list(self) -> list[OperatorRow]:
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(select(*_COLS).order_by(operators.c.name))]

    def take_attempt(self, operator_id: int, *, now: str, limit: int) -> bool:
        """Count one login attempt BEFORE the slow hash (station.auth_rules.AttemptGate); False when locked
        out or ``limit`` attempts are already pending/failed.

        One UPDATE ... RETURNING: of N parallel guesses at most ``limit`` get a check.
        """
        stmt = (
            update(operators)
            .where(
                operators.c.operator_id == operator_id,
                operators.c.failures < limit,
                or_(operators.c.locked_until == "", operators.c.locked_until <= now),
            )
            .values(failures=operators.c.failures + 1)
            .returning(operators.c.failures)
        )
        with self.engine.begin() as conn:
            return conn.execute(stmt).first() is not None

    def settle_failure(self, operator_id: int, *, limit: int, locked_until: str) -> bool:
        """After a failed check: lock the operator once the counted attempts reach ``limit``; True if locked now."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(operators)
                .where(operators.c.operator_id == operator_id, operators.c.failures >= limit)
                .values(locked_until=locked_until, failures=0)
            )
            return result.rowcount == 1

    def record_success(self, operator_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(operators).where(operators.c.operator_id == operator_id).values(failures=0, locked_until="")
            )

    def use_totp_step(self, operator_id: int, step: int) -> bool:
        """Accept a TOTP step once: only a step newer than the last accepted one moves the mark."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(operators)
                .where(operators.c.operator_id == operator_id, operators.c.last_totp_step < step)
                .values(last_totp_step=step)
            )
            return result.rowcount == 1

    def set_disabled(self, name: str, disabled: bool) -> int | None:
        return self._set(name, disabled=disabled)

    def set_role(self, name: str, role: str) -> int | None:
        return self._set(name, role=role)

    def set_language(self, name: str, language: str) -> int | None:
        return self._set(name, language=language)

    def unlock(self, name: str) -> int | None:
        return self._set(name, failures=0, locked_until="")

    def _set(self, name: str, **values: Any) -> int | None:
        with self.engine.begin() as conn:
            r = conn.execute(
                update(operators).where(operators.c.name == name).values(**values).returning(operators.c.operator_id)
            ).first()
            return int(r[0]) if r else None

    # -- sessions -------------------------------------------------------------------------------
    def open_session(self, token_hash: str, operator_id: int, station_id: int | None, now: str, expires: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(sessions).values(
                    token_hash=token_hash, operator_id=operator_id, station_id=station_id,
                    created_at=now, expires_at=expires,
                )  # fmt: skip
            )

    def live_session(self, token_hash: str, now: str) -> tuple[OperatorRow, int | None] | None:
        """The session's operator (when the session is open, unexpired, and the operator enabled)."""
        query = (
            select(*_COLS, sessions.c.station_id)
            .join(operators, operators.c.operator_id == sessions.c.operator_id)
            .where(
                and_(
                    sessions.c.token_hash == token_hash,
                    sessions.c.ended_at == "",
                    sessions.c.expires_at > now,
                    operators.c.disabled.is_(False),
                )
            )
        )
        with self.engine.connect() as conn:
            r = conn.execute(query).first()
        return (_row(r), r.station_id) if r else None

    def end_sessions(self, operator_id: int, now: str, token_hash: str | None = None) -> int:
        """End one session, or every open session of the operator."""
        where = [sessions.c.operator_id == operator_id, sessions.c.ended_at == ""]
        if token_hash is not None:
            where.append(sessions.c.token_hash == token_hash)
        with self.engine.begin() as conn:
            return int(conn.execute(update(sessions).where(*where).values(ended_at=now)).rowcount)
