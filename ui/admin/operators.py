"""Operators (admin): create with role and badge/PIN or password, show the TOTP key once, disable, unlock."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from station.domain import Role
from station.errors import UsageError
from station.services.auth import NewOperator
from ui.admin.base import AdminWidget, ConfirmBar, fill_table, make_table, selected_text, tr
from ui.admin.runner import Runner
from ui.admin.style import ERROR_BG, WARN_ROW_BG
from ui.keyhelp import Key, add_keys
from ui.theme import plain

ROLES = (Role.PACKER, Role.LEAD, Role.ADMIN, Role.AUDITOR)
ROLE_WORDS = {
    Role.PACKER: QT_TRANSLATE_NOOP("OperatorsWidget", "Packer — badge + PIN"),
    Role.LEAD: QT_TRANSLATE_NOOP("OperatorsWidget", "Lead — password + authenticator"),
    Role.ADMIN: QT_TRANSLATE_NOOP("OperatorsWidget", "Admin — password + authenticator"),
    Role.AUDITOR: QT_TRANSLATE_NOOP("OperatorsWidget", "Auditor — password + authenticator"),
}
ROLE_NAMES = (  # the role column (translated as shown)
    QT_TRANSLATE_NOOP("OperatorsWidget", "Packer"),
    QT_TRANSLATE_NOOP("OperatorsWidget", "Lead"),
    QT_TRANSLATE_NOOP("OperatorsWidget", "Admin"),
    QT_TRANSLATE_NOOP("OperatorsWidget", "Auditor"),
)
# Each language named in itself, so an operator finds theirs whatever the screen's language.
LANGUAGE_WORDS = {"en": "English", "es": "Español"}


def provisioning_text(created: NewOperator) -> str:
    """The authenticator setup for a new operator as text (no QR): the key in groups, and the link."""
    if not created.totp_uri:
        return ""
    query = parse_qs(urlparse(created.totp_uri).query)
    secret = query.get("secret", [""])[0]
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return tr(
        "Give this to {0} now — it is shown only once.\n"
        "In the authenticator app choose 'enter a setup key':\n"
        "  Account: {0}   Issuer: Pacific Prep Station   Type: time-based\n"
        "  Key: {1}\n"
        "Or open this link on the operator's phone:\n  {2}"
    ).format(created.name, grouped, created.totp_uri)


class OperatorsWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Operators")
    required_action = "user.list"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        self.table = make_table([self.tr("Name"), self.tr("Role"), self.tr("State"), self.tr("Logs in with"),
                                 self.tr("Language")])  # fmt: skip
        self.table.setMinimumHeight(240)
        self.layout_.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.disable_button = QPushButton(self.tr("Disable selected"))
        self.disable_button.setObjectName("danger")
        self.unlock_button = QPushButton(self.tr("Unlock selected"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        for b in (self.unlock_button, self.disable_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        rebadge = QHBoxLayout()  # a packer who lost a badge gets a new one from a lead (user.badge)
        self.new_badge_edit = QLineEdit()
        self.new_badge_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_badge_edit.setPlaceholderText(self.tr("new badge code for the selected packer"))
        self.badge_button = QPushButton(self.tr("Give selected packer this badge"))
        rebadge.addWidget(self.new_badge_edit, 1)
        rebadge.addWidget(self.badge_button)
        self.layout_.addLayout(rebadge)
        relanguage = QHBoxLayout()  # the language the selected operator's screens show (user.language)
        self.set_language_combo = self._language_combo()
        self.language_button = QPushButton(self.tr("Set the selected operator's language"))
        relanguage.addWidget(self.set_language_combo)
        relanguage.addWidget(self.language_button)
        relanguage.addStretch(1)
        self.layout_.addLayout(relanguage)
        self.confirm = ConfirmBar()
        self.layout_.addWidget(self.confirm)

        self.layout_.addWidget(self.section(self.tr("New operator")))
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. maria.g (letters, digits, . _ -)"))
        self.role_combo = QComboBox()
        for role in ROLES:
            self.role_combo.addItem(self.tr(ROLE_WORDS[role]), role.value)
        self.language_combo = self._language_combo()
        self.badge_label = plain(QLabel(self.tr("Badge (scan it)")))
        self.badge_edit = QLineEdit()
        self.badge_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = plain(QLabel(self.tr("PIN")))
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(plain(QLabel(self.tr("Name"))), self.name_edit)
        form.addRow(plain(QLabel(self.tr("Role"))), self.role_combo)
        form.addRow(plain(QLabel(self.tr("Language"))), self.language_combo)
        form.addRow(self.badge_label, self.badge_edit)
        form.addRow(self.secret_label, self.secret_edit)
        form.addRow(plain(QLabel(self.tr("Repeat it"))), self.repeat_edit)
        self.layout_.addLayout(form)
        self.create_button = QPushButton(self.tr("Create operator"))
        self.layout_.addWidget(self.create_button)

        self.provisioning = QPlainTextEdit()
        self.provisioning.setReadOnly(True)
        self.provisioning.setMinimumHeight(190)
        self.provisioning_done = QPushButton(self.tr("Done — the operator has set up the authenticator"))
        self.layout_.addWidget(self.provisioning)
        self.layout_.addWidget(self.provisioning_done)
        self.hide_provisioning()

        add_keys(self, [
            Key("F5", tr("Unlock the selected operator"), self.unlock_button.click, self.unlock_button),
            Key("F8", tr("Disable the selected operator (asks first)"), self.disable_button.click, self.disable_button),
            Key("F6", tr("Give the selected packer the new badge"), self.badge_button.click, self.badge_button),
            Key("F7", tr("Create the operator"), self.create_button.click, self.create_button),
            Key("F4", tr("Set the selected operator's language"), self.language_button.click, self.language_button),
            Key("F11", tr("Done: the operator has set up the authenticator"), self.provisioning_done.click,
                self.provisioning_done),
            Key("Ctrl+R", tr("Refresh the list"), self.refresh_button.click, self.refresh_button),
        ])  # fmt: skip
        self.hub_note = plain(QLabel(self.tr(
            "This station has joined a hub: operators are managed at the hub. Packers' badges and PINs come "
            "from there (they log in here offline too); leads, admins and auditors log in through the hub.")))
        self.hub_note.setWordWrap(True)
        self.hub_note.setObjectName("warning")
        self.layout_.insertWidget(0, self.hub_note)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.create_button.clicked.connect(self.create_operator)
        self.disable_button.clicked.connect(self._ask_disable)
        self.unlock_button.clicked.connect(self._unlock_selected)
        self.badge_button.clicked.connect(self._rebadge_selected)
        self.language_button.clicked.connect(self._relanguage_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.provisioning_done.clicked.connect(self.hide_provisioning)
        self._role_changed()
        self._show_hub_management()
        self.operators: list[dict[str, object]] = []
        self.refresh()

    def _show_hub_management(self) -> None:
        """Joined to a hub: say so, and offer only what stays local (unlock, refresh)."""
        joined = bool(self.station.auth.joined())
        self.hub_note.setVisible(joined)
        for widget in (self.disable_button, self.new_badge_edit, self.badge_button, self.set_language_combo,
                       self.language_button, self.name_edit, self.role_combo, self.language_combo, self.badge_edit,
                       self.secret_edit, self.repeat_edit, self.create_button):  # fmt: skip
            widget.setEnabled(not joined)

    # -- list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.act(lambda: self.station.auth.list_operators(self.session), self._show)

    def _show(self, operators: list[dict[str, object]]) -> None:
        self.operators = operators
        rows, colours = [], []
        for o in operators:
            if o["disabled"]:
                state, colour = self.tr("Disabled"), (ERROR_BG, "#ffffff")
            elif o["locked"]:
                state, colour = self.tr("LOCKED OUT"), (WARN_ROW_BG, "#000000")
            else:
                state, colour = self.tr("Active"), None
            if o.get("origin") == "hub":
                logs_in = self.tr("Badge + PIN (from the hub)") if o["role"] == Role.PACKER.value else self.tr(
                    "Through the hub")  # fmt: skip
            elif o["role"] == Role.PACKER.value:
                logs_in = self.tr("Badge + PIN")
            else:
                logs_in = self.tr("Password + authenticator")
            language = str(o.get("language", "en"))
            rows.append([o["name"], self.tr(str(o["role"]).capitalize()), state, logs_in,
                         LANGUAGE_WORDS.get(language, language)])  # fmt: skip
            colours.append(colour)
        fill_table(self.table, rows, colours=colours)

    # -- create ----------------------------------------------------------------------------
    def _role(self) -> Role:
        return Role(self.role_combo.currentData())

    def _role_changed(self) -> None:
        packer = self._role() == Role.PACKER
        self.badge_edit.setEnabled(packer)
        self.badge_label.setEnabled(packer)
        self.secret_label.setText(
            self.tr("PIN (4-12 digits)") if packer else self.tr("Password (12+, upper, lower, digit, symbol)")
        )

    def create_operator(self) -> None:
        name, role = self.name_edit.text().strip(), self._role()
        secret, badge = self.secret_edit.text(), self.badge_edit.text().strip()
        if secret != self.repeat_edit.text():
            self.show_error(self.tr("The two entries differ — type the PIN or password again in both fields"))
            return

        def work() -> NewOperator:
            if not name:
                raise UsageError(self.tr("Type the new operator's name"))
            return self.station.auth.add_operator(
                self.session, name, role, secret, badge=badge if role == Role.PACKER else None, language=language
            )

        language = str(self.language_combo.currentData() or "en")
        made = self.tr("Operator {0} created ({1})")
        self.act(work, self._created, done=lambda c: made.format(c.name, self.tr(c.role.value.capitalize())))

    def _created(self, created: NewOperator) -> None:
        for edit in (self.name_edit, self.secret_edit, self.repeat_edit, self.badge_edit):
            edit.clear()
        text = provisioning_text(created)
        if text:
            self.provisioning.setPlainText(text)
            self.provisioning.setVisible(True)
            self.provisioning_done.setVisible(True)
        self.refresh()

    def _badge_field(self) -> QLineEdit | None:
        """The badge field that has the keyboard focus (where a badge scan belongs), if any."""
        for edit in (self.new_badge_edit, self.badge_edit):
            if edit.hasFocus() and edit.isEnabled():
                return edit
        return None

    def wants_badge(self) -> bool:
        """True while a badge field has the focus: a badge scan fills it instead of switching operator."""
        return self._badge_field() is not None

    def handle_scan(self, code: str) -> None:
        """A scan fills the focused badge field; anywhere else it is refused (no stray characters)."""
        field = self._badge_field()
        if field is None:
            self.show_warning(tr("To give a badge, put the cursor in a badge field (Tab), then scan it"))
            return
        field.setText(code)

    def hide_provisioning(self) -> None:
        """Forget the shown TOTP key: it is never displayed again."""
        self.provisioning.clear()
        self.provisioning.setVisible(False)
        self.provisioning_done.setVisible(False)

    # -- disable / unlock ------------------------------------------------------------------
    def _ask_disable(self) -> None:
        name = selected_text(self.table)
        if name is None:
            self.show_warning(self.tr("Select an operator in the list first"))
            return
        self.confirm.ask(self.tr("Disable {0}? They will not be able to log in.").format(name),
                         self.tr("Disable {0}").format(name), lambda: self.disable(name))  # fmt: skip

    def disable(self, name: str) -> None:
        self.act(lambda: self.station.auth.disable(self.session, name), lambda _: self.refresh(),
                 done=self.tr("{0} is disabled and can no longer log in").format(name))  # fmt: skip

    def _unlock_selected(self) -> None:
        name = selected_text(self.table)
        if name is None:
            self.show_warning(self.tr("Select an operator in the list first"))
            return
        self.unlock(name)

    def unlock(self, name: str) -> None:
        self.act(lambda: self.station.auth.unlock(self.session, name), lambda _: self.refresh(),
                 done=self.tr("{0} is unlocked and may log in again").format(name))  # fmt: skip

    def _rebadge_selected(self) -> None:
        name = selected_text(self.table)
        if name is None:
            self.show_warning(self.tr("Select a packer in the list first"))
            return
        self.rebadge(name, self.new_badge_edit.text())

    def rebadge(self, name: str, badge: str) -> None:
        """Give a packer a new badge; the lost one stops logging in."""

        def given(_: object) -> None:
            self.new_badge_edit.clear()
            self.refresh()

        self.act(lambda: self.station.auth.set_badge(self.session, name, badge), given,
                 done=self.tr("{0} has a new badge; the old one no longer logs in").format(name))  # fmt: skip

    # -- language --------------------------------------------------------------------------
    def _language_combo(self) -> QComboBox:
        combo = QComboBox()
        for code, words in LANGUAGE_WORDS.items():
            combo.addItem(words, code)
        return combo

    def _relanguage_selected(self) -> None:
        name = selected_text(self.table)
        if name is None:
            self.show_warning(self.tr("Select an operator in the list first"))
            return
        self.set_language(name, str(self.set_language_combo.currentData()))

    def set_language(self, name: str, language: str) -> None:
        """The language the operator's screens show from their next login (audited)."""
        self.act(lambda: self.station.auth.set_language(self.session, name, language), lambda _: self.refresh(),
                 done=self.tr("{0} reads the station in {1} from their next login").format(
                     name, LANGUAGE_WORDS.get(language, language)))  # fmt: skip
