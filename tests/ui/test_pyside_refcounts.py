"""Regression guard: PySide6-Essentials 6.12.0 dropped a reference to None on void calls and to True on
every signal emit; on Python 3.11 the interpreter then aborts after minutes of use. The pin in
pyproject.toml keeps such a build out; this test fails if one comes back."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.fired.connect(lambda value: seen.append(value) if len(seen) < 1 else None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5000):
        label.setText("x")
        label.setEnabled(True)
        emitter.fired.emit(True)
    assert abs(sys.getrefcount(None) - none_before) < 100
    assert abs(sys.getrefcount(True) - true_before) < 100
    assert seen == [True]
