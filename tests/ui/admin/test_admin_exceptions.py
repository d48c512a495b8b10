"""Exception queue: the lead sees reason, who, when and the scans, and resolves by requeue."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.domain import Role
from ui.admin.exceptions import ExceptionsWidget

from .conftest import add_order

ORDER = "113-4827711-0093312"


def raise_exception(env) -> None:  # type: ignore[no-untyped-def]
    add_order(env, ORDER)
    packer = env.add("pat", Role.PACKER)
    env.station.pack.open_order(packer, ORDER)
    env.station.pack.scan(packer, ORDER, "BOT-750")
    env.station.pack.scan(packer, ORDER, "NOT-IN-ORDER")
    env.station.pack.raise_exception(packer, ORDER, "short", "bin empty")


def test_lead_sees_the_exception_and_requeues_it(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    raise_exception(env)
    lead = env.add("lee", Role.LEAD)
    widget = ExceptionsWidget(env.station, lead)
    qtbot.addWidget(widget)
    assert widget.table.rowCount() == 1
    row = [widget.table.item(0, c).text() for c in range(5)]
    # Issue 15: the seller's name, not its raw id; scans with the item's name and bin.
    assert row[0] == ORDER and row[1] == "Acme Outdoor" and row[2].startswith("Item short") and row[3] == "pat"
    assert row[4]  # when, in the station's time zone
    scans = [[widget.scans.item(r, c).text() for c in range(4)] for r in range(widget.scans.rowCount())]
    assert [s[2] for s in scans[:2]] == ["Trail Bottle 750 ml · bin A-03 (BOT-750)", "NOT-IN-ORDER"]
    assert scans[1][3] == "✖ wrong item" and scans[-1][3] == "⚑ problem reported (short)"
    qtbot.mouseClick(widget.requeue_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok" and "back in the queue" in widget.message.text()
    assert widget.table.rowCount() == 0
    assert env.station.store.orders.status(ORDER) == "unshipped"
    assert ORDER in [r.order_id for r in env.station.store.orders.queue()]
    resolved = env.actions("order.exception_resolved", "lee")
    assert len(resolved) == 1 and resolved[0].target == ORDER and '"requeue"' in resolved[0].detail
    # Scans were kept: the packer continues where they stopped.
    assert env.station.pack.state(ORDER).units_scanned == 1


def test_cancel_needs_a_confirmation(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    raise_exception(env)
    widget = ExceptionsWidget(env.station, env.add("lee", Role.LEAD))
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
    assert env.station.store.orders.status(ORDER) == "exception"
    qtbot.mouseClick(widget.confirm.yes, Qt.MouseButton.LeftButton)
    assert env.station.store.orders.status(ORDER) == "cancelled"


def test_packer_is_denied_the_exception_queue(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    raise_exception(env)
    packer = env.login("pat", "482913")
    widget = ExceptionsWidget(env.station, packer)
    qtbot.addWidget(widget)
    assert widget.message.kind == "error" and "Not allowed" in widget.message.text()
    widget.resolve(ORDER, "requeue")
    assert env.station.store.orders.status(ORDER) == "exception"
    assert len(env.actions("permission.denied", "pat")) == 2
