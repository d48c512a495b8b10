"""Stations, their one-time enrolment codes and the idempotency record of their mutating requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from hub.store.tables import enrolment_codes, requests_seen, stations


@dataclass(frozen=True)
class StationRow:
    station_id: int
    name: str
    state: str
    version: str
    created_at: str
    last_seen: str


_COLS = (
    stations.c.station_id, stations.c.name, stations.c.state, stations.c.version, stations.c.created_at,
    stations.c.last_seen,
)  # fmt: skip


def _row(r: Any) -> StationRow:
    return StationRow(r.station_id, r.name, r.state, r.version, r.created_at, r.last_seen)


class Stations:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_code(self, code_hash: str, station_name: str, expires: str, by: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(enrolment_codes).values(
                    code_hash=code_hash, station_name=station_name, expires_at=expires, created_by=by
                )
            )

    def redeem_code(self, code_hash: str, now: str) -> str | None:
        """Use the code once (atomically); the station name it was made for, or None."""
        with self.engine.begin() as conn:
            r = conn.execute(
                update(enrolment_codes)
                .where(
                    enrolment_codes.c.code_hash == code_hash,
                    enrolment_codes.c.used_at == "",
                    enrolment_codes.c.expires_at > now,
                )
                .values(used_at=now)
                .returning(enrolment_codes.c.station_name)
            ).first()
        return str(r[0]) if r else None

    def code_state(self, code_hash: str, now: str) -> str:
        """unknown | used | expired | open (for the audit of a refused code)."""
        with self.engine.connect() as conn:
            r = conn.execute(select(enrolment_codes).where(enrolment_codes.c.code_hash == code_hash)).first()
        if r is None:
            return "unknown"
        if r.used_at:
            return "used"
        return "expired" if r.expires_at <= now else "open"

    def upsert(self, name: str, secret_hash: str, version: str, now: str) -> int:
        """Create the station, or give an existing (even revoked) one a new credential."""
        with self.engine.begin() as conn:
            r = conn.execute(select(stations.c.station_id).where(stations.c.name == name)).first()
            if r is not None:
                conn.execute(
                    update(stations)
                    .where(stations.c.station_id == r[0])
                    .values(secret_hash=secret_hash, state="active", version=version, last_seen=now)
                )
                return int(r[0])
            result = conn.execute(
                insert(stations).values(
                    name=name, secret_hash=secret_hash, state="active", version=version, created_at=now, last_seen=now
                )
            )
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def by_secret(self, secret_hash: str) -> StationRow | None:
        return self._one(stations.c.secret_hash == secret_hash)

    def by_name(self, name: str) -> StationRow | None:
        return self._one(stations.c.name == name)

    def _one(self, where: Any) -> StationRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(*_COLS).where(where)).first()
        return _row(r) if r else None

    def list(self) -> list[StationRow]:
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(select(*_COLS).order_by(stations.c.name))]

    def seen(self, station_id: int, version: str, now: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(stations).where(stations.c.station_id == station_id).values(version=version, last_seen=now)
            )

    def set(self, current_name: str, /, **values: Any) -> bool:
        """Change the named station's columns (``name=`` renames it)."""
        with self.engine.begin() as conn:
            where = stations.c.name == current_name
            return bool(conn.execute(update(stations).where(where).values(**values)).rowcount)

    # -- idempotency ---------------------------------------------------------------------------
    def stored_response(self, station_id: int, request_id: str) -> tuple[int, str] | None:
        with self.engine.connect() as conn:
            r = conn.execute(
                select(requests_seen.c.status, requests_seen.c.body).where(
                    requests_seen.c.station_id == station_id, requests_seen.c.request_id == request_id
                )
            ).first()
        return (int(r.status), str(r.body)) if r else None

    def reserve_request(self, station_id: int, request_id: str, now: str) -> bool:
        """Claim a request id before doing the work (status 0); False when it was seen before."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(requests_seen).values(
                        station_id=station_id, request_id=request_id, status=0, body="", created_at=now
                    )
                )
            return True
        except IntegrityError:
            return False

    def finish_request(self, station_id: int, request_id: str, status: int, body: str) -> None:
        """Keep the response to replay it; a failed request frees its id (the station may retry)."""
        where = (requests_seen.c.station_id == station_id, requests_seen.c.request_id == request_id)
        with self.engine.begin() as conn:
            if status >= 500 or status == 0:
                conn.execute(delete(requests_seen).where(*where))
            else:
                conn.execute(update(requests_seen).where(*where).values(status=status, body=body))

    def forget_responses_before(self, cutoff: str) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(delete(requests_seen).where(requests_seen.c.created_at < cutoff)).rowcount)
