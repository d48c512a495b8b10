"""Per-seller data keys (sealed). Created once per seller by one INSERT ... ON CONFLICT DO NOTHING, so two
stations leasing at once get the same key."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from hub.store.tables import sellers
from hub.store.tables_claims import seller_keys


class SellerKeys:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_or_create(self, seller_id: int, sealed_if_new: str, at: str) -> str | None:
        """The seller's sealed key (made from ``sealed_if_new`` the first time); None if no such seller."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        with self.engine.begin() as conn:
            if conn.execute(select(sellers.c.seller_id).where(sellers.c.seller_id == seller_id)).first() is None:
                return None
            conn.execute(dialect.insert(seller_keys).values(seller_id=seller_id, key_sealed=sealed_if_new,
                                                            created_at=at).on_conflict_do_nothing())  # fmt: skip
            return str(conn.execute(select(seller_keys.c.key_sealed)
                                    .where(seller_keys.c.seller_id == seller_id)).scalar_one())  # fmt: skip

    def destroy(self, seller_id: int) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(delete(seller_keys).where(seller_keys.c.seller_id == seller_id)).rowcount)

    def exists(self, seller_id: int) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(seller_keys.c.seller_id).where(seller_keys.c.seller_id == seller_id)).first() \
                is not None  # fmt: skip
