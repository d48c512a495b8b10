"""Issue 15 items 1 and 7: the FBA prep and lead/admin areas take scans through the one scan handler,
and are driven by keys alone (tabs, every button, F1 help from each screen's own key table)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from tests.ui.conftest import FakeTime, codes, login_password
from ui import keyhelp
from ui.demo import ADMIN, LEAD


def wedge(clock: FakeTime, text: str, gap: float = 0.004) -> None:
    """Keys at scanner speed into whatever has the focus, ending with Enter."""
    for ch in text + "\r":
        target = QApplication.focusWidget()
        assert target is not None
        if ch == "\r":
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(target, ch)
        clock.t += gap


def open_area(qtbot: Any, win: Any, demo: Any, key: Qt.Key, who: tuple[str, str, str] = LEAD) -> Any:
    login_password(qtbot, win, demo, who)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.queue, timeout=5000)
    QTest.keyClick(QApplication.focusWidget() or win, key)
    qtbot.waitUntil(lambda: win.admin is not None and win.stack.currentWidget() is win.admin, timeout=5000)
    return win.admin


def line_edit_texts(widget: Any) -> list[str]:
    return [e.text() for e in widget.findChildren(QLineEdit) if e.text()]


def a_upc(demo: Any) -> str:
    return str(codes(demo)["orders"][0]["items"][0]["upc"])


def test_prep_takes_a_scanner_speed_scan_after_f9(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F9)
    prep = host.tabs.currentWidget()
    assert type(prep).__name__ == "PrepUnitWidget"
    upc = a_upc(demo)
    wedge(clock, upc)
    qtbot.waitUntil(lambda: prep.unit is not None, timeout=5000)
    assert prep.fnsku.text().startswith("X0")
    # Clicking into the scan field first changes nothing: the scan still goes to the handler.
    prep.unit = None
    QTest.mouseClick(prep.scan, Qt.MouseButton.LeftButton)
    wedge(clock, upc)
    qtbot.waitUntil(lambda: prep.unit is not None, timeout=5000)
    assert prep.scan.text() == ""


def test_prep_f5_f6_work_from_the_start(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F9)
    prep = host.tabs.currentWidget()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    assert "Scan a unit first" in prep.message.text()  # F5 reached the screen's print action
    prep.message.clear_message()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert "Scan a unit first" in prep.message.text()


def test_every_prep_screen_takes_wedge_scans(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F9)
    assert host.tabs.count() >= 4
    for i in range(host.tabs.count()):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier) if i else None
        qtbot.waitUntil(lambda i=i: host.tabs.currentIndex() == i, timeout=2000)
        screen = host.tabs.currentWidget()
        got: list[str] = []
        if hasattr(screen, "handle_scan"):
            screen.handle_scan = got.append  # the host looks the handler up at each scan
        wedge(clock, "X00SCANME1")
        assert "X00SCANME1" not in " ".join(line_edit_texts(screen)), type(screen).__name__
        if hasattr(type(screen), "handle_scan"):
            assert got == ["X00SCANME1"], type(screen).__name__
        else:
            assert "takes no scans" in screen.message.text()


def test_every_lead_screen_takes_wedge_scans(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10, ADMIN)
    assert host.tabs.count() >= 6
    for i in range(host.tabs.count()):
        host.tabs.setCurrentIndex(i)
        screen = host.tabs.currentWidget()
        got: list[str] = []
        if hasattr(type(screen), "handle_scan"):
            screen.handle_scan = got.append
        wedge(clock, "112-0000000-0000000")
        assert "112-0000000-0000000" not in " ".join(line_edit_texts(host)), type(screen).__name__
        if hasattr(type(screen), "handle_scan"):
            assert got == ["112-0000000-0000000"], type(screen).__name__
        else:
            assert "takes no scans" in screen.message.text(), type(screen).__name__


def test_tabs_switch_with_ctrl_tab_from_the_start(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10)
    assert host.isAncestorOf(QApplication.focusWidget())  # focus inside the area, not trapped outside it
    n = host.tabs.count()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert host.tabs.currentIndex() == 1
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert host.tabs.currentIndex() == 0
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert host.tabs.currentIndex() == n - 1
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert host.tabs.currentIndex() == 1
    assert "_" not in "".join(host.tabs.tabBar().tabText(i).replace("&&", "") for i in range(n))


@pytest.mark.parametrize("key,who", [(Qt.Key.Key_F10, ADMIN), (Qt.Key.Key_F10, LEAD), (Qt.Key.Key_F9, LEAD)])
def test_every_button_has_a_key_and_f1_lists_it(qtbot, demo, wedge_window, key, who) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, key, who)
    for i in range(host.tabs.count()):
        host.tabs.setCurrentIndex(i)
        screen = host.tabs.currentWidget()
        table = keyhelp.keys_of(screen)
        with_keys = {id(k.button) for k in table if k.button is not None}
        for button in screen.findChildren(QPushButton):
            assert id(button) in with_keys, f"{type(screen).__name__}: {button.text()!r} has no key"
            assert "(" in button.text() and button.toolTip()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
        assert host.help.isVisible()
        for k in table:
            assert k.text in host.help.text()
        others = [k for j in range(host.tabs.count()) if j != i for k in keyhelp.keys_of(host.tabs.widget(j))]
        assert not [k.text for k in others if k.text in host.help.text() and k not in table
                    and k.text not in [t.text for t in table]]  # only THIS screen's keys (and the area's)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert not host.help.isVisible() and win.admin is host


def _tab(host: Any, class_name: str) -> Any:
    for i in range(host.tabs.count()):
        if type(host.tabs.widget(i)).__name__ == class_name:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
            assert host.tabs.currentIndex() == i
            return host.tabs.widget(i)
    raise AssertionError(class_name)


def test_end_of_day_is_one_field_enter_shows_p_prints(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10)
    eod = _tab(host, "EndOfDayWidget")
    assert QApplication.focusWidget() is eod.date_edit and isinstance(eod.date_edit, QLineEdit)
    eod.date_edit.selectAll()
    for ch in "2026-01-02":  # typed by a person: slow keys, released by the wedge filter
        QTest.keyClicks(QApplication.focusWidget(), ch)
        clock.t += 0.3
        win.scan_filter.poll()
    assert eod.date_edit.text() == "2026-01-02"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    clock.t += 0.3
    win.scan_filter.poll()
    qtbot.waitUntil(lambda: eod.summary is not None and eod.summary.day == "2026-01-02", timeout=5000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_P)
    clock.t += 0.3
    win.scan_filter.poll()
    qtbot.waitUntil(lambda: "Nothing shipped on 2026-01-02" in eod.message.text(), timeout=5000)
    assert eod.date_edit.text() == "2026-01-02"


def test_on_a_joined_station_badges_are_given_at_the_hub(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    """The demo station is joined: its operators (badges included) are managed at the hub, so the new-badge
    field is not offered and never swallows a badge scan (a badge code never lands in a text field)."""
    from ui.demo import badge_code

    win, clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10)
    ops = _tab(host, "OperatorsWidget")
    assert ops.hub_note.isVisible() and not ops.new_badge_edit.isEnabled()
    ops.new_badge_edit.setFocus()
    wedge(clock, badge_code())
    assert ops.new_badge_edit.text() == ""


def test_pick_list_message_names_the_printer(qtbot, demo, wedge_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import drivers.printers.osqueue as osqueue
    from tests.ui.conftest import login_packer

    win, _clock = wedge_window
    jobs: list[str] = []
    monkeypatch.setattr(osqueue, "print_document", lambda queue, pdf, *, title, server="": jobs.append(queue) or "7")
    demo.station.store.settings.set("document_printer", {"queue": "Office_Laser"}, now="2026-03-10T17:00:00Z",
                                    by="test")  # fmt: skip
    login_packer(qtbot, win)
    ids = [o["order_id"] for o in codes(demo)["orders"][:2]]
    win.print_picklist(ids)
    qtbot.waitUntil(lambda: "Office_Laser" in win.queue.message.text(), timeout=5000)
    assert jobs == ["Office_Laser"] and "printed on Office_Laser (job 7)" in win.queue.message.text()


def test_one_label_printed_reads_singular(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F9)
    prep = host.tabs.currentWidget()
    from drivers.printers import VirtualPrinter

    prep._printer = VirtualPrinter(demo.home / "test-labels")
    wedge(clock, a_upc(demo))
    qtbot.waitUntil(lambda: prep.unit is not None, timeout=5000)
    prep.count.setValue(1)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "printed" in prep.message.text(), timeout=5000)
    assert "1 label printed" in prep.message.text() and "labels" not in prep.message.text()
