"""Stations through the hub (issue 13): a real `pacific-hub serve` process and the station's real client
(sync.hubclient) on loopback.

- claim round trip: an operator opens order after order (POST /v1/claims/{id}); p99 <= 50 ms;
- cancellation to the holding station: another process commits a cancellation of an order the station
  holds; timed from that commit to the SSE event in the client (GET /v1/events); p99 <= 2 s. On PostgreSQL
  the serving process is woken by LISTEN/NOTIFY, on SQLite (smoke without PostgreSQL) it polls.

    python -m tests.bench.hub_stations            # 1,000 claims, 200 cancellations (PostgreSQL)
    python -m tests.bench.hub_stations --smoke    # a tiny run for CI

Prints figures, then as the LAST line one JSON object with a ``targets`` object. Exits 0 even when a
target is missed.
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from hub import __version__
from hub.bootstrap import Hub, build_hub
from hub.services.people import HUB_SYSTEM
from hub.settings import HubSettings
from hub.store.migrate import upgrade
from station.clock import SystemClock, iso
from station.domain import Role
from sync.hubclient import HubClient
from tests.bench.hub import ROOT, _database, _free_port, _wait_ready, serve_env

PIN = "48291735"
CLAIM_P99_MS = 50.0
CANCEL_P99_S = 2.0


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _load(settings: HubSettings, orders: int) -> tuple[Hub, int, str]:
    """Init the hub in-process: orders, a packer; returns (hub, seller id, enrolment code)."""
    hub = build_hub(settings, create=True)
    upgrade(hub.store.engine)
    hub.audit.start_sealing(hub.recovery_key)
    seller = hub.store.sellers.add("bench", iso(SystemClock().now()))
    ship_by = iso(SystemClock().now() + timedelta(days=2))
    now = iso(SystemClock().now())
    rows = [{"seller_id": seller, "amazon_order_id": f"111-{n:07d}", "status": "Unshipped", "ship_by": ship_by,
             "lines": "[]", "updated_at": now} for n in range(orders)]  # fmt: skip
    hub.store.orders.bulk_insert(rows, now)
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PIN, badge="B-PAT")
    return hub, seller, hub.stations.create_code(HUB_SYSTEM, "bench-1")


def _claims(client: HubClient, order_ids: list[int]) -> list[float]:
    times = []
    for order_id in order_ids:
        started = time.perf_counter()
        client.claim(order_id)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _cancellations(hub: Hub, client: HubClient, seller: int, order_ids: list[int]) -> tuple[list[float], int]:
    """Hold the orders, listen, cancel them one by one from this process; seconds from commit to event."""
    for order_id in order_ids:
        client.claim(order_id)
    received: queue.Queue[tuple[int, float]] = queue.Queue()
    connected = threading.Event()
    stream = client.events(on_state=lambda up: connected.set() if up else None)

    def listen() -> None:
        for event in stream:
            if event.type == "order.changed" and event.data.get("status") == "Canceled":
                received.put((int(event.data["order_id"]), time.monotonic()))

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    connected.wait(10)
    time.sleep(0.3)
    lat: list[float] = []
    missed = 0
    for order_id in order_ids:
        amazon = f"111-{order_id - 1:07d}"
        hub.orders.store_order(seller, amazon, status="Canceled")
        committed = time.monotonic()
        try:
            while True:
                got, at = received.get(timeout=CANCEL_P99_S * 5)
                if got == order_id:
                    lat.append(at - committed)
                    break
        except queue.Empty:
            missed += 1
        time.sleep(0.02)
    stream.stop()
    thread.join(timeout=5)
    return lat, missed


def run(claims: int, cancels: int, smoke: bool) -> dict[str, Any]:
    url, drop = _database(smoke)
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        env = serve_env(tmp, port, url)
        settings = HubSettings(data_dir=Path(env["PACIFIC_HUB_DATA_DIR"]), database_url=url, port=port)
        hub, seller, code = _load(settings, claims + cancels)
        server = subprocess.Popen([sys.executable, "-m", "hub.cli", "serve"], cwd=ROOT, env=env,
                                  stderr=subprocess.DEVNULL)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base, server)
            client = HubClient(base, version=__version__)
            client.enrol(code)
            client.login_badge("B-PAT", PIN)
            _claims(client, list(range(claims + 1, claims + 1 + min(20, cancels))))  # warm-up, released below
            for order_id in range(claims + 1, claims + 1 + min(20, cancels)):
                client.release(order_id)
            claim_ms = _claims(client, list(range(1, claims + 1)))
            cancel_s, missed = _cancellations(hub, client, seller, list(range(claims + 1, claims + 1 + cancels)))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            hub.close()
            if drop:
                from tests.hub import pg

                pg.drop_database(drop)
    claim_p99 = _p(claim_ms, 0.99)
    cancel_p99 = _p(cancel_s, 0.99)
    return {
        "backend": "postgresql" if url else "sqlite",
        "claims": len(claim_ms),
        "claim_p50_ms": round(_p(claim_ms, 0.5), 2),
        "claim_p99_ms": round(claim_p99, 2),
        "cancellations": len(cancel_s),
        "cancellations_missed": missed,
        "cancel_p50_s": round(_p(cancel_s, 0.5), 3),
        "cancel_p99_s": round(cancel_p99, 3),
        "targets": {
            "claim_p99_le_50ms": bool(claim_ms) and claim_p99 <= CLAIM_P99_MS,
            "cancel_p99_le_2s": bool(cancel_s) and cancel_p99 <= CANCEL_P99_S and missed == 0,
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a tiny run for CI")
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--cancels", type=int, default=200)
    args = parser.parse_args(argv)
    if args.smoke:
        args.claims, args.cancels = 30, 10
    summary = run(args.claims, args.cancels, args.smoke)
    for key, value in summary.items():
        if key != "targets":
            print(f"{key}: {value}")
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
