"""The FBA prep side of the station in one place: catalogue, receiving, prep, boxes, inbound, inventory."""

from __future__ import annotations

from station.ports import Clock, FbaInbound
from station.services.audit import AuditTrail
from station.services.auth import AuthService
from station.services.catalog_import import CatalogImportService
from station.services.inbound import InboundService
from station.services.inbound_receiving import ReceivingService
from station.services.inventory import InventoryService
from station.services.prep import PrepService
from station.services.prep_boxes import BoxService
from station.store import Store


class FbaPrep:
    """Services of the prep flow; ``attach`` gives them their SP-API port (or None when offline)."""

    def __init__(self, store: Store, auth: AuthService, audit: AuditTrail, clock: Clock):
        self.catalog = CatalogImportService(store, auth, audit, clock)
        self.receiving = ReceivingService(store, auth, audit, clock)
        self.units = PrepService(store, auth, audit, clock)
        self.boxes = BoxService(store, auth, audit, clock)
        self.inbound = InboundService(store, auth, audit, clock)
        self.inventory = InventoryService(store, auth, audit, clock)

    def attach(self, upstream: FbaInbound | None) -> None:
        self.catalog.upstream = self.inbound.upstream = self.inventory.upstream = upstream
