"""Label preview: the label that was just printed, for two seconds, then back to "scan next order".

Also the order lookup of a shipped order (found in the queue): its labels, to reprint; that stays until
Enter/Esc or a scan. Keys: F5 reprint · Enter/Esc or any scan: next order now.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ui import keyhelp
from ui.i18n import tr_core, tr_n
from ui.keyhelp import Key
from ui.label_ops import Bought
from ui.theme import label, set_prop


class LabelPreviewWidget(QWidget):
    done = Signal()
    reprint_requested = Signal(int)  # package id
    scan_passed = Signal(str)  # a scan during the preview: go on with it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bought: Bought | None = None
        self.hold_ms = 2000
        root = QHBoxLayout(self)
        root.setContentsMargins(30, 24, 30, 24)
        root.setSpacing(30)
        frame = QFrame()
        frame.setProperty("role", "card")
        fl = QVBoxLayout(frame)
        self.image = label("")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A 4x6 label at its own 2:3 shape; the minimum fits 1366x768, the label grows with the window.
        self.image.setMinimumSize(380, 570)
        self.image.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image.setStyleSheet("background: transparent;")
        fl.addWidget(self.image)
        root.addWidget(frame, 1)
        side = QVBoxLayout()
        side.setSpacing(14)
        self.status = label(self.tr("SHIPPED"), "counter")
        side.addWidget(self.status)
        self.details = label("", "title")
        self.details.setWordWrap(True)
        side.addWidget(self.details)
        self.note = label("", "subtitle")
        self.note.setWordWrap(True)
        side.addWidget(self.note)
        side.addStretch(1)
        self.keys = label(self.tr("F5  reprint      Enter  next order now"), "keys")
        self.keys.setWordWrap(True)
        side.addWidget(self.keys)
        self.feedback = QFrame()
        self.feedback.setProperty("role", "feedback")
        bl = QHBoxLayout(self.feedback)
        self.message = label("", "feedback-text")
        self.message.setWordWrap(True)
        bl.addWidget(self.message)
        side.addWidget(self.feedback)
        root.addLayout(side, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.done.emit)
        keyhelp.add_keys(self, [  # the one key table: the keys work from it and F1 lists it
            Key("F5", self.tr("Reprint the label"), self._reprint),
            Key("Return", self.tr("Back to the queue"), self._done),
            Key("Esc", self.tr("Back to the queue"), self._done),
        ])

    def show_result(self, bought: Bought) -> None:
        self.bought = bought
        if bought.lookup:
            self._show_lookup(bought)
            return
        pix = QPixmap()
        if bought.preview_png and pix.loadFromData(bought.preview_png):
            self.image.setPixmap(pix.scaled(self.image.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        else:
            self.image.setPixmap(QPixmap())
            self.image.setText(self.tr("label bought elsewhere") if not bought.labels else self.tr("no preview"))
        lines = [self.tr("Order {0}").format(bought.order_id)]
        for package_id, lab in bought.labels:
            service = lab.service_name if lab.service_name.startswith(lab.carrier_name) else (
                f"{lab.carrier_name} {lab.service_name}"
            )
            line = self.tr("Box {0}: {1} · {2} · ${3:.2f}")
            lines.append(line.format(package_id, service, lab.tracking_id, lab.cost))
        self.details.setText("\n".join(lines))
        if bought.print_error:
            self.status.setText(self.tr("LABEL NOT PRINTED"))
            self.message.setText(tr_core(bought.print_error))
            set_prop(self.feedback, "outcome", "error")
            self.note.setText(self.tr("The label is bought and the order is shipped; only the printing failed."))
        else:
            self.status.setText(self.tr("SHIPPED ✔"))
            printed = len(bought.printed)
            self.message.setText(tr_n(self, "%n label(s) printed — put the label on the box", printed)
                                 if bought.labels else self.tr("Shipment confirmation queued for Amazon"))  # fmt: skip
            set_prop(self.feedback, "outcome", "complete")
            self.note.setText("")
            self.timer.start(self.hold_ms)

    def _show_lookup(self, bought: Bought) -> None:
        self.timer.stop()
        self.image.setPixmap(QPixmap())
        self.image.setText(self.tr("shipped earlier"))
        self.status.setText(self.tr("SHIPPED"))
        self.details.setText("\n".join([self.tr("Order {0}").format(bought.order_id)] + [
            f"Box {package_id}: {lab.carrier_name} {lab.service_name} · {lab.tracking_id}"
            for package_id, lab in bought.labels]))  # fmt: skip
        self.note.setText(self.tr("Looked up in the queue. A reprint is recorded with your name."))
        self.message.setText(self.tr("F5 reprint the label · Enter back to the queue") if bought.labels
                             else self.tr("No label to reprint (shipped with another carrier's label)"))  # fmt: skip
        set_prop(self.feedback, "outcome", "")

    def reprinted(self, message: str) -> None:
        """A reprint's result; after a fresh label the preview then goes on to the next order as usual."""
        self.message.setText(tr_core(message))
        if self.bought is not None and not self.bought.lookup and not self.bought.print_error:
            self.timer.start(self.hold_ms)

    def handle_scan(self, code: str) -> None:
        self.timer.stop()
        self.scan_passed.emit(code)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if not keyhelp.dispatch(self, event):
            super().keyPressEvent(event)

    def _reprint(self) -> None:
        if self.bought and self.bought.labels:
            self.timer.stop()
            self.reprint_requested.emit(self.bought.labels[0][0])

    def _done(self) -> None:
        self.timer.stop()
        self.done.emit()
