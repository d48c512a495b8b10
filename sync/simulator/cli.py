"""``pacific-station sim``: run the simulator until interrupted; the base URL is stdout's first line."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from station.errors import StationError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pacific-station sim", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate-scale", type=float, default=1.0, help="multiply every published rate by K")
    parser.add_argument(
        "--faults",
        default="",
        help="e.g. latency=0.05,5xx=0.1,reset=0.02,malformed=0.02,timeout=0.01,"
        "throttle=0.01,outage=START+SECONDS,hang=2,lost=0.05 (applied, answer lost: purchase/confirm/cancel),"
        "lost.cancelShipment=0.5",
    )
    parser.add_argument("--sellers", type=int, default=3)
    parser.add_argument("--orders", type=int, default=60, help="orders waiting when the simulator starts")
    parser.add_argument("--arrivals-per-hour", type=float, default=6.0)
    parser.add_argument(
        "--cancel-request-rate", type=float, default=0.0, help="share of orders whose buyer asks to cancel"
    )
    parser.add_argument(
        "--partial-ship-rate", type=float, default=0.0, help="share of orders shipped in part elsewhere"
    )
    parser.add_argument(
        "--redirect-uri",
        action="append",
        default=[],
        help="the app's registered redirect URI for the consent page (repeatable)",
    )
    parser.add_argument("--draft-app", action="store_true", help="the app is a draft: consent needs version=beta")
    parser.add_argument(
        "--info",
        action="store_true",
        help="print the simulator's fake credentials as JSON on the second line",
    )
    args = parser.parse_args(argv)
    from sync.simulator.simulator import start_simulator

    try:
        sim = start_simulator(
            seed=args.seed,
            rate_scale=args.rate_scale,
            faults=args.faults,
            sellers=args.sellers,
            orders=args.orders,
            arrivals_per_hour=args.arrivals_per_hour,
            cancel_request_rate=args.cancel_request_rate,
            partial_ship_rate=args.partial_ship_rate,
            redirect_uris=tuple(args.redirect_uri) or ("https://localhost/sellers/authorized",),
            app_draft=args.draft_app,
        )
    except StationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(sim.base_url, flush=True)
    if not sim.models.available:
        print("warning: SP-API models not found (set PACIFIC_SPAPI_MODELS): request validation is off", file=sys.stderr)
    if args.info:
        info = {
            "lwa_url": sim.lwa_url,
            "client_id": sim.client_id,
            "client_secret": sim.client_secret,
            "rate_scale": args.rate_scale,
            "consent_url": sim.consent_url,
            "application_id": sim.app.application_id if sim.app else "",
            "redirect_uris": sim.app.redirect_uris if sim.app else [],
            "validation": sim.models.available,
            "sellers": [
                {
                    "seller_id": s.seller_id,
                    "name": s.name,
                    "marketplace_id": s.marketplace_id,
                    "refresh_token": s.refresh_token,
                }
                for s in sim.sellers()
            ],
        }
        print(json.dumps(info), flush=True)
    stop = threading.Event()

    def on_signal(_sig: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stop.wait()
    sim.stop()
    return 0
