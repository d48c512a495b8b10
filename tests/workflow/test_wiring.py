"""The composition root hands the core one rate-limited client for sync, shipping and FBA prep."""

from __future__ import annotations

from tests.workflow.conftest import Bench


def test_the_composition_root_wires_sync_and_fba_prep_to_one_rate_limited_client(bench: Bench) -> None:
    from ui.wiring import wire

    wiring = wire(bench.station)
    try:
        client = wiring.marketplace.client  # type: ignore[union-attr]
        assert bench.station.prep.inbound.upstream is not None
        assert bench.station.prep.inbound.upstream.client is client  # type: ignore[attr-defined]
        assert wiring.engine.ready_in == client.limiter.wait_time
    finally:
        wiring.close()
