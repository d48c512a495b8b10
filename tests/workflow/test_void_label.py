"""Issue 15 item 5 (lead part): voiding a label withdraws a confirmation still waiting in the outbox."""

from __future__ import annotations

import pytest

from station.domain import OrderStatus
from station.errors import UsageError
from tests.workflow.conftest import Bench
from tests.workflow.test_shipping import packed_order


def test_void_withdraws_the_pending_confirmation_and_the_box_can_be_relabelled(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    bench.station.shipping.ship_external(
        bench.packer, order_id, package_id, carrier="UPS", service="Ground", tracking="1Z999AA10123456784"
    )
    lead = bench.login("lead1")  # the lead at the keyboard: the void goes to the hub under their session
    assert [p.package_id for p in bench.station.shipping.voidable_labels(lead, order_id)] == [package_id]
    with pytest.raises(UsageError):
        bench.station.shipping.void_label(lead, package_id, "   ")
    bench.station.shipping.void_label(lead, package_id, "wrong carrier")
    # The confirmation never reaches Amazon: withdrawn at the hub before its outbox sent it.
    bench.sync()
    bench.hub.hub.confirmations.run_once()
    assert bench.sim.calls_for("confirmShipment") == []
    assert bench.station.store.orders.status(order_id) == OrderStatus.UNSHIPPED
    assert bench.station.shipping.voidable_labels(bench.lead, order_id) == []
    events = [r for r in bench.station.audit_access.search(bench.admin, action="label.voided")]
    assert events and '"via": "hub"' in str(events[0].detail)  # the void and the withdrawal went to the hub


def test_lead_voids_from_the_screen_by_keys(qtbot, bench: Bench) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.admin.labels import VoidLabelWidget

    order_id, (package_id,) = packed_order(bench)
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate)
    lead = bench.login("lead1")  # the lead at the keyboard: the void goes to the hub under their session
    screen = VoidLabelWidget(bench.station, lead)
    qtbot.addWidget(screen)
    screen.show()
    screen.handle_scan(order_id)  # the packing slip's barcode
    assert screen.table.rowCount() == 1
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert "reason" in screen.message.text().lower() and not screen.confirm.isVisible()
    screen.reason_edit.setText("label smudged")
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert screen.confirm.isVisible()
    screen.confirm.confirm()
    assert "Label voided" in screen.message.text()
    assert screen.table.rowCount() == 0
    assert len(bench.sim.calls_for("cancelShipment", status=200)) == 1  # cancelled at Amazon by the hub
