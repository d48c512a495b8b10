"""``pacific-station demo``: stations on throwaway encrypted homes, joined to an embedded hub on the simulator.

The topology is the real one: the hub (SQLite, in a throwaway folder, served on loopback) talks to the
SP-API simulator and holds the only Amazon secrets; each demo station is enrolled at the hub as
`pacific-station hub join URL` does it and pulls its orders from there. No station holds an Amazon secret.

Demo operators (all fictional, documented in the README), made at the hub and on each station:
  packer  pat    badge $PS-BADGE-DEMO-PAT   PIN 2468
  lead    lee    password Lead-Demo-Pass-1!   TOTP (the current code is shown in the login help, demo only)
  admin   ada    password Admin-Demo-Pass-1!  TOTP (likewise)
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.barcodes import command_code, station_code
from station.app import Station
from station.domain import Role
from station.services.auth import Session, totp_secret_name

log = logging.getLogger(__name__)

DEMO_DIR_ENV = "PACIFIC_STATION_DEMO_DIR"
DEMO_SEED = 20260310
PACKER = ("pat", "DEMO-PAT", "2468")
LEAD = ("lee", "Lead-Demo-Pass-1!")
ADMIN = ("ada", "Admin-Demo-Pass-1!")
SELLER_NAMES = ["demo-seller-1", "demo-seller-2"]
# Orders held ahead for offline work: a lone demo station holds as any station does (the setting's default);
# with several, each holds this few so most orders stay free and a claim shows as TAKEN at the others.
SHARED_HOLD_AHEAD = 5
SHIP_FROM = {
    "name": "Pacific Prep Warehouse",
    "address_line1": "100 Harbor Way",
    "city": "Tacoma",
    "state_or_region": "WA",
    "postal_code": "98421",
    "country_code": "US",
    "phone": "+1 253-555-0100",
}


def badge_code() -> str:
    return station_code("badge", PACKER[1])


@dataclass
class DemoStation:
    """One demo station: its home, the opened station and its wiring (devices, the hub engine)."""

    name: str
    home: Path
    station: Station
    wiring: Any = None


@dataclass
class Demo:
    root: Path
    hub: Any  # ui.demo_hub.EmbeddedHub
    simulator: Any
    stations: list[DemoStation] = field(default_factory=list)
    codes: dict[str, Any] = field(default_factory=dict)
    seeds: dict[str, str] = field(default_factory=dict)  # lead/admin TOTP seeds made by the hub (demo only)

    # The first station is "the" station (the barcode sheet lives in its home).
    @property
    def home(self) -> Path:
        return self.stations[0].home

    @property
    def station(self) -> Station:
        return self.stations[0].station

    @property
    def wiring(self) -> Any:
        return self.stations[0].wiring

    def totp(self, name: str) -> str:
        """The current code of a lead or admin (the hub's seed; each station keeps a copy for its own check)."""
        return self.hub.hub.people.totp_now(name)

    def sync(self) -> None:
        """Pull Amazon's changes into the hub, then every station's changes from the hub (tests; the
        running demo does both in its workers)."""
        self.hub.pull()
        for st in self.stations:
            st.wiring.engine.run_once()

    def start(self) -> None:
        """Run what runs in production: the hub's workers and each station's sync engine."""
        self.hub.start_workers()
        for st in self.stations:
            st.wiring.engine.start()

    def hint(self) -> str:
        return (f"DEMO — packer: scan {badge_code()} (type it + Enter), PIN {PACKER[2]}.   "
                f"Lead {LEAD[0]} / {LEAD[1]} / code {self.totp(LEAD[0])}.   "
                f"Admin {ADMIN[0]} / {ADMIN[1]} / code {self.totp(ADMIN[0])}.   "
                f"Barcodes: {self.home / 'demo-barcodes.pdf'}")  # fmt: skip

    def operators_text(self) -> str:
        return "\n".join([
            f"packer  {PACKER[0]:5} badge {badge_code()}  PIN {PACKER[2]}",
            f"lead    {LEAD[0]:5} password {LEAD[1]}  TOTP code now {self.totp(LEAD[0])}",
            f"admin   {ADMIN[0]:5} password {ADMIN[1]}  TOTP code now {self.totp(ADMIN[0])}",
        ])  # fmt: skip

    def close(self, *, keep: bool = False) -> None:
        for st in self.stations:
            if st.wiring is not None:
                st.wiring.close()
        self.hub.close()
        self.simulator.stop()
        for st in self.stations:
            st.station.close()
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)


