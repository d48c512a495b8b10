"""The encrypted store: one Database and the repositories over it. SQL lives only in this package."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from station.store.audit_rows import AuditRows
from station.store.backups import BackupFolders
from station.store.catalog import Products, Sellers
from station.store.db import Database
from station.store.hub import HubCalls, HubOrders
from station.store.inbound import Boxes, Deliveries, InboundPlans
from station.store.inventory import FbaInventory, StockMoves
from station.store.operators import Operators
from station.store.orders import Orders, PackEvents
from station.store.outbox import Cursors, Outbox
from station.store.packages import Packages
from station.store.prep import PrepDetails, PrepEvents
from station.store.retention import Retention
from station.store.settings import Settings


class Store:
    """Repositories sharing one encrypted connection."""

    def __init__(self, db: Database):
        self.db = db
        self.sellers = Sellers(db)
        self.products = Products(db)
        self.orders = Orders(db)
        self.pack_events = PackEvents(db)
        self.packages = Packages(db)
        self.outbox = Outbox(db)
        self.cursors = Cursors(db)
        self.operators = Operators(db)
        self.audit_rows = AuditRows(db)
        self.settings = Settings(db)
        self.retention = Retention(db)
        self.backup_folders = BackupFolders(db)
        self.prep_details, self.prep_events = PrepDetails(db), PrepEvents(db)
        self.deliveries, self.fba_boxes, self.inbound_plans = Deliveries(db), Boxes(db), InboundPlans(db)
        self.stock_moves, self.fba_inventory = StockMoves(db), FbaInventory(db)
        self.hub_orders, self.hub_calls = HubOrders(db), HubCalls(db)  # a station joined to a hub

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction spanning several repositories."""
        return self.db.transaction()

    def close(self) -> None:
        self.db.close()


__all__ = ["Database", "Store"]
