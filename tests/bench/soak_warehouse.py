"""Multi-station warehouse soak (issue 13): the hub on PostgreSQL with 2 `pacific-hub serve` processes, the
SP-API simulator (with its faults) as the hub's SP-API and LWA, and 5 headless station processes, each a real
station home joined to the hub, running the station's hub sync engine and a scripted packer
(tests.bench._soak_warehouse_station). Stations reach the hub only through a loopback TCP fault proxy
(tests.bench._fault_proxy), one per station.

While it runs, at seeded random moments: stations and hub processes are SIGKILLed (and restarted), a
station's network is cut (all connections closed / connects refused for a while / answers dropped
mid-stream), buyers cancel orders upstream, and new orders arrive. Then the chaos stops, the stations drain
their work, and the run is judged:

- orders packed by two stations (two stations each printed a label for it),
- labels bought twice (a packageClientReferenceId bought twice, or two live labels on one order),
- confirmations sent twice (an order confirmed more than once: Buy Shipping labels plus confirmShipment),
- orders lost (neither shipped nor cancelled upstream, nor held in a station's exception queue),
- cancellations not acted on (cancelled upstream, yet a live label with no void flow, or a station still
  showing it as packable),
all zero; and the audit chains verify: the hub's, every station's own, and every station's rows at the hub.

    python -m tests.bench.soak_warehouse --minutes 3     # a 3-minute run (plus setup and drain)
    python -m tests.bench.soak_warehouse --smoke         # the CI form: 25 s of chaos, 22 orders (~1.5 min)

The stations reach the hub through the proxies only; a lead is played too (labels whose purchase outcome
Amazon left unknown are settled from the simulator's record, as a lead would from Seller Central). An order
the run leaves in a station's exception queue or parked is "held for the lead", not lost.

Prints figures, then as the LAST line one JSON object (units in key names) with a ``targets`` map. Exits 0
even when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.bench._fault_proxy import FaultProxy
from tests.bench.hub import ROOT, _free_port, serve_env

BADGE, PIN = "BADGE-0001", "482913"  # tests.station.support's packer, also a packer at the hub
FAULTS = "5xx=0.02,reset=0.02,throttle=0.03,timeout=0.005,hang=1,lost=0.15"
RATE_SCALE = 60.0
STALL_S = 45.0  # the drain ends when no order has shipped (or been cancelled) for this long
HOLD_AHEAD = 4
SELLERS = 2
TERMINAL = ("SHIPPED", "CANCELLED")


@dataclass
class Plan:
    seconds: float
    seed: int
    backlog: int
    arrivals_per_min: float
    stations: int = 5
    hubs: int = 2
    event_gap_s: float = 4.0  # mean seconds between chaos events
    cancel_share: float = 0.12  # of the orders, cancelled by their buyers during the run
    think_s: float = 0.05  # per scan
    drain_s: float = 600.0  # at most; it ends sooner once everything is done, or nothing moves (STALL_S)


def smoke_plan(seed: int) -> Plan:
    return Plan(seconds=25.0, seed=seed, backlog=22, arrivals_per_min=0.0, event_gap_s=2.0, drain_s=60.0)


def full_plan(minutes: float, seed: int) -> Plan:
    return Plan(seconds=minutes * 60, seed=seed, backlog=60, arrivals_per_min=40.0)


# -- processes ------------------------------------------------------------------------------------------
@dataclass
class Child:
    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    kills: int = 0
    failures: list[int] = field(default_factory=list)

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=out)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            assert self.proc is not None
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
            self.kills += 1

    def stop(self, timeout_s: float = 20.0) -> None:
        if self.alive():
            assert self.proc is not None
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _hub_env(tmp: Path, port: int, url: str, sim: Any) -> dict[str, str]:
    env = serve_env(str(tmp), port, url)
    env.update({
        "PACIFIC_HUB_MASTER_KEY_FILE": str(tmp / "keys" / "master.json"),
        "PACIFIC_HUB_SPAPI_ENDPOINT": sim.base_url, "PACIFIC_HUB_LWA_URL": sim.lwa_url,
        "PACIFIC_HUB_APPLICATION_ID": "amzn1.sp.solution.test", "PACIFIC_HUB_PULL_RATE_SCALE": str(RATE_SCALE),
        "PACIFIC_HUB_PULL_INTERVAL_S": "2", "PACIFIC_HUB_PULL_LEASE_S": "6",
    })  # fmt: skip
    return env


def _wait_ready(port: int, child: Child, timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if not child.alive():
            raise SystemExit(f"{child.name} exited before it was ready (see {child.log})")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{child.name} did not get ready in time")


# -- set-up ---------------------------------------------------------------------------------------------
def _fast_hashing() -> None:
    """Cheap Argon2 for the operators made here (the parameters travel in the hashes)."""
    from argon2 import PasswordHasher

    import hub.services.people as people
    from tests.station.support import use_fast_argon2

    use_fast_argon2()
    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    people.HASHER = fast
    people._DUMMY_HASH = fast.hash("x")


def _prepare_hub(tmp: Path, url: str, sim: Any, stations: int) -> tuple[Any, str, list[str]]:
    """Init the hub in-process: schema, sealing, the simulator's sellers, a packer; enrolment codes."""
    from hub.bootstrap import build_hub
    from hub.services.people import HUB_SYSTEM
    from hub.settings import HubSettings
    from hub.store.migrate import upgrade
    from station.domain import Role
    from tests.hub.simhub import attach

    settings = HubSettings(data_dir=tmp / "data", database_url=url, master_key_file=tmp / "keys" / "master.json")
    hub = build_hub(settings, create=True)
    upgrade(hub.store.engine)
    hub.audit.start_sealing(hub.recovery_key)
    attach(hub, sim)
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PIN, badge=BADGE)
    hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, "Lead-Passw0rd-Soak!")
    codes = [hub.stations.create_code(HUB_SYSTEM, f"pack-{n + 1}") for n in range(stations)]
    recovery = hub.recovery_key
    hub.close()
    return settings, recovery, codes


