"""The station's main window: one screen at a time (login, queue, pack, packaging, label, admin),
an offline/stop banner, and the status bar. Scans arrive from the wedge filter or a USB scanner
and go to the visible screen's ``handle_scan``; F10 opens the lead/admin area, F12 switches operator.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from drivers.barcodes import classify
from drivers.scanners.wedge import WedgeDecoder
from station.errors import PermissionDenied, StationError
from station.permissions import allowed
from station.services.auth import Session
from station.services.pack import OrderCancelled, PackState
from ui import keyhelp, label_ops
from ui.admin_host import ADMIN_AREA_ACTION, AdminHostWidget, may_open
from ui.bridge import EventBridge
from ui.i18n import current_language, tr_core, tr_error, tr_n, use_language
from ui.keyhelp import Key
from ui.plural import ntr
from ui.runner import OpRunner
from ui.scanning import ScanEventFilter
from ui.screens.label_preview import LabelPreviewWidget
from ui.screens.login import LoginWidget
from ui.screens.pack import PackWidget
from ui.screens.packaging import PackagingWidget
from ui.screens.queue import QueueWidget
from ui.sounds import SoundPlayer
from ui.theme import applied_scale, apply_theme, type_scale
from ui.widgets.banner import BannerWidget
from ui.widgets.status_bar import StatusBarWidget
from ui.wiring import Wiring

log = logging.getLogger(__name__)
SESSION_CHECK_MS = 2000  # how often the open session is re-checked against the store


class _Activity(QObject):
    """Notes every key press and click (for the idle lock); never consumes an event."""

    def __init__(self, on_activity: Callable[[], None]) -> None:
        super().__init__()
        self.on_activity = on_activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.on_activity()
        return False


HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000


class ScreenStack(QStackedWidget):
    """The screens, one at a time; the window's minimum size is the SHOWN screen's, not the widest hidden one
    (a hidden screen must not push the lead area or prep off a 1366×768 monitor)."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self):  # type: ignore[no-untyped-def]
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()

    def sizeHint(self):  # type: ignore[no-untyped-def]
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()


