"""Per-seller data keys of a station joined to a hub (issue 13, "Seller forget").

A hub seller's buyer data (recipient, phone, gift messages) is stored sealed: AES-256-GCM under that
seller's key, leased from the hub for at most 24 hours, with associated data binding seller, order and
field (a value copied to another order or column does not open). The key lives in memory and, for offline
work, in the station's secret store with its lease end; never in the cache. A lease that ran out offline
leaves the data unreadable (BuyerDataLocked, with a message for the packer) until the hub renews it; a
seller forgotten at the hub has no key to renew (SellerKeyGone): the key is dropped at once, then the rows.

This is the one place that seals and opens those values: the store calls it (station.store.orders) for
every write and read, so the pack screen, labels, packing slips and exports all pass through here.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.errors import BuyerDataLocked, SellerKeyGone, StationError
from station.i18n import N_
from station.ports import Clock, SecretStore, SellerKeySource

log = logging.getLogger(__name__)

HUB_SELLER_PREFIX = "hub-"  # a hub seller's id on the station (sync.hubsync.hub_seller_id)
LEASE_MAX = timedelta(hours=24)
RENEW_AFTER = timedelta(hours=1)  # renew a lease an hour old while online: a forget reaches it within that
SECRET_PREFIX = "seller_key/"  # noqa: S105 - a name in the secret store, not a secret
FORMAT = b"\x01"  # version byte of a sealed value: 1 = AES-256-GCM, 12-byte nonce, AAD below
_AAD = b"pacific-station/buyer-data/v1"
EXPIRED = N_(
    "This order's buyer data is locked: the station has been away from the hub too long and its key for "
    "this seller ran out. Reconnect the station to the hub, then open the order again."
)
MISSING = N_(
    "This order's buyer data is locked: the station holds no key for this seller (forgotten at the hub, "
    "or never leased). Reconnect the station to the hub; a lead can park the order meanwhile."
)
DAMAGED = N_("This order's buyer data cannot be opened (damaged or sealed under another key).")


def _aad(seller_id: str, order_id: str, name: str) -> bytes:
    """Associated data: the value opens only as this seller's, this order's, this field's."""
    parts = (seller_id, order_id, name)
    return _AAD + b"".join(len(p.encode()).to_bytes(4, "big") + p.encode() for p in parts)


def seal_value(key: bytes, seller_id: str, order_id: str, name: str, plain: bytes) -> bytes:
    """One value sealed: version byte, nonce, ciphertext with its tag."""
    nonce = os.urandom(12)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plain, _aad(seller_id, order_id, name))


def open_value(key: bytes, seller_id: str, order_id: str, name: str, sealed: bytes) -> bytes:
    """The value sealed by ``seal_value``; BuyerDataLocked when it does not open."""
    if sealed[:1] != FORMAT or len(sealed) < 29:
        raise BuyerDataLocked(DAMAGED)
    try:
        return AESGCM(key).decrypt(sealed[1:13], sealed[13:], _aad(seller_id, order_id, name))
    except InvalidTag:
        raise BuyerDataLocked(DAMAGED) from None


@dataclass(frozen=True)
class Lease:
    key: bytes = field(repr=False)
    expires_at: datetime
    leased_at: datetime


