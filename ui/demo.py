"""``pacific-station demo``: the station on a throwaway encrypted home with the embedded simulator.

Demo operators (all fictional, documented in the README):
  packer  pat    badge $PS-BADGE-DEMO-PAT   PIN 2468
  lead    lee    password Lead-Demo-Pass-1!   TOTP seed DEMOLEADTOTPSEEDPACIFICPREPSTATN (the current code is shown
  admin   ada    password Admin-Demo-Pass-1!  TOTP seed DEMOADMINTOTPSEEDPACIFICPREPSTAT in the login help, demo only)
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.barcodes import command_code, station_code
from station.app import Station
from station.domain import Role, Seller
from station.services.auth import Session, totp_secret_name

log = logging.getLogger(__name__)

DEMO_DIR_ENV = "PACIFIC_STATION_DEMO_DIR"
DEMO_SEED = 20260310
PACKER = ("pat", "DEMO-PAT", "2468")
LEAD = ("lee", "Lead-Demo-Pass-1!", "DEMOLEADTOTPSEEDPACIFICPREPSTATN")
ADMIN = ("ada", "Admin-Demo-Pass-1!", "DEMOADMINTOTPSEEDPACIFICPREPSTAT")
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
class Demo:
    home: Path
    station: Station
    simulator: Any
    wiring: Any = None
    codes: dict[str, Any] = field(default_factory=dict)

    def totp(self, name: str) -> str:
        return self.station.auth.totp_now(name)

    def hint(self) -> str:
        return (f"DEMO — packer: scan {badge_code()} (type it + Enter), PIN {PACKER[2]}.   "
                f"Lead {LEAD[0]} / {LEAD[1]} / code {self.totp(LEAD[0])}.   "
                f"Admin {ADMIN[0]} / {ADMIN[1]} / code {self.totp(ADMIN[0])}.   "
                f"Barcodes: {self.home / 'demo-barcodes.pdf'}")  # fmt: skip

    def operators_text(self) -> str:
        return "\n".join([
            f"packer  {PACKER[0]:5} badge {badge_code()}  PIN {PACKER[2]}",
            f"lead    {LEAD[0]:5} password {LEAD[1]}  TOTP seed {LEAD[2]} (code now {self.totp(LEAD[0])})",
            f"admin   {ADMIN[0]:5} password {ADMIN[1]}  TOTP seed {ADMIN[2]} (code now {self.totp(ADMIN[0])})",
        ])  # fmt: skip

    def close(self, *, keep: bool = False) -> None:
        if self.wiring is not None:
            self.wiring.close()
        self.simulator.stop()
        self.station.close()
        if not keep:
            shutil.rmtree(self.home, ignore_errors=True)


def build_demo(parent: Path | None = None, *, orders: int = 40) -> Demo:
    """A fresh encrypted home (throwaway passphrase), the simulator, sellers, operators, orders, catalogue."""
    from sync import credentials
    from sync.simulator import start_simulator
    from ui.demo_data import seed_catalogue
    from ui.wiring import sync_once, wire

    base = parent or (Path(os.environ[DEMO_DIR_ENV]) if os.environ.get(DEMO_DIR_ENV) else None)
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="pacific-demo-", dir=base)) / "home"
    passphrase = secrets.token_urlsafe(24)  # throwaway: the home dies with the demo
    result = Station.init(home, passphrase, ADMIN[0], ADMIN[1])
    station = result.station
    station.secrets.put(totp_secret_name(ADMIN[0]), ADMIN[2].encode())
    setup = Session(ADMIN[0], Role.ADMIN, 0.0)  # the demo's own bootstrap, as the admin it just made
    station.auth.add_operator(setup, LEAD[0], Role.LEAD, LEAD[1])
    station.secrets.put(totp_secret_name(LEAD[0]), LEAD[2].encode())
    station.auth.add_operator(setup, PACKER[0], Role.PACKER, PACKER[2], badge=badge_code())
    from ui.demo_label import demo_label

    sim = start_simulator(seed=DEMO_SEED, sellers=2, orders=orders, cancel_rate=0.0, address_change_rate=0.0,
                          afn_rate=0.0, label_renderer=demo_label)  # fmt: skip
    credentials.set_app_credentials(station.secrets, sim.client_id, sim.client_secret, station.clock)
    for info in sim.sellers():
        seller = Seller(info.seller_id, info.name.replace("Sim Seller", "Demo Seller"), "na",
                        (info.marketplace_id,), endpoint=sim.base_url, lwa_endpoint=sim.lwa_url)  # fmt: skip
        station.sellers.add(setup, seller, refresh_token=info.refresh_token)
    for key, value in (
        ("ship_from", SHIP_FROM), ("station_name", "Demo station"), ("idle_lock_minutes", 15),
        ("printer", {"transport": "virtual", "language": "zpl", "folder": str(home / "labels"), "name": "virtual"}),
        ("scale", {"transport": "virtual"}), ("label_format", "ZPL"),
    ):  # fmt: skip
        station.store.settings.set(key, value, now=station._now(), by=ADMIN[0])
    for line in sync_once(station):
        log.info("demo sync: %s", line)
    demo = Demo(home, station, sim)
    demo.codes = seed_catalogue(station)
    _write_sheet(demo)
    demo.wiring = wire(station)
    return demo


def _write_sheet(demo: Demo) -> None:
    """The demo's barcodes: badge, commands, products, orders (PDF), and the same as JSON for tests."""
    from ui.reports.demo_sheet import demo_barcode_sheet_pdf

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
    products = [(f"{k.split('/')[1]} · bin {v['bin']}", v["upc"]) for k, v in sorted(demo.codes.items())[:30]]
    pdf = demo_barcode_sheet_pdf(badges=[("Demo packer pat (PIN 2468)", badge_code())],
                                 order_ids=[o["order_id"] for o in orders[:16]], products=products)  # fmt: skip
    (demo.home / "demo-barcodes.pdf").write_bytes(pdf)
    data = {"badge": badge_code(), "pin": PACKER[2], "next_order": command_code("next_order"), "orders": orders}
    (demo.home / "demo-codes.json").write_text(json.dumps(data, indent=1), encoding="utf-8")


def run_demo(headless_check: bool = False, keep: bool = False) -> int:
    """Build the demo; with ``headless_check`` print the operators and exit, else open the window."""
    demo = build_demo()
    try:
        print(f"Demo station home (throwaway, encrypted): {demo.home}")
        print(demo.operators_text())
        print(f"Barcode sheet: {demo.home / 'demo-barcodes.pdf'}")
        print(f"Orders waiting: {len(demo.station.store.orders.queue(limit=1000))}")
        if headless_check:
            return 0
        from ui.app import run_window

        if demo.wiring.engine is not None:
            demo.wiring.engine.start(push_interval_s=10.0)
        return run_window(demo.wiring, demo_hint=demo.hint(), hint_refresh=demo.hint)
    finally:
        demo.close(keep=keep)
        if keep:
            print(f"Kept {demo.home}")
