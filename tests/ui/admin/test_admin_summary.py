"""End of day: orders shipped, boxes per carrier, cost; Print manifest hands a PDF to the printer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.domain import Role
from ui.admin.summary import EndOfDayWidget, day_bounds

from .conftest import add_order


def ship(env, order_id: str, carrier: str, tracking: str, cost: float) -> None:  # type: ignore[no-untyped-def]
    packages = env.station.store.packages
    package_id = packages.create(order_id, 1, [(f"{order_id}-1", 2)], weight_lb=1.5, dims_in=(10, 8, 4),
                                 idempotency_key=tracking, status="open", now="2026-03-10T18:00:00.000000Z",
                                 by="pat")  # fmt: skip
    packages.set_label(package_id, carrier=carrier, service=f"{carrier} Ground", tracking=tracking, shipment_id="s",
                       label_format="ZPL", label_document=b"^XA^XZ", cost=cost, currency="USD")  # fmt: skip


def test_summary_and_print_manifest(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    for n, (carrier, tracking, cost) in enumerate((("UPS", "1Z999AA10123456784", 9.10),
                                                   ("UPS", "1Z999AA10123456785", 12.00),
                                                   ("USPS", "9400111899223197428490", 5.25))):  # fmt: skip
        add_order(env, f"113-0000000-000000{n}")
        ship(env, f"113-0000000-000000{n}", carrier, tracking, cost)
    printed: list[tuple[bytes, str]] = []

    def print_pdf(data: bytes, name: str) -> str:
        printed.append((data, name))
        return "sent to the test printer"

    widget = EndOfDayWidget(env.station, env.add("lee", Role.LEAD), print_pdf=print_pdf)
    qtbot.addWidget(widget)
    assert widget.day() == "2026-03-10"
    assert (widget.orders_label.text(), widget.boxes_label.text(), widget.cost_label.text()) == ("3", "3", "$26.35")
    rows = [[widget.table.item(r, c).text() for c in range(5)] for r in range(widget.table.rowCount())]
    assert rows == [["UPS", "2", "2", "3.00", "$21.10"], ["USPS", "1", "1", "1.50", "$5.25"]]
    qtbot.mouseClick(widget.print_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    assert len(printed) == 1 and printed[0][0].startswith(b"%PDF") and printed[0][1] == "manifest-2026-03-10.pdf"
    assert env.actions("manifest.printed", "lee") and env.actions("manifest.viewed", "lee")


def test_nothing_shipped_prints_nothing(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    printed: list[bytes] = []
    widget = EndOfDayWidget(env.station, env.admin(), print_pdf=lambda data, name: printed.append(data) or "")
    qtbot.addWidget(widget)
    widget.print_manifest()
    assert widget.message.kind == "error" and "Nothing shipped" in widget.message.text() and not printed


def test_day_bounds_follow_the_station_time_zone() -> None:
    assert day_bounds("2026-03-10", "America/Los_Angeles") == ("2026-03-10T07:00:00.000000Z",
                                                               "2026-03-11T07:00:00.000000Z")  # fmt: skip


def test_a_packer_is_denied_the_summary(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = EndOfDayWidget(env.station, env.add("pat", Role.PACKER), print_pdf=lambda d, n: "")
    qtbot.addWidget(widget)
    assert widget.message.kind == "error" and "Not allowed" in widget.message.text()
