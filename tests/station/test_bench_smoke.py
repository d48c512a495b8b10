"""The store benchmark's smoke run: it runs, and its last line is the JSON summary with targets."""

from __future__ import annotations

import json

import pytest

from tests.bench import store as bench


def test_bench_smoke_prints_json_summary_last(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--smoke", "--orders", "600"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    summary = json.loads(last)
    assert summary["orders"] == 600 and summary["items"] == 1800
    for key in ("open_ms", "lookup_order_p99_ms", "lookup_item_p99_ms", "ingest_orders_per_s", "purge_s",
                "ratio_ingest", "ratio_lookup_order_p50"):  # fmt: skip
        assert summary[key] > 0
        assert key.startswith("ratio_") or summary[f"{key}_plain"] > 0
    assert set(summary["targets"]) == {
        "lookup_order_p99_under_2ms", "lookup_item_p99_under_2ms", "lookups_within_1_5x_plain",
        "ingest_within_1_5x_plain",
    }  # fmt: skip
    assert all(isinstance(v, bool) for v in summary["targets"].values())
