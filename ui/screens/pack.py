"""Pack screen: full screen, scanner-driven. Every scan is committed on the store thread, then shown.

Keys: F3 total scanned for the highlighted (last scanned) line · F8 report a problem · Esc put the order back.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QProgressBar, QScrollArea, QVBoxLayout, QWidget

from drivers.barcodes import classify
from station.app import Station
from station.domain import GiftMessage, Recipient
from station.errors import StationError
from station.services.auth import Session
from station.services.pack import EXCEPTION_REASONS, OrderCancelled, PackState, ScanOutcome, ScanResult
from ui import keyhelp, shipby
from ui.i18n import tr_core, tr_error
from ui.keyhelp import Key
from ui.runner import OpRunner
from ui.sounds import SoundPlayer
from ui.theme import label, set_prop
from ui.widgets.pack_line import PackLineWidget

SOUNDS = {"good": "good", "complete": "complete", "wrong_item": "wrong", "unknown": "wrong",
          "over_scan": "over", "needs_serial": "good", "error": "wrong"}  # fmt: skip
FLASH = {"good": "good", "complete": "good", "over_scan": "over", "wrong_item": "wrong", "needs_serial": "good"}
REASON_KEYS = list(EXCEPTION_REASONS)
# The short words of the problem menu (F8), marked for translation in this screen's context.
REASON_WORDS = {
    "short": QT_TRANSLATE_NOOP("PackWidget", "short"),
    "damaged": QT_TRANSLATE_NOOP("PackWidget", "damaged"),
    "wrong_item_in_bin": QT_TRANSLATE_NOOP("PackWidget", "wrong item in bin"),
    "address": QT_TRANSLATE_NOOP("PackWidget", "address"),
    "other": QT_TRANSLATE_NOOP("PackWidget", "other"),
}


FSI, PDI = "\u2068", "\u2069"  # Unicode first-strong isolate / pop directional isolate


def isolated_lines(lines: list[str]) -> str:
    """Lines for one label, each in its own direction: an Arabic name does not reorder "3874 Maple Dr"."""
    return "\n".join(FSI + line.replace(FSI, "").replace(PDI, "") + PDI for line in lines)


def address_lines(r: Recipient) -> list[str]:
    city = ", ".join(p for p in (r.city, r.state_or_region) if p)
    lines = [r.name, r.address_line1, r.address_line2, r.address_line3, f"{city} {r.postal_code}".strip()]
    if r.country_code and r.country_code != "US":
        lines.append(r.country_code)
    return [line for line in lines if line]


class PackWidget(QWidget):
    completed = Signal(object)  # PackState, all units verified
    left = Signal(str)  # the order was put back, moved to exceptions or cancelled: a message for the queue
    feedback_shown = Signal(str)  # outcome, after the screen shows it (the benchmark listens)

    def __init__(self, station: Station, runner: OpRunner, sounds: SoundPlayer, parent: QWidget | None = None):
        super().__init__(parent)
        self.station, self.runner, self.sounds = station, runner, sounds
        self.session: Session | None = None
        self.state: PackState | None = None
        self.mode = "scan"  # scan | serial | quantity | problem | stopped
        self.serial_item = ""
        self.pending_serial = ""  # the serial just sent, for the confirmation
        self.last_item = ""
        self.current = -1  # the line last scanned (highlighted while it still needs units), else -1
        self.lines: list[PackLineWidget] = []
        self.scan_started = 0.0
        self.last_latency_ms = 0.0
        self._build()
        self._unflash = QTimer(self)
        self._unflash.setSingleShot(True)
        self._unflash.timeout.connect(self._clear_flash)
        keyhelp.add_keys(self, [  # the one key table: the keys work from it and F1 lists it
            Key("Return", self.tr("Ship when every item is scanned (or finish the entry)"), self._enter),
            Key("F3", self.tr("Type the total scanned for the highlighted line"), self.ask_quantity),
            Key("F8", self.tr("Report a problem (exception to the lead)"), self.ask_problem),
            Key("Esc", self.tr("Cancel the entry, or put the order back in the queue"), self._escape),
        ])

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        header = QFrame()
        header.setProperty("role", "header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(24, 14, 24, 14)
        hl.setSpacing(18)
        self.order_label = label(self.tr("ORDER"), "big")
        self.seller_label = label("", "subtitle")
        self.prime_tag = label(self.tr("PRIME"), "tag")
        self.prime_tag.setProperty("kind", "prime")
        self.service_tag = label("", "tag")
        self.shipby_tag = label("", "tag")
        hl.addWidget(self.order_label)
        hl.addWidget(self.seller_label)
        hl.addStretch(1)
        for w in (self.prime_tag, self.service_tag, self.shipby_tag):
            hl.addWidget(w)
        root.addWidget(header)

        body = QHBoxLayout()
        body.setContentsMargins(20, 16, 20, 16)
        body.setSpacing(18)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(10)
        holder = QWidget()
        holder.setLayout(self.lines_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(scroll, 3)

        side = self.side = QFrame()
        side.setProperty("role", "card")
        side.setFixedWidth(430)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(22, 18, 22, 18)
        sl.addWidget(label(self.tr("SHIP TO"), "brand"))
        self.address = label("", "subtitle")
        self.address.setWordWrap(True)
        self.address.setProperty("role", "address")
        sl.addWidget(self.address)
        # Notes for the packer (a lead's note on a resolved exception): plain text, never markup.
        self.notes = label("", "note")
        self.notes.setWordWrap(True)
        self.notes.hide()
        sl.addWidget(self.notes)
        sl.addStretch(1)
        sl.addWidget(label(self.tr("KEYS"), "brand"))
        keys = label(self.tr("F3   total for the ▶ line\nF8   report a problem\nEsc  put order back"), "keys")
        sl.addWidget(keys)
        body.addWidget(side, 1)
        root.addLayout(body, 1)

        self.feedback = QFrame()
        self.feedback.setProperty("role", "feedback")
        fl = QHBoxLayout(self.feedback)
        fl.setContentsMargins(28, 16, 28, 16)
        fl.setSpacing(24)
        self.message = label(self.tr("SCAN NEXT ITEM"), "feedback-text")
        self.message.setWordWrap(True)
        self.entry = QLineEdit()
        self.entry.setFixedWidth(260)
        self.entry.hide()
        self.counter = label(self.tr("0 of 0"), "counter")
        self.progress = QProgressBar()
        self.progress.setFixedWidth(280)
        self.progress.setMinimumWidth(120)
        self.progress.setTextVisible(False)
        fl.addWidget(self.message, 1)
        fl.addWidget(self.entry)
        fl.addWidget(self.counter)
        fl.addWidget(self.progress)
        root.addWidget(self.feedback)

    def set_compact(self, compact: bool) -> None:
        """Narrow window: the ship-to panel and the progress bar give way to the item lines and counter."""
        self.side.setFixedWidth(330 if compact else 430)
        self.progress.setFixedWidth(150 if compact else 280)
        self.entry.setFixedWidth(200 if compact else 260)

    # -- loading -------------------------------------------------------------------------------
    def load(self, session: Session, state: PackState, seller_name: str = "") -> None:
        self.session, self.state = session, state
        self.mode, self.serial_item, self.last_item, self.current = "scan", "", "", -1
        order = state.order
        self.order_label.setText(self.tr("ORDER {0}").format(order.order_id))
        self.seller_label.setText(self.tr("Seller: {0}").format(seller_name or order.seller_id))
        self.prime_tag.setVisible(order.is_prime)
        self.service_tag.setText(order.service_level or self.tr("Standard"))
        now = self.station.clock.now()
        zone = str(self.station.store.settings.get("timezone"))
        self.shipby_tag.setText(self.tr("Ship by {0}").format(shipby.words(order.ship_by_latest, now, zone)))
        set_prop(
            self.shipby_tag, "kind", {"late": "late", "risk": "risk"}.get(shipby.bucket(order.ship_by_latest, now), "")
        )
        for widget in self.lines:
            widget.setParent(None)
            widget.deleteLater()
        self.lines = [PackLineWidget(line, twin=twin) for line, twin in zip(state.lines, self._twins(state),
                                                                           strict=True)]  # fmt: skip
        while self.lines_box.count():
            self.lines_box.takeAt(0)
        for widget in self.lines:
            self.lines_box.addWidget(widget)
        self.lines_box.addStretch(1)
        self.address.setText("…")
        order_id = order.order_id
        self.runner.run(
            lambda: self.station.buyer_data.view_address(session, order_id),
            lambda r: self._show_address(order_id, r),
            lambda exc: self.address.setText(tr_error(exc) if isinstance(exc, StationError) else "—"),
        )
        self.gifts = ""
        self.runner.run(  # the buyer's gift messages: buyer data, read and audited like the address
            lambda: self.station.buyer_data.view_gift_messages(session, order_id),
            lambda gifts: self._show_gifts(order_id, gifts),
            lambda _exc: None,
        )
        self._refresh(state)
        self.show_notes(state)
        done = self.tr("All items verified — choose the box")
        self._feedback("", self.tr("SCAN NEXT ITEM") if not state.complete else done)
        if state.lead_note and not state.complete:
            self._feedback("over_scan", self.tr("Read the lead's note (right), then SCAN NEXT ITEM"))
        self.entry.hide()

    def _twins(self, state: PackState) -> list[str]:
        """For lines sharing a SKU: "LINE 1 OF 2 WITH THIS SKU" (else ""), so they never read as one line."""
        skus = [line.item.sku for line in state.lines]
        out = []
        for n, sku in enumerate(skus):
            same = [i for i, other in enumerate(skus) if other == sku]
            out.append(self.tr("LINE {0} OF {1} WITH THIS SKU").format(same.index(n) + 1, len(same))
                       if len(same) > 1 else "")  # fmt: skip
        return out

    def show_notes(self, state: PackState) -> None:
        """The notes that travel with the order, shown while it is packed."""
        parts = [self.tr("NOTE FROM THE LEAD") + "\n" + state.lead_note] if state.lead_note else []
        if getattr(self, "gifts", ""):
            parts.append(self.gifts)
        self.notes.setText("\n\n".join(parts))  # a plain-text label: the buyer's text shows as typed
        self.notes.setVisible(bool(parts))

    def _show_gifts(self, order_id: str, gifts: tuple[GiftMessage, ...]) -> None:
        if self.state is None or self.state.order.order_id != order_id or not gifts:
            return
        titles = {line.item.order_item_id: line.item.title for line in self.state.lines}
        parts = []
        for gift in gifts:
            head = self.tr("GIFT MESSAGE — {0}").format(titles.get(gift.order_item_id, gift.order_item_id))
            if gift.wrap_level:
                head += " · " + self.tr("gift wrap: {0}").format(gift.wrap_level)
            parts.append(head + ("\n" + gift.message if gift.message.strip() else ""))
        self.gifts = "\n\n".join(parts)
        self.show_notes(self.state)

    def _show_address(self, order_id: str, recipient: Recipient) -> None:
        if self.state is not None and self.state.order.order_id == order_id:
            self.address.setText(isolated_lines(address_lines(recipient)))

    def clear(self) -> None:
        """Forget the order (and its address) when the screen is left."""
        self.state = None
        self.address.setText("")
        self.gifts = ""
        self.notes.setText("")

    # -- scans ---------------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        if self.state is None or self.session is None:
            return
        self.scan_started = time.perf_counter()
        if self.mode == "stopped":
            self.left.emit(self.message.text())
            return
        found = classify(code)
        if found.kind == "command":
            self._command(found.command)
            return
        if self.mode in ("quantity", "problem"):
            self.entry.setText(code)
            self._entry_done()
            return
        session, order_id = self.session, self.state.order.order_id
        pack = self.station.pack
        if self.mode == "serial":
            item = self.serial_item
            self.pending_serial = code.strip()
            op = lambda: pack.capture_serial(session, order_id, item, code)  # noqa: E731
        else:
            op = lambda: pack.scan(session, order_id, code)  # noqa: E731
        self.runner.run(op, self._show_result, self._failed)

    def _command(self, command: str) -> None:
        if command in ("skip", "cancel"):
            self.put_back()
        elif command == "exception":
            self.ask_problem()
        elif command == "confirm" and self.state is not None and self.state.complete:
            self.completed.emit(self.state)
        else:
            words = command.replace("_", " ")
            self._feedback("error", self.tr("“{0}” does nothing here — scan the next item").format(words))
            self.sounds.play("wrong")

    def _show_result(self, result: ScanResult) -> None:
        self.state = result.state
        outcome = result.outcome.value
        serial, self.pending_serial = self.pending_serial, ""
        if result.outcome == ScanOutcome.NEEDS_SERIAL and result.line_index is not None:
            self.mode = "serial"
            self.serial_item = result.state.lines[result.line_index].item.order_item_id
        elif result.outcome in (ScanOutcome.GOOD, ScanOutcome.COMPLETE):
            self.mode = "scan"
            if result.line_index is not None:
                self.last_item = result.state.lines[result.line_index].item.order_item_id
                self.current = result.line_index
        self._refresh(result.state, result.line_index)
        if result.line_index is not None and outcome in FLASH:
            self.lines[result.line_index].flash(FLASH[outcome])
            self._unflash.start(700)
        text = tr_core(result.message)
        if result.outcome == ScanOutcome.WRONG_ITEM:
            text = self.tr("✖ WRONG ITEM — {0}").format(text)
        elif result.outcome == ScanOutcome.OVER_SCAN:
            text = "⚠ " + text
        elif result.outcome == ScanOutcome.NEEDS_SERIAL:
            text = self.tr("SCAN THE SERIAL NUMBER of this unit")
        elif serial and result.outcome in (ScanOutcome.GOOD, ScanOutcome.COMPLETE):
            text = self.tr("✔ SERIAL {0} RECORDED — {1}").format(serial, text)  # the packer sees what was kept
        elif result.outcome == ScanOutcome.GOOD:
            text = "✔ " + text
        self._feedback(outcome, text)
        self.sounds.play(SOUNDS.get(outcome, "good"))
        self.last_latency_ms = (time.perf_counter() - self.scan_started) * 1000
        self.feedback_shown.emit(outcome)
        if result.outcome == ScanOutcome.COMPLETE:
            state = result.state
            QTimer.singleShot(600, lambda: self._complete(state))

    def _complete(self, state: PackState) -> None:
        if self.state is state and self.mode == "scan":
            self.completed.emit(state)

    def _failed(self, exc: BaseException) -> None:
        self.pending_serial = ""
        if isinstance(exc, OrderCancelled):
            self.show_cancelled(tr_error(exc))
            return
        said = tr_error(exc) if isinstance(exc, StationError) else self.tr("Something went wrong — scan again")
        self._feedback("error", said)
        self.sounds.play("wrong")
        self.feedback_shown.emit("error")

    def show_cancelled(self, message: str = "") -> None:
        """The order was cancelled upstream: stop the packer until they acknowledge."""
        if self.state is None:
            return
        self.mode = "stopped"
        order_id = self.state.order.order_id
        told = message or self.tr(
            "Order {0} was cancelled by the buyer — return the items to their bins, then press Enter"
        ).format(order_id)
        self._feedback("error", self.tr("■ STOP — {0}").format(told))
        self.sounds.play("alert")

    # -- inline entries ------------------------------------------------------------------------
    def _last_line(self):  # type: ignore[no-untyped-def]
        if self.state is None:
            return None
        return next((ln for ln in self.state.lines if ln.item.order_item_id == self.last_item), None)

    def ask_quantity(self) -> None:
        line = self._last_line()
        if line is None:
            self._feedback("error", self.tr("Scan one unit first, then press F3 to enter how many"))
            return
        self.mode = "quantity"
        self._feedback("", self.tr("{0}: {1} of {2} scanned now. Type the TOTAL for this line, then Enter")
                       .format(line.item.title[:40], line.scanned, line.item.quantity))  # fmt: skip
        self._open_entry(self.tr("total, max {0}").format(line.item.quantity))

    def ask_problem(self) -> None:
        self.mode = "problem"
        words = [self.tr(REASON_WORDS.get(k, k.replace("_", " "))) for k in REASON_KEYS]
        choices = "   ".join(f"{n}={w}" for n, w in enumerate(words, start=1))
        ask = self.tr("What is wrong?  {0}  — type the number, Enter (Esc: back)")
        self._feedback("over_scan", ask.format(choices))
        self._open_entry("1-5")

    def _open_entry(self, placeholder: str) -> None:
        self.entry.clear()
        self.entry.setPlaceholderText(placeholder)
        self.entry.show()
        self.entry.setFocus()

    def _entry_done(self) -> None:
        text = self.entry.text().strip()
        self.entry.hide()
        assert self.state is not None and self.session is not None
        session, order_id = self.session, self.state.order.order_id
        if self.mode == "quantity":
            self.mode = "scan"
            line = self._last_line()
            if not text.isdigit() or line is None:
                self._feedback("error", self.tr("Type a number"))
                return
            total, ordered, scanned = int(text), line.item.quantity, line.scanned
            if total > ordered:
                self.sounds.play("over")
                self._feedback("over_scan", self.tr("⚠ Only {0} ordered for this line — {1} is too many. "
                                                    "The count stays {2} of {0}.").format(ordered, total, scanned))
                return
            if total < scanned:
                self._feedback("error", self.tr("{0} are scanned already — the total can't go down here. "
                                                "F8 reports a problem.").format(scanned))
                return
            if total == scanned:
                self._feedback("", self.tr("Still {0} of {1} — SCAN NEXT ITEM").format(scanned, ordered))
                return
            item, units = self.last_item, total - scanned
            self.runner.run(lambda: self.station.pack.add_units(session, order_id, item, units),
                            self._show_result, self._failed)  # fmt: skip
        elif self.mode == "problem":
            self.mode = "scan"
            if not text.isdigit() or not 1 <= int(text) <= len(REASON_KEYS):
                self._feedback("", self.tr("SCAN NEXT ITEM"))
                return
            reason = REASON_KEYS[int(text) - 1]
            self.runner.run(lambda: self.station.pack.raise_exception(session, order_id, reason),
                            lambda _r: self._left(self.tr("Order {0} moved to the exception queue: {1}").format(
                                order_id, tr_core(EXCEPTION_REASONS[reason]))), self._failed)  # fmt: skip

    def put_back(self) -> None:
        if self.state is None or self.session is None:
            return
        session, order_id = self.session, self.state.order.order_id
        self.runner.run(lambda: self.station.pack.release(session, order_id),
                        lambda _r: self._left(self.tr("Order {0} put back in the queue").format(order_id)),
                        self._failed)  # fmt: skip

    def _left(self, message: str) -> None:
        self.clear()
        self.left.emit(message)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if not keyhelp.dispatch(self, event):
            super().keyPressEvent(event)

    def _enter(self) -> None:
        if self.mode == "stopped":
            self._left(self.message.text().removeprefix(self.tr("■ STOP — {0}").format("")))
        elif self.mode in ("quantity", "problem"):
            self._entry_done()
        elif self.state is not None and self.state.complete:
            self.completed.emit(self.state)

    def _escape(self) -> None:
        if self.mode == "stopped":
            self._left(self.message.text().removeprefix(self.tr("■ STOP — {0}").format("")))
        elif self.mode in ("quantity", "problem"):
            self.mode = "scan"
            self.entry.hide()
            self._feedback("", self.tr("SCAN NEXT ITEM"))
        else:
            self.put_back()

    # -- drawing -------------------------------------------------------------------------------
    def _refresh(self, state: PackState, touched: int | None = None) -> None:
        # The line the packer just scanned stays highlighted (and is F3's line) until it is done.
        current = self.current if 0 <= self.current < len(state.lines) and not state.lines[self.current].done else -1
        active = current if current >= 0 else next((i for i, line in enumerate(state.lines) if not line.done), None)
        for i, (widget, line) in enumerate(zip(self.lines, state.lines, strict=False)):
            if i in (touched, active) or widget.qty.text() != f"{line.scanned} / {line.item.quantity}" or \
                    widget.property("state") == "active":  # fmt: skip
                widget.update_line(line, active=i == active)
        self.counter.setText(self.tr("{0} of {1}").format(state.units_scanned, state.units_expected))
        self.progress.setMaximum(max(1, state.units_expected))
        self.progress.setValue(state.units_scanned)

    def _feedback(self, outcome: str, text: str) -> None:
        self.message.setText(text)
        set_prop(self.feedback, "outcome", outcome)

    def _clear_flash(self) -> None:
        for widget in self.lines:
            widget.flash("")
