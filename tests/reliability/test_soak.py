"""The chaos soak's CI form: a compressed day with two outages, fault bursts, SIGKILLs and crash points.

The long form is ``python -m tests.bench.soak --minutes N`` (full 24-hour virtual days).
"""

from __future__ import annotations

import json

import pytest

from tests.reliability.soak import run_soak, short_config


@pytest.mark.parametrize("seed", [1, 2])
def test_a_chaotic_day_loses_nothing_and_ships_nothing_twice(seed: int) -> None:
    figures = run_soak(short_config(seed))
    failed = {k: v for k, v in figures["targets"].items() if not v}
    assert not failed, json.dumps({"failed": failed, "problems": figures["problems"],
                                   "errors": figures["worker_error_tails"][:1]}, indent=1, default=str)  # fmt: skip
    # The day really was chaotic: faults of every kind, both outages, kills from outside and inside.
    assert figures["kills_external"] >= 1 and figures["kills_self"] >= 1
    assert {"5xx", "throttle", "reset", "malformed", "outage"} <= set(figures["faults_by_kind"])
    assert figures["orders_packed"] >= 30 and figures["labels_bought"] >= 20 and figures["shipments_confirmed"] >= 1
