"""Labels through the hub (issue 13), against the SP-API simulator behind an embedded hub: the label
document comes back and is stored to print as today (the printer's format and dpi); offline the box is parked
as box, weight and rate rule, and on reconnect the hub buys it once per client request id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hub.services.people import Actor
from station.domain import OrderStatus, Role
from station.errors import UpstreamError
from station.services.shipping import BoxInput
from sync.hubmarket import RULE_BEST
from sync.simulator import Simulator
from tests.hub.engine_env import SHIP_FROM
from tests.hub.live import serving
from tests.hubstation.support import join
from tests.station.support import ADMIN, make_crew
from ui.wiring import wire


def _station(rig: dict[str, Any], url: str, home: Path) -> Any:
    crew = make_crew(home, rig["clock"])  # one clock: the lead's TOTP code is checked at the hub too
    hub = rig["hub"]
    join(crew, hub, url, hub.stations.create_code(Actor("ada", Role.ADMIN), "pack-l"))
    admin = crew.login(ADMIN)  # through the hub
    crew.station.change_setting(admin, "ship_from", SHIP_FROM)
    crew.station.change_setting(
        admin, "printer", {"transport": "virtual", "folder": str(home / "labels"), "language": "zpl", "dpi": 300}
    )
    return crew


def _box(crew: Any, order: Any) -> int:
    packer = crew.login("pat")
    crew.station.pack.open_order(packer, order.order_id)
    items = tuple((i.order_item_id, i.quantity) for i in order.items)
    return crew.station.shipping.create_boxes(packer, order.order_id, [BoxInput(items, 2.5, 10, 8, 4)])[0]


def test_a_label_bought_through_the_hub_prints_at_the_printers_format_and_dpi(rig: dict[str, Any],
                                                                              tmp_path: Path) -> None:  # fmt: skip
    order = rig["order"]
    with serving(rig["hub"]) as url:
        crew = _station(rig, url, tmp_path / "st")
        wiring = wire(crew.station)
        try:
            wiring.engine.run_once()
            package = _box(crew, order)
            packer = crew.login("pat")
            choices = crew.station.shipping.rates(packer, order.order_id, package)
            assert [c.rate.rate_id for c in choices] == [RULE_BEST]  # a rule, never a rate that expires
            label = crew.station.shipping.buy_label(packer, order.order_id, package, choices[0].rate)
            assert label.label_bytes.startswith(b"^XA") and label.tracking_id
            assert crew.station.store.orders.status(order.order_id) == OrderStatus.SHIPPED
            assert len(rig["sim"].shipments) == 1
            assert crew.station.shipping.purchased(packer, package).label_bytes == label.label_bytes  # to print
            # The secret store (encrypted, so the byte search below cannot see into it) holds no Amazon entry.
            names = crew.station.secrets.names()
            assert "hub.credential" in names
            assert not [n for n in names if n.startswith("lwa.") or n.endswith(".refresh_token")]
        finally:
            wiring.close()
            crew.station.close()
    _no_amazon_secret_in(tmp_path / "st", rig["sim"])


def _no_amazon_secret_in(home: Path, sim: Simulator) -> None:
    """Security (issue 13): no Amazon secret anywhere in a station's home, byte by byte (every file, every
    encoding we could write it in)."""
    secrets = [sim.client_secret, *(s.refresh_token for s in sim.sellers())]
    assert all(len(s) >= 8 for s in secrets)
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            for form in (secret.encode(), secret.encode("utf-16-le"), json.dumps(secret).encode()):
                assert form not in data, f"an Amazon secret is in {path.relative_to(home)}"


def test_an_offline_packer_finishes_and_the_label_is_bought_once_on_reconnect(rig: dict[str, Any],
                                                                             tmp_path: Path) -> None:  # fmt: skip
    order = rig["order"]
    with serving(rig["hub"]) as url:
        crew = _station(rig, url, tmp_path / "st")
        wiring = wire(crew.station)
        wiring.engine.run_once()
        package = _box(crew, order)  # claimed while online
        packer = crew.login("pat")
        choice = crew.station.shipping.rates(packer, order.order_id, package)[0]
    try:
        # The hub is gone: the purchase fails as offline, the packer parks the order and moves on.
        with pytest.raises(UpstreamError):
            crew.station.shipping.buy_label(packer, order.order_id, package, choice.rate)
        crew.station.shipping.park(packer, order.order_id)
        assert crew.station.store.orders.status(order.order_id) == OrderStatus.AWAITING_LABEL
        parked = json.loads(choice.rate.request_token)
        assert parked["rate_rule"] == "best" and parked["weight_lb"] == 2.5 and "amount" not in parked
        with serving(rig["hub"]) as url:
            wiring.engine.sync.client.base_url = url
            result = crew.station.shipping.buy_parked(crew.login("pat"))
            assert result.bought and not result.failed, result.failed
            again = crew.station.shipping.buy_parked(crew.login("pat"))  # nothing left to buy
            assert not again.bought
        assert crew.station.store.orders.status(order.order_id) == OrderStatus.SHIPPED
        assert len(rig["sim"].shipments) == 1  # bought once
    finally:
        wiring.close()
        crew.station.close()
