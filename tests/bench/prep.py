"""Prep benchmark: FNSKU labels/s to the virtual printer, a 30-up sheet of 1,000 labels, and an inbound plan
for 50 SKUs against the simulator (virtual seconds vs the rate-limit lower bound).

``python -m tests.bench.prep [--smoke]`` prints figures, then one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _fast_argon2() -> None:
    from argon2 import PasswordHasher

    import station.secrets
    import station.services.auth

    station.secrets.ARGON2_MEMORY_KIB, station.secrets.ARGON2_TIME_COST, station.secrets.ARGON2_PARALLELISM = 256, 1, 1
    station.services.auth._hasher = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)


def bench_labels(folder: Path, jobs: int, per_job: int) -> dict[str, float]:
    """Build and send FNSKU label jobs (ZPL, ^PQ copies) to the virtual printer, with and without previews."""
    from drivers.printers import VirtualPrinter
    from ui.prep.labels import fnsku_labels_zpl

    printer = VirtualPrinter(folder / "with_preview")
    t0 = time.perf_counter()
    for n in range(jobs):
        printer.print_label(fnsku_labels_zpl(f"X00BENCH{n % 100:02d}", f"Bench product {n}", "New", per_job),
                            fmt="ZPL", size="2.25x1.25")  # fmt: skip
    with_preview = time.perf_counter() - t0
    raw = VirtualPrinter(folder / "raw")
    import drivers.printers.printer as printer_module

    saved = printer_module.render_zpl_png
    printer_module.render_zpl_png = lambda *_a, **_k: b""  # measure the job path alone
    try:
        t0 = time.perf_counter()
        for n in range(jobs):
            raw.print_label(fnsku_labels_zpl(f"X00BENCH{n % 100:02d}", f"Bench product {n}", "New", 1),
                            fmt="ZPL", size="2.25x1.25")  # fmt: skip
        single = time.perf_counter() - t0
    finally:
        printer_module.render_zpl_png = saved
    return {
        "fnsku_jobs_per_s_with_png_preview": jobs / with_preview,
        "fnsku_labels_per_s_with_png_preview": jobs * per_job / with_preview,
        "fnsku_single_label_jobs_per_s_no_preview": jobs / single,
    }


def bench_sheet(labels: int) -> dict[str, float]:
    from ui.reports.prep_sheet import SheetLabel, fnsku_sheet_pdf

    t0 = time.perf_counter()
    pdf = fnsku_sheet_pdf(
        [SheetLabel(f"X00SHEET{n % 100:02d}", f"Sheet product number {n}", "New") for n in range(labels)]
    )
    seconds = time.perf_counter() - t0
    return {"sheet_labels_count": labels, "sheet_30up_s": seconds, "sheet_pages_count": (labels + 29) // 30,
            "sheet_pdf_bytes": len(pdf)}  # fmt: skip


def bench_plan(home: Path, skus: int) -> dict[str, float]:
    """A plan for ``skus`` SKUs (one box each) through the in-process simulator on a shared virtual clock."""
    from station.services.inbound_types import InboundBox, InboundItem
    from sync.simulator import start_simulator
    from sync.simulator.inbound import OP_SECONDS
    from sync.spapi.inbound import INBOUND_LIMITS, SpApiFbaInbound
    from tests.prep.support import WAREHOUSE
    from tests.station.support import make_crew
    from tests.sync.conftest import Env

    _fast_argon2()
    crew = make_crew(home)
    sim = start_simulator(seed=11, clock=crew.clock, orders=1)
    env = Env(sim, crew.clock)
    try:
        seller = env.seller_ids[0]
        port = SpApiFbaInbound(env.client)
        items = [InboundItem(f"BENCH-{n:03d}", 4) for n in range(skus)]
        boxes = [InboundBox((i,), 10.0, 12, 10, 8) for i in items]
        wall0, v0 = time.perf_counter(), sim.elapsed()
        plan = port.create_plan(seller, "ATVPDKIKX0DER", "bench", WAREHOUSE, items)
        _, groups = port.confirm_packing(seller, plan)
        port.set_packing(seller, plan, groups[0], boxes)
        placement, shipments = port.confirm_placement(seller, plan)
        port.confirm_transport(seller, plan, placement, shipments, "2026-03-12T00:00:00Z")
        for sid in shipments:
            port.shipment(seller, plan, sid)
        virtual, wall = sim.elapsed() - v0, time.perf_counter() - wall0
        calls = [c for c in sim.calls if c.operation not in ("lwa", "labelDownload")]
        # Lower bound: each operation's calls at its published rate after its burst, and each async step's
        # processing time (the steps are sequential), whichever is larger per step; summed.
        per_op: dict[str, int] = {}
        for c in calls:
            per_op[c.operation] = per_op.get(c.operation, 0) + 1
        rate_bound = max(
            max(0, n - INBOUND_LIMITS[op][1]) / INBOUND_LIMITS[op][0]
            for op, n in per_op.items()
            if op in INBOUND_LIMITS
        )
        processing = sum(OP_SECONDS[op] for op in per_op if op in OP_SECONDS)
        bound = max(rate_bound, processing)
        throttled = sum(1 for c in calls if c.status == 429)
        return {"plan_skus_count": skus, "plan_virtual_s": virtual, "plan_lower_bound_s": bound,
                "plan_virtual_over_bound_ratio": virtual / bound if bound else 0.0, "plan_wall_s": wall,
                "plan_calls_count": len(calls), "plan_429s_count": throttled}  # fmt: skip
    finally:
        env.client.close()
        sim.stop()
        crew.station.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a tiny run for CI (seconds)")
    args = parser.parse_args()
    jobs, sheet, skus = (5, 60, 5) if args.smoke else (200, 1000, 50)
    with tempfile.TemporaryDirectory() as tmp:
        figures: dict[str, object] = {}
        figures.update(bench_labels(Path(tmp), jobs, per_job=10))
        figures.update(bench_sheet(sheet))
        figures.update(bench_plan(Path(tmp) / "home", skus))
    for key, value in figures.items():
        print(f"{key:45s} {value:.3f}" if isinstance(value, float) else f"{key:45s} {value}")
    figures["smoke"] = args.smoke
    figures["targets"] = {}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
