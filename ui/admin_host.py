"""The lead/admin area of the shell: the ui.admin screens the session's role may open, as tabs.

Screens come from ``ui.admin.screens_for(role)``; each takes ``(station, session, run)``. When the
admin package is unavailable, the area is simply empty.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from station.app import Station
from station.services.auth import Session
from ui import keyhelp
from ui.keyhelp import Key
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


def tr(text: str, n: int = -1) -> str:
    """Translate an operator-facing string of the lead/admin host."""
    return QCoreApplication.translate("AdminHost", text, None, n)


def focus_screen(widget: QWidget | None) -> None:
    """Put the keyboard focus inside a screen: its scan field, its ``focus_widget``, else its first field."""
    if widget is None:
        return
    target = getattr(widget, "focus_widget", None) or getattr(widget, "scan", None)
    if not isinstance(target, QWidget) or not target.isEnabled():
        target = next((w for w in widget.findChildren(QWidget)
                       if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and w.isVisibleTo(widget)),
                      None)  # fmt: skip
    (target or widget).setFocus(Qt.FocusReason.OtherFocusReason)


def may_open(session: Session, area: str = "admin") -> bool:
    return bool(screen_specs(session.role.value, area))


class ScreenTabs(QTabWidget):
    """Tabs whose pages scroll (a screen never gets squeezed or cut off at 1366×768); ``widget(i)`` and
    ``currentWidget()`` still answer with the screen itself."""

    def __init__(self) -> None:
        super().__init__()
        self.screens: list[QWidget] = []

    def add_screen(self, screen: QWidget, title: str) -> int:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(screen)
        self.screens.append(screen)
        return self.addTab(area, title)

    def widget(self, index: int) -> QWidget | None:  # type: ignore[override]
        return self.screens[index] if 0 <= index < len(self.screens) else None

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.widget(self.currentIndex())


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
        self.setObjectName("adminHost")
        heading = tr("FBA PREP") if area == "prep" else tr("LEAD / ADMIN")
        keys_hint = tr("Esc: back to packing · Ctrl+Tab: next screen · F1: keys")
        root.addWidget(label(f"{heading} — {session.name} ({session.role.value})      {keys_hint}",
                             "subtitle"))  # fmt: skip
        from ui.admin.style import KEY_HELP_STYLE, STYLE_SHEET  # loaded with the area, not at start-up

        self.setStyleSheet(STYLE_SHEET + KEY_HELP_STYLE)  # the same dark theme as the screens inside
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.tabs = ScreenTabs()
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar never traps the keyboard
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.help = keyhelp.KeyHelpPanel()
        root.addWidget(self.help)
        root.addWidget(self.tabs, 1)
        titles: list[str] = []
        for spec in screen_specs(session.role.value, area):
            try:
                widget = spec.factory(station, session, runner.run)
            except Exception:
                log.exception("admin screen %s failed to open", spec.title)
                continue
            for combo in widget.findChildren(QComboBox):  # a long entry must not widen the page past the screen
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(12)
            n = self.tabs.count() + 1
            # "&&": a lone & in a title would become a mnemonic and vanish ("Catalogue _deliveries")
            title = QCoreApplication.translate("screens", spec.title)  # marked where each screen names itself
            self.tabs.add_screen(widget, title.replace("&", "&&"))
            self.tabs.setTabToolTip(n - 1, f"{title} — Ctrl+{n}" if n <= 9 else title)
            titles.append(title)
            if hasattr(widget, "closed"):
                widget.closed.connect(self.closed.emit)
        self.tabs.currentChanged.connect(lambda _i: focus_screen(self.tabs.currentWidget()))
        keys = [Key("Esc", tr("Back to packing (or close this help)"), self.escape),
                Key("F1", tr("Show or hide the keys of this screen"), self.toggle_help),
                Key("Ctrl+Tab", tr("Next screen"), lambda: self.step(1)),
                Key("Ctrl+Shift+Tab", tr("Previous screen"), lambda: self.step(-1))]
        keys += [Key(f"Ctrl+{i + 1}", tr("Open the screen “%1”").replace("%1", titles[i]),
                     lambda i=i: self.tabs.setCurrentIndex(i))  # type: ignore[misc]
                 for i in range(min(self.tabs.count(), 9))]  # fmt: skip
        keyhelp.add_keys(self, keys)
        station.audit.record(session.name, f"{area}.opened", role=session.role.value, screens=self.tabs.count())

    def step(self, delta: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous screen, wrapping round."""
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % self.tabs.count())

    def escape(self) -> None:
        if self.help.isVisible():
            self.help.setVisible(False)
        else:
            self.closed.emit()

    def toggle_help(self) -> None:
        """F1: the keys of the screen shown (from its own key table) and of this area."""
        self.help.toggle(keyhelp.keys_of(self.tabs.currentWidget()), keyhelp.keys_of(self, deep=False))

    def handle_scan(self, code: str) -> None:
        """A scan (from the one scan handler) goes to the screen shown; a screen without scans says so."""
        screen = self.tabs.currentWidget()
        handler = getattr(screen, "handle_scan", None)
        if handler is not None:
            handler(code)
        elif screen is not None and hasattr(screen, "show_warning"):
            screen.show_warning(tr("This screen takes no scans — Ctrl+Tab to the screen you need"))

    def wants_badge(self) -> bool:
        """True when the screen shown takes a badge scan into a field (operators: a new badge)."""
        wants = getattr(self.tabs.currentWidget(), "wants_badge", None)
        return bool(wants()) if wants is not None else False

    def focusInEvent(self, event):  # type: ignore[no-untyped-def]
        super().focusInEvent(event)
        focus_screen(self.tabs.currentWidget())  # the keys of the screen work from the start

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        # Keys that reached the host (focus on the host itself): its own, else the screen's.
        if keyhelp.dispatch(self, event) or keyhelp.dispatch(self.tabs.currentWidget(), event):
            return
        super().keyPressEvent(event)
