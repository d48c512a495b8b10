"""SQL for backups: the folders backups went to, and what a backup copy holds (no buyer data read)."""

from __future__ import annotations

from station.store.db import Database


class BackupFolders:
    def __init__(self, db: Database):
        self.db = db

    def remember(self, folder: str, *, now: str) -> None:
        """Note that a backup was written to ``folder``."""
        self.db.execute(
            "INSERT INTO backup_folders (folder, first_used, last_used) VALUES (?, ?, ?) "
            "ON CONFLICT (folder) DO UPDATE SET last_used = excluded.last_used",
            (folder, now, now),
        )

    def list(self) -> list[str]:
        return [r[0] for r in self.db.query("SELECT folder FROM backup_folders ORDER BY folder")]


class BackupContents:
    """Facts about a store (a backup's copy) that decide when the backup must go; never PII itself."""

    _HOLDS_PII = (
        "o.pii_erased_at IS NULL AND (EXISTS (SELECT 1 FROM recipients r WHERE r.order_id = o.order_id) "
        "OR EXISTS (SELECT 1 FROM packages p WHERE p.order_id = o.order_id AND p.label_document IS NOT NULL))"
    )

    def __init__(self, db: Database):
        self.db = db

    def oldest_buyer_data_clock(self) -> tuple[str | None, str | None]:
        """(earliest closed_at, earliest ship-by of open orders) among orders still holding buyer data."""
        closed = self.db.query_one(
            f"SELECT min(o.closed_at) FROM orders o WHERE o.closed_at IS NOT NULL AND {self._HOLDS_PII}"
        )
        stale = self.db.query_one(
            "SELECT min(o.ship_by_latest) FROM orders o WHERE o.closed_at IS NULL AND o.ship_by_latest != '' "
            f"AND {self._HOLDS_PII}"
        )
        return closed[0], stale[0]

    def seller_ids(self) -> list[str]:
        """Every seller with any row in the store (seller ids are not PII)."""
        rows = self.db.query(
            "SELECT selling_partner_id FROM sellers UNION SELECT seller_id FROM orders "
            "UNION SELECT seller_id FROM products UNION SELECT seller_id FROM barcodes "
            "UNION SELECT seller_id FROM outbox UNION SELECT seller_id FROM sync_cursors ORDER BY 1"
        )
        return [r[0] for r in rows]
