"""Exception queue (lead): order, seller, reason, who and when, the scans; resolve by requeue/repick/cancel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ui.admin.base import (
    AdminWidget,
    ConfirmBar,
    fill_table,
    local_time,
    make_table,
    select_row_where,
    selected_text,
    tr,
)
from ui.admin.runner import Runner
from ui.i18n import tr_core
from ui.keyhelp import Key, add_keys

RESULT_WORDS = {
    "good": QT_TRANSLATE_NOOP("admin", "✔ good"), "complete": QT_TRANSLATE_NOOP("admin", "✔ complete"),
    "wrong_item": QT_TRANSLATE_NOOP("admin", "✖ wrong item"), "over_scan": QT_TRANSLATE_NOOP("admin", "⚠ too many"),
    "unknown": QT_TRANSLATE_NOOP("admin", "? unreadable"), "needs_serial": QT_TRANSLATE_NOOP("admin", "serial asked"),
}  # fmt: skip


def scan_words(code: str, result: str, names: dict[str, str] | None = None) -> tuple[str, str]:
    """(what was scanned, what it meant) of one pack event, in the lead's words (item name and bin if known)."""
    if code == "exception":
        return "", tr("⚑ problem reported ({0})").format(tr_core(result))
    if code == "resolved":
        return "", tr("resolved: {0}").format(result)
    if code == "reset":
        return "", tr("count reset")
    return (names or {}).get(code, code), tr(RESULT_WORDS[result]) if result in RESULT_WORDS else result


@dataclass(frozen=True)
class ExceptionEntry:
    order_id: str
    seller_id: str
    reason: str
    raised_by: str
    raised_at: str
    scans: tuple[tuple[str, str, str, str], ...]  # (at, operator, code, result)
    seller_name: str = ""
    items: tuple[tuple[str, str], ...] = ()  # (code, "title · bin X") for what the scans may name


def item_words(station: Any, seller_id: str, code: str, items: dict[str, str]) -> str:
    """What a scanned code is, in words: the product's title and bin (the code itself when unknown)."""
    for match in station.store.products.resolve(code, seller_id):
        product = station.store.products.get(match.seller_id, match.sku)
        if product is not None:
            where = tr(" · bin {0}").format(product.bin) if product.bin else ""
            return f"{product.title or product.sku}{where} ({code})"
    return items.get(code, code)


class ExceptionsWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Exception queue")
    required_action = "order.exception.resolve"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        self.table = make_table([tr("Order"), tr("Seller"), tr("Reason"), tr("Reported by"), tr("When")])
        self.layout_.addWidget(self.table, 2)
        self.layout_.addWidget(self.section(tr("Scans of the selected order")))
        self.scans = make_table([tr("When"), tr("Who"), tr("Scanned"), tr("Result")])
        self.layout_.addWidget(self.scans, 2)
        note_row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note (optional, no customer details)"))
        note_row.addWidget(self.note_edit, 1)
        self.layout_.addLayout(note_row)
        buttons = QHBoxLayout()
        # Short words on the buttons (the row must fit 1366 px); the whole meaning is in the F1 key help.
        self.requeue_button = QPushButton(self.tr("Back to packing"))
        self.repick_button = QPushButton(self.tr("Re-pick"))
        self.cancel_button = QPushButton(self.tr("Cancel order"))
        self.cancel_button.setObjectName("danger")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        for b in (self.requeue_button, self.repick_button, self.cancel_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.confirm = ConfirmBar()
        self.layout_.addWidget(self.confirm)

        self.requeue_button.clicked.connect(lambda: self._resolve_selected("requeue"))
        self.repick_button.clicked.connect(lambda: self._resolve_selected("repick"))
        self.cancel_button.clicked.connect(self._ask_cancel)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._show_scans)
        add_keys(self, [
            Key("F5", tr("Back to packing, scans kept"), self.requeue_button.click, self.requeue_button),
            Key("F6", tr("Re-pick: count from zero"), self.repick_button.click, self.repick_button),
            Key("F8", tr("Cancel the selected order (asks first)"), self._ask_cancel, self.cancel_button),
            Key("Ctrl+R", tr("Refresh the list"), self.refresh, self.refresh_button),
        ])  # fmt: skip
        self.entries: list[ExceptionEntry] = []
        self.refresh()

    def _load(self) -> list[ExceptionEntry]:
        entries = []
        for order_id, seller_id, reason in self.station.pack.exceptions(self.session):
            history = self.station.pack.exception_history(self.session, order_id)
            raised = [h for h in history if h[2] == "exception"]  # code "exception", result = the reason
            at, who = (raised[-1][0], raised[-1][1]) if raised else ("", "")
            seller = self.station.store.sellers.get(seller_id)
            named = {}
            for _at, _who, code, _result in history:
                if code and code not in named and code not in ("exception", "resolved", "reset"):
                    named[code] = item_words(self.station, seller_id, code, named)
            entries.append(ExceptionEntry(order_id, seller_id, reason, who, at, tuple(history),
                                          seller.name if seller else seller_id, tuple(named.items())))  # fmt: skip
        return entries

    def refresh(self) -> None:
        self.act(self._load, self._show)

    def _show(self, entries: list[ExceptionEntry]) -> None:
        self.entries = entries
        zone = self.zone()
        fill_table(self.table, [[e.order_id, e.seller_name or e.seller_id, tr_core(e.reason), e.raised_by,
                                 local_time(e.raised_at, zone)] for e in entries])  # fmt: skip
        fill_table(self.scans, [])
        if entries:
            self.table.selectRow(0)
        elif not self.message.text() or self.message.kind == "info":
            self.message.show_message("info", tr("No orders in the exception queue"))

    def select(self, order_id: str) -> bool:
        return select_row_where(self.table, 0, order_id)

    def handle_scan(self, code: str) -> None:
        """A scanned order id (pick list, slip) selects that order in the queue."""
        if not self.select(code.strip()):
            self.show_warning(tr("%1 is not in the exception queue").replace("%1", code.strip()[:40]))

    def _show_scans(self) -> None:
        order_id = selected_text(self.table)
        entry = next((e for e in self.entries if e.order_id == order_id), None)
        zone = self.zone()
        names = dict(entry.items) if entry is not None else {}
        rows = [] if entry is None else [
            [local_time(at, zone, "%H:%M:%S"), who, *scan_words(code, result, names)]
            for at, who, code, result in entry.scans
        ]
        fill_table(self.scans, rows)

    def _resolve_selected(self, action: str) -> None:
        order_id = selected_text(self.table)
        if order_id is None:
            self.show_warning(tr("Select an order in the list first"))
            return
        self.resolve(order_id, action)

    def _ask_cancel(self) -> None:
        order_id = selected_text(self.table)
        if order_id is None:
            self.show_warning(tr("Select an order in the list first"))
            return
        question = tr("Cancel order {0}? It leaves the queue and will not ship from this station.").format(order_id)
        self.confirm.ask(question, tr("Cancel the order"), lambda: self.resolve(order_id, "cancel"))

    def resolve(self, order_id: str, action: str) -> None:
        """``requeue``, ``repick`` or ``cancel`` through the pack service (lead only, audited)."""
        note = self.note_edit.text()
        words = {"requeue": tr("Order {0} is back in the queue (scans kept)"),
                 "repick": tr("Order {0} is back in the queue, to count again"),
                 "cancel": tr("Order {0} is cancelled")}  # fmt: skip

        def finished(_: object) -> None:
            self.note_edit.clear()
            self.refresh()

        self.act(lambda: self.station.pack.resolve_exception(self.session, order_id, action, note), finished,
                 done=words.get(action, tr("Order {0}") + " " + action).format(order_id))  # fmt: skip
