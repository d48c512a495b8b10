"""Packers' badge + PIN verifiers pulled from the hub into a joined station (issue 13): periodically, and
at once when the hub signals an operator change. The station side (wrapping, lookups, removal) is
station.services.hub_operators; this module only fetches."""

from __future__ import annotations

import logging
import threading

from station.ports import Clock
from station.services.hub_operators import HubOperators, SyncedPacker
from sync.hubclient import HubClient
from sync.hubclient.errors import HubError, HubUnreachable, StationRevoked

log = logging.getLogger(__name__)
EVERY_S = 30.0  # the periodic pull; the hub's operator signals pull at once


class VerifierSync:
    """Pull the verifiers now (``sync``) or when the last pull is older than ``every_s`` (``sync_if_due``)."""

    def __init__(self, client: HubClient, operators: HubOperators, clock: Clock, *, every_s: float = EVERY_S) -> None:
        self.client = client
        self.operators = operators
        self.clock = clock
        self.every_s = every_s
        self._last: float | None = None
        self._lock = threading.Lock()  # the sync worker and the event worker may both pull

    def sync(self) -> bool:
        """One pull into the station's cache; False while the hub is out of reach (the cache stands)."""
        with self._lock:
            try:
                got = self.client.verifiers()
            except HubUnreachable:
                return False
            except StationRevoked:  # revoked at the hub: no packer logs in here any more, offline neither
                removed = self.operators.revoked()
                log.warning("station revoked at the hub: %d verifiers removed", len(removed))
                return False
            except HubError as exc:  # e.g. revoked: keep what is cached, status shows the link down
                log.warning("hub refused the verifiers: %s", type(exc).__name__)
                return False
            packers = [SyncedPacker(v.operator, v.badge_lookup, v.pin_hash, v.language) for v in got.operators]
            held, removed = self.operators.apply(got.badge_key, packers, got.pending)
            self._last = self.clock.monotonic()
            log.info("verifiers synced: %d packers, %d removed", held, len(removed))
            return True

    def sync_if_due(self) -> bool:
        if self._last is not None and self.clock.monotonic() - self._last < self.every_s:
            return True
        return self.sync()
