"""The PySide6 refcount-leak guard keeps long sessions alive on Python 3.11."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QLabel

from ui import qt_guard


def test_many_void_calls_do_not_exhaust_none(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(30):
        qt_guard.top_up()
        for _ in range(5000):
            label.setText("x")
    qt_guard.top_up()
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) >= qt_guard.FLOOR - 1000
