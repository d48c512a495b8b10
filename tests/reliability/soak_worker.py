"""The soak's station process: real Station services, sync engine and outbox over a shared virtual clock.

Started (and SIGKILLed, and restarted) by ``tests.reliability.soak``. Everything it knows lives in
the encrypted store, so a restart resumes: the order the packer holds, parked orders, the outbox.
It also kills itself at seeded crash points inside the riskiest windows (a label bought but not
yet stored, a confirmation sent but not yet marked delivered). Exit 0 once the day is over and
nothing is left to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sys
from pathlib import Path
from typing import Any

from drivers.fakeusb import FakeBackend, FakePrinter
from drivers.printers.printer import ThermalPrinter
from drivers.printers.transports import UsbTransport
from drivers.scanners.wedge import Scan, WedgeDecoder
from station.app import Station
from station.domain import OrderStatus
from station.errors import Conflict, NotFound, UpstreamError
from station.services.auth import Session
from station.services.pack import OrderCancelled, ScanOutcome
from station.services.shipping import BoxInput, is_offline_error
from sync import credentials
from sync.engine import SyncEngine
from sync.marketplace import SpApiMarketplace
from sync.spapi import SpApiClient, SpApiConfig
from tests.reliability.shared_clock import SharedClock

BADGE, PIN = "$PS-BADGE-SOAK1", "24680"


def use_fast_argon2() -> None:
    """The same cheap Argon2 parameters as the parent (tests only)."""
    from argon2 import PasswordHasher

    import station.secrets
    import station.services.auth

    station.secrets.ARGON2_MEMORY_KIB = 256  # type: ignore[misc]
    station.secrets.ARGON2_TIME_COST = 1  # type: ignore[misc]
    station.secrets.ARGON2_PARALLELISM = 1  # type: ignore[misc]
    station.services.auth._hasher = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)


def die() -> None:
    """SIGKILL ourselves: no cleanup, no flush, exactly like a pulled plug."""
    os.kill(os.getpid(), signal.SIGKILL)


class CrashingMarketplace:
    """The real marketplace, plus seeded self-kills right after an upstream effect took place."""

    def __init__(self, inner: SpApiMarketplace, rng: random.Random, p_purchase: float, p_confirm: float,
                 journal: Journal) -> None:  # fmt: skip
        self.inner, self.rng, self.journal = inner, rng, journal
        self.p_purchase, self.p_confirm = p_purchase, p_confirm
        # Every day crashes in both windows at least once: the first purchase and the first confirmation
        # of the day die unless a crash there already happened (the journal survives the kills).
        self.pending = {"after_purchase", "after_confirm"} - journal.crashes()

    def _maybe_die(self, point: str, p: float) -> None:
        if point in self.pending or self.rng.random() < p:
            self.journal.write({"crash": point})
            die()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def purchase_shipment(self, *args: Any, **kwargs: Any) -> Any:
        label = self.inner.purchase_shipment(*args, **kwargs)
        self._maybe_die("after_purchase", self.p_purchase)
        return label

    def confirm_shipment(self, *args: Any, **kwargs: Any) -> Any:
        result = self.inner.confirm_shipment(*args, **kwargs)
        self._maybe_die("after_confirm", self.p_confirm)
        return result


class Journal:
    """What the packer saw, appended as JSON lines (survives SIGKILL: the page cache keeps it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def crashes(self) -> set[str]:
        """Crash points already taken today."""
        lines = self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []
        found = set()
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:  # a line cut short by a kill
                continue
            if "crash" in record:
                found.add(str(record["crash"]))
        return found

    def write(self, record: dict[str, Any]) -> None:
        os.write(self.fd, (json.dumps(record, sort_keys=True) + "\n").encode())


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


class Packer:
    """One packer at the station: the same service calls the pack and packaging screens make."""

    def __init__(self, station: Station, session: Session, clock: SharedClock, journal: Journal,
                 rng: random.Random, printer: ThermalPrinter, config: dict[str, Any]) -> None:  # fmt: skip
        self.station, self.session, self.clock = station, session, clock
        self.journal, self.rng, self.printer, self.config = journal, rng, printer, config
        self.wedge = WedgeDecoder()
        self.key_t = 0.0

    def scan(self, order_id: str, code: str) -> ScanOutcome:
        """Type the code through the keyboard-wedge decoder, as a scanner would, then verify it."""
        events = []
        for ch in code + "\r":
            self.key_t += 0.004
            events += self.wedge.feed(ch, self.key_t)
        self.key_t += 1.0
        scans = [e for e in events if isinstance(e, Scan)]
        assert len(scans) == 1, events
        result = self.station.pack.scan(self.session, order_id, scans[0].code)
        self.journal.write({"order": order_id, "code": scans[0].code, "result": result.outcome.value})
        self.clock.advance(3.0)
        return result.outcome

    def work(self, order_id: str) -> str:
        """Pack, box, label and ship one order (or park it); returns what happened."""
        try:
            state = self.station.pack.state(order_id)
            order = state.order
            for line in state.lines:
                item = line.item
                codes = self.station.store.products.codes_for(order.seller_id, item.sku)
                code = codes[0] if codes else item.sku
                remaining = line.remaining
                while remaining > 0:
                    if self.rng.random() < self.config["wrong_scan_p"]:
                        self.scan(order_id, "036000291452")  # a product from another shelf
                    outcome = self.scan(order_id, code)
                    if outcome == ScanOutcome.NEEDS_SERIAL:
                        serial = f"SN{_h(order_id + item.order_item_id + str(remaining)):08d}"
                        result = self.station.pack.capture_serial(self.session, order_id, item.order_item_id, serial)
                        self.journal.write({"order": order_id, "code": serial, "result": result.outcome.value})
                    elif outcome not in (ScanOutcome.GOOD, ScanOutcome.COMPLETE):
                        raise AssertionError(f"unexpected scan outcome {outcome} on {order_id}")
                    remaining = self.station.pack.state(order_id).lines[state.lines.index(line)].remaining
            return self.ship(order_id)
        except OrderCancelled:
            self.journal.write({"order": order_id, "cancelled": True})
            return "cancelled"

    def boxes_for(self, order_id: str, external: bool) -> list[BoxInput]:
        order = self.station.store.orders.get(order_id)
        assert order is not None
        units = [(i.order_item_id, 1) for i in order.items for _ in range(i.quantity)]
        count = 2 if (not external and len(units) >= 2 and _h(order_id + "boxes") % 5 == 0) else 1
        split: list[dict[str, int]] = [{} for _ in range(count)]
        for n, (item_id, qty) in enumerate(units):
            split[n % count][item_id] = split[n % count].get(item_id, 0) + qty
        weight = 0.5 + (_h(order_id) % 40) / 10
        return [BoxInput(tuple(sorted(b.items())), weight, 12, 10, 6) for b in split]

    def ship(self, order_id: str) -> str:
        shipping = self.station.shipping
        external = _h(order_id + "external") % 100 < self.config["external_pct"]
        # Like the packaging screen: (re)record the boxes, then rate and buy each one.
        ids = shipping.create_boxes(self.session, order_id, self.boxes_for(order_id, external))
        self.clock.advance(20.0)
        if external:
            tracking = "1Z" + f"{_h(order_id):016X}"
            shipping.ship_external(self.session, order_id, ids[0], carrier="UPS", service="Ground", tracking=tracking)
            return "external"
        for package_id in ids:
            package = self.station.store.packages.get(package_id)
            assert package is not None
            if package.status == "labelled":
                continue
            try:
                choices = shipping.rates(self.session, order_id, package_id)
                shipping.buy_label(self.session, order_id, package_id, choices[0].rate)
            except UpstreamError as exc:
                if is_offline_error(exc):
                    shipping.park(self.session, order_id)
                    return "parked"
                # The screen shows the error and the packer presses Enter again a little later.
                self.journal.write({"order": order_id, "upstream_error": exc.code or str(exc)[:80]})
                self.clock.advance(60.0)
                return "retry"
            shipping.print_label(self.session, package_id, self.printer)
            self.clock.advance(10.0)
        return "bought"


def main(config: dict[str, Any]) -> int:
    use_fast_argon2()
    if config.get("stacks"):  # debugging a stall: dump every thread's stack now and then
        import faulthandler

        stacks = open(config["stacks"], "a")  # noqa: SIM115 - lives as long as the process
        faulthandler.dump_traceback_later(config.get("stacks_every_s", 10), repeat=True, file=stacks)
    clock = SharedClock(Path(config["clock"]))
    rng = random.Random(f"{config['seed']}/{config['start_no']}")
    journal = Journal(Path(config["journal"]))
    station = Station.open(Path(config["home"]), config["passphrase"], clock=clock)
    client = SpApiClient(
        clock,
        credentials.resolver(station.secrets, lambda sid: station.store.sellers.get(sid)),  # type: ignore[arg-type,return-value]
        config=SpApiConfig(read_timeout_s=1.0, connect_timeout_s=1.0, max_attempts=3, max_throttled=6),
    )
    marketplace = CrashingMarketplace(
        SpApiMarketplace(client), rng, config["crash_after_purchase_p"], config["crash_after_confirm_p"], journal
    )
    station.attach_marketplace(marketplace)  # type: ignore[arg-type]
    engine = SyncEngine(station.store, marketplace, clock, station.bus, ready_in=client.limiter.wait_time)  # type: ignore[arg-type]
    dev = FakePrinter()
    printer = ThermalPrinter(UsbTransport(dev.vid, dev.pid, backend=FakeBackend(dev), timeout_ms=500))
    session = station.auth.login_badge(BADGE, PIN)
    packer = Packer(station, session, clock, journal, rng, printer, config)
    journal.write({"start": config["start_no"], "t": clock.monotonic()})
    day_end, pull_every, pack_every = config["day_end_s"], config["pull_every_s"], config["pack_every_s"]
    next_pull = next_pack = clock.monotonic()
    last_parked_try = -1e9
    while True:
        t = clock.monotonic()
        ending = t >= day_end
        if t >= next_pull:
            engine.pull()
            next_pull = t + pull_every
        engine.push()
        if station.shipping.parked_orders() and clock.monotonic() - last_parked_try >= 300:
            last_parked_try = clock.monotonic()
            result = station.shipping.buy_parked(session)
            for _order_id, package_id in result.bought:
                station.shipping.print_label(session, package_id, printer)
        held = [o for o in station.store.orders.held_by(session.name)
                if station.store.orders.status(o) == OrderStatus.IN_PROGRESS]  # fmt: skip
        if held:
            journal.write({"order": held[0], "done": packer.work(held[0])})
            continue
        if not ending and clock.monotonic() >= next_pack:
            next_pack = clock.monotonic() + pack_every
            try:
                state = station.pack.next_order(session)
            except NotFound:
                clock.advance(60.0)
                continue
            except Conflict:
                continue
            journal.write({"order": state.order.order_id, "done": packer.work(state.order.order_id)})
            continue
        if ending and not station.shipping.parked_orders() and station.store.outbox.depth() == 0:
            pulled_at = clock.now().isoformat()  # orders upstream by now must all be on the station
            pulled = engine.pull()  # a last clean pull: every order that arrived is on the station
            if all(not r.error for r in pulled) and station.store.outbox.depth() == 0 \
                    and not station.shipping.parked_orders():  # fmt: skip
                journal.write({"finished": True, "t": clock.monotonic(), "pulled_at": pulled_at})
                station.close()
                return 0
        clock.advance(30.0)


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1])))