def _prepare_station(home: Path, proxy_url: str, code: str) -> str:
    """A station home (tests.station.support's crew), joined to the hub through its proxy, as `hub join`
    does; returns its audit recovery key."""
    from station.domain import Role  # noqa: F401  (imports the station package before support)
    from tests.hub.engine_env import SHIP_FROM
    from tests.station.support import ADMIN, make_crew
    from ui.hub_wiring import join_hub

    crew = make_crew(home)
    admin = crew.login(ADMIN)  # the station's own admin, before joining (then operators come from the hub)
    crew.station.change_setting(admin, "ship_from", SHIP_FROM)
    crew.station.change_setting(admin, "printer", {"transport": "virtual", "folder": str(home / "labels"),
                                                   "language": "zpl", "dpi": 203})  # fmt: skip
    crew.station.change_setting(admin, "scale", {"transport": "virtual"})
    crew.station.change_setting(admin, "hub_hold_ahead", HOLD_AHEAD)
    join_hub(crew.station, admin, proxy_url, code)
    crew.station.close()
    return crew.recovery_key


# -- the run --------------------------------------------------------------------------------------------
class Soak:
    def __init__(self, plan: Plan, tmp: Path, url: str) -> None:
        from sync.simulator import start_simulator

        self.plan, self.tmp, self.url = plan, tmp, url
        self.rng = random.Random(plan.seed)
        self.sim = start_simulator(seed=plan.seed, rate_scale=RATE_SCALE, faults=FAULTS, orders=plan.backlog,
                                   sellers=SELLERS, cancel_rate=0.0, address_change_rate=0.0,
                                   afn_rate=0.0)  # fmt: skip
        self.hub_ports = [_free_port() for _ in range(plan.hubs)]
        self.hubs = [Child(f"hub-{n + 1}", [sys.executable, "-m", "hub.cli", "serve"],
                           _hub_env(tmp, port, url, self.sim), tmp / f"hub-{n + 1}.log")
                     for n, port in enumerate(self.hub_ports)]  # fmt: skip
        self.proxies = [FaultProxy(lambda: [("127.0.0.1", p) for p in self.hub_ports], seed=plan.seed * 100 + n,
                                   name=f"proxy-{n + 1}").start() for n in range(plan.stations)]  # fmt: skip
        self.stations: list[Child] = []
        self.recovery: dict[str, str] = {}
        self.stop_file = tmp / "stop"
        self.journal = tmp / "journal.jsonl"
        self.cancelled: set[str] = set()
        self.events: Counter[str] = Counter()
        self.hub_settings: Any = None
        self.hub_recovery = ""
        self.lead_hub: Any = None  # the lead's view of the hub (settles labels whose outcome was lost)
        self.next_settle = 0.0
        self.stopped = False

    # -- set-up
    def setup(self) -> None:
        self.hub_settings, self.hub_recovery, codes = _prepare_hub(self.tmp, self.url, self.sim, self.plan.stations)
        for child in self.hubs:
            child.start()
        for child, port in zip(self.hubs, self.hub_ports, strict=True):
            _wait_ready(port, child)
        for n in range(self.plan.stations):
            name = f"pack-{n + 1}"
            home = self.tmp / name
            self.recovery[name] = _prepare_station(home, self.proxies[n].url, codes[n])
            self.stations.append(Child(name, [], dict(os.environ, PYTHONPATH=str(ROOT)), self.tmp / f"{name}.log"))
        for child in self.stations:
            self._start_station(child)
        from hub.bootstrap import build_hub

        self.lead_hub = build_hub(self.hub_settings)

    def lead_settles(self) -> None:
        """What a lead does with Seller Central open: a label whose outcome is unknown was bought (with its
        tracking number) or not bought. Every few seconds."""
        from hub.services.people import Actor
        from station.domain import Role

        if time.monotonic() < self.next_settle or self.lead_hub is None:
            return
        self.next_settle = time.monotonic() + 5.0
        lead = Actor("lee", Role.LEAD)
        for row in self.lead_hub.store.ledger.in_state("unknown"):
            bought = [s for s in list(self.sim.shipments.values())
                      if s["detail"].get("packageClientReferenceId") == row.package_ref]  # fmt: skip
            try:
                self.lead_hub.labels.settle(lead, row.label_id, bought=bool(bought),
                                            tracking=bought[0]["tracking"] if bought else "")  # fmt: skip
                self.events["labels_settled_by_lead"] += 1
            except Exception as exc:  # another settle won, or the hub refused: the next round sees it
                print(f"settle of label {row.label_id}: {type(exc).__name__}", file=sys.stderr)

    def _start_station(self, child: Child) -> None:
        from tests.station.support import PASSPHRASE

        config = {"name": child.name, "home": str(self.tmp / child.name), "passphrase": PASSPHRASE,
                  "journal": str(self.journal), "stop_file": str(self.stop_file), "badge": BADGE, "pin": PIN,
                  "seed": self.plan.seed, "start_no": child.starts + 1, "think_s": self.plan.think_s}  # fmt: skip
        child.argv = [sys.executable, "-m", "tests.bench._soak_warehouse_station", json.dumps(config)]
        child.start()

    # -- chaos
    def _unshipped(self) -> list[str]:
        now = self.sim.clock.now()
        with self.sim.world.lock:
            return [o.order_id for o in self.sim.world.orders.values()
                    if o.visible(now) and o.state(now)[0] == "UNSHIPPED"]  # fmt: skip

    def chaos(self) -> None:
        plan = self.plan
        started = time.monotonic()
        end = started + plan.seconds
        cancel_until = started + plan.seconds * 0.8
        total_orders = plan.backlog + plan.arrivals_per_min * plan.seconds / 60
        cancels_due = max(2, int(total_orders * plan.cancel_share))
        next_event = started + self.rng.expovariate(1 / plan.event_gap_s)
        next_arrival = started + 60 / plan.arrivals_per_min if plan.arrivals_per_min else float("inf")
        next_cancel = started + 1.0
        restarts: list[tuple[float, Child]] = []
        forced = [(started + plan.seconds * f, kind) for f, kind in ((0.2, "hub"), (0.35, "station"), (0.5, "net"))]
        while time.monotonic() < end:
            now = time.monotonic()
            self._supervise(restarts)
            self.lead_settles()
            for due, child in list(restarts):
                if now >= due:
                    restarts.remove((due, child))
                    self._start_station(child)
            if now >= next_cancel and now < cancel_until and len(self.cancelled) < cancels_due:
                candidates = [o for o in self._unshipped() if o not in self.cancelled]
                if candidates:
                    order_id = self.rng.choice(candidates)
                    self.sim.cancel_order(order_id)
                    self.cancelled.add(order_id)
                    self.events["cancellations"] += 1
                next_cancel = now + (cancel_until - started) / cancels_due
            if now >= next_arrival:
                seller = self.sim.sellers()[self.rng.randrange(SELLERS)].seller_id
                self.sim.add_orders(seller, 1)
                self.events["arrivals"] += 1
                next_arrival = now + self.rng.expovariate(plan.arrivals_per_min / 60)
            if forced and now >= forced[0][0]:  # every kind of fault at least once, even in a short run
                self._event(restarts, forced.pop(0)[1])
            if now >= next_event:
                self._event(restarts)
                next_event = now + self.rng.expovariate(1 / plan.event_gap_s)
            time.sleep(0.1)
        self._supervise(restarts)
        for _due, child in restarts:
            self._start_station(child)

    def _event(self, restarts: list[tuple[float, Child]], kind: str = "") -> None:
        roll = {"station": 0.0, "hub": 0.35, "net": 0.9}.get(kind, self.rng.random())
        if roll < 0.3:
            child = self.rng.choice([c for c in self.stations if c.alive()] or self.stations)
            child.kill()
            self.events["station_kills"] += 1
            restarts.append((time.monotonic() + self.rng.uniform(0.2, 2.0), child))
        elif roll < 0.45:
            child = self.rng.choice(self.hubs)
            if all(h.alive() for h in self.hubs):  # one at a time: the other keeps serving
                child.kill()
                self.events["hub_kills"] += 1
                child.start()
        else:
            proxy = self.rng.choice(self.proxies)
            mode = self.rng.choice(("cut", "refuse", "drop"))
            if mode == "cut":
                proxy.cut()
            elif mode == "refuse":
                proxy.refuse(self.rng.uniform(1.0, 8.0))
            else:
                proxy.drop(self.rng.uniform(1.0, 5.0))
            self.events[f"network_{mode}"] += 1

    def _supervise(self, restarts: list[tuple[float, Child]]) -> None:
        """A station or hub that ended by itself is a failure: noted and restarted."""
        pending = {c.name for _d, c in restarts}
        for child in self.hubs:
            if not child.alive():
                child.failures.append(child.proc.returncode if child.proc else -1)
                child.start()
        for child in self.stations:
            if not child.alive() and child.name not in pending:
                child.failures.append(child.proc.returncode if child.proc else -1)
                self._start_station(child)

    # -- drain and judge
    def journal_rows(self) -> list[dict[str, Any]]:
        rows = []
        if self.journal.exists():
            for line in self.journal.read_text(encoding="utf-8").splitlines():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:  # a line cut short by a kill
                    continue
        return rows

    def drain(self) -> float:
        """Until every order is shipped, cancelled or in an exception queue; then the stations stop."""
        started = time.monotonic()
        for proxy in self.proxies:
            proxy.drop(0)
        left, progress = -1, time.monotonic()
        while time.monotonic() - started < self.plan.drain_s:
            self._supervise([])
            self.lead_settles()
            held = {r["order"] for r in self.journal_rows() if r.get("event") == "exception"}
            now_left = len([o for o in self._unshipped() if o not in held])
            if not now_left:
                break
            if now_left != left:
                left, progress = now_left, time.monotonic()
            elif time.monotonic() - progress > STALL_S:  # nothing moves: what is left is lost
                break
            time.sleep(1.0)
        time.sleep(5.0)  # the last cancellations reach the stations (pull every 2 s, then the events)
        self.stop_file.write_text("stop")
        end = time.monotonic() + 90
        for child in self.stations:
            while child.alive() and time.monotonic() < end:
                time.sleep(0.2)
            if child.alive():
                child.failures.append(-999)
                child.kill()
            elif child.proc is not None and child.proc.returncode != 0:
                child.failures.append(child.proc.returncode)
        return time.monotonic() - started

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        for child in self.stations:
            child.stop(5)
        for child in self.hubs:
            child.stop()
        for proxy in self.proxies:
            proxy.stop()
        if self.lead_hub is not None:
            self.lead_hub.close()
            self.lead_hub = None
        self.sim.stop()