def build_demo(parent: Path | None = None, *, orders: int = 40, stations: int = 1) -> Demo:
    """The simulator, an embedded hub with its sellers and operators, and ``stations`` stations joined to it.

    The hub comes up in a worker thread while the station homes are made (both wait mostly on Argon2)."""
    from sync.simulator import start_simulator
    from ui.demo_data import seed_catalogue
    from ui.demo_label import demo_label

    base = parent or (Path(os.environ[DEMO_DIR_ENV]) if os.environ.get(DEMO_DIR_ENV) else None)
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="pacific-demo-", dir=base))
    sim = start_simulator(seed=DEMO_SEED, sellers=2, orders=orders, cancel_rate=0.0, address_change_rate=0.0,
                          afn_rate=0.0, label_renderer=demo_label)  # fmt: skip
    homes: list[tuple[Path, Station]] = []
    with ThreadPoolExecutor(1, thread_name_prefix="demo-hub-start") as pool:
        coming = pool.submit(_start_hub, root / "hub-data", sim)
        try:
            for n in range(1, stations + 1):
                home = root / ("home" if n == 1 else f"home{n}")
                homes.append((home, _new_home(home, n, shared=stations > 1)))
            embedded, seeds = coming.result()
        except BaseException:
            _abandon(coming, [station for _, station in homes], sim, root)
            raise
    demo = Demo(root, embedded, sim, seeds=seeds)
    try:
        for n, (home, station) in enumerate(homes, start=1):
            demo.stations.append(_join(station, home, n, embedded, seeds))
        for st in demo.stations:  # the same products everywhere (derived from the SKUs): one barcode sheet
            demo.codes.update(seed_catalogue(st.station))
        _write_codes(demo)
    except BaseException:
        demo.close()
        raise
    return demo


def _abandon(coming: Future[Any], stations: list[Station], sim: Any, root: Path) -> None:
    """A failed start: stop whatever came up and remove the throwaway folders."""
    try:
        embedded, _ = coming.result()
        embedded.close()
    except BaseException:  # noqa: S110 - the hub's own failure is the one being raised
        pass
    for station in stations:
        station.close()
    sim.stop()
    shutil.rmtree(root, ignore_errors=True)


def _start_hub(data_dir: Path, sim: Any) -> tuple[Any, dict[str, str]]:
    """The embedded hub, its operators and its sellers (authorised by consent), and Amazon's orders pulled."""
    from hub.services.people import Actor
    from ui.demo_hub import add_operators, authorise_sellers, start_embedded_hub

    embedded = start_embedded_hub(data_dir, sim)
    try:
        seeds = add_operators(embedded.hub, ADMIN, LEAD, PACKER, badge_code())
        authorise_sellers(embedded, sim, Actor(ADMIN[0], Role.ADMIN), SELLER_NAMES)
        embedded.pull()  # Amazon's orders into the hub before the stations first ask
    except BaseException:
        embedded.close()
        raise
    return embedded, seeds


def _new_home(home: Path, number: int, *, shared: bool) -> Station:
    """A fresh encrypted home (throwaway passphrase) with the demo operators and settings."""
    passphrase = secrets.token_urlsafe(24)  # throwaway: the home dies with the demo
    station = Station.init(home, passphrase, ADMIN[0], ADMIN[1]).station
    setup = Session(ADMIN[0], Role.ADMIN, 0.0)  # the demo's own bootstrap, as the admin it just made
    station.auth.add_operator(setup, LEAD[0], Role.LEAD, LEAD[1])
    station.auth.add_operator(setup, PACKER[0], Role.PACKER, PACKER[2], badge=badge_code())
    for key, value in (
        ("ship_from", SHIP_FROM), ("station_name", f"Demo station {number}"), ("idle_lock_minutes", 15),
        ("printer", {"transport": "virtual", "language": "zpl", "folder": str(home / "labels"), "name": "virtual"}),
        ("scale", {"transport": "virtual"}), ("label_format", "ZPL"),
    ):  # fmt: skip
        station.store.settings.set(key, value, now=station._now(), by=ADMIN[0])
    if shared:
        station.store.settings.set("hub_hold_ahead", SHARED_HOLD_AHEAD, now=station._now(), by=ADMIN[0])
    return station


