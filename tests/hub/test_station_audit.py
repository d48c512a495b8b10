"""Station audit upload (issue 13): batches idempotent by seq, the head anchored at the hub, a head going
backwards or a forked seq refused with an alert; the uploaded rows still verify with the station's chain."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

import pytest

from hub import __version__
from hub.bootstrap import Hub
from hub.services.people import Actor
from station.audit_chain import MARKER_ACTION, AuditChain, ChainRow, Entry, Head, MemoryKeyStates
from sync.hubclient import HubClient, HubConflict, HubRefused
from tests.hub.live import serving


class MemoryAnchor:
    def __init__(self) -> None:
        self.head: Head | None = None

    def publish(self, head: Head) -> None:
        self.head = head

    def read(self) -> Head | None:
        return self.head


def _station_chain(count: int) -> tuple[AuditChain, list[ChainRow], bytes]:
    """A station's forward-secure chain of ``count`` rows, as station.services.audit makes them."""
    chain = AuditChain("station-pack-1", os.urandom(32), MemoryKeyStates(), MemoryAnchor())
    recovery = os.urandom(32)
    row, state = chain.start_segment(None, Entry("2026-11-02T08:00:00Z", "system", MARKER_ACTION, "info", "", "{}"),
                                     recovery)  # fmt: skip
    chain.committed(state, row, starting=True)
    rows = [row]
    for n in range(count - 1):
        row, state = chain.seal(rows[-1], Entry(f"2026-11-02T08:{n // 60:02d}:{n % 60:02d}Z", "pat", "order.packed",
                                                "info", str(n), "{}"))  # fmt: skip
        chain.committed(state, row)
        rows.append(row)
    return chain, rows, recovery


@pytest.fixture
def client(hub: Hub, admin: Actor) -> Iterator[HubClient]:
    with serving(hub) as url:
        station = HubClient(url, version=__version__)
        station.enrol(hub.stations.create_code(admin, "pack-1"))
        yield station


def test_upload_in_batches_idempotent_and_verifiable(hub: Hub, client: HubClient) -> None:
    chain, rows, recovery = _station_chain(25)
    assert client.audit_head() == (0, "")
    assert client.upload_audit(rows[:10]) == 10
    assert client.upload_audit(rows[:10]) == 0  # the same batch again (a lost answer): nothing new
    assert client.upload_audit(rows[5:25]) == 15
    assert client.audit_head() == (25, rows[-1].mac)
    station = hub.store.stations.by_name("pack-1")
    assert station is not None
    held = hub.store.station_audit.rows(station.station_id)
    assert held == rows
    assert chain.verify(held, recovery).ok  # the station's own chain proves what the hub holds


def test_a_head_going_backwards_or_a_fork_is_refused_and_alerted(hub: Hub, client: HubClient) -> None:
    _chain, rows, _ = _station_chain(12)
    client.upload_audit(rows[:12])
    with pytest.raises(HubConflict, match="backwards"):
        client.upload_audit(rows[:8])  # the station's rows were rolled back
    assert hub.audit.rows.count(action="alert.station_chain_backwards") == 1
    forged = [replace(r, mac="ab" * 32) if r.seq == 12 else r for r in rows[10:12]]
    with pytest.raises(HubConflict, match="fork"):
        client.upload_audit(forged)
    assert hub.audit.rows.count(action="alert.station_chain_fork") == 1
    with pytest.raises(HubRefused):
        client.upload_audit([rows[0], rows[2]])  # not contiguous
    assert client.audit_head() == (12, rows[11].mac)
