"""Issue 15 "should fix" for the lead/admin and FBA screens: the dark theme with readable headers, headers
that fit, lists with room, the danger button's contrast, device words, seller names, plural forms."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget

from tests.ui.test_lead_area_keys import open_area
from ui.demo import ADMIN, LEAD


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rendered_colours(widget: Any) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(background, text) as drawn: the commonest pixel, and the frequent pixel farthest from it."""
    import io

    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    counts: Counter[tuple[int, int, int]] = Counter(
        {colour: n for n, colour in image.getcolors(maxcolors=1 << 24) or []}
    )
    background = counts.most_common(1)[0][0]
    frequent = [c for c, n in counts.items() if n >= 4 and c != background]
    text = max(frequent, key=lambda c: contrast(c, background))
    return background, text


def screens(host: Any) -> list[Any]:
    return [host.tabs.widget(i) for i in range(host.tabs.count())]


def show(host: Any, screen: Any) -> None:
    host.tabs.setCurrentIndex(screens(host).index(screen))


def test_lead_area_is_dark_with_readable_headers(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10, ADMIN)
    for screen in screens(host):
        show(host, screen)
        qtbot.wait(10)
        background, _text = rendered_colours(screen)
        assert luminance(background) < 0.05, (type(screen).__name__, background)  # the packing screens' slate
        for table in screen.findChildren(QTableWidget):
            header = table.horizontalHeader()
            bg, fg = rendered_colours(header.viewport() if header.viewport() else header)
            assert contrast(bg, fg) >= 4.5, (type(screen).__name__, bg, fg)


def test_headers_fit_their_sections(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    for key, who in ((Qt.Key.Key_F9, LEAD), (Qt.Key.Key_F10, ADMIN)):
        host = open_area(qtbot, win, demo, key, who) if win.admin is None else None
        if host is None:
            win.back_to_queue("")
            win.logout()
            host = open_area(qtbot, win, demo, key, who)
        for screen in screens(host):
            show(host, screen)
            qtbot.wait(10)
            for table in screen.findChildren(QTableWidget):
                header = table.horizontalHeader()
                for col in range(header.count()):
                    need = header.sectionSizeFromContents(col).width()
                    assert header.sectionSize(col) >= need, (type(screen).__name__, col,
                                                             table.horizontalHeaderItem(col).text())  # fmt: skip
                    assert header.sectionViewportPosition(col) + need <= header.viewport().width() + 1, (
                        type(screen).__name__, table.horizontalHeaderItem(col).text())  # fmt: skip


def test_lists_have_room_and_fit_1366x768(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10, ADMIN)
    # The area itself never asks for more than a 1366×768 screen (its pages scroll; the packer screens are
    # ux-pack's part of the window's minimum size).
    need = host.minimumSizeHint()
    assert need.width() <= 1366 and need.height() <= 768 - 120, (need.width(), need.height())
    window_need = win.minimumSizeHint()  # a hidden (packer) screen no longer sets the window's minimum
    assert window_need.width() <= 1366 and window_need.height() <= 768, (window_need.width(), window_need.height())
    for screen in screens(host):
        show(host, screen)
        qtbot.wait(10)
        for table in screen.findChildren(QTableWidget):
            rows_visible = (table.viewport().height()) / table.verticalHeader().defaultSectionSize()
            assert rows_visible >= 3, (type(screen).__name__, rows_visible)


def test_forget_seller_is_readable(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10, ADMIN)
    sellers = next(s for s in screens(host) if type(s).__name__ == "SellersWidget")
    show(host, sellers)
    qtbot.wait(10)
    for enabled in (False, True):
        sellers.forget_button.setEnabled(enabled)
        bg, fg = rendered_colours(sellers.forget_button)
        assert contrast(bg, fg) >= 4.5, (enabled, bg, fg)
    for button in sellers.findChildren(QPushButton):
        if button.isVisibleTo(sellers):
            bg, fg = rendered_colours(button)
            assert contrast(bg, fg) >= 4.5, (button.text(), bg, fg)


def test_devices_describe_the_configured_devices(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    win, _clock = wedge_window
    host = open_area(qtbot, win, demo, Qt.Key.Key_F10, ADMIN)
    devices = next(s for s in screens(host) if type(s).__name__ == "DevicesWidget")
    qtbot.waitUntil(lambda: devices.now_label.text() != "", timeout=5000)
    words = dict(part.split(": ", 1) for part in devices.now_label.text().split(" · "))
    assert "printer" not in words["scale"].lower(), words  # the demo's scale is a virtual SCALE
    assert "Virtual scale" in words["scale"]
    assert "none chosen" not in words["scanner"] and "wedge" in words["scanner"].lower()


def test_counts_use_plural_forms(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.plural import ntr

    assert ntr("prep", "%n label(s) printed", 1) == "1 label printed"
    assert ntr("prep", "%n label(s) printed", 5) == "5 labels printed"
    assert ntr("admin", "%n labelled box(es)", 1) == "1 labelled box"
    assert ntr("admin", "%n row(s) shown", 2) == "2 rows shown"


def test_no_page_is_wider_than_its_tab(qtbot, demo, wedge_window) -> None:  # type: ignore[no-untyped-def]
    """At 1366 px no screen of either area is cut at the right (its pages scroll down, never sideways)."""
    win, _clock = wedge_window
    for key, who in ((Qt.Key.Key_F10, ADMIN), (Qt.Key.Key_F9, LEAD)):
        if win.session is not None:
            win.logout()
        host = open_area(qtbot, win, demo, key, who)
        for screen in screens(host):
            show(host, screen)
            qtbot.wait(1200 if type(screen).__name__ == "DevicesWidget" else 10)  # a scale reading arrives
            area = screen.parentWidget().parentWidget()  # the page's scroll area
            assert screen.minimumSizeHint().width() <= area.viewport().width() + 1, (
                type(screen).__name__, screen.minimumSizeHint().width(), area.viewport().width())  # fmt: skip
