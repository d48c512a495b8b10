"""Packaging: box preset (hotkeys), weight (scale or typed) checked against the expected weight,
rates (promise-keeping cheapest first, default pre-selected), Enter buys and prints.

Keys: F2/F3/F4/F6 box presets · F7 read the scale · F9 add a box · PgUp/PgDn current box ·
Up/Down choose a rate · Enter confirm · F11 label bought elsewhere · Esc back to items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drivers.barcodes import classify
from station.app import Station
from station.errors import StationError
from station.services.auth import Session
from station.services.pack import PackState
from station.services.shipping import BoxInput, RateChoice
from ui import keyhelp, label_ops, shipby
from ui.i18n import tr_error, tr_n
from ui.keyhelp import Key
from ui.runner import OpRunner
from ui.sounds import SoundPlayer
from ui.theme import label, set_prop


def _looks_like_weight(code: str) -> bool:
    """A short number such as 1.25 (pounds), not a barcode."""
    text = code.strip().replace(",", ".")
    if not text or len(text) > 7 or text.count(".") > 1:
        return False
    return text.replace(".", "").isdigit()


@dataclass
class Box:
    preset: dict = field(default_factory=dict)
    weight_lb: float = 0.0
    items: dict[str, int] = field(default_factory=dict)


class PackagingWidget(QWidget):
    shipped = Signal(object)  # label_ops.Bought
    parked = Signal(str)  # message
    back = Signal()  # Esc: back to the pack screen

    def __init__(self, station: Station, runner: OpRunner, sounds: SoundPlayer, wiring, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.station, self.runner, self.sounds, self.wiring = station, runner, sounds, wiring
        self.session: Session | None = None
        self.state: PackState | None = None
        self.boxes: list[Box] = []
        self.current = 0
        self.package_ids: list[int] = []
        self.choices: list[RateChoice] = []
        self.weight_warned = False
        self.busy = False
        self.external = False
        self._build()
        presets = [Key(seq, self.tr("Box preset on this key"), lambda seq=seq: self.choose_preset(seq))
                   for seq in ("F2", "F3", "F4", "F6")]  # fmt: skip
        keyhelp.add_keys(self, [  # the one key table: the keys work from it and F1 lists it
            Key("Return", self.tr("Buy the label (weight typed or read first)"), self.confirm),
            *presets,
            Key("F7", self.tr("Read the scale"), self.read_scale),
            Key("F9", self.tr("Add a box"), self.add_box),
            Key("F11", self.tr("Ship with an outside carrier label"), self.start_external),
            Key("PgUp", self.tr("Previous box"), lambda: self.switch_box(-1)),
            Key("PgDown", self.tr("Next box"), lambda: self.switch_box(1)),
            Key("Up", self.tr("Choose the rate above"), lambda: self._move_rate(-1)),
            Key("Down", self.tr("Choose the rate below"), lambda: self._move_rate(1)),
            Key("Esc", self.tr("Back to the items"), self._escape),
        ])

    def set_compact(self, compact: bool) -> None:
        """Narrow window: a narrower weight field leaves room for the weight check and the rates."""
        self.weight.setFixedWidth(220 if compact else 320)

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 0)
        root.setSpacing(14)
        top = QHBoxLayout()
        self.title = label(self.tr("PACKAGING"), "big")
        top.addWidget(self.title)
        top.addStretch(1)
        self.presets_label = label("", "keys")
        self.presets_label.setWordWrap(True)
        top.addWidget(self.presets_label)
        root.addLayout(top)

        middle = QHBoxLayout()
        middle.setSpacing(18)
        left = QFrame()
        left.setProperty("role", "card")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(20, 16, 20, 16)
        ll.addWidget(label(self.tr("BOXES"), "brand"))
        self.box_label = label("", "title")
        ll.addWidget(self.box_label)
        self.left_label = label("", "error")
        ll.addWidget(self.left_label)
        self.table = QTableWidget()
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ll.addWidget(self.table, 1)
        ll.addWidget(label(self.tr("WEIGHT (lb)"), "brand"))
        wrow = QHBoxLayout()
        self.weight = QLineEdit()
        self.weight.setPlaceholderText(self.tr("scale, or type it + Enter"))
        self.weight.setFixedWidth(320)
        wrow.addWidget(self.weight)
        self.weight_check = label("", "subtitle")
        self.weight_check.setWordWrap(True)
        wrow.addWidget(self.weight_check, 1)
        ll.addLayout(wrow)
        middle.addWidget(left, 3)

        right = QFrame()
        right.setProperty("role", "card")
        rl = QVBoxLayout(right)
        rl.setContentsMargins(20, 16, 20, 16)
        rates_title = label(self.tr("RATES — on time first, cheapest first, ★ default"), "brand")
        rates_title.setWordWrap(True)
        rl.addWidget(rates_title)
        self.rates = QListWidget()
        self.rates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rates.setProperty("role", "rates")
        self.rates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rates.setWordWrap(True)
        rl.addWidget(self.rates, 1)
        middle.addWidget(right, 2)
        root.addLayout(middle, 1)

        keys = label(
            self.tr("F2 F3 F4 F6  box   ·   F7  read scale   ·   F9  add box   ·   PgUp/PgDn  box   ·   "
                    "↑↓  rate   ·   Enter  buy + print   ·   F11  label bought elsewhere   ·   Esc  back"),
            "keys",
        )  # fmt: skip
        keys.setWordWrap(True)
        root.addWidget(keys)
        self.feedback = QFrame()
        self.feedback.setProperty("role", "feedback")
        fl = QHBoxLayout(self.feedback)
        fl.setContentsMargins(28, 16, 28, 16)
        self.message = label("", "feedback-text")
        self.message.setWordWrap(True)
        fl.addWidget(self.message)
        root.addWidget(self.feedback)

    # -- state ---------------------------------------------------------------------------------
    @property
    def presets(self) -> list[dict]:
        return list(self.station.store.settings.get("box_presets") or [])

    def load(self, session: Session, state: PackState) -> None:
        self.session, self.state = session, state
        self.busy = self.external = self.weight_warned = False
        self.package_ids, self.choices = [], []
        presets = self.presets
        default = next((p for p in presets if p.get("name") == "M"), presets[0] if presets else {})
        self.boxes = [Box(dict(default), 0.0, {line.item.order_item_id: line.item.quantity for line in state.lines})]
        self.current = 0
        self.title.setText(self.tr("PACKAGING — ORDER {0}").format(state.order.order_id))
        self.presets_label.setText("   ".join(f"{p['key']} {p['name']}" for p in presets))
        self.rates.clear()
        self.weight.clear()
        self._draw_table()
        self._say("", self.tr("Box chosen — put it on the scale (F7) or type the weight, then Enter"))
        self.weight.setFocus()
        self.read_scale(auto=True)

    def _expected(self, box: Box) -> float:
        assert self.state is not None
        return self.station.shipping.expected_weight(self.state.order, list(box.items.items()),
                                                     float(box.preset.get("tare_lb", 0.0)))  # fmt: skip

    def _draw_table(self) -> None:
        assert self.state is not None
        lines = self.state.lines
        self.table.clear()
        self.table.setRowCount(len(lines))
        self.table.setColumnCount(2 + len(self.boxes))
        box_word = self.tr("Box {0} ({1})")
        headers = [self.tr("Item"), self.tr("Left to place")] + [
            box_word.format(n + 1, b.preset.get("name", "?")) for n, b in enumerate(self.boxes)]  # fmt: skip
        self.table.setHorizontalHeaderLabels(headers)
        for r, line in enumerate(lines):
            self.table.setItem(r, 0, QTableWidgetItem(f"{line.item.title[:40]}  ×{line.item.quantity}"))
            self.table.setItem(r, 1, QTableWidgetItem(""))
            for c, box in enumerate(self.boxes):
                spin = QSpinBox()
                spin.setRange(0, line.item.quantity)
                spin.setValue(box.items.get(line.item.order_item_id, 0))
                item_id = line.item.order_item_id
                spin.valueChanged.connect(lambda v, b=box, i=item_id, w=spin: self._assign(b, i, v, w))
                self.table.setCellWidget(r, c + 2, spin)
        self._show_left()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        box = self.boxes[self.current]
        self.box_label.setText(
            self.tr("Box {0} of {1}: {2} {3}×{4}×{5} in").format(
                self.current + 1, len(self.boxes), box.preset.get("name", "?"),
                box.preset.get("length_in", 0), box.preset.get("width_in", 0), box.preset.get("height_in", 0))
        )  # fmt: skip
        self._show_weight_check()

    def left_to_place(self, item_id: str) -> int:
        """Units of a line not yet in any box (negative never: assignments are capped)."""
        assert self.state is not None
        ordered = next(ln.item.quantity for ln in self.state.lines if ln.item.order_item_id == item_id)
        return ordered - sum(b.items.get(item_id, 0) for b in self.boxes)

    def _assign(self, box: Box, item_id: str, value: int, spin: QSpinBox | None = None) -> None:
        allowed = box.items.get(item_id, 0) + self.left_to_place(item_id)
        if value > allowed:  # more than is left: never over-assign an item across boxes
            value = allowed
            if spin is not None:
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
            self._say("error", self.tr("Only {0} of this item left to place — take it out of another box first")
                      .format(allowed))  # fmt: skip
        box.items[item_id] = value
        self._invalidate()
        self._show_left()

    def _show_left(self) -> None:
        """The "Left to place" column and the current box's line."""
        assert self.state is not None
        total = 0
        for r, line in enumerate(self.state.lines):
            left = self.left_to_place(line.item.order_item_id)
            total += left
            cell = self.table.item(r, 1)
            if cell is not None:
                cell.setText(str(left) if left else "✔")
        self.left_label.setText(tr_n(self, "%n unit(s) left to place in a box", total) if total else "")

    def _invalidate(self) -> None:
        self.package_ids, self.choices = [], []
        self.rates.clear()

    def _show_weight_check(self) -> None:
        box = self.boxes[self.current]
        expected = self._expected(box)
        if not box.weight_lb:
            self.weight_check.setText(
                self.tr("expected {0:.2f} lb").format(expected) if expected else self.tr("no catalogue weight")
            )
            return
        assert self.state is not None
        check = self.station.shipping.check_weight(self.state.order, list(box.items.items()), box.weight_lb,
                                                   float(box.preset.get("tare_lb", 0.0)))  # fmt: skip
        mark = "✔" if check.ok else self.tr("⚠ CHECK")
        self.weight_check.setText(self.tr("{0:.2f} lb · expected {1:.2f} ± {2:.2f}  {3}").format(
            box.weight_lb, check.expected_lb, check.tolerance_lb, mark))  # fmt: skip

    # -- actions -------------------------------------------------------------------------------
    def choose_preset(self, key: str) -> None:
        preset = next((p for p in self.presets if p.get("key") == key), None)
        if preset is None:
            return
        self.boxes[self.current].preset = dict(preset)
        self._invalidate()
        self._draw_table()
        self._say("", self.tr("Box {0} — weigh it (F7) or type the weight, then Enter").format(preset["name"]))

    def add_box(self) -> None:
        self.boxes.append(Box(dict(self.boxes[self.current].preset), 0.0, {}))
        self.current = len(self.boxes) - 1
        self.weight.clear()
        self._invalidate()
        self._draw_table()
        self._say("", self.tr("Box {0}: set how many of each item go in it, then weigh it").format(self.current + 1))

    def switch_box(self, step: int) -> None:
        self.current = (self.current + step) % len(self.boxes)
        box = self.boxes[self.current]
        self.weight.setText(f"{box.weight_lb:.2f}" if box.weight_lb else "")
        self._draw_table()

    def read_scale(self, *, auto: bool = False) -> None:
        scale = self.wiring.scale
        if scale is None:
            if not auto:
                self._say("error", self.tr("No scale is set up — type the weight, then Enter"))
            return
        if not auto:
            self.weight.setModified(False)  # F7: the scale's reading wins over a typed weight
        box = self.boxes[self.current]
        place = getattr(scale, "place", None)
        if place is not None and auto:  # the demo's virtual scale: the box "lands" on it
            place(self._expected(box) or 1.0)
        self.runner.run(lambda: scale.read_stable(3.0), self._weighed,
                        lambda exc: self._say("error", tr_error(exc)), lane="device")  # fmt: skip

    def _weighed(self, pounds: float) -> None:
        if self.weight.isModified() and self.weight.text().strip():
            # The packer typed a weight: a scale reading arriving later must not overwrite it.
            self._say("", self.tr("Scale reads {0:.2f} lb — Enter uses the typed {1} lb (F7 takes the scale)")
                      .format(pounds, self.weight.text().strip()))  # fmt: skip
            return
        self.weight.setText(f"{pounds:.2f}")
        self.weight.selectAll()  # typing replaces the reading
        self.boxes[self.current].weight_lb = pounds
        self._invalidate()
        self._show_weight_check()
        self._say("good", self.tr("Scale: {0:.2f} lb — press Enter to get rates").format(pounds))

    def confirm(self) -> None:
        """Enter: take the weight, then rates, then buy + print (each Enter moves one step)."""
        if self.busy or self.state is None or self.session is None:
            return
        if self.external:
            return
        text = self.weight.text().strip()
        box = self.boxes[self.current]
        if text:
            try:
                typed = float(text)
            except ValueError:
                self._say("error", self.tr("Type the weight in pounds, like 1.25"))
                return
            if abs(typed - box.weight_lb) > 1e-9:
                box.weight_lb = typed
                self._invalidate()
                self.weight_warned = False
        unplaced = sum(self.left_to_place(ln.item.order_item_id) for ln in self.state.lines)
        if unplaced:
            self._say("error", tr_n(self, "%n unit(s) not in a box yet — put them in a box (PgUp/PgDn), then Enter",
                                    unplaced))  # fmt: skip
            return
        for n, b in enumerate(self.boxes):
            if b.weight_lb <= 0:
                self.current = n
                self._draw_table()
                self._say("error", self.tr("Box {0} has no weight — weigh it (F7) or type it").format(n + 1))
                return
        self._show_weight_check()
        check = self.station.shipping.check_weight(self.state.order, list(box.items.items()), box.weight_lb,
                                                   float(box.preset.get("tare_lb", 0.0)))  # fmt: skip
        if not check.ok and not self.weight_warned:
            self.weight_warned = True
            self.sounds.play("over")
            warn = self.tr(
                "Weight {0:.2f} lb but expected {1:.2f} lb — check the box contents; Enter again ships anyway"
            )
            self._say("over_scan", warn.format(box.weight_lb, check.expected_lb))
            return
        if not self.choices:
            self._get_rates()
        else:
            self._buy()

    def _box_inputs(self) -> list[BoxInput]:
        out = []
        for b in self.boxes:
            items = tuple((k, v) for k, v in b.items.items() if v)
            if items:
                out.append(
                    BoxInput(
                        items,
                        b.weight_lb,
                        float(b.preset.get("length_in", 0)),
                        float(b.preset.get("width_in", 0)),
                        float(b.preset.get("height_in", 0)),
                    )
                )
        return out

    def _get_rates(self) -> None:
        assert self.state is not None and self.session is not None
        session, order_id, boxes = self.session, self.state.order.order_id, self._box_inputs()
        self.busy = True
        self._say("", self.tr("Getting rates…"))
        self.runner.run(lambda: label_ops.box_and_rate(self.station, session, order_id, boxes),
                        self._show_rates, self._upstream_failed, lane="net")  # fmt: skip

    def _show_rates(self, result: tuple[list[int], list[RateChoice]]) -> None:
        self.busy = False
        self.package_ids, self.choices = result
        self.rates.clear()
        for n, choice in enumerate(self.choices):
            self.rates.addItem(("★ " if n == 0 else "   ") + self.rate_text(choice))
        if not self.choices:
            self._say("error", self.tr("No carrier offers a rate for this box — check weight and size"))
            return
        self.rates.setCurrentRow(0)
        if not any(c.keeps_promise for c in self.choices):
            # None arrives in time: said first and loudly, before the packer buys a late label.
            self.sounds.play("alert")
            self._say("wrong_item", self.tr("⚠ NO SERVICE ARRIVES BY {0} (the buyer's promise). The first one "
                                            "is the cheapest late one — Enter buys it anyway, or ask a lead")
                      .format(self._deliver_by_words()))  # fmt: skip
            return
        self._say("good", self.tr("Enter: buy the label and print it (↑↓ to choose another service)"))

    def rate_text(self, choice: RateChoice) -> str:
        """One rate: price, service, and when it arrives ("by Thu 04 Dec · 3 days"), late ones flagged."""
        r = choice.rate
        service = r.service_name if r.service_name.startswith(r.carrier_name) else f"{r.carrier_name} {r.service_name}"
        when = shipby.arrival(r.promise_delivery_latest, self.station.clock.now(), self._zone())
        flag = "" if choice.keeps_promise else "   " + self.tr("⚠ LATE")
        if r.rate_id.startswith("rule:"):  # through the hub: a rule, priced by the hub when it buys
            arrives = self.tr("by {0}").format(when[0]) if when is not None else self.tr("no delivery date given")
            rule = self.tr("Best rate: the hub buys the cheapest service that arrives in time")
            return f"{rule}\n      {arrives}{flag}"
        if when is None:
            arrives = self.tr("no delivery date given")
        else:
            arrives = self.tr("by {0}").format(when[0]) + " · " + tr_n(self, "%n day(s)", when[1])
        # Two lines: the date is never elided off a narrow (1366 px) rate list.
        return f"${r.amount:.2f}   {service}\n      {arrives}{flag}"

    def _zone(self) -> str:
        return str(self.station.store.settings.get("timezone"))

    def _deliver_by_words(self) -> str:
        promised = self.state.order.deliver_by_latest if self.state is not None else ""
        when = shipby.arrival(promised, self.station.clock.now(), self._zone())
        return when[0] if when else self.tr("the promised date")

    def _buy(self) -> None:
        assert self.state is not None and self.session is not None
        session, order_id = self.session, self.state.order.order_id
        ids, choice = list(self.package_ids), self.choices[max(0, self.rates.currentRow())]
        self.busy = True
        self._say("", self.tr("Buying the label…"))
        station, printer = self.station, self.wiring.printer

        def bought(result: label_ops.Bought) -> None:
            self._say("", self.tr("Printing…"))
            self.runner.run(lambda: label_ops.print_all(station, session, printer, result), self._printed,
                            self._upstream_failed, lane="device")  # fmt: skip

        self.runner.run(lambda: label_ops.buy_all(station, session, order_id, ids, choice), bought,
                        self._upstream_failed, lane="net")  # fmt: skip

    def _printed(self, result: label_ops.Bought) -> None:
        self.busy = False
        self.shipped.emit(result)

    def _upstream_failed(self, exc: BaseException) -> None:
        self.busy = False
        if label_ops.offline(exc) and self.state is not None and self.session is not None:
            self._park()
            return
        self.sounds.play("wrong")
        self._say("error", tr_error(exc) if isinstance(exc, StationError)
                  else self.tr("That did not work — press Enter to retry"))  # fmt: skip

    def _park(self) -> None:
        assert self.state is not None and self.session is not None
        session, order_id, boxes = self.session, self.state.order.order_id, self._box_inputs()
        station = self.station

        def park() -> None:
            if not self.package_ids:
                station.shipping.create_boxes(session, order_id, boxes)
            station.shipping.park(session, order_id)

        self.runner.run(park, lambda _r: self.parked.emit(
            self.tr("OFFLINE — order {0} packed and parked: its label prints when the connection returns")
            .format(order_id)), lambda exc: self._say("error", tr_error(exc)))  # fmt: skip

    # -- labels bought elsewhere -----------------------------------------------------------------
    def start_external(self) -> None:
        self.external = True
        self._say("needs_serial", self.tr("Label bought elsewhere: scan its tracking barcode (Esc: back)"))

    def _ship_external(self, carrier: str, tracking: str) -> None:
        assert self.state is not None and self.session is not None
        session, order_id, boxes = self.session, self.state.order.order_id, self._box_inputs()
        if len(boxes) != 1:
            self._say("error", self.tr("Labels bought elsewhere: one box per order here"))
            return
        station = self.station

        def ship() -> label_ops.Bought:
            ids = station.shipping.create_boxes(session, order_id, boxes)
            station.shipping.ship_external(session, order_id, ids[0], carrier=carrier, service="",
                                           tracking=tracking)  # fmt: skip
            return label_ops.Bought(order_id)

        self.runner.run(ship, self._printed, self._upstream_failed)

    # -- input ---------------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        found = classify(code)
        if found.kind == "command":
            if found.command in ("confirm", "close_box"):
                self.confirm()
            elif found.command == "weigh":
                self.read_scale()
            elif found.command == "cancel":
                self.back.emit()
            return
        if self.external:
            if found.kind == "tracking":
                self._ship_external(found.carrier, found.value)
            else:
                self._say("error", self.tr("That is not a tracking barcode — scan the label's tracking number"))
            return
        if _looks_like_weight(code):  # a weight typed fast enough to read as a scan (keypad + Enter)
            self.weight.setText(code.replace(",", "."))
            self.weight.setModified(True)
            self.confirm()
            return
        self._say("error", self.tr("All items are verified — press Enter to ship, or Esc to go back to the items"))

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if self._is_weight_key(event):
            # Digits typed anywhere on this screen are the weight: into the field, visibly; the first
            # digit replaces a scale reading rather than appending to it.
            if not self.weight.isModified():
                self.weight.selectAll()
            self.weight.setFocus()
            QCoreApplication.sendEvent(self.weight, event)
        elif not keyhelp.dispatch(self, event):
            super().keyPressEvent(event)

    def _move_rate(self, step: int) -> None:
        if self.rates.count():
            self.rates.setCurrentRow(min(self.rates.count() - 1, max(0, self.rates.currentRow() + step)))

    def _escape(self) -> None:
        if self.external:
            self.external = False
            self._say("", self.tr("Enter: buy the label"))
        elif not self.busy:
            self.back.emit()

    def _is_weight_key(self, event) -> bool:  # type: ignore[no-untyped-def]
        text = event.text()
        if self.external or not text:
            return False
        return text in "0123456789.," or (event.key() == Qt.Key.Key_Backspace and bool(self.weight.text()))

    def _say(self, outcome: str, text: str) -> None:
        self.message.setText(text)
        set_prop(self.feedback, "outcome", outcome)
