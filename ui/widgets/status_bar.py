"""The status bar: operator, station, connection, outbox, printer, scale, scanner — icons and words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QWidget

from ui.theme import label, set_prop

_LEVEL = {
    "ready": "ok", "online": "ok", "stable": "ok", "ok": "ok", "wedge": "ok", "virtual": "ok",
    "offline": "bad", "unplugged": "bad", "paper_out": "bad", "head_open": "bad", "error": "bad",
    "paused": "warn", "closed": "warn", "none": "warn", "zero": "ok", "in_motion": "warn", "timeout": "warn",
}  # fmt: skip
# Marked here (context StatusBarWidget), translated as shown.
_WORDS = {
    "paper_out": QT_TRANSLATE_NOOP("StatusBarWidget", "out of labels"),
    "head_open": QT_TRANSLATE_NOOP("StatusBarWidget", "head open"),
    "unplugged": QT_TRANSLATE_NOOP("StatusBarWidget", "unplugged"),
    "none": QT_TRANSLATE_NOOP("StatusBarWidget", "not set up"),
    "in_motion": QT_TRANSLATE_NOOP("StatusBarWidget", "settling"),
    "zero": QT_TRANSLATE_NOOP("StatusBarWidget", "ready"),
    "ready": QT_TRANSLATE_NOOP("StatusBarWidget", "ready"),
    "stable": QT_TRANSLATE_NOOP("StatusBarWidget", "stable"),
    "ok": QT_TRANSLATE_NOOP("StatusBarWidget", "ok"),
    "wedge": QT_TRANSLATE_NOOP("StatusBarWidget", "wedge"),
    "virtual": QT_TRANSLATE_NOOP("StatusBarWidget", "virtual"),
    "paused": QT_TRANSLATE_NOOP("StatusBarWidget", "paused"),
    "closed": QT_TRANSLATE_NOOP("StatusBarWidget", "closed"),
    "error": QT_TRANSLATE_NOOP("StatusBarWidget", "error"),
    "timeout": QT_TRANSLATE_NOOP("StatusBarWidget", "not answering"),
}
_ROLES = (  # the operator's role, shown next to their name
    QT_TRANSLATE_NOOP("StatusBarWidget", "packer"),
    QT_TRANSLATE_NOOP("StatusBarWidget", "lead"),
    QT_TRANSLATE_NOOP("StatusBarWidget", "admin"),
    QT_TRANSLATE_NOOP("StatusBarWidget", "auditor"),
)
_DEVICES = {
    "printer": QT_TRANSLATE_NOOP("StatusBarWidget", "printer"),
    "scale": QT_TRANSLATE_NOOP("StatusBarWidget", "scale"),
    "scanner": QT_TRANSLATE_NOOP("StatusBarWidget", "scanner"),
}


class StatusBarWidget(QFrame):
    def __init__(self, station_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "statusbar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 2, 8, 2)
        lay.setSpacing(6)
        self.operator = label(self.tr("◉ nobody logged in"), "status")
        self.station = label(f"▣ {station_name}", "status")
        self.online = label(self.tr("● connecting…"), "status")
        self.outbox = label(self.tr("⇅ outbox 0"), "status")
        self.printer = label(self.tr("● printer …"), "status")
        self.scale = label(self.tr("● scale …"), "status")
        self.scanner = label(self.tr("● scanner wedge"), "status")
        self.message = label("", "status")
        # A long message must never widen the window past the screen: it takes what is left, elided by Qt.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for w in (self.operator, self.station, self.online, self.outbox):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.message)
        lay.addStretch(1)
        for w in (self.printer, self.scale, self.scanner):
            lay.addWidget(w)
        set_prop(self.operator, "level", "user")
        self._shown: dict[str, tuple[Any, ...]] = {}  # last state per part, to show again in a new language

    def changeEvent(self, event: QEvent) -> None:
        """A new language at login: the parts built from states are worded again."""
        if event.type() == QEvent.Type.LanguageChange:
            for part, args in list(self._shown.items()):
                method = "set_device" if part.startswith("device.") else part
                getattr(self, method)(*args)
        super().changeEvent(event)

    def set_operator(self, name: str, role: str) -> None:
        self._shown["set_operator"] = (name, role)
        self.operator.setText(f"◉ {name} ({self.tr(role)})" if name else self.tr("◉ locked — scan a badge"))

    def set_online(self, online: bool | None) -> None:
        self._shown["set_online"] = (online,)
        if online is None:
            self.online.setText(self.tr("● not joined to a hub"))
            set_prop(self.online, "level", "warn")
            return
        self.online.setText(self.tr("● online") if online else self.tr("● OFFLINE"))
        set_prop(self.online, "level", "ok" if online else "bad")

    def set_outbox(self, depth: int, failed: int = 0) -> None:
        self._shown["set_outbox"] = (depth, failed)
        failures = " " + self.tr("({0} failed)").format(failed) if failed else ""
        self.outbox.setText(self.tr("⇅ outbox {0}").format(depth) + failures)
        set_prop(self.outbox, "level", "bad" if failed else ("warn" if depth else "ok"))

    def set_device(self, which: str, state: str, detail: str = "") -> None:
        widget = {"printer": self.printer, "scale": self.scale, "scanner": self.scanner}[which]
        self._shown[f"device.{which}"] = (which, state, detail)
        icon = "●"
        words = self.tr(_WORDS[state]) if state in _WORDS else state
        widget.setText(f"{icon} {self.tr(_DEVICES[which])} {words}")  # short: the status bar fits 1366 px
        widget.setToolTip(detail)
        set_prop(widget, "level", _LEVEL.get(state, "warn"))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
