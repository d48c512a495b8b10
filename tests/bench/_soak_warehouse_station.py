"""One headless station of the warehouse soak (tests.bench.soak_warehouse): a real station home joined to the
hub, its hub sync engine running (ui.wiring, as the GUI starts it, without Qt), and a scripted packer going
through the station's services: open the next order (a claim at the hub), scan every unit through the
keyboard-wedge decoder, weigh on the (virtual) scale, box, buy the label through the hub, print it on a
virtual printer. Offline, a box is parked and bought on reconnect; a conflict (cancelled meanwhile, claim
lost) goes to the lead's exception queue, as the packer screen tells the packer to do.

Started, SIGKILLed and restarted by the orchestrator; everything it knows lives in the station's store, so a
restart resumes. It journals what the packer did (JSON lines) so the orchestrator can count double packs.
Exits 0 once the stop file exists and nothing it holds is left to do (or the stop file is old).

    python -m tests.bench._soak_warehouse_station '<config json>'
"""

from __future__ import annotations

import json
import logging
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from drivers.scanners.wedge import Scan, WedgeDecoder
from station.app import Station
from station.clock import SystemClock
from station.domain import OrderStatus
from station.errors import AuthenticationFailed, Conflict, NotFound, StationError, UpstreamError
from station.services.auth import Session
from station.services.pack import OrderCancelled, ScanOutcome
from station.services.shipping import BoxInput, is_offline_error
from tests.station.support import use_fast_argon2
from ui.wiring import VirtualScale, wire

STOP_GRACE_S = 30.0  # after the stop file, give up on what cannot finish
FAILURES_TO_LEAD = 3
ADDRESS_TRIES = 15  # a box the hub keeps refusing goes to the lead after this many tries


