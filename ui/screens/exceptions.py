"""Exception queue (leads): reason, who, when, the scans; resolve with requeue, repick or cancel.

Keys: ↑↓ choose · R requeue · P repick (count from zero) · C cancel the order · Esc back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from station.app import Station
from station.errors import StationError
from station.services.auth import Session
from ui.runner import OpRunner
from ui.theme import label, set_prop

ACTIONS = {Qt.Key.Key_R: "requeue", Qt.Key.Key_P: "repick", Qt.Key.Key_C: "cancel"}


class ExceptionsWidget(QWidget):
    closed = Signal()

    def __init__(self, station: Station, session: Session, runner: OpRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.station, self.session, self.runner = station, session, runner
        self.rows: list[tuple[str, str, str]] = []
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 12)
        root.addWidget(label("EXCEPTION QUEUE", "big"))
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_detail)
        body.addWidget(self.list, 2)
        card = QFrame()
        card.setProperty("role", "card")
        cl = QVBoxLayout(card)
        self.detail = label("", "subtitle")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        cl.addWidget(self.detail, 1)
        body.addWidget(card, 3)
        root.addLayout(body, 1)
        root.addWidget(label("R  requeue (scans kept)   P  repick (count from zero)   C  cancel order   "
                             "F5  refresh   Esc  back", "keys"))  # fmt: skip
        self.feedback = QFrame()
        self.feedback.setProperty("role", "feedback")
        fl = QHBoxLayout(self.feedback)
        self.message = label("", "feedback")
        fl.addWidget(self.message)
        root.addWidget(self.feedback)
        self.refresh()

    def refresh(self) -> None:
        self.runner.run(lambda: self.station.pack.exceptions(self.session), self._show, self._failed)

    def _show(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self.list.clear()
        for order_id, _seller, reason in rows:
            self.list.addItem(f"{order_id}   {reason[:40]}")
        if rows:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.detail.setText("No orders in the exception queue.")

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        order_id, seller, reason = self.rows[row]
        events = self.station.store.pack_events.for_order(order_id)[-12:]
        lines = [f"Order {order_id}", f"Seller {seller}", f"Reason: {reason}", "", "Last scans:"]
        lines += [f"{at[11:19]}  {op}  {result}  {code[:24]}" for at, op, code, result, _d in events]
        self.detail.setText("\n".join(lines))

    def resolve(self, action: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.rows):
            return
        order_id = self.rows[row][0]
        self.runner.run(lambda: self.station.pack.resolve_exception(self.session, order_id, action),
                        lambda _r: self._resolved(order_id, action), self._failed)  # fmt: skip

    def _resolved(self, order_id: str, action: str) -> None:
        self.message.setText(f"Order {order_id}: {action}")
        set_prop(self.feedback, "outcome", "good")
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(str(exc) if isinstance(exc, StationError) else "That did not work")
        set_prop(self.feedback, "outcome", "error")

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        key = event.key()
        if key in ACTIONS:
            self.resolve(ACTIONS[key])
        elif key == Qt.Key.Key_F5:
            self.refresh()
        elif key == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(event)
