"""Sellers (admin): the sellers whose orders came from the hub, their last sync, and forget.

Sellers are authorised at the hub (pacific-hub seller invite); a station holds no Amazon secret (issue 13)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from station.services.sellers import SellerOverview
from ui.admin.base import AdminWidget, fill_table, local_time, make_table, selected_text, tr
from ui.admin.runner import Runner
from ui.keyhelp import Key, add_keys
from ui.plural import ntr
from ui.theme import plain


class SellersWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Sellers")
    required_action = "seller.list"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        self.layout_.addWidget(plain(QLabel(self.tr("Sellers are authorised at the hub (pacific-hub seller invite); "
                                                    "their orders reach this station once it has joined the hub."))))
        self.table = make_table([tr("Seller id"), tr("Name"), tr("Region"), tr("Marketplaces"), tr("Last sync")])
        self.layout_.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)

        forget_row = QHBoxLayout()
        forget_row.addWidget(plain(QLabel(self.tr("To erase ALL of the selected seller's data, type its seller id:"))))
        self.forget_edit = QLineEdit()
        self.forget_button = QPushButton(self.tr("Forget seller"))
        self.forget_button.setObjectName("danger")
        self.forget_button.setEnabled(False)
        forget_row.addWidget(self.forget_edit, 1)
        forget_row.addWidget(self.forget_button)
        self.layout_.addLayout(forget_row)

        add_keys(self, [
            Key("F11", tr("Forget the seller (type its id first)"), self.forget_button.click, self.forget_button),
            Key("Ctrl+R", tr("Refresh the list"), self.refresh_button.click, self.refresh_button),
        ])  # fmt: skip
        self.refresh_button.clicked.connect(self.refresh)
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
        rows = [[o.seller.selling_partner_id, o.seller.name, o.seller.region.upper(), ", ".join(o.seller.marketplaces),
                 local_time(o.last_sync, zone) or "never"] for o in sellers]  # fmt: skip
        fill_table(self.table, rows)
        self._forget_armed()

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
