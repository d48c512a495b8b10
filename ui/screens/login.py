"""Login: scan a badge then type the PIN (packers); name, password and TOTP (leads, admins, auditors)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from drivers.barcodes import classify
from station.app import Station
from station.errors import StationError
from station.services.auth import Session
from ui import keyhelp
from ui.i18n import tr_error, tr_n
from ui.keyhelp import Key
from ui.runner import OpRunner
from ui.theme import label


class LoginWidget(QWidget):
    """Emits ``logged_in(session)``. ``demo_hint`` (demo mode only) is shown under the form."""

    logged_in = Signal(object)

    def __init__(self, station: Station, runner: OpRunner, *, demo_hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.station, self.runner = station, runner
        self.demo_hint_fn = None
        self._badge = ""
        self._busy = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setProperty("role", "card")
        card.setFixedWidth(820)
        box = QVBoxLayout(card)
        box.setContentsMargins(48, 40, 48, 40)
        box.setSpacing(16)
        box.addWidget(label(self.tr("PACIFIC PREP STATION"), "brand"))
        self.title = label(self.tr("Scan your badge"), "title")
        box.addWidget(self.title)
        self.subtitle = label(self.tr("Hold your badge under the scanner"), "subtitle")
        self.subtitle.setWordWrap(True)
        box.addWidget(self.subtitle)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._badge_page())
        self.pages.addWidget(self._password_page())
        box.addWidget(self.pages)
        self.error = label("", "error")
        self.error.setWordWrap(True)
        box.addWidget(self.error)
        keys = label(self.tr("F2  password login (leads, admins, auditors)     Esc  start again"), "keys")
        box.addWidget(keys)
        self.hint = label(demo_hint, "hint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setVisible(bool(demo_hint))
        box.addWidget(self.hint)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        self.reset()
        keyhelp.add_keys(self, [  # the one key table: the keys work from it and F1 lists it
            Key("F2", self.tr("Password login (leads, admins, auditors)"), self.show_password_login),
            Key("Esc", self.tr("Start over: scan your badge"), self.reset),
        ])

    # -- pages ---------------------------------------------------------------------------------
    def _badge_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 8, 0, 0)
        self.badge_state = label(self.tr("Badge: waiting for scan"), "subtitle")
        lay.addWidget(self.badge_state)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN, then Enter"))
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self._submit_pin)
        lay.addWidget(self.pin)
        return page

    def _password_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 8, 0, 0)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.totp = QLineEdit()
        self.totp.setPlaceholderText(self.tr("6-digit code from your authenticator app"))
        self.totp.setMaxLength(6)
        for field in (self.name, self.password, self.totp):
            lay.addWidget(field)
        self.name.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.totp.setFocus)
        self.totp.returnPressed.connect(self._submit_password)
        return page

    # -- state ---------------------------------------------------------------------------------
    def reset(self, message: str = "") -> None:
        self._badge = ""
        self._busy = False
        for field in (self.pin, self.name, self.password, self.totp):
            field.clear()
        self.pages.setCurrentIndex(0)
        self.title.setText(self.tr("Scan your badge"))
        self.subtitle.setText(message or self.tr("Hold your badge under the scanner"))
        self.badge_state.setText(self.tr("Badge: waiting for scan"))
        self.pin.setEnabled(False)
        self.error.setText("")
        self.setFocus()

    def show_password_login(self) -> None:
        self._badge = ""
        self.pages.setCurrentIndex(1)
        self.title.setText(self.tr("Password login"))
        self.subtitle.setText(self.tr("Leads, admins and auditors: name, password and authenticator code"))
        self.error.setText("")
        self.name.setFocus()

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if not keyhelp.dispatch(self, event):
            super().keyPressEvent(event)

    def refresh_hint(self, text: str) -> None:
        if self.hint.isVisible():
            self.hint.setText(text)

    # -- scans ---------------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        kind = classify(code)
        if kind.kind == "badge":
            self.pages.setCurrentIndex(0)
            self._badge = code.strip()
            self.title.setText(self.tr("Type your PIN"))
            self.subtitle.setText(self.tr("Then press Enter"))
            self.badge_state.setText(self.tr("Badge: ✔ scanned"))
            self.error.setText("")
            self.pin.setEnabled(True)
            self.pin.clear()
            self.pin.setFocus()
            return
        focused = self.focusWidget()
        if self.pages.currentIndex() == 0 and self._badge and code.isdigit():
            self.pin.setText(code)  # a PIN typed fast enough to look like a scan
            self._submit_pin()
        elif self.pages.currentIndex() == 1 and isinstance(focused, QLineEdit):
            focused.setText(code)
            focused.returnPressed.emit()
        else:
            self.error.setText(self.tr("That is not a badge — scan the badge on your lanyard"))

    def _submit_pin(self) -> None:
        if self._busy:
            return
        if not self._badge:
            self.error.setText(self.tr("Scan your badge first"))
            return
        badge, pin = self._badge, self.pin.text()
        self._start(lambda: self.station.auth.login_badge(badge, pin))

    def _submit_password(self) -> None:
        if self._busy:
            return
        name, password, code = self.name.text().strip(), self.password.text(), self.totp.text().strip()
        self._start(lambda: self.station.auth.login_password(name, password, code))

    def _start(self, fn) -> None:  # type: ignore[no-untyped-def]
        self._busy = True
        self.subtitle.setText(self.tr("Checking…"))
        self.runner.run(fn, self._done, self._failed)

    def _done(self, session: Session) -> None:
        self._busy = False
        self.logged_in.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        page = self.pages.currentIndex()
        # A wrong PIN forgets the badge: the next entry is a fresh badge scan, never read as a PIN.
        self.reset()
        if page == 1:
            self.show_password_login()
        else:
            self.title.setText(self.tr("Scan your badge again"))
        self.error.setText(self.failure_text(exc, page == 1))

    def failure_text(self, exc: BaseException, password: bool) -> str:
        """What went wrong and what to do next; the same words whether or not the badge/name exists."""
        if not isinstance(exc, StationError):
            return self.tr("Login failed — try again")
        left = getattr(exc, "attempts_left", None)
        minutes = getattr(exc, "minutes", None)
        if left == 0 and minutes:
            return tr_n(self, "LOCKED: too many wrong tries. A lead or admin can unlock you now "
                        "(F10 › Operators › Unlock); otherwise wait %n minute(s).", minutes)  # fmt: skip
        if left is None:
            return tr_error(exc)
        if password:
            return tr_n(self, "Login failed: wrong name, password or code — %n attempt(s) left before a lockout.", left)
        return tr_n(self, "Login failed: wrong badge or PIN — %n attempt(s) left before the badge is locked. "
                    "Scan your badge again, then type your PIN.", left)  # fmt: skip
