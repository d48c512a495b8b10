"""A full-width banner (offline, stop) with large words."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from ui.theme import label, set_prop


class BannerWidget(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 8, 20, 8)
        self.text = label("", "banner-text")
        self.text.setWordWrap(True)
        lay.addWidget(self.text)
        self.hide()

    def show_text(self, text: str, level: str = "offline") -> None:
        self.text.setText(text)
        set_prop(self, "level", level)
        self.show()
