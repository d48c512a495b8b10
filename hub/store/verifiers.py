"""Packers' sealed badge codes, from which each station's own badge lookups are derived."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from hub.store.tables import operators
from hub.store.tables_claims import badge_seals


@dataclass(frozen=True)
class PackerRow:
    name: str
    secret_hash: str  # Argon2id of the PIN, as the hub holds it
    disabled: bool
    badge_sealed: str | None
    language: str = "en"


class BadgeSeals:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def sealed(self, operator_id: int) -> str | None:
        with self.engine.connect() as conn:
            found = conn.execute(select(badge_seals.c.badge_sealed)
                                 .where(badge_seals.c.operator_id == operator_id)).scalar()  # fmt: skip
        return None if found is None else str(found)

    def put(self, operator_id: int, sealed: str, at: str) -> None:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        ins = dialect.insert(badge_seals).values(operator_id=operator_id, badge_sealed=sealed, set_at=at)
        with self.engine.begin() as conn:
            conn.execute(ins.on_conflict_do_update(index_elements=[badge_seals.c.operator_id],
                                                   set_={"badge_sealed": ins.excluded.badge_sealed,
                                                         "set_at": ins.excluded.set_at}))  # fmt: skip

    def packers(self) -> list[PackerRow]:
        """Every packer with its PIN hash and (when the hub has seen it) its sealed badge."""
        o = operators.c
        query = (select(o.name, o.secret_hash, o.disabled, badge_seals.c.badge_sealed, o.language)
                 .select_from(operators.outerjoin(badge_seals, badge_seals.c.operator_id == o.operator_id))
                 .where(o.role == "packer").order_by(o.name))  # fmt: skip
        with self.engine.connect() as conn:
            return [PackerRow(str(r[0]), str(r[1]), bool(r[2]), r[3], str(r[4])) for r in conn.execute(query)]