class StationWindow(QMainWindow):
    screen_changed = Signal(str)

    def __init__(self, wiring: Wiring, *, sounds: SoundPlayer | None = None, demo_hint: str = "",
                 time_source: Callable[[], float] = time.monotonic, install_filters: bool = True) -> None:  # fmt: skip
        super().__init__()
        self.wiring = wiring
        self.station = station = wiring.station
        self.session: Session | None = None
        use_language(current_language())  # the recording translator, so a login can switch language
        self.runner = OpRunner(self)
        self.sounds = sounds or SoundPlayer()
        self.bridge = EventBridge(station.bus, self)
        self.bridge.event_received.connect(self.on_event)
        self.setWindowTitle("Pacific Prep Station")
        self.batch_running = False
        self.type_scale = applied_scale(QApplication.instance())  # type: ignore[arg-type]
        self.fit_to_monitor = False  # the kiosk (ui.app) sets it: the window stays on its monitor

        central = QWidget()
        central.setObjectName("central")
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.banner = BannerWidget()
        lay.addWidget(self.banner)
        self.stack = ScreenStack()
        lay.addWidget(self.stack, 1)
        self.key_help = keyhelp.KeyHelpPanel()  # F1 on a packer screen: that screen's keys
        lay.addWidget(self.key_help)
        self.status = StatusBarWidget(str(station.store.settings.get("station_name")))
        lay.addWidget(self.status)
        self.setCentralWidget(central)

        self.login = LoginWidget(station, self.runner, demo_hint=demo_hint)
        self.queue = QueueWidget(station, self.runner)
        # With a hub, the queue says which orders another station has taken (station and operator).
        self.queue.model.taken = getattr(getattr(wiring.engine, "sync", None), "taken_by", None)
        self.pack = PackWidget(station, self.runner, self.sounds)
        self.packaging = PackagingWidget(station, self.runner, self.sounds, wiring)
        self.preview = LabelPreviewWidget()
        self.admin: AdminHostWidget | None = None
        for screen in (self.login, self.queue, self.pack, self.packaging, self.preview):
            screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.stack.addWidget(screen)
            keyhelp.add_keys(screen, [Key("F1", self.tr("Show or hide the keys of this screen"),
                                          lambda s=screen: self.toggle_key_help(s))])  # fmt: skip
        self.login.logged_in.connect(self.on_login)
        self.queue.open_requested.connect(self.open_order)
        self.queue.next_requested.connect(self.next_order)
        self.queue.picklist_requested.connect(self.print_picklist)
        self.pack.completed.connect(self.on_packed)
        self.pack.left.connect(self.back_to_queue)
        self.packaging.shipped.connect(self.on_shipped)
        self.packaging.parked.connect(self.on_parked)
        self.packaging.back.connect(lambda: self.show_screen(self.pack))
        self.preview.done.connect(self._preview_done)
        self.preview.reprint_requested.connect(self.reprint)
        self.preview.scan_passed.connect(self._scan_after_preview)

        self.scan_filter: ScanEventFilter | None = None
        self.activity: _Activity | None = None
        if install_filters:
            self.install_scanning(time_source)
        if wiring.scanner is not None:
            self._start_direct_scanner()
        self.idle_timer = QTimer(self)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start(5000)
        # Lock, disable or role change by ANY process on this home (CLI `lock`, another window) ends the
        # open session: two indexed reads on the store lane, never on the scan path.
        self.session_timer = QTimer(self)
        self.session_timer.timeout.connect(self.check_session)
        self.session_timer.start(SESSION_CHECK_MS)
        self.device_timer = QTimer(self)
        self.device_timer.timeout.connect(self.poll_devices)
        self.device_timer.start(15000)
        # The system actor's duties: purge buyer data that is due, scheduled backups.
        self.housekeeping_timer = QTimer(self)
        self.housekeeping_timer.timeout.connect(self.housekeeping)
        self.housekeeping_timer.start(HOUSEKEEPING_INTERVAL_MS)
        self.status.set_online(
            None if wiring.marketplace is None else (wiring.engine.online if wiring.engine else None)
        )
        self.status.set_outbox(station.store.outbox.depth())
        self.status.set_device("scanner", "wedge" if wiring.scanner is None else wiring.scanner.status(),
                               "wedge" if wiring.scanner is None else "")  # fmt: skip
        # The how-to goes in the tooltip: the status bar must fit a 1366 px screen.
        self.status.scanner.setToolTip(self.tr("Keyboard-wedge scanner: scan, or type the code + Enter"))
        self.poll_devices()
        self.show_screen(self.login)

    # -- scanning ------------------------------------------------------------------------------
    def install_scanning(self, time_source: Callable[[], float]) -> None:
        app = QApplication.instance()
        assert app is not None
        self.scan_filter = ScanEventFilter(WedgeDecoder(self.wiring.wedge) if self.wiring.wedge else WedgeDecoder(),
                                           self.handle_scan, time_source=time_source, parent=self)  # fmt: skip
        self.activity = _Activity(self.touch)
        app.installEventFilter(self.scan_filter)
        app.installEventFilter(self.activity)

    def remove_scanning(self) -> None:
        app = QApplication.instance()
        if app is not None:
            for f in (self.scan_filter, self.activity):
                if f is not None:
                    app.removeEventFilter(f)

    def _start_direct_scanner(self) -> None:
        class _Relay(QObject):
            scanned = Signal(str)

        self._relay = _Relay(self)
        self._relay.scanned.connect(self.handle_scan)
        self.wiring.scanner.start(self._relay.scanned.emit)  # called from the scanner's thread

    def handle_scan(self, code: str) -> None:
        """Every scan, from any scanner: badge = switch operator; else the visible screen's handler."""
        self.touch()
        current = self.stack.currentWidget()
        found = classify(code)
        wants_badge = getattr(current, "wants_badge", None)  # a lead giving a packer a new badge
        if found.kind == "badge" and current is not self.login and not (wants_badge is not None and wants_badge()):
            self.logout(self.tr("Badge scanned — type your PIN"))
            self.login.handle_scan(code)
            return
        if found.kind == "command" and found.command == "logout":
            self.logout()
            return
        if self.session is None and current is not self.login:
            self.show_screen(self.login)
            current = self.login
        handler = getattr(current, "handle_scan", None)
        if handler is not None:
            handler(code)

    def _scan_after_preview(self, code: str) -> None:
        self.back_to_queue("")
        self.handle_scan(code)

    # -- screens -------------------------------------------------------------------------------
    def window_keys(self, screen: QWidget) -> list[Key]:
        """The keys this window handles on ``screen`` (keyPressEvent below), for the F1 help."""
        if self.session is None:
            return []
        keys = [Key("F10", self.tr("Lead/admin area"), self.open_admin)]
        if screen is self.queue:
            keys.append(Key("F9", self.tr("FBA prep"), lambda: self.open_admin("prep")))
        keys.append(Key("F12", self.tr("Switch operator"), self.logout))
        return keys

    def toggle_key_help(self, screen: QWidget) -> None:
        """F1: show (or hide) every key of ``screen``, read from its own key table."""
        if self.key_help.isVisible():
            self.key_help.hide()
            return
        tables = (keyhelp.keys_of(screen), self.window_keys(screen))
        self.key_help.setText(self.tr("Keys on this screen (F1 closes):") + "\n" + keyhelp.help_text(*tables))
        self.key_help.show()

    def show_screen(self, screen: QWidget) -> None:
        self.key_help.hide()
        if screen is not self.pack and self.stack.currentWidget() is self.pack and screen is not self.packaging:
            self.pack.clear()
        self.stack.setCurrentWidget(screen)
        screen.setFocus()
        self.screen_changed.emit(type(screen).__name__)
        QTimer.singleShot(0, self.fit_monitor)

    def fit_monitor(self) -> None:
        """Back inside the monitor once the screen shown allows it (a wider screen may have grown the window)."""
        monitor = self.screen()
        if not self.fit_to_monitor or monitor is None or self.isMaximized() or self.isFullScreen():
            return
        room = monitor.geometry()
        if self.width() > room.width() or self.height() > room.height():
            self.resize(min(self.width(), room.width()), min(self.height(), room.height()))

    def on_login(self, session: Session) -> None:
        self.session = session
        use_language(session.language)  # the operator's own language, from this login on
        session.touch(self.station.clock.monotonic())
        self.status.set_operator(session.name, session.role.value)
        self.queue.set_session(session)
        self.back_to_queue(self.tr("Welcome, {0}. Scan an order or NEXT ORDER.").format(session.name))
        if session.role.value == "packer" or session.role.value == "lead":
            self.buy_parked_labels()
        self.show_alerts()

    def show_alerts(self) -> None:
        """Leads and admins see the security alerts of the last 24 hours when they log in and as they come."""
        session = self.session
        if session is None or not allowed(session.role, "alerts.view"):
            return

        def shown(rows: list[Any]) -> None:
            if rows and self.session is session:
                latest = rows[0]
                words = tr_n(self, "⚠ %n security alert(s) in the last 24 h — latest: {0} ({1}). "
                                   "F10 › Audit trail to review.", len(rows))  # fmt: skip
                self.queue.say(words.format(latest.action, latest.target or "station"), "error")

        self.runner.run(lambda: self.station.audit_access.recent_alerts(session), shown, lambda _exc: None)

    def logout(self, message: str = "") -> None:
        if self.session is not None:
            self.station.audit.record(self.session.name, "logout")
        self.session = None
        self.pack.clear()
        self._close_admin()
        self.status.set_operator("", "")
        self.login.reset(message)
        self.show_screen(self.login)

    def back_to_queue(self, message: str = "") -> None:
        if self.session is None:
            self.show_screen(self.login)
            return
        self._close_admin()
        self.queue.say(message or self.tr("SCAN NEXT ORDER"), "complete" if not message else "")
        self.queue.refresh()
        self.show_screen(self.queue)

    # -- orders --------------------------------------------------------------------------------
    def open_order(self, order_id: str) -> None:
        if self.session is None:
            return
        session, station = self.session, self.station
        self.queue.say(self.tr("Opening {0}…").format(order_id))

        def open_or_look_up() -> PackState | label_ops.Bought:
            if station.store.orders.status(order_id) == "shipped":  # order lookup: its labels, to reprint
                return label_ops.looked_up(station, session, order_id)
            return station.pack.open_order(session, order_id)

        self.runner.run(open_or_look_up, self._opened, self._open_failed)

    def _opened(self, result: PackState | label_ops.Bought) -> None:
        if isinstance(result, label_ops.Bought):
            self.queue.search.clear()
            self.preview.show_result(result)
            self.show_screen(self.preview)
        else:
            self.show_order(result)

    def next_order(self) -> None:
        if self.session is None:
            return
        session = self.session
        self.runner.run(lambda: self.station.pack.next_order(session), self.show_order, self._open_failed)

    def show_order(self, state: PackState) -> None:
        assert self.session is not None
        seller = self.station.store.sellers.get(state.order.seller_id)
        self.pack.load(self.session, state, seller.name if seller else "")
        self.queue.search.clear()  # the typed id found its order: back in the queue, the full list again
        self.show_screen(self.pack)
        if state.complete:
            self.on_packed(state)

    def _open_failed(self, exc: BaseException) -> None:
        self.sounds.play("wrong")
        self.queue.say(
            tr_error(exc) if isinstance(exc, StationError) else self.tr("Could not open that order"), "error"
        )

    def on_packed(self, state: PackState) -> None:
        assert self.session is not None
        self.packaging.load(self.session, state)
        self.show_screen(self.packaging)

    def on_shipped(self, bought: label_ops.Bought) -> None:
        self.pack.clear()
        self.sounds.play("complete" if not bought.print_error else "alert")
        self.preview.show_result(bought)
        self.show_screen(self.preview)

    def _preview_done(self) -> None:
        """Back to the queue from the preview only: its timer must not close a lead's screens opened since (F12)."""
        if self.stack.currentWidget() is self.preview:
            self.back_to_queue("")

    def on_parked(self, message: str) -> None:
        self.pack.clear()
        self.back_to_queue(message)

    def reprint(self, package_id: int) -> None:
        if self.session is None:
            return
        session, printer = self.session, self.wiring.printer
        via = "lookup" if self.preview.bought is not None and self.preview.bought.lookup else "preview"
        self.runner.run(lambda: label_ops.reprint(self.station, session, printer, package_id, via),
                        self.preview.reprinted, lane="device")  # fmt: skip

    def print_picklist(self, order_ids: list[str]) -> None:
        """A pick list PDF (sorted by bin, a barcode per order) for the orders shown, in the home's picklists/."""
        if self.session is None or not order_ids:
            return
        from ui.reports.picklist import pick_list_for_orders

        session, station = self.session, self.station
        batch = time.strftime("%Y%m%d-%H%M%S")

        def write() -> str:
            from ui.documents import deliver_document

            data = pick_list_for_orders(station, session, order_ids[:200], batch=batch)
            return deliver_document(station, session, data, title=f"Pick list {batch}", folder="picklists",
                                    filename=f"picklist-{batch}.pdf", permission="picklist.print")  # fmt: skip

        self.runner.run(write, lambda where: self.queue.say(self.tr("Pick list %1").replace("%1", where), "good"),
                        lambda exc: self.queue.say(tr_error(exc), "error"))  # fmt: skip

    # -- offline batch -------------------------------------------------------------------------
    def buy_parked_labels(self) -> None:
        """Back online: buy and print the labels of parked orders as a batch."""
        if self.session is None or self.batch_running or self.station.shipping.marketplace is None:
            return
        from station.permissions import allowed

        if not allowed(self.session.role, "label.buy"):
            return
        session, station, printer = self.session, self.station, self.wiring.printer
        if not station.shipping.parked_orders():
            return
        self.batch_running = True

        def batch() -> tuple[int, int, str]:
            result = station.shipping.buy_parked(session)
            error = ""
            for _order_id, package_id in result.bought:
                if printer is None:
                    break
                try:
                    station.shipping.print_label(session, package_id, printer)
                except Exception as exc:  # a printer problem must not lose the batch
                    error = tr_error(exc)
            return len(result.bought), len(result.failed), error

        def done(r: tuple[int, int, str]) -> None:
            self.batch_running = False
            bought, failed, error = r
            if bought or failed:
                words = ntr("main", "Parked orders: %n label(s) printed", bought)
                words += ", " + ntr("main", "%n failed", failed)
                self.status.show_message(f"{words} {error}".strip())
            self.queue.refresh()

        def failed(exc: BaseException) -> None:
            self.batch_running = False
            log.warning("parked batch failed: %s", type(exc).__name__)

        self.runner.run(batch, done, failed, lane="net")

    # -- events --------------------------------------------------------------------------------
    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic == "sync.offline":
            self.status.set_online(False)
            self.banner.show_text(self.tr("OFFLINE — keep packing. Labels are parked and print when the connection "
                                          "returns."), "offline")  # fmt: skip
        elif topic == "sync.online":
            self.status.set_online(True)
            self.banner.hide()
            self.buy_parked_labels()
        elif topic in ("outbox.depth", "outbox.changed"):
            self.status.set_outbox(int(data.get("depth", 0)), int(data.get("failed", 0) or 0))
        elif topic == "order.cancelled":
            current = self.pack.state.order.order_id if self.pack.state else None
            if current == data.get("order_id") and self.stack.currentWidget() in (self.pack, self.packaging):
                if self.stack.currentWidget() is self.packaging:
                    self.show_screen(self.pack)
                self.pack.show_cancelled(tr_error(OrderCancelled(current)))
        elif topic == "order.shipped_elsewhere" and self.pack.state is not None:  # through a hub (issue 13)
            current = self.pack.state.order.order_id
            if current == data.get("order_id") and self.stack.currentWidget() in (self.pack, self.packaging):
                if self.stack.currentWidget() is self.packaging:
                    self.show_screen(self.pack)
                self.pack.show_cancelled(tr_core(data.get("message") or ""))
        elif topic == "order.address_changed" and data.get("in_progress") and self.pack.state is not None:
            if data.get("order_id") == self.pack.state.order.order_id and self.session is not None:
                self.pack.load(self.session, self.station.pack.state(self.pack.state.order.order_id))
                self.status.show_message(self.tr("The buyer changed the address — check the ship-to block"))
        elif topic == "station.locked":
            self.check_session()  # this process locked the station: end the session now, not at the next tick
        elif topic == "audit.recorded" and data.get("severity") == "alert":
            self.show_alerts()
        elif topic in ("order.ready", "order.shipped", "order.exception_resolved") and \
                self.stack.currentWidget() is self.queue:  # fmt: skip
            self.queue.refresh()

    # -- devices, idle, admin ------------------------------------------------------------------
    def poll_devices(self) -> None:
        printer, scale = self.wiring.printer, self.wiring.scale

        def read() -> tuple[str, str]:
            p = printer.status() if printer is not None else "none"
            s = scale.status() if scale is not None else "none"
            return p, s

        def show(states: tuple[str, str]) -> None:
            self.status.set_device("printer", states[0])
            self.status.set_device("scale", states[1])

        self.runner.run(read, show, lambda _e: None, lane="device")

    def touch(self) -> None:
        if self.session is not None:
            self.session.touch(self.station.clock.monotonic())

    def check_idle(self) -> None:
        if self.session is None:
            return
        minutes = float(self.station.store.settings.get("idle_lock_minutes"))
        if self.session.idle(self.station.clock.monotonic(), minutes):
            name = self.session.name
            self.station.audit.record(name, "session.idle_locked", minutes=minutes)
            self.logout(self.tr("Locked after {0:g} minutes without input — scan your badge to go on").format(minutes))

    def check_session(self) -> None:
        """Log out at once if the store says the open session has ended (lock, disable, role change)."""
        session = self.session
        if session is None:
            return

        def ended(reason: str | None) -> None:
            if reason is not None and self.session is session:
                self.station.audit.record(session.name, "session.ended", severity="warning", reason=reason)
                self.logout(self.tr("Session ended ({0}) — ask a lead or admin").format(reason))

        self.runner.run(lambda: self.station.auth.session_end_reason(session), ended, lambda _exc: None)

    def housekeeping(self) -> None:
        from station.services.housekeeping import run_housekeeping

        self.runner.run(lambda: run_housekeeping(self.station), None, lambda _exc: None)

    def open_admin(self, area: str = "admin") -> None:
        """F10: the lead/admin screens; F9: the FBA prep screens (each filtered by the role)."""
        if self.session is None:
            return
        if not may_open(self.session, area):
            with contextlib.suppress(PermissionDenied):
                self.station.auth.authorize(self.session, ADMIN_AREA_ACTION, target=area)
            self.sounds.play("wrong")
            self.queue.say(
                self.tr("Only leads and admins may open the lead/admin screens — this was recorded"), "error"
            )
            return
        self._close_admin()
        self.admin = AdminHostWidget(self.station, self.session, self.runner, area=area)
        self.admin.closed.connect(lambda: self.back_to_queue(""))
        self.stack.addWidget(self.admin)
        self.show_screen(self.admin)

    def _close_admin(self) -> None:
        if self.admin is not None:
            self.stack.removeWidget(self.admin)
            self.admin.deleteLater()
            self.admin = None

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        key = event.key()
        if key == Qt.Key.Key_F10 and self.session is not None:
            self.open_admin()
        elif key == Qt.Key.Key_F9 and self.session is not None and self.stack.currentWidget() is self.queue:
            self.open_admin("prep")
        elif key == Qt.Key.Key_F12 and self.session is not None:
            self.logout(self.tr("Operator switched — scan your badge"))
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event):  # type: ignore[no-untyped-def]
        """Type scales with the window (1366x768 up to 1920x1080); only when the step changes."""
        super().resizeEvent(event)
        scale = type_scale(event.size().width(), event.size().height())
        app = QApplication.instance()
        if scale != self.type_scale and isinstance(app, QApplication) and app.styleSheet():
            self.type_scale = scale
            apply_theme(app, scale)
        compact = event.size().width() < 1600
        self.pack.set_compact(compact)
        self.packaging.set_compact(compact)

    def closeEvent(self, event):  # type: ignore[no-untyped-def]
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.idle_timer.stop()
        self.session_timer.stop()
        self.device_timer.stop()
        self.housekeeping_timer.stop()
        self.remove_scanning()
        self.bridge.close()
        self.runner.shutdown()


def scratch_dir() -> Path:
    return Path(tempfile.gettempdir())
