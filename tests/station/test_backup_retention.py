"""Issue 10 item 6: backups keep no buyer data past retention, in any folder, and forget their sellers.

A backup is pruned once the oldest buyer data inside it is due (not when the backup itself is 30 days
old), by the system actor on schedule, in every folder a backup was ever written to; ``seller forget``
deletes every backup that holds the seller, or may hold it (no valid index).
"""

from __future__ import annotations

import json
import struct
from datetime import datetime, timedelta
from pathlib import Path

from station.domain import OrderStatus
from station.services.backup import MAGIC, read_header, write_backup
from station.services.housekeeping import run_housekeeping
from tests.station.support import ADMIN, SELLER_ID, Crew, add_seller, iso, make_order, pii_values

OTHER = "A2OTHERSELLER01"
SHIPPED = "111-6000000-0000001"


def _shipped_order(crew: Crew) -> datetime:
    """A seller and one order with buyer data, shipped now; returns the shipping time."""
    add_seller(crew.station)
    crew.station.store.orders.upsert(make_order(SHIPPED, ship_by=crew.clock.now() + timedelta(days=60)), now="t")
    shipped_at = crew.clock.now()
    crew.station.store.orders.set_status(SHIPPED, OrderStatus.SHIPPED, now=iso(shipped_at))
    return shipped_at


def _index(path: Path) -> dict:  # type: ignore[type-arg]
    header = read_header(path)
    assert header is not None
    return dict(header["index"])


def test_a_backup_goes_when_its_oldest_buyer_data_is_due(crew: Crew, tmp_path: Path) -> None:
    st = crew.station
    shipped_at = _shipped_order(crew)
    crew.clock.advance(29 * 86400)  # one day before the order's buyer data is due
    info = st.backup(crew.login(ADMIN), tmp_path / "usb-stick")
    index = _index(info.path)  # readable without the recovery key, and no buyer data in it
    assert index["erase_by"] == iso(shipped_at + timedelta(days=30)) and index["sellers"] == [SELLER_ID]
    header = info.path.read_bytes()[: len(MAGIC) + 8 + struct.unpack(">I", info.path.read_bytes()[11:15])[0]]
    assert not any(v.encode() in header for v in pii_values(SHIPPED))

    crew.clock.advance(86400 - 120)
    assert run_housekeeping(st).pruned_backups == 0 and info.path.exists()  # not due yet
    crew.clock.advance(180)
    report = run_housekeeping(st)  # the schedule, as the system actor; no backup written here
    assert st.store.orders.recipient(SHIPPED) is None  # the store's copy went...
    assert report.pruned_backups == 1 and not info.path.exists()  # ...and the backup's with it, on the day
    row = st.store.audit_rows.search(action="backup.pruned")[0]
    assert row.actor == "system" and json.loads(row.detail)["files"] == [info.path.name]


def test_pruning_reaches_every_folder_ever_used(crew: Crew, tmp_path: Path) -> None:
    st = crew.station
    _shipped_order(crew)
    admin = crew.login(ADMIN)
    old_share, new_share, stick = tmp_path / "old-share", tmp_path / "new-share", tmp_path / "stick"
    st.change_setting(admin, "backup_folder", str(old_share))
    first = st.backup(admin, None)
    by_hand = st.backup(admin, stick)
    st.change_setting(crew.login(ADMIN), "backup_folder", str(new_share))
    crew.clock.advance(31 * 86400)
    report = run_housekeeping(st)
    assert report.backup  # a fresh backup in today's folder...
    assert not first.path.exists() and not by_hand.path.exists()  # ...and the old folders pruned too
    assert [p.name for p in new_share.iterdir()] == [report.backup]


def test_seller_forget_deletes_every_backup_that_holds_the_seller(crew: Crew, tmp_path: Path) -> None:
    st = crew.station
    _shipped_order(crew)
    admin = crew.login(ADMIN)
    only_first = st.backup(admin, tmp_path / "share")  # before the other seller existed
    add_seller(st, OTHER, name="Other Seller")
    st.store.orders.upsert(make_order("111-6000000-0000002", seller_id=OTHER), now="t")
    crew.clock.advance(60)
    both = st.backup(admin, tmp_path / "stick")
    assert _index(both.path)["sellers"] == [SELLER_ID, OTHER]
    crew.clock.advance(60)
    edited = _edit_index(st.backup(admin, tmp_path / "share").path, sellers=[SELLER_ID])  # hides OTHER
    crew.clock.advance(60)
    legacy = write_backup(  # as older versions wrote them: no index
        st.store.db, st.secrets, tmp_path / "share", station_id=st.config.station_id,
        recovery_public_hex=st.config.recovery_public_key, audit_head="", clock=crew.clock,
    )  # fmt: skip

    counts = st.sellers.forget(crew.login(ADMIN), OTHER)
    assert counts["backups"] == 3
    assert only_first.path.exists()  # never held the seller: kept
    assert not both.path.exists() and not edited.exists() and not legacy.path.exists()
    row = st.store.audit_rows.search(action="seller.forgotten")[0]
    detail = json.loads(row.detail)
    assert sorted(detail["backups_deleted"]) == sorted([both.path.name, edited.name, legacy.path.name])
    assert "cannot be rewritten" in detail["backups_note"]


def _edit_index(path: Path, **changes: object) -> Path:
    """Someone with write access to the share edits a backup's clear header (the MAC no longer holds)."""
    blob = path.read_bytes()
    offset = len(MAGIC)
    header_len, sealed_len = struct.unpack(">II", blob[offset : offset + 8])
    header = json.loads(blob[offset + 8 : offset + 8 + header_len])
    header["index"].update(changes)
    new_header = json.dumps(header, sort_keys=True).encode()
    rest = blob[offset + 8 + header_len :]
    path.write_bytes(MAGIC + struct.pack(">II", len(new_header), sealed_len) + new_header + rest)
    return path