def _station_view(tmp: Path, name: str, recovery: str, hub: Any) -> dict[str, Any]:
    """A station's orders by status, and its audit chain: its own, and its rows at the hub."""
    from station.app import Station
    from station.clock import SystemClock
    from tests.station.support import PASSPHRASE

    station = Station.open(tmp / name, PASSPHRASE, clock=SystemClock())
    try:
        statuses = {str(r[0]): str(r[1]) for r in station.store.db.query("SELECT order_id, status FROM orders")}
        own = station.audit.verify(recovery)
        row = hub.store.stations.by_name(name)
        held = hub.store.station_audit.rows(row.station_id) if row is not None else []
        at_hub = station.audit.chain.verify(held, station.audit._recovery_secret(recovery))
        head = station.audit.read_head()
    finally:
        station.close()
    return {"statuses": statuses, "own_ok": own.ok, "hub_ok": bool(held) and at_hub.ok, "rows_at_hub": len(held),
            "head_seq": head[0] if head else 0}  # fmt: skip


def _hub_claims(hub: Any) -> dict[str, str]:
    """Who holds each order at the hub now ("pack-2 hold"), for the figures of a lost order."""
    from sqlalchemy import text

    query = text("SELECT o.amazon_order_id, s.name, c.kind FROM claims c JOIN orders o ON o.order_id = c.order_id "
                 "JOIN stations s ON s.station_id = c.station_id")  # fmt: skip
    with hub.store.engine.connect() as conn:
        return {str(r[0]): f"{r[1]} {r[2]}" for r in conn.execute(query)}


