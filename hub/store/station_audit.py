"""Stations' uploaded audit rows and anchored chain heads. One transaction per upload: rows are inserted
idempotently by (station, seq) and the head moves only forward, under a row lock on the head."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from hub.store.tables_claims import station_audit, station_heads
from station.audit_chain import ChainRow


@dataclass(frozen=True)
class UploadResult:
    stored: int  # new rows
    forked: list[int]  # seqs we already hold with another MAC (the upload is refused)
    head: tuple[int, str] | None  # the head held before this upload
    moved: bool  # the head moved forward
    refused: str = ""  # "backwards" | "fork" | "" (accepted)


class StationAudit:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def upload(self, station_id: int, rows: list[ChainRow], head: tuple[int, str], at: str) -> UploadResult:
        """Store new rows and move the head forward; nothing is written if any row or the head conflicts."""
        a, h = station_audit.c, station_heads.c
        with self.engine.begin() as conn:
            query = select(h.seq, h.mac).where(h.station_id == station_id)
            if conn.dialect.name == "postgresql":
                query = query.with_for_update()
            held = conn.execute(query).first()
            before = (int(held[0]), str(held[1])) if held else None
            if before is not None and head[0] < before[0]:
                return UploadResult(0, [], before, False, "backwards")
            if before is not None and head[0] == before[0] and head[1] != before[1]:
                return UploadResult(0, [before[0]], before, False, "fork")
            seqs = [r.seq for r in rows]
            known = {int(s): str(m) for s, m in conn.execute(
                select(a.seq, a.mac).where(a.station_id == station_id, a.seq.in_(seqs)))} if seqs else {}  # fmt: skip
            forked = sorted(r.seq for r in rows if r.seq in known and known[r.seq] != r.mac)
            if forked:
                return UploadResult(0, forked, before, False, "fork")
            new = [dict(r.__dict__, station_id=station_id) for r in rows if r.seq not in known]
            if new:
                conn.execute(insert(station_audit), new)
            moved = before is None or head[0] > before[0]
            if before is None:
                conn.execute(insert(station_heads).values(station_id=station_id, seq=head[0], mac=head[1], at=at))
            elif moved:
                conn.execute(update(station_heads).where(h.station_id == station_id)
                             .values(seq=head[0], mac=head[1], at=at))  # fmt: skip
            return UploadResult(len(new), [], before, moved)

    def head(self, station_id: int) -> tuple[int, str] | None:
        h = station_heads.c
        with self.engine.connect() as conn:
            r = conn.execute(select(h.seq, h.mac).where(h.station_id == station_id)).first()
        return (int(r[0]), str(r[1])) if r else None

    def rows(self, station_id: int) -> list[ChainRow]:
        """The station's uploaded rows in order (to verify with its keys: station.audit_chain)."""
        a = station_audit.c
        cols = (a.seq, a.at, a.actor, a.action, a.severity, a.target, a.detail, a.mac)
        with self.engine.connect() as conn:
            return [ChainRow(*r) for r in conn.execute(select(*cols).where(a.station_id == station_id).order_by(a.seq))]

    def row_mac(self, station_id: int, seq: int) -> str | None:
        a = station_audit.c
        with self.engine.connect() as conn:
            found = conn.execute(select(a.mac).where(a.station_id == station_id, a.seq == seq)).scalar()
        return None if found is None else str(found)
