"""The composition root of a joined station hands the core one hub client for sync, labels and FBA prep."""

from __future__ import annotations

from tests.workflow.conftest import Bench


def test_a_joined_station_syncs_labels_and_preps_through_one_hub_client(bench: Bench) -> None:
    from sync.hubsync import HubSyncEngine
    from ui.wiring import wire

    wiring = wire(bench.station)
    try:
        assert isinstance(wiring.engine, HubSyncEngine)
        client = wiring.engine.sync.client
        assert wiring.marketplace.client is client  # type: ignore[union-attr]
        assert bench.station.prep.inbound.upstream.client is client  # type: ignore[union-attr]
        assert client.base_url == bench.hub.url
    finally:
        wiring.close()