def judge(soak: Soak, wall: dict[str, float]) -> dict[str, Any]:
    from hub.bootstrap import build_hub

    sim, plan = soak.sim, soak.plan
    now = sim.clock.now()
    with sim.world.lock:
        state = {o.order_id: o.state(now)[0] for o in sim.world.orders.values() if o.visible(now)}
    live: dict[str, list[str]] = defaultdict(list)
    by_ref: Counter[str] = Counter()
    for shipment in sim.shipments.values():
        by_ref[str(shipment["detail"].get("packageClientReferenceId"))] += 1
        if not shipment["cancelled"] and shipment.get("order_id"):
            live[shipment["order_id"]].append(shipment["tracking"])
    confirmed: Counter[str] = Counter(order for order, _ref in sim.confirmations)
    twice = sorted({r for r, n in by_ref.items() if n > 1} | {o for o, t in live.items() if len(t) > 1})
    labels_twice = sum(1 for n in by_ref.values() if n > 1) + sum(1 for t in live.values() if len(t) > 1)
    confirmations_twice = sum(1 for o in state if len(live.get(o, [])) + confirmed.get(o, 0) > 1)

    rows = soak.journal_rows()
    labelled_by: dict[str, set[str]] = defaultdict(set)
    scanned_by: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.get("event") == "labelled":
            labelled_by[r["order"]].add(r["station"])
        elif r.get("event") == "scanned":
            scanned_by[r["order"]].add(r["station"])

    hub = build_hub(soak.hub_settings)
    try:
        hub_audit_ok = hub.audit.verify(soak.hub_recovery).ok
        views = {c.name: _station_view(soak.tmp, c.name, soak.recovery[c.name], hub) for c in soak.stations}
        chain_alerts = [r for r in hub.audit.iter_rows() if str(r.get("action", "")).startswith("alert.station_chain")]
        claims = _hub_claims(hub)
    finally:
        hub.close()
    held = {o for v in views.values() for o, s in v["statuses"].items() if s in ("exception", "awaiting_label")}
    lost = [o for o, s in state.items() if s not in TERMINAL and o not in held]
    void_flow = {o for v in views.values() for o, s in v["statuses"].items() if s == "exception"}
    packable = ("pending", "unshipped", "in_progress", "awaiting_label")
    missed = [
        o
        for o, s in state.items()
        if s == "CANCELLED"
        and ((live.get(o) and o not in void_flow) or any(v["statuses"].get(o) in packable for v in views.values()))
    ]

    shipped_here = sum(1 for o in state if live.get(o))
    kills = {"station": sum(c.kills for c in soak.stations), "hub": sum(c.kills for c in soak.hubs)}
    figures: dict[str, Any] = {
        "stations": plan.stations,
        "hub_processes": plan.hubs,
        "seed": plan.seed,
        "chaos_s": round(wall["chaos"], 1),
        "drain_s": round(wall["drain"], 1),
        "orders_total": len(state),
        "orders_shipped": shipped_here,
        "orders_cancelled_upstream": sum(1 for s in state.values() if s == "CANCELLED"),
        "orders_held_for_lead": len(held & {o for o, s in state.items() if s not in TERMINAL}),
        "orders_per_min": round(shipped_here / ((wall["chaos"] + wall["drain"]) / 60), 1),
        "orders_packed_by_two_stations": sum(1 for s in labelled_by.values() if len(s) > 1),
        "orders_scanned_by_two_stations": sum(1 for s in scanned_by.values() if len(s) > 1),
        "labels_bought": len(sim.shipments),
        "labels_bought_twice": labels_twice,
        "labels_voided": sum(1 for s in sim.shipments.values() if s["cancelled"]),
        "confirmations_sent_twice": confirmations_twice,
        "orders_lost": len(lost),
        "cancellations_not_acted_on": len(missed),
        "kills_station_sigkill": kills["station"],
        "kills_hub_sigkill": kills["hub"],
        "network_cuts": sum(v for k, v in soak.events.items() if k.startswith("network_")),
        "network_by_kind": {k.removeprefix("network_"): v for k, v in soak.events.items() if k.startswith("network_")},
        "cancellations_sent": soak.events["cancellations"],
        "arrivals": soak.events["arrivals"],
        "labels_settled_by_lead": soak.events["labels_settled_by_lead"],
        "process_failures": sum(len(c.failures) for c in soak.stations + soak.hubs),
        "station_rows_at_hub": sum(v["rows_at_hub"] for v in views.values()),
        "sim_faults": sum(1 for c in sim.calls if c.fault),
        "audit_chain_alerts": len(chain_alerts),
        "lost_orders_sample": [
            {
                "order": o,
                "hub_claim": claims.get(o, ""),
                "stations": {n: v["statuses"].get(o, "-") for n, v in views.items()},
            }
            for o in lost[:5]
        ],  # fmt: skip
        "missed_cancellations_sample": missed[:5],
        "labels_twice_sample": twice[:5],
    }
    figures["targets"] = {
        "orders_packed_by_two_stations_zero": figures["orders_packed_by_two_stations"] == 0,
        "labels_bought_twice_zero": labels_twice == 0,
        "confirmations_sent_twice_zero": confirmations_twice == 0,
        "orders_lost_zero": not lost,
        "cancellations_not_acted_on_zero": not missed,
        "hub_audit_verifies": hub_audit_ok and not chain_alerts,
        "station_audits_verify": all(v["own_ok"] and v["hub_ok"] for v in views.values()),
        "chaos_happened": kills["station"] > 0 and kills["hub"] > 0 and figures["network_cuts"] > 0,
    }
    return figures


