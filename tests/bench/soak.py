"""Chaos soak benchmark: simulated pack-station days under faults, outages and SIGKILLs.

    python -m tests.bench.soak                 one full simulated day (24 h virtual)
    python -m tests.bench.soak --minutes 30    full days back to back (new seed each) for 30 wall minutes
    python -m tests.bench.soak --smoke         a tiny day for CI (seconds)

Prints one line of figures per day, then, LAST, one JSON object: totals with units in the key
names and ``targets`` mapping every invariant to true/false. Exits 0 even when an invariant fails.
"""

from __future__ import annotations

import argparse
import json
import time

from tests.reliability.soak import SoakConfig, merge, run_soak, smoke_config


def _line(day: dict[str, object]) -> str:
    keys = ("seed", "virtual_hours", "orders_arrived", "orders_packed", "boxes_shipped", "labels_bought",
            "shipments_confirmed", "scans", "faults_injected", "kills_external", "kills_self", "wall_s")  # fmt: skip
    failed = [k for k, v in day["targets"].items() if not v]  # type: ignore[attr-defined]
    return " ".join(f"{k}={day[k]}" for k in keys) + (f" FAILED={','.join(failed)}" if failed else " ok")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=0.0, help="wall-clock budget: run full days until spent")
    parser.add_argument("--smoke", action="store_true", help="a tiny day for CI")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.monotonic()
    budget_s = args.minutes * 60 if args.minutes > 0 else 1800.0
    days = []
    seed = args.seed
    while True:
        remaining = budget_s - (time.monotonic() - started)
        # A day is never cut short by the overall budget (it would fail "day completed" for no fault
        # of the station); instead no day starts unless one is likely to fit.
        cfg = smoke_config(seed) if args.smoke else SoakConfig(seed=seed, wall_budget_s=max(900.0, remaining))
        day = run_soak(cfg)
        days.append(day)
        print(_line(day), flush=True)
        if not all(day["targets"].values()):
            print(json.dumps({"seed": seed, "problems": day["problems"]}, default=str), flush=True)
            for tail in day["worker_error_tails"][:1]:
                print(tail, flush=True)
        seed += 1
        mean_day_s = (time.monotonic() - started) / len(days)
        if args.smoke or args.minutes <= 0 or time.monotonic() - started + 1.5 * mean_day_s > budget_s:
            break
    total = merge(days)
    figures = {
        "days": total["days"],
        "virtual_hours": total["virtual_hours"],
        "orders_arrived": total["orders_arrived"],
        "orders_packed": total["orders_packed"],
        "orders_cancelled_upstream": total["orders_cancelled_upstream"],
        "boxes_shipped": total["boxes_shipped"],
        "labels_bought": total["labels_bought"],
        "shipments_confirmed": total["shipments_confirmed"],
        "scans": total["scans"],
        "api_calls": total["api_calls"],
        "faults_injected": total["faults_injected"],
        "faults_by_kind": total["faults_by_kind"],
        "outages": total["outages"],
        "outage_hours_virtual": total["outage_hours"],
        "kills_sigkill_external": total["kills_external"],
        "kills_sigkill_crash_points": total["kills_self"],
        "worker_restarts": total["worker_starts"] - total["days"],
        "worker_errors": total["worker_errors"],
        "wall_s": round(time.monotonic() - started, 1),
        "targets": total["targets"],
    }
    if "first_failure" in total:
        figures["first_failure_seed"] = total["first_failure"]["seed"]
    print(json.dumps(figures, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
