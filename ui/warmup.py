"""After the login screen is up: import what it did not need, off the GUI thread, then connect sync.

The login screen needs none of the HTTP, PDF or label libraries; deferring them keeps the cold start
short, and warming them here keeps the first order, slip and label as fast as before (issue 15).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# Imported by the packer's path after login (sync, slip PDF, label render/raster), never by the login screen.
# Qt widget modules (admin, prep screens) are not here: they load with their area on first open.
DEFERRED = (
    "sync.hubmarket",
    "sync.hubsync",
    "station.services.housekeeping",
    "ui.reports.slip",
    "ui.documents",
    "drivers.labels.render",
    "zplkit",
    "pypdfium2",
)


class Warmup(QObject):
    """Imports ``modules`` on a background thread; ``then`` runs on the GUI thread when they are in."""

    finished = Signal()

    def __init__(self, then: Callable[[], None] | None = None, modules: tuple[str, ...] = DEFERRED,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.modules = modules
        if then is not None:
            self.finished.connect(then)  # queued: emitted from the worker, run by the GUI thread

    def start(self) -> None:
        """Begin the imports (returns at once)."""
        threading.Thread(target=self._run, name="warmup", daemon=True).start()

    def _run(self) -> None:
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception:  # an optional library missing must not stop the station: it loads on use
                log.warning("warm-up import of %s failed; it loads on first use", name, exc_info=True)
        self.finished.emit()
