"""What every admin and lead screen shares: permission, runner, message banner, tables, confirmations."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.errors import PermissionDenied, StationError
from ui import keyhelp
from ui.admin.runner import Runner, run_now
from ui.admin.style import STYLE_SHEET
from ui.i18n import tr_error
from ui.theme import plain

log = logging.getLogger(__name__)


def tr(text: str, n: int = -1) -> str:
    """Translate an operator-facing string of the lead/admin screens (context "admin")."""
    return QCoreApplication.translate("admin", text, None, n)


def describe_error(exc: BaseException) -> str:
    """A message for the person at the station: what happened and what to do; never a stack trace."""
    if isinstance(exc, PermissionDenied):
        return tr("Not allowed: {0}. This was recorded. Ask an admin if you need it.").format(tr_error(exc))
    if isinstance(exc, StationError):
        return tr_error(exc)
    log.error("admin action failed: %s", type(exc).__name__)
    return tr("Something went wrong ({0}). Try again; if it happens again, call the admin.").format(type(exc).__name__)


def local_time(iso: str | None, zone: str, fmt: str = "%b %d %H:%M") -> str:
    """An ISO UTC instant shown in the station's time zone; empty stays empty."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    return moment.astimezone(tz).strftime(fmt)


class MessageBanner(QLabel):
    """One line of feedback; the kind shows by colour and by a leading word."""

    PREFIX: ClassVar[dict[str, str]] = {"error": "✖ ", "ok": "✔ ", "warning": "⚠ ", "info": ""}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setTextFormat(Qt.TextFormat.PlainText)  # errors and names come from outside: never HTML
        self.setWordWrap(True)
        self.kind = "info"
        self.setVisible(False)

    def show_message(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setProperty("kind", kind)
        self.setText(self.PREFIX.get(kind, "") + text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setVisible(True)

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)


class ConfirmBar(QWidget):
    """An inline 'are you sure' (no modal dialog): a question with confirm and keep buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.question = plain(QLabel())
        self.question.setWordWrap(True)
        self.yes = QPushButton(tr("Yes"))
        self.yes.setObjectName("danger")
        self.no = QPushButton(tr("Keep"))
        row.addWidget(self.question, 1)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        self._action: Callable[[], None] | None = None
        self.yes.clicked.connect(self.confirm)
        self.no.clicked.connect(self.cancel)
        keyhelp.add_keys(self, [keyhelp.Key("Ctrl+Y", tr("Yes, do it (when asked)"), self.confirm, self.yes),
                                keyhelp.Key("Ctrl+N", tr("No, keep it (when asked)"), self.cancel, self.no)])
        self.setVisible(False)

    def ask(self, question: str, yes_text: str, action: Callable[[], None]) -> None:
        self.question.setText(question)
        self.yes.setText(f"{yes_text} (Ctrl+Y)")
        self._action = action
        self.setVisible(True)
        self.no.setFocus()

    def confirm(self) -> None:
        action, self._action = self._action, None
        self.setVisible(False)
        if action is not None:
            action()

    def cancel(self) -> None:
        self._action = None
        self.setVisible(False)


ROW_PX = 40
MIN_ROWS = 4  # a list never shrinks below this many rows (the screen scrolls instead)


def make_table(headers: Sequence[str], *, min_rows: int = MIN_ROWS) -> QTableWidget:
    """A read-only, row-selecting table with large type; headers sized to their text, never cut."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_PX)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Room for the header (two lines at most) and ``min_rows`` rows, plus a horizontal scroll bar.
    table.setMinimumHeight(64 + min_rows * ROW_PX + 24)
    return table


def fill_table(
    table: QTableWidget, rows: Sequence[Sequence[Any]], *, colours: Sequence[tuple[str, str] | None] = ()
) -> None:
    """Replace the table's rows; ``colours[i]`` is an optional (background, foreground) for row i."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        colour = colours[r] if r < len(colours) else None
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if colour is not None:
                item.setBackground(QBrush(QColor(colour[0])))
                item.setForeground(QBrush(QColor(colour[1])))
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)


def selected_text(table: QTableWidget, column: int = 0) -> str | None:
    """Text of ``column`` in the selected row, or None."""
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), column)
    return None if item is None else item.text()


def select_row_where(table: QTableWidget, column: int, text: str) -> bool:
    """Select the first row whose ``column`` reads ``text``; True when found."""
    for r in range(table.rowCount()):
        item = table.item(r, column)
        if item is not None and item.text() == text:
            table.selectRow(r)
            return True
    return False


class AdminWidget(QWidget):
    """Base of the admin/lead screens: ``(station, session, run)``; declares ``required_action``."""

    title: ClassVar[str] = ""
    required_action: ClassVar[str] = ""

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.station = station
        self.session = session
        self.run: Runner = run or run_now
        self.setStyleSheet(STYLE_SHEET)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(10)
        heading = plain(QLabel(self.title))
        heading.setObjectName("screenTitle")
        self.layout_.addWidget(heading)
        self.message = MessageBanner()
        self.layout_.addWidget(self.message)

    def keyPressEvent(self, event: Any) -> None:
        if not keyhelp.dispatch(self, event):  # the screen's key table (ui.keyhelp)
            super().keyPressEvent(event)

    # -- feedback ------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.message.show_message("error", text)

    def show_ok(self, text: str) -> None:
        self.message.show_message("ok", text)

    def show_warning(self, text: str) -> None:
        self.message.show_message("warning", text)

    # -- actions -------------------------------------------------------------------------
    def act(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        done: str | Callable[[Any], str] = "",
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` through the runner; success shows ``done``, failure a plain message."""

        def ok(result: Any) -> None:
            if done:
                self.show_ok(done(result) if callable(done) else done)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self.show_error(describe_error(exc))
            if on_failed is not None:
                on_failed(exc)

        self.run(fn, ok, failed)

    def zone(self) -> str:
        try:
            return str(self.station.store.settings.get("timezone"))
        except Exception:  # a missing setting must not break a screen
            return "UTC"

    @staticmethod
    def section(text: str) -> QLabel:
        label = plain(QLabel(text))
        label.setObjectName("sectionTitle")
        return label