class SellerKeys:
    """The station's leased seller keys, and the store's BuyerCodec for hub sellers."""

    def __init__(self, secrets: SecretStore, clock: Clock, source: SellerKeySource | None = None) -> None:
        self.secrets = secrets
        self.clock = clock
        self.source = source
        self._lock = threading.Lock()
        self._leases: dict[str, Lease] = {}

    def attach(self, source: SellerKeySource) -> None:
        """Lease keys from ``source`` (the hub) from now on."""
        self.source = source

    # -- the BuyerCodec --------------------------------------------------------------------------
    def seals(self, seller_id: str) -> bool:
        """A hub seller's buyer data is always sealed (never stored readable, key or not)."""
        return seller_id.startswith(HUB_SELLER_PREFIX)

    def seal(self, seller_id: str, order_id: str, name: str, text: str) -> bytes:
        return seal_value(self._key(seller_id), seller_id, order_id, name, text.encode("utf-8"))

    def open(self, seller_id: str, order_id: str, name: str, sealed: bytes) -> str:
        return open_value(self._key(seller_id), seller_id, order_id, name, sealed).decode("utf-8")

    def seal_bytes(self, seller_id: str, order_id: str, name: str, plain: bytes) -> bytes:
        return seal_value(self._key(seller_id), seller_id, order_id, name, plain)

    def open_bytes(self, seller_id: str, order_id: str, name: str, sealed: bytes) -> bytes:
        return open_value(self._key(seller_id), seller_id, order_id, name, sealed)

    # -- leases ----------------------------------------------------------------------------------
    def lease(self, seller_id: str) -> Lease:
        """Lease (or renew) the seller's key now; SellerKeyGone (key dropped first) once forgotten."""
        if self.source is None:
            raise BuyerDataLocked(MISSING)
        try:
            key, expires_at = self.source.lease(seller_id)
        except SellerKeyGone:
            self.drop(seller_id)
            raise
        now = self.clock.now()
        until = now + LEASE_MAX
        try:  # the hub's lease end, when it is sooner (by this station's clock: a skewed past one is ignored)
            offered = datetime.fromisoformat(expires_at.replace("Z", "+00:00"))
            if now < offered < until:
                until = offered
        except (ValueError, TypeError):  # unreadable, or without a time zone
            log.warning("hub lease end unreadable; using %s", LEASE_MAX)
        if len(key) != 32:
            raise BuyerDataLocked(DAMAGED)
        lease = Lease(key, until, now)
        with self._lock:
            self._leases[seller_id] = lease
        record = {"key": key.hex(), "expires_at": until.isoformat(), "leased_at": now.isoformat()}
        self.secrets.put(SECRET_PREFIX + seller_id, json.dumps(record).encode())
        return lease

    def ensure(self, seller_id: str) -> None:
        """Have a key for the seller (leased or renewed when due); keep a valid one if the hub is away."""
        held = self._held(seller_id)
        if held is not None and self.clock.now() - held.leased_at < RENEW_AFTER:
            return
        try:
            self.lease(seller_id)
        except SellerKeyGone:
            raise
        except StationError:
            if held is None:
                raise
            log.info("seller key not renewed (hub away); the lease still runs")

    def due(self, seller_id: str) -> bool:
        """True when the seller's lease should be renewed (none held, or leased RENEW_AFTER ago)."""
        held = self._held(seller_id)
        return held is None or self.clock.now() - held.leased_at >= RENEW_AFTER

    def drop(self, seller_id: str) -> None:
        """Forget the seller's key here: memory and secret store (its data is unreadable from now on)."""
        with self._lock:
            self._leases.pop(seller_id, None)
        self.secrets.delete(SECRET_PREFIX + seller_id)

    def held(self) -> list[str]:
        """Sellers with a key in the secret store (expired ones included, until dropped)."""
        return sorted(n.removeprefix(SECRET_PREFIX) for n in self.secrets.names() if n.startswith(SECRET_PREFIX))

    def _held(self, seller_id: str) -> Lease | None:
        """The seller's lease if it still runs (from memory, else from the secret store). A lease that ran out
        loses its key at once; a note without the key stays, so the packer is told why."""
        with self._lock:
            lease = self._leases.get(seller_id)
        if lease is None:
            raw = self.secrets.get(SECRET_PREFIX + seller_id)
            record = json.loads(raw) if raw else {}
            if "key" not in record:
                return None
            lease = Lease(bytes.fromhex(record["key"]), datetime.fromisoformat(record["expires_at"]),
                          datetime.fromisoformat(record["leased_at"]))  # fmt: skip
            with self._lock:
                self._leases[seller_id] = lease
        if self.clock.now() >= lease.expires_at:
            with self._lock:
                self._leases.pop(seller_id, None)
            note = {"ran_out_at": lease.expires_at.isoformat()}
            self.secrets.put(SECRET_PREFIX + seller_id, json.dumps(note).encode())
            log.warning("a seller key lease ran out: that seller's buyer data is locked until renewed")
            return None
        return lease

    def _key(self, seller_id: str) -> bytes:
        """The key to seal or open with; BuyerDataLocked (a message for the packer) when none runs."""
        lease = self._held(seller_id)
        if lease is None:
            raise BuyerDataLocked(EXPIRED if self.secrets.get(SECRET_PREFIX + seller_id) else MISSING)
        return lease.key
