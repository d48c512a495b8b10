"""The Qt wedge adapter: scans go to the handler, never into the focused field."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from drivers.scanners.wedge import WedgeDecoder  # noqa: E402
from ui.scanning import ScanEventFilter  # noqa: E402


class FakeTime:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def setup(qtbot):
    app = QtWidgets.QApplication.instance()
    field = QtWidgets.QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    scans: list[str] = []
    clock = FakeTime()
    filt = ScanEventFilter(WedgeDecoder(), scans.append, time_source=clock)
    app.installEventFilter(filt)
    yield field, filt, scans, clock
    app.removeEventFilter(filt)


def type_keys(field, clock, text: str, gap: float) -> None:
    for ch in text:
        if ch == "\r":
            QTest.keyClick(field, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(field, ch)
        clock.t += gap


def test_scan_goes_to_handler_not_field(setup):
    field, _filt, scans, clock = setup
    type_keys(field, clock, "X00ABCD123\r", 0.004)
    assert scans == ["X00ABCD123"]
    assert field.text() == ""


def test_typing_reaches_the_field(setup):
    field, filt, scans, clock = setup
    for ch in "abc":
        type_keys(field, clock, ch, 0.2)
        filt.poll()
    assert field.text() == "abc"
    assert scans == []


def test_endless_burst_swallowed_without_hanging(setup):
    field, filt, scans, clock = setup
    rejected: list[str] = []
    filt.scan_rejected.connect(rejected.append)
    type_keys(field, clock, "Z" * 400, 0.002)
    clock.t += 1
    filt.poll()
    assert field.text() == "" and scans == [] and rejected == ["too_long"]


def test_function_keys_pass_and_release_held_typing(setup):
    field, _filt, _scans, clock = setup
    type_keys(field, clock, "q", 0.001)
    QTest.keyClick(field, Qt.Key.Key_F5)
    assert field.text() == "q"


def _stamped_key(ch: str, stamp_ms: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
    ev = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
    ev.setTimestamp(stamp_ms)
    return ev


def test_event_timestamps_not_processing_time_decide_the_gaps(setup):
    """Issue 14 item 7: the GUI stalls 40 ms mid-scan; the keys themselves were 4 ms apart."""
    field, _filt, scans, clock = setup
    for i, ch in enumerate("X00ABCD123\r"):
        QtWidgets.QApplication.sendEvent(field, _stamped_key(ch, 5_000_000 + 4 * i))
        clock.t += 0.040 if i == 5 else 0.001
    assert scans == ["X00ABCD123"] and field.text() == ""


def test_stamped_typing_is_released_by_poll(setup):
    field, filt, scans, clock = setup
    QtWidgets.QApplication.sendEvent(field, _stamped_key("a", 9_000_000))
    clock.t += 0.5  # poll() runs later on the time source: compared on the event clock
    filt.poll()
    assert field.text() == "a" and scans == []
