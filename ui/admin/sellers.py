"""Sellers (admin): add with endpoints and refresh token, authorisation state and last sync, revoke, forget."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from station.domain import Seller
from station.errors import UsageError
from station.services.sellers import SellerOverview
from ui.admin.base import AdminWidget, ConfirmBar, fill_table, local_time, make_table, selected_text, tr
from ui.admin.runner import Runner
from ui.admin.style import ERROR_BG, WARN_ROW_BG
from ui.keyhelp import Key, add_keys
from ui.plural import ntr
from ui.theme import plain

REGIONS = (
    ("na", QT_TRANSLATE_NOOP("admin", "North America")),
    ("eu", QT_TRANSLATE_NOOP("admin", "Europe")),
    ("fe", QT_TRANSLATE_NOOP("admin", "Far East")),
)


def authorisation_words(o: SellerOverview) -> str:
    if o.seller.status == "revoked":
        return tr("Revoked")
    if o.seller.status == "needs_reauthorisation":
        return tr("Authorise again")
    return tr("Authorised") if o.has_refresh_token else tr("No token — authorise")


class SellersWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Sellers")
    required_action = "seller.list"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        self.table = make_table([tr("Seller id"), tr("Name"), tr("Region"), tr("Marketplaces"), tr("Authorisation"),
                                 tr("Last sync")])  # fmt: skip
        self.layout_.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.revoke_button = QPushButton(self.tr("Revoke selected"))
        self.revoke_button.setObjectName("danger")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.confirm = ConfirmBar()
        self.layout_.addWidget(self.confirm)

        forget_row = QHBoxLayout()
        forget_row.addWidget(plain(QLabel(self.tr("To erase ALL of the selected seller's data, type its seller id:"))))
        self.forget_edit = QLineEdit()
        self.forget_button = QPushButton(self.tr("Forget seller"))
        self.forget_button.setObjectName("danger")
        self.forget_button.setEnabled(False)
        forget_row.addWidget(self.forget_edit, 1)
        forget_row.addWidget(self.forget_button)
        self.layout_.addLayout(forget_row)

        self.layout_.addWidget(self.section(tr("Add a seller")))
        form = QFormLayout()
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("Selling partner id, e.g. A1B2C3D4E5F6G7"))
        self.name_edit = QLineEdit()
        self.region_combo = QComboBox()
        for code, words in REGIONS:
            self.region_combo.addItem(f"{tr(words)} ({code})", code)
        self.marketplaces_edit = QLineEdit("ATVPDKIKX0DER")
        self.endpoint_edit = QLineEdit()
        self.endpoint_edit.setPlaceholderText(self.tr("empty = Amazon's endpoint for the region"))
        self.lwa_edit = QLineEdit()
        self.lwa_edit.setPlaceholderText(self.tr("empty = https://api.amazon.com/auth/o2/token"))
        self.token_edit = QLineEdit()
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Atzr|… (kept in the secret store, never shown again)"))
        form.addRow(plain(QLabel(self.tr("Seller id"))), self.id_edit)
        form.addRow(plain(QLabel(self.tr("Name"))), self.name_edit)
        form.addRow(plain(QLabel(self.tr("Region"))), self.region_combo)
        form.addRow(plain(QLabel(self.tr("Marketplaces"))), self.marketplaces_edit)
        form.addRow(plain(QLabel(self.tr("SP-API endpoint"))), self.endpoint_edit)
        form.addRow(plain(QLabel(self.tr("LWA endpoint"))), self.lwa_edit)
        form.addRow(plain(QLabel(self.tr("Refresh token"))), self.token_edit)
        self.layout_.addLayout(form)
        self.add_button = QPushButton(self.tr("Add seller"))
        self.layout_.addWidget(self.add_button)

        add_keys(self, [
            Key("F8", tr("Revoke the selected seller (asks first)"), self.revoke_button.click, self.revoke_button),
            Key("F11", tr("Forget the seller (type its id first)"), self.forget_button.click, self.forget_button),
            Key("F7", tr("Add the seller"), self.add_button.click, self.add_button),
            Key("Ctrl+R", tr("Refresh the list"), self.refresh_button.click, self.refresh_button),
        ])  # fmt: skip
        self.add_button.clicked.connect(self.add_seller)
        self.refresh_button.clicked.connect(self.refresh)
        self.revoke_button.clicked.connect(self._ask_revoke)
        self.forget_edit.textChanged.connect(self._forget_armed)
        self.table.itemSelectionChanged.connect(self._forget_armed)
        self.forget_button.clicked.connect(self._forget_selected)
        self.sellers: list[SellerOverview] = []
        self.refresh()

    def refresh(self) -> None:
        self.act(lambda: self.station.sellers.overview(self.session), self._show)

    def _show(self, sellers: list[SellerOverview]) -> None:
        self.sellers = sellers
        zone = self.zone()
        rows, colours = [], []
        for o in sellers:
            words = authorisation_words(o)
            rows.append([o.seller.selling_partner_id, o.seller.name, o.seller.region.upper(),
                         ", ".join(o.seller.marketplaces), words, local_time(o.last_sync, zone) or "never"])
            colours.append(None if words == tr("Authorised") else
                           ((ERROR_BG, "#ffffff") if words == tr("Revoked") else (WARN_ROW_BG, "#000000")))
        fill_table(self.table, rows, colours=colours)
        self._forget_armed()

    def add_seller(self) -> None:
        token = self.token_edit.text().strip()
        seller_id = self.id_edit.text().strip().upper()

        def work() -> str:
            if not seller_id or not self.name_edit.text().strip():
                raise UsageError(tr("Give the seller id and a name"))
            markets = tuple(m.strip().upper() for m in self.marketplaces_edit.text().split(",") if m.strip())
            seller = Seller(seller_id, self.name_edit.text().strip(), str(self.region_combo.currentData()), markets,
                            endpoint=self.endpoint_edit.text().strip(), lwa_endpoint=self.lwa_edit.text().strip())
            self.station.sellers.add(self.session, seller, refresh_token=token or None)
            return seller_id

        self.act(work, self._added, done=lambda s: tr("Seller {0} added").format(s)
                 + ("" if token else tr(" — no refresh token yet: it cannot sync until authorised")))  # fmt: skip

    def _added(self, _seller_id: str) -> None:
        for edit in (self.id_edit, self.name_edit, self.endpoint_edit, self.lwa_edit, self.token_edit):
            edit.clear()
        self.refresh()

    def _ask_revoke(self) -> None:
        seller_id = selected_text(self.table)
        if seller_id is None:
            self.show_warning(tr("Select a seller in the list first"))
            return
        self.confirm.ask(tr("Revoke {0}? Its refresh token is deleted and syncing stops; its orders stay.").format(
                         seller_id), tr("Revoke {0}").format(seller_id), lambda: self.revoke(seller_id))  # fmt: skip

    def revoke(self, seller_id: str) -> None:
        self.act(lambda: self.station.sellers.revoke(self.session, seller_id), lambda _: self.refresh(),
                 done=tr("{0} revoked: token deleted, syncing stopped").format(seller_id))  # fmt: skip

    def _forget_armed(self) -> None:
        selected = selected_text(self.table)
        self.forget_button.setEnabled(selected is not None and self.forget_edit.text().strip() == selected)

    def _forget_selected(self) -> None:
        selected = selected_text(self.table)
        if selected is not None:
            self.forget(selected, self.forget_edit.text())

    def forget(self, seller_id: str, typed: str) -> None:
        """Erase the seller's data; ``typed`` must repeat the seller id exactly."""
        if typed.strip() != seller_id:
            self.show_error(tr("Type {0} exactly to confirm; nothing was erased").format(seller_id))
            return

        def done(counts: dict[str, int]) -> str:
            gone = counts.get("backups", 0)
            note = ntr("admin", "; %n backup(s) holding it deleted — write a new backup", gone) if gone else ""
            erased = tr("{0} forgotten: {1} orders and all its data erased").format(seller_id, counts.get("orders", 0))
            return erased + note

        self.act(lambda: self.station.sellers.forget(self.session, seller_id), lambda _: self._forgotten(), done=done)

    def _forgotten(self) -> None:
        self.forget_edit.clear()
        self.refresh()
