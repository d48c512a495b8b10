"""Sellers: add, list, forget (erase all of a seller's data on request).

A station holds no seller's Amazon authorisation: sellers are authorised at the hub (issue 13). The old
refresh-token names stay known so that a home from before is cleared of them (station/legacy_secrets.py)."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass

from station.domain import Seller
from station.errors import Conflict, NotFound, UsageError
from station.ports import Clock, SecretStore
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.backup_keeper import BackupKeeper
from station.store import Store

SELLER_ID_RULE = re.compile(r"^[A-Z0-9]{8,20}$")
MARKETPLACE_RULE = re.compile(r"^[A-Z0-9]{8,20}$")
REGIONS = ("na", "eu", "fe")


def refresh_token_name(seller_id: str) -> str:
    return f"seller.{seller_id}.refresh_token"


@dataclass(frozen=True)
class SellerOverview:
    """A seller as the admin screen shows it."""

    seller: Seller
    last_sync: str | None


class SellerService:
    def __init__(
        self, store: Store, secrets: SecretStore, auth: AuthService, audit: AuditTrail, clock: Clock,
        backups: BackupKeeper | None = None,
    ):  # fmt: skip
        self.store = store
        self.secrets = secrets
        self.auth = auth
        self.audit = audit
        self.clock = clock
        self.backups = backups

    def add(self, session: Session, seller: Seller) -> None:
        self.auth.authorize(session, "seller.add", target=seller.selling_partner_id)
        if not SELLER_ID_RULE.match(seller.selling_partner_id):
            raise UsageError("A selling partner id is 8-20 upper-case letters and digits")
        if seller.region not in REGIONS:
            raise UsageError("Region must be na, eu or fe")
        if not seller.marketplaces or not all(MARKETPLACE_RULE.match(m) for m in seller.marketplaces):
            raise UsageError("Give at least one marketplace id (e.g. ATVPDKIKX0DER)")
        if self.store.sellers.get(seller.selling_partner_id) is not None:
            raise Conflict("That seller exists already")
        self.store.sellers.add(seller, now=self.clock.now().isoformat())
        self.audit.record(
            session.name, "seller.added", target=seller.selling_partner_id, region=seller.region,
            marketplaces=list(seller.marketplaces),
        )  # fmt: skip

    def list(self, session: Session) -> list[Seller]:
        self.auth.authorize(session, "seller.list")
        return self.store.sellers.list()

    def forget(self, session: Session, seller_id: str) -> dict[str, int]:
        """Erase every row of the seller and its tokens; the erased bytes leave the file and WAL.

        Every backup that holds the seller is deleted: the station cannot rewrite a backup (only the
        offline recovery key opens one), so deleting it whole is the honest way to forget.
        """
        self.auth.authorize(session, "seller.forget", target=seller_id)
        if self.store.sellers.get(seller_id) is None:
            raise NotFound(f"No seller {seller_id}")
        counts = self.store.sellers.delete(seller_id)
        self.secrets.delete(refresh_token_name(seller_id))
        self.store.db.compact()
        deleted = self.backups.delete_holding(seller_id) if self.backups is not None else []
        counts["backups"] = len(deleted)
        self.audit.record(
            session.name, "seller.forgotten", target=seller_id, erased=counts, backups_deleted=deleted,
            backups_note="backups holding the seller were deleted whole: they cannot be rewritten without "
            "the recovery key; write a new backup",
        )  # fmt: skip
        return counts

    def overview(self, session: Session) -> builtins.list[SellerOverview]:
        """Every seller with its last sync."""
        self.auth.authorize(session, "seller.list")
        sellers = self.store.sellers
        return [SellerOverview(s, sellers.last_sync(s.selling_partner_id)) for s in sellers.list()]
