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


def test_a_station_not_joined_starts_without_sync_and_says_so(qtbot, tmp_path, fast_argon2) -> None:  # type: ignore[no-untyped-def]
    from tests.station.support import ADMIN, add_seller, make_crew
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer
    from ui.wiring import sync_once, wire

    crew = make_crew(tmp_path / "home")
    add_seller(crew.station)  # a seller row from before (the old direct path would have called SP-API for it)
    wiring = wire(crew.station)
    try:
        assert wiring.engine is None and wiring.marketplace is None  # no SP-API path of its own
        assert crew.station.shipping.marketplace is None
        assert sync_once(crew.station) == ["Not joined to a hub: an admin joins one (Admin → Settings → Hub, or "
                                           "pacific-station hub join URL)"]  # fmt: skip
        window = StationWindow(wiring, sounds=SoundPlayer(enabled=False), install_filters=False)
        qtbot.addWidget(window)
        assert "not joined to a hub" in window.status.online.text()
        assert crew.station.auth.list_operators(crew.login(ADMIN))  # it starts and admins work: they may join
        window.shutdown()
    finally:
        wiring.close()
        crew.station.close()
