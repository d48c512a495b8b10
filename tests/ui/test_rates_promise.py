"""Issue 15 item 10: each rate shows its promised delivery date and days in transit; when no service meets
the order's delivery promise, that is said first and loudly."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from station.services.shipping import RateChoice
from tests.ui.conftest import login_packer, plain_order, scan_items
from ui.demo import Demo


def _rates(qtbot: Any, win: Any, demo: Demo) -> None:
    login_packer(qtbot, win)
    order = plain_order(demo)
    win.handle_scan(order["order_id"])
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pack, timeout=5000)
    scan_items(qtbot, win, order)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.packaging, timeout=5000)
    qtbot.waitUntil(lambda: win.packaging.boxes[0].weight_lb > 0, timeout=5000)
    win.packaging.confirm()
    qtbot.waitUntil(lambda: bool(win.packaging.choices), timeout=10000)


@pytest.mark.xfail(strict=True, reason="known gap of the hub path (the demo now runs on it): the station sees one "
                   "rate rule, and the hub's order changes do not carry the buyer's deliver-by date yet")  # fmt: skip
def test_rates_show_delivery_date_and_transit_days(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    _rates(qtbot, win, demo)
    rows = [win.packaging.rates.item(n).text() for n in range(win.packaging.rates.count())]
    assert rows and all(" by " in r and " day" in r for r in rows), rows
    first = win.packaging.choices[0]
    assert first.keeps_promise and rows[0].startswith("★")


def test_no_rate_meets_the_promise_is_said_first_and_loudly(qtbot: Any, demo: Demo, window: Any) -> None:
    win = window
    _rates(qtbot, win, demo)
    late = [RateChoice(replace(c.rate, promise_delivery_latest="2099-01-01T00:00:00Z"), False)
            for c in win.packaging.choices]  # fmt: skip
    win.packaging._show_rates((list(win.packaging.package_ids), late))
    assert win.packaging.feedback.property("outcome") == "wrong_item"
    assert "NO SERVICE ARRIVES BY" in win.packaging.message.text()
    assert "LATE" in win.packaging.rates.item(0).text()


def test_default_rate_is_one_known_to_meet_the_promise() -> None:
    from station.domain import Rate
    from station.services.shipping import rank_rates

    def rate(name: str, amount: float, promised: str) -> Rate:
        return Rate("t", name, "c", "Carrier", name, name, amount, "USD", promised)

    ranked = rank_rates([rate("nodate", 5.0, ""), rate("late", 4.0, "2026-01-09T00:00:00Z"),
                         rate("ontime", 9.0, "2026-01-04T00:00:00Z")], "2026-01-05T00:00:00Z")  # fmt: skip
    assert [c.rate.rate_id for c in ranked] == ["ontime", "nodate", "late"]
    assert [c.keeps_promise for c in ranked] == [True, True, False]
