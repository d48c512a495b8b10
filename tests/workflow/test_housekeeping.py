"""The system actor purges due buyer data and writes backups on schedule."""

from __future__ import annotations

from pathlib import Path

from station.domain import OrderStatus
from station.services.housekeeping import backup_due, run_housekeeping
from tests.workflow.conftest import Bench


def test_scheduled_purge_and_backup(bench: Bench, tmp_path: Path) -> None:
    station = bench.station
    order_id = bench.open_orders()[0]
    station.pack.open_order(bench.packer, order_id)  # claimed: the hub sends this station its buyer data
    station.store.orders.set_status(order_id, OrderStatus.SHIPPED, now="2026-01-01T00:00:00.000000Z")
    assert station.store.orders.recipient(order_id) is not None
    assert not backup_due(station)  # no folder configured
    station.store.settings.set("backup_folder", str(tmp_path / "share"), now="", by="system")
    assert backup_due(station)
    report = run_housekeeping(station)
    assert report.purged_orders >= 1 and report.backup and not report.error
    assert station.store.orders.recipient(order_id) is None
    assert not backup_due(station)
    assert run_housekeeping(station).backup == ""
    bench.clock.advance(25 * 3600)
    assert run_housekeeping(station).backup
    assert len(list((tmp_path / "share").glob("*.ppsbak"))) == 2
    actors = {(r.actor, r.action) for r in station.store.audit_rows.search(limit=100)}
    assert ("system", "purge.completed") in actors and ("system", "backup.written") in actors


def test_a_failing_backup_folder_is_reported_not_raised(bench: Bench, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    bench.station.store.settings.set("backup_folder", str(blocker / "sub"), now="", by="system")
    report = run_housekeeping(bench.station)
    assert report.backup == "" and "backup" in report.error
    assert bench.station.store.audit_rows.search(action="backup.failed")

