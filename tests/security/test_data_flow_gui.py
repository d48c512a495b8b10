"""The data-flow check run through the GUI, as a station runs it: the real window packs and ships a
planted order, the virtual printer writes the label, the packing slip is written, and logs are kept
by a redactor that was NOT told the buyer's values beforehand (a fresh process). Then every file
written under the demo's folder is searched, PDF streams inflated, in the common encodings.
"""

from __future__ import annotations

import logging
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

import station.logs
import station.store.orders
from station.logs import Redactor, setup_logging
from tests.security.test_data_flow import PII, PLANTED, encodings
from tests.ui.conftest import login_packer, plain_order, scan_items
from ui.demo import Demo

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def readable(path: Path) -> bytes:
    """A file's bytes, plus the inflated content of any compressed PDF stream in it."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return data
    inflated = []
    for stream in _STREAM.findall(data):
        try:
            inflated.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return data + b"".join(inflated)


def files_with(root: Path, values: list[str]) -> list[str]:
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = readable(path)
        found += [f"{path.relative_to(root)}: {v}" for v in values if any(e in data for e in encodings(v))]
    return found


def run_gui_day(qtbot: Any, demo: Demo, win: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Plant, restart the redactor, pack and ship through the window; returns the folder to search."""
    order = plain_order(demo)
    demo.simulator.change_address(order["order_id"], PLANTED)
    demo.sync()  # Amazon -> the hub -> the station
    recipient = demo.station.store.orders.recipient(order["order_id"])
    assert recipient is not None and recipient.name == PLANTED["name"]  # the plant reached the store
    fresh = Redactor()  # the station restarts: its redactor knows nobody...
    monkeypatch.setattr(station.logs, "redactor", fresh)
    monkeypatch.setattr(station.store.orders, "redactor", fresh)
    demo.station.store.orders.guard_logs()  # ...until opening the store tells it (Station.__init__ does this)
    root = demo.home.parent
    setup_logging(demo.home)
    log = logging.getLogger("ui.test.dataflow")
    try:
        # Before anything read this buyer in this process: an upstream error naming the address.
        log.warning("carrier rejected %s", PLANTED["addressLine1"].upper())
        login_packer(qtbot, win)
        win.handle_scan(order["order_id"])
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
        qtbot.waitUntil(lambda: PLANTED["name"] in win.pack.address.text(), timeout=5000)
        scan_items(qtbot, win, order)
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
        qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)
        win.packaging.confirm()
        qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=10000)
        win.packaging.confirm()
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.preview, timeout=15000)
        assert not win.preview.bought.print_error, win.preview.bought.print_error
        first, last = PLANTED["name"].split(" ", 1)
        log.warning("buyer %s called: deliver to %s, not %s", first.lower(), last.upper(), PLANTED["city"])
        try:
            raise ValueError(f"address check failed for {PLANTED['name'].upper()} at {PLANTED['addressLine1']}")
        except ValueError:
            log.exception("label problem")
        win.reprint(win.preview.bought.labels[0][0])
        qtbot.wait(200)
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging(None)
    assert demo.station.store.orders.status(order["order_id"]) == "shipped"
    return root


def test_the_gui_day_leaves_no_buyer_data_in_any_file(
    qtbot: Any, demo: Demo, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = run_gui_day(qtbot, demo, window, monkeypatch)
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert any(n.endswith("logs/station.log") for n in written) and any("/slips/" in n for n in written)
    assert (root / "home" / "logs" / "station.log").read_text(encoding="utf-8").count("[redacted]") >= 4
    # The virtual printer's job folder is the label itself (what a real printer puts on paper): the
    # known gap it leaves is pinned by the strict xfail below; every other file must be clean.
    assert [f for f in files_with(root, PII) if not f.startswith("home/labels/")] == []


@pytest.mark.xfail(strict=True, reason="known gap: the virtual printer keeps each label (name, address) "
                   "as a plain file in the home, outside the encrypted store and retention")  # fmt: skip
def test_virtual_printer_jobs_leave_no_buyer_data(
    qtbot: Any, demo: Demo, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = run_gui_day(qtbot, demo, window, monkeypatch)
    assert any((root / "home" / "labels").glob("job-*"))
    assert files_with(root / "home" / "labels", PII) == []
