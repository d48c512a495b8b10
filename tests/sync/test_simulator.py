"""The simulator as a process (``python -m sync.simulator``) and its fault spec."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from station.errors import UsageError
from sync.simulator import FaultPlan

ROOT = Path(__file__).resolve().parents[2]


def test_cli_prints_base_url_first_and_scales_rates() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.simulator",
            "--port",
            "0",
            "--seed",
            "4",
            "--rate-scale",
            "10",
            "--info",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        info = json.loads(proc.stdout.readline())
        assert base_url.startswith("http://127.0.0.1:")
        seller = info["sellers"][0]
        token = requests.post(
            info["lwa_url"],
            data={
                "grant_type": "refresh_token",
                "refresh_token": seller["refresh_token"],
                "client_id": info["client_id"],
                "client_secret": info["client_secret"],
            },
            timeout=5,
        ).json()
        resp = requests.get(
            base_url + "/orders/2026-01-01/orders",
            params={"lastUpdatedAfter": "2020-01-01T00:00:00Z"},
            headers={"x-amz-access-token": token["access_token"]},
            timeout=5,
        )
        assert resp.status_code == 200
        assert float(resp.headers["x-amzn-RateLimit-Limit"]) == pytest.approx(0.056)
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0


def test_fault_spec_parses_and_rejects_nonsense() -> None:
    plan = FaultPlan.parse(
        "latency=0.05,5xx=0.1,reset=0.02,malformed=0.02,timeout=0.01,outage=600+3600,hang=1"
    )
    assert plan.latency_s == 0.05 and plan.outages == [(600.0, 3600.0)] and plan.hang_s == 1.0
    assert plan.probabilities == {"5xx": 0.1, "reset": 0.02, "malformed": 0.02, "timeout": 0.01}
    with pytest.raises(UsageError):
        FaultPlan.parse("explode=1")


def test_unknown_token_gets_the_sp_api_error_body(sim) -> None:  # type: ignore[no-untyped-def]
    resp = requests.get(
        sim.base_url + "/orders/2026-01-01/orders", headers={"x-amz-access-token": "nope"}, timeout=5
    )
    assert resp.status_code == 403
    assert resp.json()["errors"][0]["code"] == "Unauthorized"
