"""End of day (lead): orders shipped, boxes and cost per carrier, and the printable manifest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from station.clock import iso
from station.store.packages import PackageRow
from ui.admin.base import AdminWidget, fill_table, make_table, tr
from ui.admin.runner import Runner
from ui.keyhelp import Key, add_keys
from ui.theme import plain

PrintPdf = Callable[[bytes, str], str]


@dataclass(frozen=True)
class DaySummary:
    day: str
    since: str
    until: str
    by_carrier: dict[str, list[PackageRow]]

    @property
    def orders(self) -> int:
        return len({p.order_id for rows in self.by_carrier.values() for p in rows})

    @property
    def boxes(self) -> int:
        return sum(len(rows) for rows in self.by_carrier.values())

    @property
    def cost(self) -> float:
        return round(sum(p.cost for rows in self.by_carrier.values() for p in rows), 2)


def day_bounds(day: str, zone: str) -> tuple[str, str]:
    """A local calendar day (YYYY-MM-DD) as UTC [since, until) instants in the store's format."""
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    start = datetime.combine(datetime.strptime(day, "%Y-%m-%d").date(), time(0), tz)
    end = start + timedelta(days=1)
    return iso(start), iso(end)


def save_and_print(station: Any, session: Any) -> PrintPdf:
    """Default printing: the PDF is kept in the home's reports folder and goes to the chosen document printer."""
    from ui.documents import deliver_document

    def print_pdf(data: bytes, name: str) -> str:
        return deliver_document(station, session, data, title=name.removesuffix(".pdf"), folder="reports",
                                filename=name, permission="manifest.print")  # fmt: skip

    return print_pdf


class EndOfDayWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "End of day")
    required_action = "summary.view"

    def __init__(
        self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None, *,
        print_pdf: PrintPdf | None = None,
    ):  # fmt: skip
        super().__init__(station, session, run, parent)
        self.print_pdf = print_pdf or save_and_print(station, session)
        top = QHBoxLayout()
        # One plain field for the day (not three date sections): type it, Enter shows, P prints.
        self.date_edit = QLineEdit()
        self.date_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,4}-?[0-9]{0,2}-?[0-9]{0,2}")))
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        local_today = station.clock.now().astimezone(ZoneInfo(self._safe_zone())).date()
        self.date_edit.setText(local_today.isoformat())
        self.date_edit.installEventFilter(self)
        self.focus_widget = self.date_edit
        self.show_button = QPushButton(tr("Show"))
        self.print_button = QPushButton(tr("Print manifest"))
        top.addWidget(plain(QLabel(tr("Day"))))
        top.addWidget(self.date_edit)
        top.addWidget(self.show_button)
        top.addWidget(self.print_button)
        top.addStretch(1)
        self.layout_.addLayout(top)
        grid = QGridLayout()
        self.orders_label, self.boxes_label = plain(QLabel("0")), plain(QLabel("0"))
        self.cost_label = plain(QLabel("$0.00"))
        big = ((tr("Orders shipped"), self.orders_label), (tr("Boxes"), self.boxes_label),
               (tr("Label cost"), self.cost_label))  # fmt: skip
        for col, (words, label) in enumerate(big):
            label.setObjectName("bigNumber")
            grid.addWidget(plain(QLabel(words)), 0, col)
            grid.addWidget(label, 1, col)
        self.layout_.addLayout(grid)
        self.table = make_table([tr("Carrier"), tr("Boxes"), tr("Orders"), tr("Weight (lb)"), tr("Cost")])
        self.layout_.addWidget(self.table, 1)
        self.show_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_manifest)
        add_keys(self, [Key("Return", tr("Show the day typed"), self.refresh, self.show_button),
                        Key("P", tr("Print the manifest of that day"), self.print_manifest, self.print_button)])
        self.summary: DaySummary | None = None
        self.refresh()

    def _safe_zone(self) -> str:
        zone = self.zone()
        try:
            ZoneInfo(zone)
        except (KeyError, ValueError):
            return "UTC"
        return zone

    def day(self) -> str:
        return self.date_edit.text().strip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The day field: Enter shows, P prints (plain keys, so typed by a person: scans never get here)."""
        if watched is self.date_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.refresh()
                return True
            if key == Qt.Key.Key_P:
                self.print_manifest()
                return True
        return super().eventFilter(watched, event)

    def _load(self, day: str) -> DaySummary:
        self.station.auth.authorize(self.session, "summary.view")
        try:
            datetime.strptime(day, "%Y-%m-%d")
        except ValueError:
            from station.errors import UsageError

            raise UsageError(tr("Type the day as YYYY-MM-DD, e.g. 2026-03-10")) from None
        since, until = day_bounds(day, self._safe_zone())
        return DaySummary(day, since, until, self.station.shipping.manifest(self.session, since, until))

    def refresh(self) -> None:
        day = self.day()
        self.act(lambda: self._load(day), self._show)

    def _show(self, summary: DaySummary) -> None:
        self.summary = summary
        self.orders_label.setText(str(summary.orders))
        self.boxes_label.setText(str(summary.boxes))
        self.cost_label.setText(f"${summary.cost:,.2f}")
        fill_table(self.table, [
            [carrier, len(rows), len({p.order_id for p in rows}), f"{sum(p.weight_lb for p in rows):.2f}",
             f"${sum(p.cost for p in rows):,.2f}"]
            for carrier, rows in sorted(summary.by_carrier.items())
        ])  # fmt: skip

    def print_manifest(self) -> None:
        """Build the manifest PDF (one page group per carrier, no buyer data) and print it."""
        from ui.reports.manifest import manifest_pdf

        day = self.day()

        def work() -> str:
            summary = self._load(day)
            if not summary.boxes:
                from station.errors import UsageError

                raise UsageError(tr("Nothing shipped on {0}: no manifest to print").format(day))
            station_name = str(self.station.store.settings.get("station_name"))
            data = manifest_pdf(summary.by_carrier, day=day, station_name=station_name,
                                generated_at=self.station.clock.now().strftime("%Y-%m-%d %H:%M UTC"))  # fmt: skip
            where = self.print_pdf(data, f"manifest-{day}.pdf")
            self.station.audit.record(self.session.name, "manifest.printed", day=day, boxes=summary.boxes,
                                      carriers=len(summary.by_carrier))  # fmt: skip
            return where

        self.act(work, done=lambda where: tr("Manifest for %1: %2").replace("%1", day).replace("%2", where))
