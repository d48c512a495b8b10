"""The status bar: operator, station, connection, outbox, printer, scale, scanner — icons and words."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QWidget

from ui.theme import label, set_prop

_LEVEL = {
    "ready": "ok", "online": "ok", "stable": "ok", "ok": "ok", "wedge": "ok", "virtual": "ok",
    "offline": "bad", "unplugged": "bad", "paper_out": "bad", "head_open": "bad", "error": "bad",
    "paused": "warn", "closed": "warn", "none": "warn", "zero": "ok", "in_motion": "warn", "timeout": "warn",
}  # fmt: skip
_WORDS = {
    "paper_out": "out of labels", "head_open": "head open", "unplugged": "unplugged", "none": "not set up",
    "in_motion": "settling", "zero": "ready",
}  # fmt: skip


class StatusBarWidget(QFrame):
    def __init__(self, station_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "statusbar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 2, 8, 2)
        lay.setSpacing(6)
        self.operator = label("◉ nobody logged in", "status")
        self.station = label(f"▣ {station_name}", "status")
        self.online = label("● connecting…", "status")
        self.outbox = label("⇅ outbox 0", "status")
        self.printer = label("● printer …", "status")
        self.scale = label("● scale …", "status")
        self.scanner = label("● scanner wedge", "status")
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

    def set_operator(self, name: str, role: str) -> None:
        self.operator.setText(f"◉ {name} ({role})" if name else "◉ locked — scan a badge")

    def set_online(self, online: bool | None) -> None:
        if online is None:
            self.online.setText("● no upstream")
            set_prop(self.online, "level", "warn")
            return
        self.online.setText("● online" if online else "● OFFLINE")
        set_prop(self.online, "level", "ok" if online else "bad")

    def set_outbox(self, depth: int, failed: int = 0) -> None:
        self.outbox.setText(f"⇅ outbox {depth}" + (f" ({failed} failed)" if failed else ""))
        set_prop(self.outbox, "level", "bad" if failed else ("warn" if depth else "ok"))

    def set_device(self, which: str, state: str, detail: str = "") -> None:
        widget = {"printer": self.printer, "scale": self.scale, "scanner": self.scanner}[which]
        icon = "●"
        words = _WORDS.get(state, state)
        widget.setText(f"{icon} {which} {words}")  # short: the status bar fits 1366 px
        widget.setToolTip(detail)
        set_prop(widget, "level", _LEVEL.get(state, "warn"))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