class Journal:
    def __init__(self, path: Path, station: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.station = station

    def write(self, **record: Any) -> None:
        record.update(station=self.station, t=round(time.time(), 3))
        os.write(self.fd, (json.dumps(record, sort_keys=True) + "\n").encode())


class Packer:
    def __init__(self, station: Station, session: Session, printer: Any, scale: VirtualScale,
                 journal: Journal, rng: random.Random, think_s: float) -> None:  # fmt: skip
        self.station, self.session, self.printer, self.scale = station, session, printer, scale
        self.journal, self.rng, self.think_s = journal, rng, think_s
        self.wedge = WedgeDecoder()
        self.key_t = 0.0
        self.failures: dict[str, int] = {}

    def scan(self, order_id: str, code: str) -> ScanOutcome:
        events = []
        for ch in code + "\r":
            self.key_t += 0.004
            events += self.wedge.feed(ch, self.key_t)
        self.key_t += 1.0
        scans = [e for e in events if isinstance(e, Scan)]
        assert len(scans) == 1, events
        time.sleep(self.think_s)
        return self.station.pack.scan(self.session, order_id, scans[0].code).outcome

    def work(self, order_id: str) -> str:
        """Scan, weigh, box, buy and print one order; returns what happened."""
        try:
            state = self.station.pack.state(order_id)
            for index, line in enumerate(state.lines):
                item = line.item
                codes = self.station.store.products.codes_for(state.order.seller_id, item.sku)
                code = codes[0] if codes else item.sku
                remaining = line.remaining
                while remaining > 0:
                    outcome = self.scan(order_id, code)
                    if outcome == ScanOutcome.NEEDS_SERIAL:
                        self.station.pack.capture_serial(self.session, order_id, item.order_item_id,
                                                         f"SN{self.rng.randrange(10**8):08d}")  # fmt: skip
                    elif outcome not in (ScanOutcome.GOOD, ScanOutcome.COMPLETE):
                        raise AssertionError(f"unexpected scan outcome {outcome}")
                    remaining = self.station.pack.state(order_id).lines[index].remaining
            self.journal.write(event="scanned", order=order_id)
            return self.ship(order_id)
        except OrderCancelled:
            self.journal.write(event="cancelled", order=order_id)
            return "cancelled"
        except Conflict as exc:
            if "ship-to address" in str(exc) and self.failures.get(order_id, 0) < ADDRESS_TRIES:
                # The claim's change (with the buyer data) did not arrive: the screen says so and the packer
                # presses Enter again a moment later, after the next sync pass.
                self.failures[order_id] = self.failures.get(order_id, 0) + 1
                self.journal.write(event="no_address_yet", order=order_id)
                time.sleep(1.0)
                return "retry"
            return self.to_lead(order_id, str(exc))

    def to_lead(self, order_id: str, why: str) -> str:
        """What the packer screen asks: stop, and hand the order to the lead (the exception queue)."""
        kind = "claim_lost" if "claim lost" in why.lower() else "conflict"
        self.journal.write(event="exception", order=order_id, kind=kind, why=why[:120])
        try:
            if self.station.store.orders.status(order_id) == OrderStatus.CANCELLED:
                return "cancelled"
            self.station.pack.raise_exception(self.session, order_id, "other", f"soak: {kind}")
        except StationError as exc:
            self.journal.write(event="exception_not_raised", order=order_id, why=str(exc)[:120])
        return "exception"

    def ship(self, order_id: str) -> str:
        shipping = self.station.shipping
        order = self.station.store.orders.get(order_id)
        assert order is not None
        self.scale.place(0.5 + self.rng.randrange(40) / 10)
        weight = self.scale.read_stable()
        items = tuple((i.order_item_id, i.quantity) for i in order.items)
        ids = shipping.create_boxes(self.session, order_id, [BoxInput(items, weight, 12, 10, 6)])
        for package_id in ids:
            package = self.station.store.packages.get(package_id)
            assert package is not None
            if package.status == "labelled":
                continue
            try:
                choices = shipping.rates(self.session, order_id, package_id)
                label = shipping.buy_label(self.session, order_id, package_id, choices[0].rate)
            except UpstreamError as exc:
                if is_offline_error(exc) or exc.retryable:  # offline, or the hub still finishing it: park
                    shipping.park(self.session, order_id)
                    self.journal.write(event="parked", order=order_id)
                    return "parked"
                self.failures[order_id] = self.failures.get(order_id, 0) + 1
                self.journal.write(event="label_error", order=order_id, why=str(exc)[:120])
                if self.failures[order_id] >= FAILURES_TO_LEAD:
                    return self.to_lead(order_id, str(exc))
                time.sleep(1.0)
                return "retry"
            self.printed(order_id, package_id, label.tracking_id)
        return "shipped"

    def printed(self, order_id: str, package_id: int, tracking: str) -> None:
        self.station.shipping.print_label(self.session, package_id, self.printer)
        self.journal.write(event="labelled", order=order_id, tracking=tracking)

    def buy_parked(self) -> None:
        result = self.station.shipping.buy_parked(self.session)
        for order_id, package_id in result.bought:
            package = self.station.store.packages.get(package_id)
            self.printed(order_id, package_id, package.tracking if package is not None else "")
        for order_id, why in result.failed:
            self.journal.write(event="parked_failed", order=order_id, why=why[:120])
            if self.station.store.orders.status(order_id) == OrderStatus.CANCELLED:
                continue
            if "retry" not in why.lower() and "out of reach" not in why.lower():
                self.failures[order_id] = self.failures.get(order_id, 0) + 1
                if self.failures[order_id] >= FAILURES_TO_LEAD:
                    self.to_lead(order_id, why)


def login(station: Station, badge: str, pin: str) -> Session:
    """The packer logs in (at the hub too when it answers; offline the station's own check stands)."""
    while True:
        try:
            return station.auth.login_badge(badge, pin)
        except StationError as exc:  # the hub answering badly (restarting): try again
            logging.getLogger(__name__).info("login failed: %s", type(exc).__name__)
            time.sleep(0.5)


def in_progress(station: Station, operator: str) -> list[str]:
    return [o for o in station.store.orders.held_by(operator)
            if station.store.orders.status(o) == OrderStatus.IN_PROGRESS]  # fmt: skip


def main(config: dict[str, Any]) -> int:
    use_fast_argon2()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stop_file = Path(config["stop_file"])
    journal = Journal(Path(config["journal"]), config["name"])
    station = Station.open(Path(config["home"]), config["passphrase"], clock=SystemClock())
    wiring = wire(station)
    engine = wiring.engine
    engine.run_once()
    engine.start()
    scale = wiring.scale if isinstance(wiring.scale, VirtualScale) else VirtualScale()
    session = login(station, config["badge"], config["pin"])
    packer = Packer(station, session, wiring.printer, scale, journal,
                    random.Random(f"{config['seed']}/{config['start_no']}"), float(config["think_s"]))  # fmt: skip
    journal.write(event="start", start_no=config["start_no"])
    last_parked = 0.0
    while True:
        stopping = stop_file.exists()
        if stopping and time.time() - stop_file.stat().st_mtime > STOP_GRACE_S:
            journal.write(event="gave_up", parked=len(station.shipping.parked_orders()))
            break
        try:
            parked = station.shipping.parked_orders()
            if parked and (engine.online or stopping) and time.monotonic() - last_parked > 1.0:
                last_parked = time.monotonic()
                packer.buy_parked()
            mine = in_progress(station, session.name)
            if mine:
                journal.write(event="done", order=mine[0], result=packer.work(mine[0]))
                continue
            if stopping:  # the run is over: one last try for the parked boxes (done above), then stop
                break
            try:
                state = station.pack.next_order(session)
            except NotFound:
                time.sleep(0.5)
                continue
            except Conflict:
                time.sleep(0.3)
                continue
            journal.write(event="opened", order=state.order.order_id)
            journal.write(event="done", order=state.order.order_id, result=packer.work(state.order.order_id))
        except AuthenticationFailed as exc:  # the hub ended the session (or it was made offline): badge in again
            journal.write(event="relogin", kind=type(exc).__name__)
            packer.session = session = login(station, config["badge"], config["pin"])
        except StationError as exc:  # the screen shows it; the packer tries again a moment later
            journal.write(event="error", kind=type(exc).__name__, why=str(exc)[:160])
            time.sleep(0.5)
    engine.stop(timeout_s=2.0)
    engine.run_once()  # a last pass: the audit rows up to the hub, the head anchored there
    journal.write(event="finished")
    wiring.close()
    station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1])))