def _join(station: Station, home: Path, number: int, embedded: Any, seeds: dict[str, str]) -> DemoStation:
    """Enrol the station at the hub as `pacific-station hub join URL` does, wire it, and pull its orders."""
    from hub.services.people import Actor
    from ui.hub_wiring import join_hub
    from ui.wiring import wire

    # Leads and admins log in here and at the hub with one code: the station keeps a copy of the hub's seed,
    # as a station joined by hand does today.
    for name in (ADMIN[0], LEAD[0]):
        station.secrets.put(totp_secret_name(name), seeds[name].encode())
    name = f"demo-{number}"
    code = embedded.hub.stations.create_code(Actor(ADMIN[0], Role.ADMIN), name)
    join_hub(station, Session(ADMIN[0], Role.ADMIN, 0.0), embedded.url, code)
    wiring = wire(station)  # joined: the hub's sync engine, labels through the hub's ledger
    wiring.engine.run_once()  # the orders, and the batch held ahead...
    report = wiring.engine.run_once()  # ...with the buyer data of the orders this station may pack
    log.info("demo station %s: %s order changes from the hub", name, report.changes)
    return DemoStation(name, home, station, wiring)


def _write_codes(demo: Demo) -> None:
    """The demo's barcodes as JSON (tests and scripts); the printable sheet follows (``write_sheet``)."""
    store = demo.station.store
    orders = []
    for row in store.orders.queue(limit=1000):
        order = store.orders.get(row.order_id)
        if order is None:
            continue
        items = [
            {"sku": i.sku, "qty": i.quantity, "serial": i.serial_required,
             "upc": demo.codes.get(f"{order.seller_id}/{i.sku}", {}).get("upc", "")}
            for i in order.items
        ]  # fmt: skip
        orders.append({"order_id": order.order_id, "seller_id": order.seller_id, "items": items})
    data = {"badge": badge_code(), "pin": PACKER[2], "next_order": command_code("next_order"), "orders": orders,
            # the throwaway hub's TOTP seeds of the fictional lead and admin (scripts and tests log in with them)
            "totp_seeds": demo.seeds}  # fmt: skip
    (demo.home / "demo-codes.json").write_text(json.dumps(data, indent=1), encoding="utf-8")


def write_sheet(demo: Demo) -> Path:
    """The printable barcode sheet (badge, commands, products, the first orders) in the first home."""
    from ui.reports.demo_sheet import demo_barcode_sheet_pdf

    data = json.loads((demo.home / "demo-codes.json").read_text(encoding="utf-8"))
    products = [(f"{k.split('/')[1]} · bin {v['bin']}", v["upc"]) for k, v in sorted(demo.codes.items())[:30]]
    pdf = demo_barcode_sheet_pdf(badges=[("Demo packer pat (PIN 2468)", badge_code())],
                                 order_ids=[o["order_id"] for o in data["orders"][:16]], products=products)  # fmt: skip
    path = demo.home / "demo-barcodes.pdf"
    path.write_bytes(pdf)
    return path


def run_demo(headless_check: bool = False, keep: bool = False, stations: int = 1) -> int:
    """Build the demo; with ``headless_check`` print the topology and operators and exit, else open the windows."""
    _need_hub_packages()
    demo = build_demo(stations=stations)
    sheet = threading.Thread(target=write_sheet, args=(demo,), name="demo-sheet", daemon=True)
    sheet.start()  # the PDF takes a second: the windows come up meanwhile
    try:
        print(f"Demo hub (embedded, SQLite, throwaway): {demo.hub.url}  data {demo.hub.hub.settings.data_dir}")
        for st in demo.stations:
            print(f"Demo station {st.name} (throwaway, encrypted, joined to the hub): {st.home}")
        print(demo.operators_text())
        print(f"Barcode sheet: {demo.home / 'demo-barcodes.pdf'}")
        print(f"Orders waiting: {len(demo.station.store.orders.queue(limit=1000))}")
        if headless_check:
            return 0
        from ui.app import run_window

        demo.start()
        return run_window(demo.wiring, demo_hint=demo.hint(), hint_refresh=demo.hint,
                          on_ready=_quit_on_terminate, more=[st.wiring for st in demo.stations[1:]])  # fmt: skip
    finally:
        sheet.join()
        demo.close(keep=keep)
        if keep:
            print(f"Kept {demo.root}")


def _need_hub_packages() -> None:
    """A station PC installs `.[station]` only; the demo also serves a hub."""
    import importlib.util

    from station.errors import UsageError

    if any(importlib.util.find_spec(m) is None for m in ("fastapi", "uvicorn", "sqlalchemy", "alembic")):
        raise UsageError("The demo runs an embedded hub: install the hub's packages too "
                         "(pip install -e '.[station,hub]'; scripts/demo does it)")  # fmt: skip


def _quit_on_terminate(window: Any) -> None:
    """SIGTERM/SIGINT close the windows, so the throwaway hub and homes are removed as on a normal exit."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: QApplication.quit())
    tick = QTimer(window)  # Python runs signal handlers only between bytecodes: wake it up now and then
    tick.timeout.connect(lambda: None)
    tick.start(250)
