"""Issue 15 should-fix: plurals on the packer screens through Qt's plural forms (tr with n), no "(s)"."""

from __future__ import annotations

import re
from typing import Any

from ui.i18n import tr_n


def test_tr_n_reads_right_in_english(qapp: Any) -> None:
    assert tr_n("X", "%n label(s) printed", 1) == "1 label printed"
    assert tr_n("X", "%n label(s) printed", 3) == "3 labels printed"
    assert tr_n("X", "%n label(s) printed", 0) == "0 labels printed"


def test_queue_shows_lines_and_exceptions_with_plurals(qtbot: Any, window: Any) -> None:
    from tests.ui.conftest import login_packer

    login_packer(qtbot, window)
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0, timeout=5000)
    model = window.queue.model
    texts = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert not [t for t in texts if "(s)" in t or re.search(r"\b1 (lines|units)\b", t)], texts
    assert any(t.startswith("1 unit · 1 line") for t in texts), texts
    assert "1 exceptions" not in window.queue.counts.text()


def test_queue_counts_one_exception_in_the_singular(qtbot: Any, window: Any, demo: Any) -> None:
    """With exactly one order in the exception queue the counts read "1 exception", with two "2 exceptions"."""
    from tests.ui.conftest import codes, login_packer

    login_packer(qtbot, window)
    orders = [o["order_id"] for o in codes(demo)["orders"]][:2]
    for n, order_id in enumerate(orders, start=1):
        demo.station.pack.raise_exception(window.session, order_id, "damaged")
        window.queue.refresh()
        word = "1 exception ·" if n == 1 else "2 exceptions ·"
        qtbot.waitUntil(lambda word=word: word in window.queue.counts.text() + " ·", timeout=5000)
    assert "(s)" not in window.queue.counts.text()
