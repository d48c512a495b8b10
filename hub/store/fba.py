"""What FBA calls through the hub need from the store: a seller by its SP-API selling partner id."""

from __future__ import annotations

from sqlalchemy import Engine, select

from hub.store.tables import sellers


class FbaSellers:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def by_partner(self, selling_partner_id: str) -> tuple[str, str | None] | None:
        """(state, sealed refresh token) of the seller with that selling partner id."""
        s = sellers.c
        with self.engine.connect() as conn:
            r = conn.execute(select(s.state, s.refresh_token_sealed)
                             .where(s.selling_partner_id == selling_partner_id)).first()  # fmt: skip
        return None if r is None else (str(r[0]), r[1])
