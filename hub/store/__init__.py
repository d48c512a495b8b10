"""The hub's store: every SQL statement of the hub lives in this package (bound parameters only)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

from hub.store.audit_rows import AuditRows
from hub.store.claims import Claims
from hub.store.engine import make_engine
from hub.store.events import EventFeed
from hub.store.fba import FbaSellers
from hub.store.ledger import Ledger, Outbox
from hub.store.notifications import NotificationStore
from hub.store.operators import Operators
from hub.store.orders import Orders
from hub.store.pull import PullStore
from hub.store.sealed import SealedColumns
from hub.store.seller_keys import SellerKeys
from hub.store.sellers import Sellers
from hub.store.station_audit import StationAudit
from hub.store.stations import Stations
from hub.store.verifiers import BadgeSeals


class HubStore:
    """The hub database: one engine, one repository per concern."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.operators = Operators(engine)
        self.stations = Stations(engine)
        self.sellers = Sellers(engine)
        self.orders = Orders(engine)
        self.audit_rows = AuditRows(engine)
        self.sealed = SealedColumns(engine)
        self.claims = Claims(engine)
        self.events = EventFeed(engine)
        self.badge_seals = BadgeSeals(engine)
        self.station_audit = StationAudit(engine)
        self.seller_keys = SellerKeys(engine)
        self.fba = FbaSellers(engine)
        self.pull = PullStore(engine)
        self.notifications = NotificationStore(engine)
        self.ledger = Ledger(engine)
        self.outbox = Outbox(engine)

    @classmethod
    def open(cls, url: str) -> HubStore:
        return cls(make_engine(url))

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def ping(self) -> bool:
        """True when the database answers (readiness)."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # readiness reports, it does not raise
            return False

    def close(self) -> None:
        self.engine.dispose()
