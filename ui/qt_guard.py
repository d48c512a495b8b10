"""Work around PySide6 6.12's reference-count leak on Python 3.11.

PySide6-Essentials 6.12.0 drops one reference to ``None`` on (nearly) every void method call and one
to ``True`` on every signal emit. On Python 3.12+ those objects are immortal and nothing happens; on
3.11 the count reaches zero after some minutes of use and the interpreter aborts ("none_dealloc",
"bool_dealloc"). Until the pinned PySide6 is fixed, the station keeps a ballast of extra references
topped up from a timer: 8 bytes per leaked reference, a few MB a day.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

FLOOR = 2_000_000
_ballast: dict[object, list[object]] = {None: [], True: [], False: []}
# The ballast lists are leaked on purpose: freed at interpreter exit they would hand back the
# references PySide took, and the exit itself would abort.
for _refs in _ballast.values():
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(_refs))


def top_up() -> None:
    """Raise the reference counts of None/True/False back above FLOOR."""
    if sys.version_info >= (3, 12):
        return
    for obj, refs in _ballast.items():
        missing = FLOOR - sys.getrefcount(obj)
        if missing > 0:
            refs.extend([obj] * missing)  # type: ignore[list-item]


def install(parent: QObject, interval_ms: int = 250) -> QTimer:
    """Start the top-up timer (owned by ``parent``)."""
    top_up()
    timer = QTimer(parent)
    timer.timeout.connect(top_up)
    timer.start(interval_ms)
    return timer
