"""The order queue as a Qt table model: ship-by bucket, order id, seller, service, items, status. No PII."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from station.store.orders import OrderRow
from ui import shipby
from ui.i18n import tr_n

# Marked for translation here, translated as drawn (headerData/data), so a language switch redraws them.
COLUMNS = (
    QT_TRANSLATE_NOOP("OrderQueueModel", "Ship by"), QT_TRANSLATE_NOOP("OrderQueueModel", "Order"),
    QT_TRANSLATE_NOOP("OrderQueueModel", "Seller"), QT_TRANSLATE_NOOP("OrderQueueModel", "Service"),
    QT_TRANSLATE_NOOP("OrderQueueModel", "Units"), QT_TRANSLATE_NOOP("OrderQueueModel", "Status"),
)  # fmt: skip
_BUCKET_COLOURS = {"late": "#5c1a1a", "risk": "#5a4000"}
_STATUS_WORDS = {
    "unshipped": QT_TRANSLATE_NOOP("OrderQueueModel", "ready"),
    "in_progress": QT_TRANSLATE_NOOP("OrderQueueModel", "being packed"),
    "exception": QT_TRANSLATE_NOOP("OrderQueueModel", "exception"),
    "awaiting_label": QT_TRANSLATE_NOOP("OrderQueueModel", "packed, awaiting label"),
    "shipped": QT_TRANSLATE_NOOP("OrderQueueModel", "shipped"),
    "cancelled": QT_TRANSLATE_NOOP("OrderQueueModel", "cancelled"),
}

Index = QModelIndex | QPersistentModelIndex


class OrderQueueModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[OrderRow] = []
        self.seller_names: dict[str, str] = {}
        self.now = datetime.now().astimezone()
        self.zone = "UTC"
        self.taken: Callable[[str], str | None] | None = None  # with a hub: who packs it at another station

    def set_rows(self, rows: list[OrderRow], now: datetime, zone: str, seller_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.now, self.zone, self.seller_names = rows, now, zone, seller_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return shipby.words(row.ship_by_latest, self.now, self.zone)
            if col == 1:
                return row.order_id
            if col == 2:
                return self.seller_names.get(row.seller_id, row.seller_id)
            if col == 3:
                return ("PRIME · " if "PRIME" in row.programs else "") + (row.service_level or self.tr("Standard"))
            if col == 4:
                return tr_n("OrderQueueModel", "%n unit(s)", row.unit_count) + " · " + tr_n(
                    "OrderQueueModel", "%n line(s)", row.item_count)  # fmt: skip
            status = self.tr(_STATUS_WORDS.get(row.status, row.status))
            if row.started and row.status == "unshipped":
                status = QCoreApplication.translate("OrderQueueModel", "PARTLY SCANNED")
            taken = self.taken(row.order_id) if self.taken is not None and row.status == "unshipped" else None
            if taken:
                return QCoreApplication.translate("OrderQueueModel", "TAKEN — {who}").format(who=taken)
            return f"{status} — {row.held_by}" if row.held_by and row.status == "in_progress" else status
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _BUCKET_COLOURS.get(shipby.bucket(row.ship_by_latest, self.now))
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.UserRole:
            return row.order_id
        return None
