"""The lead/admin area of the shell: the ui.admin screens the session's role may open, as tabs.

Screens come from ``ui.admin.screens_for(role)``; each takes ``(station, session, run)``. When the
admin package is unavailable, the area is simply empty.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from station.app import Station
from station.services.auth import Session
from ui.runner import OpRunner
from ui.theme import label

log = logging.getLogger(__name__)
ADMIN_AREA_ACTION = "order.exception.resolve"  # the least any admin-area screen needs


def screen_specs(role: str, area: str = "admin") -> list[Any]:
    """(title, required_action, factory) specs of an area ("admin" or "prep") for a role."""
    try:
        if area == "prep":
            from ui.prep import screens_for
        else:
            from ui.admin import screens_for
        return list(screens_for(role))
    except ImportError as exc:  # a trimmed install: packing still works
        log.warning("%s screens unavailable: %s", area, exc)
        return []


def may_open(session: Session, area: str = "admin") -> bool:
    return bool(screen_specs(session.role.value, area))


class AdminHostWidget(QWidget):
    closed = Signal()

    def __init__(
        self, station: Station, session: Session, runner: OpRunner, parent: QWidget | None = None, *,
        area: str = "admin",
    ):  # fmt: skip
        super().__init__(parent)
        self.station, self.session = station, session
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 12, 16, 8)
        heading = "FBA PREP" if area == "prep" else "LEAD / ADMIN"
        root.addWidget(label(f"{heading} — {session.name} ({session.role.value})      Esc: back to packing",
                             "subtitle"))  # fmt: skip
        self.tabs = QTabWidget()
        root.addWidget(self.tabs, 1)
        for spec in screen_specs(session.role.value, area):
            try:
                widget = spec.factory(station, session, runner.run)
            except Exception:
                log.exception("admin screen %s failed to open", spec.title)
                continue
            self.tabs.addTab(widget, spec.title)
            if hasattr(widget, "closed"):
                widget.closed.connect(self.closed.emit)
        station.audit.record(session.name, f"{area}.opened", role=session.role.value, screens=self.tabs.count())

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(event)
