"""Box building and inbound plans: scan units into the open box (running contents), close it with weight
and size (Amazon's limits checked), send closed boxes as an inbound plan, print Amazon's box labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QHBoxLayout, QPushButton

from station.services.inbound import PlanView
from station.store.inbound import BoxRow
from ui import keyhelp
from ui.keyhelp import Key
from ui.plural import ntr
from ui.prep.base import PrepScreen, ScanField, big, tr
from ui.prep.labels import print_box_labels


def _spin(maximum: float, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(1)
    box.setSuffix(suffix)
    box.setMinimumHeight(44)
    return box


class BoxesWidget(PrepScreen):
    title = QT_TRANSLATE_NOOP("screens", "FBA boxes")
    required_action = "prep.box"

    def __init__(self, station: Any, session: Any, run: Any = None, parent: Any = None, *, printer: Any = None):
        super().__init__(station, session, run, parent, printer=printer)
        self.box: BoxRow | None = None
        self.plan: PlanView | None = None
        self.heading = big(tr("No box open — F2 opens one"), 28)
        self.layout_.addWidget(self.heading)
        self.scan = ScanField(tr("Scan a prepped unit into the box"))
        self.scan.scanned.connect(self.handle_scan)
        self.layout_.addWidget(self.scan)
        self.contents = big("", 26, bold=False)
        self.layout_.addWidget(self.contents)
        row = QHBoxLayout()
        self.case_packed = QCheckBox(self.tr("Case-packed"))
        self.weight = _spin(150, " lb")
        self.sides = [_spin(60, " in") for _ in range(3)]
        open_button, close_button = QPushButton(tr("Open box")), QPushButton(tr("Close box"))
        open_button.clicked.connect(self.open_box)
        close_button.clicked.connect(self.close_box)
        for w in (self.case_packed, open_button):
            row.addWidget(w)
        row.addStretch(1)
        self.layout_.addLayout(row)
        close_row = QHBoxLayout()  # a second row: the screen fits 1366 px
        for w in (big(tr("Weight, sides:"), 22, bold=False), self.weight, *self.sides, close_button):
            close_row.addWidget(w)
        close_row.addStretch(1)
        self.layout_.addLayout(close_row)
        plan_row = QHBoxLayout()
        self.plan_button = QPushButton(tr("Send closed boxes to Amazon"))
        self.labels_button = QPushButton(tr("Print box labels"))
        self.plan_button.clicked.connect(self.create_plan)
        self.labels_button.clicked.connect(self.print_labels)
        plan_row.addWidget(self.plan_button)
        plan_row.addWidget(self.labels_button)
        self.layout_.addLayout(plan_row)
        self.plan_text = big("", 22, bold=False)
        self.layout_.addWidget(self.plan_text)
        self.layout_.addStretch(1)
        keyhelp.add_keys(self, [
            Key("F2", tr("Open a box"), self.open_box, open_button),
            Key("F4", tr("Close the box (weight and sides first)"), self.close_box, close_button),
            Key("F9", tr("Send the closed boxes to Amazon"), self.create_plan, self.plan_button),
            Key("F11", tr("Print the box labels"), self.print_labels, self.labels_button),
        ])  # fmt: skip

    def open_box(self) -> None:
        self.act(lambda: self.station.prep.boxes.open_box(self.session, self.seller,
                                                           case_packed=self.case_packed.isChecked()),
                 self._show_box, done=lambda b: tr("Box {0} open — scan units").format(b.box_id))  # fmt: skip

    def handle_scan(self, code: str) -> None:
        if self.box is None:
            self.show_warning(tr("Open a box first (F2)"))
            return
        box_id = self.box.box_id
        self.act(lambda: self.station.prep.boxes.scan(self.session, box_id, code), lambda s: self._show_box(s.box),
                 done=lambda s: s.message)  # fmt: skip

    def close_box(self) -> None:
        if self.box is None:
            return
        box_id, weight = self.box.box_id, self.weight.value()
        dims = (self.sides[0].value(), self.sides[1].value(), self.sides[2].value())

        def done(box: BoxRow) -> None:
            self._show_box(box)
            self.box = None

        self.act(
            lambda: self.station.prep.boxes.close(self.session, box_id, weight, dims),
            done,
            done=lambda b: tr("Box {0} closed ({1} units, {2:.1f} lb) — F2 for the next").format(
                b.box_id, b.units, b.weight_lb
            ),
        )

    def create_plan(self) -> None:
        seller = self.seller

        def work() -> PlanView:
            closed = [
                b.box_id for b in self.station.prep.boxes.boxes(self.session, seller, "closed") if b.plan_id is None
            ]
            return self.station.prep.inbound.create_plan(self.session, seller, closed)

        self.act(
            work,
            self._show_plan,
            done=lambda v: ntr("prep", "Plan confirmed: %n shipment(s), {0} boxes — print the box labels (F11)",
                               len(v.shipments)).format(len(v.boxes)),
        )

    def print_labels(self) -> None:
        if self.plan is None:
            self.show_warning(tr("Send a plan first (F9)"))
            return
        plan_id = self.plan.plan.plan_id

        def work() -> int:
            return print_box_labels(self.printer, self.station.prep.inbound.box_labels(self.session, plan_id))

        self.act(work, done=lambda n: ntr("prep", "%n box label(s) printed — put one on each box, not on a seam", n))

    def _show_box(self, box: BoxRow) -> None:
        self.box = box
        kind = tr("case-packed") if box.case_packed else tr("individual units")
        self.heading.setText(tr("Box {0} · {1} · {2} · {3} units").format(box.box_id, box.status, kind, box.units))
        self.contents.setText("\n".join(f"{sku:<20} × {qty}" for sku, qty in box.items))

    def _show_plan(self, view: PlanView) -> None:
        self.plan = view
        lines = [tr("Plan {0} · {1} · {2} units").format(view.plan.plan_id, view.plan.status, view.units)]
        lines += [f"{s.confirmation_id or s.shipment_id[:10]} → {s.destination} ({s.status})" for s in view.shipments]
        self.plan_text.setText("\n".join(lines))
