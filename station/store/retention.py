"""SQL for erasing buyer PII: recipients, gift messages and label documents of closed orders."""

from __future__ import annotations

from station.store.db import Database

_DUE = (
    "pii_erased_at IS NULL AND ("
    "(closed_at IS NOT NULL AND closed_at <= ?1) OR "
    "(closed_at IS NULL AND ship_by_latest != '' AND ship_by_latest <= ?1))"
)


class Retention:
    def __init__(self, db: Database):
        self.db = db

    def due(self, cutoff: str) -> list[str]:
        """Order ids whose PII is due for erasure: closed, or past ship-by unshipped, before ``cutoff``."""
        return [r[0] for r in self.db.query(f"SELECT order_id FROM orders WHERE {_DUE}", (cutoff,))]

    def erase(self, cutoff: str, *, now: str) -> dict[str, int]:
        """Erase recipients and label documents of due orders; returns counts."""
        with self.db.transaction() as conn:
            due = f"SELECT order_id FROM orders WHERE {_DUE}"
            recipients = conn.execute(f"DELETE FROM recipients WHERE order_id IN ({due})", (cutoff,)).rowcount
            conn.execute(f"DELETE FROM gift_messages WHERE order_id IN ({due})", (cutoff,))  # buyer text too
            labels = conn.execute(
                f"UPDATE packages SET label_document = NULL WHERE label_document IS NOT NULL AND order_id IN ({due})",
                (cutoff,),
            ).rowcount
            orders = conn.execute(f"UPDATE orders SET pii_erased_at = ?2 WHERE {_DUE}", (cutoff, now)).rowcount
        self.db.compact()
        return {"orders": orders, "recipients": recipients, "label_documents": labels}
