"""pytest-qt flows of issue 13 through the real window, on a station joined to an embedded hub that buys labels
from the SP-API simulator:

- an offline packer finishes a held order: the purchase is parked as box, weight and rate rule (not a rate);
  when the hub comes back the label is bought once and prints;
- a cancellation after the label is bought shows the void flow: the lead sees the box to pull, voids its
  label through the hub, and the order ends cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from drivers.barcodes import station_code
from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM
from station.domain import OrderStatus, Role
from sync.hubmarket import RULE_BEST
from tests.hub.live import serving
from tests.hubstation.test_hub_labels import _station
from tests.station.support import PASSWORDS
from ui.demo_data import seed_catalogue
from ui.wiring import VirtualScale, Wiring, wire

KIM_BADGE = station_code("badge", "HUB-KIM")
KIM_PIN = "135790"


class Link:
    """The hub served on loopback, taken away and brought back (a new port each time, as after a cut)."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.stack: ExitStack | None = None
        self.url = ""

    def up(self) -> str:
        self.stack = ExitStack()
        self.url = self.stack.enter_context(serving(self.hub))
        return self.url

    def down(self) -> None:
        if self.stack is not None:
            self.stack.close()
            self.stack = None


@pytest.fixture
def joined(rig: dict[str, Any], lead_at_hub: None, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A station joined to the hub, its packer kim known at both, its hub sync wired, orders in its catalogue."""
    link = Link(rig["hub"])
    rig["hub"].people.add(HUB_SYSTEM, "kim", Role.PACKER, KIM_PIN, badge=KIM_BADGE)  # operators come from the hub
    crew = _station(rig, link.up(), tmp_path / "st")
    wiring = wire(crew.station)
    wiring.scale = VirtualScale()  # the box lands on it at the expected weight
    assert wiring.engine.run_once().online  # pull, and hold the order ahead for offline work
    wiring.engine.run_once()  # the hold's change comes down: the station knows it holds the order
    codes = seed_catalogue(crew.station)
    yield {"crew": crew, "wiring": wiring, "link": link, "codes": codes, **rig}
    wiring.close()
    link.down()
    crew.station.close()


def _window(qtbot: Any, wiring: Wiring) -> Any:
    from ui.main_window import StationWindow
    from ui.sounds import SoundPlayer

    win = StationWindow(wiring, sounds=SoundPlayer(enabled=False), install_filters=False)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    return win


def _login_kim(qtbot: Any, win: Any) -> None:
    win.handle_scan(KIM_BADGE)
    win.login.pin.setText(KIM_PIN)
    win.login._submit_pin()
    qtbot.waitUntil(lambda: win.session is not None and win.stack.currentWidget() is win.queue, timeout=10000)


def _pack(qtbot: Any, win: Any, order: Any, codes: dict[str, dict[str, str]], seller: str) -> None:
    """Scan the order, then every unit, up to the packaging screen with the box weighed."""
    win.handle_scan(order.order_id)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=10000)
    for item in order.items:
        for _ in range(item.quantity):
            before = win.pack.state.units_scanned
            win.handle_scan(codes[f"{seller}/{item.sku}"]["upc"])
            qtbot.waitUntil(lambda b=before: win.pack.state is None or win.pack.state.units_scanned > b,
                            timeout=5000)  # fmt: skip
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)


def _labels_printed(crew: Any) -> list[Path]:
    folder = crew.station.home / "labels"
    return sorted(folder.glob("job-*.zpl")) if folder.exists() else []  # one print job each (a .png beside)


def test_an_offline_packer_finishes_a_held_order_and_the_label_is_bought_on_reconnect(
    qtbot: Any, joined: dict[str, Any]
) -> None:
    crew, wiring, link, order, sim = joined["crew"], joined["wiring"], joined["link"], joined["order"], joined["sim"]
    store, seller = crew.station.store, crew.station.store.orders.get(joined["order"].order_id).seller_id
    assert order.order_id in wiring.engine.sync.held  # held ahead while the hub was there
    win = _window(qtbot, wiring)
    try:
        _login_kim(qtbot, win)
        link.down()  # the hub is unreachable
        assert not wiring.engine.run_once().online
        qtbot.waitUntil(lambda: win.banner.isVisible(), timeout=5000)
        _pack(qtbot, win, order, joined["codes"], seller)  # a held order: packed offline
        win.packaging.confirm()  # Enter: the rate rule (the hub rates when it buys; nothing to ask now)
        qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=5000)
        rate = win.packaging.choices[0].rate
        assert rate.rate_id == RULE_BEST
        parked = json.loads(rate.request_token)
        assert parked["rate_rule"] == "best" and parked["weight_lb"] > 0 and "amount" not in parked
        win.packaging.confirm()  # Enter: buy -> the hub is out of reach -> parked, the packer moves on
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=10000)
        assert "parked" in win.queue.message.text()
        assert store.orders.status(order.order_id) == OrderStatus.AWAITING_LABEL
        boxes = store.packages.for_order(order.order_id)
        # Kept as the box and its weight, with the purchase's key (it may have left: sent again, bought once).
        assert [(b.status, b.weight_lb > 0) for b in boxes] == [("purchasing", True)]
        assert not _labels_printed(crew) and not sim.calls_for("purchaseShipment")

        wiring.engine.sync.client.base_url = link.up()  # the hub is back
        assert wiring.engine.run_once().online  # "sync.online": the window buys the parked labels
        qtbot.waitUntil(lambda: store.orders.status(order.order_id) == OrderStatus.SHIPPED, timeout=20000)
        qtbot.waitUntil(lambda: bool(_labels_printed(crew)), timeout=10000)
        assert not win.banner.isVisible()
        wiring.engine.run_once()
        qtbot.wait(300)
        assert len(sim.calls_for("purchaseShipment", status=200)) == 1  # bought once
        assert len(_labels_printed(crew)) == 1
        assert store.packages.hub_label(boxes[0].package_id) is not None
    finally:
        win.shutdown()


def test_a_cancellation_after_the_label_is_bought_shows_the_void_flow(qtbot: Any, joined: dict[str, Any]) -> None:
    from PySide6.QtCore import Qt

    crew, wiring, order, hub, sim = joined["crew"], joined["wiring"], joined["order"], joined["hub"], joined["sim"]
    store, seller = crew.station.store, crew.station.store.orders.get(joined["order"].order_id).seller_id
    win = _window(qtbot, wiring)
    try:
        _login_kim(qtbot, win)
        _pack(qtbot, win, order, joined["codes"], seller)
        win.packaging.confirm()
        qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=5000)
        win.packaging.confirm()  # buy + print through the hub
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.preview, timeout=20000)
        assert store.orders.status(order.order_id) == OrderStatus.SHIPPED
        box = store.packages.for_order(order.order_id)[0]
        label_id = store.packages.hub_label(box.package_id)
        assert label_id is not None

        # The buyer cancels after the label is bought; the hub's change reaches the station.
        lines = [{"order_item_id": i.order_item_id, "sku": i.sku, "asin": i.asin, "quantity": i.quantity,
                  "quantity_shipped": 0} for i in order.items]  # fmt: skip
        hub.orders.store_order(joined["seller_id"], order.order_id, status="Canceled", lines=lines)
        wiring.engine.run_once()
        assert store.orders.status(order.order_id) == OrderStatus.EXCEPTION

        # The lead logs in and is told; the exception queue names the box to pull.
        qtbot.keyClick(win, Qt.Key.Key_F12)
        win.login.show_password_login()
        win.login.name.setText("lead")
        win.login.password.setText(PASSWORDS["lead"])
        win.login.totp.setText(crew.code("lead"))
        win.login._submit_password()
        qtbot.waitUntil(lambda: win.session is not None and win.session.name == "lead", timeout=10000)
        qtbot.waitUntil(lambda: "alert" in win.queue.message.text(), timeout=5000)
        qtbot.keyClick(win, Qt.Key.Key_F10)
        assert win.admin is not None
        tabs = win.admin.tabs
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        exceptions = tabs.widget(next(i for i, t in enumerate(titles) if "xception" in t))
        qtbot.waitUntil(lambda: _shows(exceptions.table, order.order_id, "pull the box"), timeout=5000)

        # The void flow: the lead finds the order's box, gives a reason and voids its label at the hub.
        void = tabs.widget(next(i for i, t in enumerate(titles) if "Void" in t))
        tabs.setCurrentIndex(titles.index(next(t for t in titles if "Void" in t)))
        void.handle_scan(order.order_id)
        qtbot.waitUntil(lambda: void.table.rowCount() == 1, timeout=5000)
        void.reason_edit.setText("cancelled by the buyer after the label")
        void.void_button.click()
        void.confirm.yes.click()
        qtbot.waitUntil(lambda: store.packages.get(box.package_id).status == "voided", timeout=20000)
        assert str(hub.store.ledger.get(label_id).state) == "voided"
        assert len(sim.calls_for("cancelShipment", status=200)) == 1
        assert store.orders.status(order.order_id) == OrderStatus.CANCELLED
        qtbot.waitUntil(lambda: "voided" in void.message.text(), timeout=5000)
    finally:
        win.shutdown()


def _shows(table: Any, order_id: str, words: str) -> bool:
    for row in range(table.rowCount()):
        cells = [table.item(row, c).text() for c in range(table.columnCount()) if table.item(row, c) is not None]
        if order_id in cells and any(words in c for c in cells):
            return True
    return False


def test_an_order_shipped_elsewhere_stops_the_packer(qtbot: Any, joined: dict[str, Any]) -> None:
    crew, wiring, order, hub = joined["crew"], joined["wiring"], joined["order"], joined["hub"]
    seller = crew.station.store.orders.get(order.order_id).seller_id
    win = _window(qtbot, wiring)
    try:
        _login_kim(qtbot, win)
        win.handle_scan(order.order_id)
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=10000)
        win.handle_scan(joined["codes"][f"{seller}/{order.items[0].sku}"]["upc"])
        lines = [{"order_item_id": i.order_item_id, "sku": i.sku, "asin": i.asin, "quantity": i.quantity,
                  "quantity_shipped": i.quantity} for i in order.items]  # fmt: skip
        hub.orders.store_order(joined["seller_id"], order.order_id, status="Shipped", lines=lines)
        wiring.engine.run_once()
        qtbot.waitUntil(lambda: win.pack.mode == "stopped", timeout=5000)
        assert "STOP" in win.pack.message.text() and "shipped elsewhere" in win.pack.message.text()
    finally:
        win.shutdown()