def run(plan: Plan, *, keep: bool = False) -> dict[str, Any]:
    from tests.hub import pg

    _fast_hashing()
    url, name = pg.create_database("hub_test_soak_wh")
    tmp = Path(tempfile.mkdtemp(prefix="soak-wh-"))
    soak = Soak(plan, tmp, url)
    try:
        began = time.monotonic()
        soak.setup()
        setup_s = time.monotonic() - began
        started = time.monotonic()
        soak.chaos()
        chaos_s = time.monotonic() - started
        drain_s = soak.drain()
        stopping = time.monotonic()
        soak.stop()
        figures = judge(soak, {"chaos": chaos_s, "drain": drain_s})
        figures["setup_s"] = round(setup_s, 1)
        figures["stop_and_judge_s"] = round(time.monotonic() - stopping, 1)
    finally:
        soak.stop()
        if not keep:
            pg.drop_database(name)
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    if keep:
        figures["kept"] = f"{tmp} (database {name})"
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.soak_warehouse", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="minutes of chaos (then the drain)")
    parser.add_argument("--smoke", action="store_true", help="the short CI form")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (logs, journal, homes)")
    args = parser.parse_args(argv)
    plan = smoke_plan(args.seed) if args.smoke else full_plan(args.minutes, args.seed)
    figures = run(plan, keep=args.keep)
    for key, value in figures.items():
        if key != "targets":
            print(f"{key}: {value}")
    failed = [k for k, ok in figures["targets"].items() if not ok]
    print("FAILED: " + ", ".join(failed) if failed else "all targets met")
    print(json.dumps(figures, sort_keys=True, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
