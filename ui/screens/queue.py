"""Order queue: by ship-by (late and at-risk highlighted), filters, search; scan an order to open it.

Keys: Enter open what was typed (or, after ↑↓, the highlighted row) · F5 refresh · F7 pick list · type to search.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from drivers.barcodes import classify
from station.app import Station
from station.services.auth import Session
from ui import keyhelp, shipby
from ui.i18n import tr_n
from ui.keyhelp import Key
from ui.runner import OpRunner
from ui.screens.queue_model import OrderQueueModel
from ui.theme import label, set_prop

STATUS_FILTERS = [
    (QT_TRANSLATE_NOOP("QueueWidget", "To pack"), ("unshipped", "in_progress")),
    (QT_TRANSLATE_NOOP("QueueWidget", "Exceptions"), ("exception",)),
    (QT_TRANSLATE_NOOP("QueueWidget", "Awaiting label"), ("awaiting_label",)),
    (QT_TRANSLATE_NOOP("QueueWidget", "Shipped"), ("shipped",)),
    (QT_TRANSLATE_NOOP("QueueWidget", "Cancelled"), ("cancelled",)),
]


class QueueWidget(QWidget):
    open_requested = Signal(str)  # order id
    next_requested = Signal()
    picklist_requested = Signal(list)  # order ids shown

    def __init__(self, station: Station, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.runner = station, runner
        self.session: Session | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 0)
        root.setSpacing(12)
        top = QHBoxLayout()
        self.prompt = label(self.tr("SCAN NEXT ORDER"), "big")
        top.addWidget(self.prompt)
        top.addStretch(1)
        self.counts = label("", "subtitle")
        top.addWidget(self.counts)
        root.addLayout(top)
        bar = QHBoxLayout()
        self.seller = QComboBox()
        self.status = QComboBox()
        for name, _ in STATUS_FILTERS:
            self.status.addItem(self.tr(name))
        self.prime = QCheckBox(self.tr("Prime only"))
        self.search = QLineEdit()
        self.search.setProperty("size", "small")
        self.search.setPlaceholderText(self.tr("search order id, SKU or tracking"))
        self.search.textEdited.connect(self._typed)
        seller, status = label(self.tr("Seller"), "hint"), label(self.tr("Status"), "hint")
        for w in (seller, self.seller, status, self.status, self.prime):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        for w in (self.seller, self.status, self.prime):
            w.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # Keying in a damaged barcode is a daily act: Tab reaches the search box, typed text lands there.
        self.search.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.seller.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.prime.toggled.connect(self.refresh)
        root.addLayout(bar)
        self.model = OrderQueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The table never takes focus: typed letters would jump the highlight (keyboard search) and Enter
        # would open that row. ↑↓ are passed to it from this screen.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.row_chosen = False  # ↑↓ pressed since the last typing: Enter opens the highlighted row
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda idx: self.open_requested.emit(self.model.rows[idx.row()].order_id))
        root.addWidget(self.table, 1)
        self.keys = label(self.tr("Scan an order barcode or Amazon order id, or type it + Enter · NEXT ORDER or F2 · "
                                  "↑↓ Enter open a row · F5 refresh · F7 pick list · F9 FBA prep · F10 lead/admin · "
                                  "F12 switch operator · F1 keys"), "keys")  # fmt: skip
        self.keys.setWordWrap(True)
        root.addWidget(self.keys)
        self.feedback = QFrame()
        self.feedback.setProperty("role", "feedback")
        fl = QHBoxLayout(self.feedback)
        fl.setContentsMargins(28, 12, 28, 12)
        self.message = label("", "feedback-text")
        self.message.setWordWrap(True)
        fl.addWidget(self.message)
        root.addWidget(self.feedback)
        self._add_keys()

    def _add_keys(self) -> None:
        """The queue's key table (F1 lists it); typed text goes to the search box (keyPressEvent)."""
        keyhelp.add_keys(self, [
            Key("Return", self.tr("Open the order typed in the search box, or the chosen row"), self._enter),
            Key("Up", self.tr("Choose the row above"), lambda: self._move(Qt.Key.Key_Up)),
            Key("Down", self.tr("Choose the row below"), lambda: self._move(Qt.Key.Key_Down)),
            Key("F2", self.tr("Next order (as the NEXT ORDER barcode)"), self.next_requested.emit),
            Key("F5", self.tr("Refresh the queue"), self.refresh),
            Key("F7", self.tr("Print a pick list of these orders"),
                lambda: self.picklist_requested.emit([r.order_id for r in self.model.rows])),
        ])  # fmt: skip

    def _enter(self) -> None:
        if self.search.text().strip() and not self.row_chosen:
            self.open_typed()
        else:
            self.open_selected()

    def _move(self, key: Qt.Key) -> None:
        from PySide6.QtGui import QKeyEvent

        self.row_chosen = True
        self.table.keyPressEvent(QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))

    def set_session(self, session: Session) -> None:
        self.session = session
        self.seller.blockSignals(True)
        self.seller.clear()
        self.seller.addItem(self.tr("All sellers"), "")
        for s in self.station.store.sellers.list():
            self.seller.addItem(s.name, s.selling_partner_id)
        self.seller.blockSignals(False)

    def say(self, text: str, outcome: str = "") -> None:
        self.message.setText(text)
        set_prop(self.feedback, "outcome", outcome)

    def refresh(self) -> None:
        if self.session is None:
            return
        statuses = STATUS_FILTERS[max(0, self.status.currentIndex())][1]
        seller = self.seller.currentData() or None
        prime, search = self.prime.isChecked(), self.search.text().strip()
        store, session = self.station.store, self.session

        def load():  # type: ignore[no-untyped-def]
            self.station.auth.authorize(session, "order.view")
            rows = store.orders.queue(statuses=statuses, seller_id=seller, prime_only=prime, search=search, limit=500)
            names = {s.selling_partner_id: s.name for s in store.sellers.list()}
            return rows, names, store.orders.counts_by_status()

        self.runner.run(load, self._show, lambda exc: self.say(str(exc), "error"))

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        rows, names, counts = result
        now = self.station.clock.now()
        zone = str(self.station.store.settings.get("timezone"))
        self.model.set_rows(rows, now, zone, names)
        late = sum(1 for r in rows if shipby.bucket(r.ship_by_latest, now) == "late")
        risk = sum(1 for r in rows if shipby.bucket(r.ship_by_latest, now) == "risk")
        self.counts.setText(" · ".join((
            self.tr("{0} to pack").format(counts.get("unshipped", 0)), self.tr("{0} late").format(late),
            self.tr("{0} at risk").format(risk), tr_n(self, "%n exception(s)", counts.get("exception", 0)),
            self.tr("{0} parked").format(counts.get("awaiting_label", 0)))))  # fmt: skip
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected_order(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].order_id if rows else None

    def open_typed(self) -> None:
        """Enter in the search box: open exactly what was typed, or say it is not there; never the highlighted row."""
        text = self.search.text().strip()
        if not text:
            self.open_selected()
            return
        found = classify(text)
        if found.kind in ("order_id", "picklist"):
            self.open_requested.emit(found.value)
            return
        self.refresh()
        self.say(self.tr("Searching for {0} — ↓ to pick a row, then Enter").format(text))

    def open_selected(self) -> None:
        """Enter in the table: the highlighted row."""
        order_id = self.selected_order()
        if order_id:
            self.open_requested.emit(order_id)

    def _typed(self, _text: str) -> None:
        self.row_chosen = False

    def _type_into_search(self, event) -> None:  # type: ignore[no-untyped-def]
        self.search.setFocus()
        QCoreApplication.sendEvent(self.search, event)

    def handle_scan(self, code: str) -> None:
        found = classify(code)
        if found.kind in ("order_id", "picklist"):
            self.open_requested.emit(found.value)
        elif found.kind == "command" and found.command in ("next_order", "confirm"):
            self.next_requested.emit()
        elif found.kind in ("tracking", "sku_or_unknown", "upc", "ean13", "fnsku", "asin"):
            self.search.setText(found.value)
            self.status.setCurrentIndex(3 if found.kind == "tracking" else 0)
            self.refresh()
            self.say(self.tr("Searching for {0} — scan an order barcode to open one").format(found.value))
        else:
            self.say(self.tr("Scan an order barcode, or NEXT ORDER"), "error")

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.text().isprintable() and event.text().strip() and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            self._type_into_search(event)
        elif not keyhelp.dispatch(self, event):
            super().keyPressEvent(event)
