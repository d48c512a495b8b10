"""Point 7: retention — PII erased N days after shipment/cancellation/stale ship-by, label documents with it,
seller deletion; and the erased text absent from every decrypted page of the file and the WAL."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from station.domain import OrderStatus, Recipient
from station.errors import NotFound, UsageError
from station.home import DB_FILE, STORE_KEY
from station.services.retention import retention_days
from station.services.sellers import refresh_token_name
from tests.station.support import (
    ADMIN,
    SELLER_ID,
    Crew,
    add_seller,
    decrypted_file_pages,
    decrypted_wal_frames,
    iso,
    make_order,
    marker,
    pii_values,
    plain_export,
)

DUE = ("111-1000000-0000001", "111-1000000-0000002", "111-1000000-0000003")  # shipped, cancelled, stale
KEPT = ("111-2000000-0000001", "111-2000000-0000002")  # shipped recently, unshipped and not yet due


def _everything(crew: Crew, tmp_path: Path) -> dict[str, bytes]:
    """Every place erased bytes could survive: plain export, raw file and WAL, decrypted pages of both."""
    key = crew.station.secrets.get(STORE_KEY)
    assert key is not None
    db = crew.station.home / DB_FILE
    wal = db.with_name(DB_FILE + "-wal")
    export = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.db"
    return {
        "raw file": db.read_bytes(),
        "raw wal": wal.read_bytes() if wal.exists() else b"",
        "decrypted pages": decrypted_file_pages(db, key),
        "decrypted wal": decrypted_wal_frames(wal, key),
        "plain export": plain_export(crew.station, export),
    }


def _ship_by(crew: Crew, order_id: str) -> datetime:
    start = crew.clock.now()
    return start - timedelta(days=1) if order_id == DUE[2] else start + timedelta(days=60)


def _seed(crew: Crew, *, later: tuple[str, ...] = ()) -> None:
    """Orders due and not due for erasure; the recipients of ``later`` orders are added by the caller."""
    st, clock = crew.station, crew.clock
    add_seller(st)
    start = clock.now()
    for order_id in (*DUE, *KEPT):
        recipient = Recipient("") if order_id in later else None
        st.store.orders.upsert(make_order(order_id, ship_by=_ship_by(crew, order_id), recipient=recipient),
                               now=iso(start))  # fmt: skip
    for order_id in (DUE[0], KEPT[0]):
        pid = st.store.packages.create(order_id, 1, [(f"{order_id}-0", 1)], weight_lb=1, dims_in=(1, 1, 1),
                                       idempotency_key="k" + order_id, status="open", now="t", by="pat")  # fmt: skip
        label = f"^XA^FD{marker(order_id + 'name')}^FS^FD{marker(order_id + 'line1')}^FS^XZ".encode()
        st.store.packages.set_label(pid, carrier="UPS", service="Ground", tracking="1Z" + order_id[-4:],
                                    shipment_id="s", label_format="ZPL", label_document=label, cost=1,
                                    currency="USD")  # fmt: skip
    st.store.orders.set_status(DUE[0], OrderStatus.SHIPPED, now=iso(start))
    st.store.orders.set_status(DUE[1], OrderStatus.CANCELLED, now=iso(start))
    clock.advance(31 * 86400)
    st.store.orders.set_status(KEPT[0], OrderStatus.SHIPPED, now=iso(clock.now()))


def test_purge_erases_due_pii_and_labels_everywhere(crew: Crew, tmp_path: Path) -> None:
    _seed(crew, later=(DUE[0],))
    st = crew.station
    # Part of the PII sits in the main file, part only in the WAL.
    st.store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    st.store.orders.upsert(make_order(DUE[0], ship_by=_ship_by(crew, DUE[0])), now="t")
    before = _everything(crew, tmp_path)
    assert any(v.encode() in before["decrypted wal"] for v in pii_values(DUE[0]))  # the scanners do see PII
    assert any(v.encode() in before["decrypted pages"] for v in pii_values(DUE[1]))
    for where in ("raw file", "raw wal"):
        assert not any(v.encode() in before[where] for o in DUE for v in pii_values(o)), where

    dry = st.retention.purge(crew.login(ADMIN), dry_run=True)
    assert dry.orders == 3 and st.store.orders.recipient(DUE[0]) is not None
    result = st.retention.purge(crew.login(ADMIN))
    assert (result.orders, result.recipients, result.label_documents) == (3, 3, 1)
    for order_id in DUE:
        assert st.store.orders.recipient(order_id) is None
        assert st.store.orders.get(order_id) is not None  # the order's history stays
    for order_id in KEPT:
        assert st.store.orders.recipient(order_id) is not None
    assert st.store.packages.for_order(DUE[0])[0].tracking  # package kept, document gone
    assert st.store.packages.label_document(st.store.packages.for_order(DUE[0])[0].package_id) is None
    assert st.store.packages.label_document(st.store.packages.for_order(KEPT[0])[0].package_id) is not None

    after = _everything(crew, tmp_path)
    for where, data in after.items():
        for order_id in DUE:
            for value in pii_values(order_id):
                assert value.encode() not in data, f"erased PII found in {where}"
    kept = pii_values(KEPT[0])[0].encode()
    assert kept in after["plain export"] and kept in after["decrypted pages"] + after["decrypted wal"]
    audit = st.store.audit_rows.search(action="purge.completed")
    assert json.loads(audit[0].detail)["erased"]["orders"] == 3


def test_pii_erased_on_schedule_not_before(crew: Crew) -> None:
    add_seller(crew.station)
    st = crew.station
    st.store.orders.upsert(make_order(DUE[0]), now="t")
    st.store.orders.set_status(DUE[0], OrderStatus.SHIPPED, now=iso(crew.clock.now()))
    crew.clock.advance(29 * 86400)
    assert st.retention.purge(crew.login(ADMIN)).orders == 0
    crew.clock.advance(86400 + 60)
    assert st.retention.purge(crew.login(ADMIN)).orders == 1
    with pytest.raises(NotFound):
        st.buyer_data.view_address(crew.login(ADMIN), DUE[0])


def test_retention_is_never_more_than_thirty_days(crew: Crew) -> None:
    admin = crew.login(ADMIN)
    with pytest.raises(UsageError):
        crew.station.change_setting(admin, "retention_days", 31)
    crew.station.store.settings.set("retention_days", 90, now="t", by="x")  # a store edited behind our back
    assert retention_days(crew.station.store) == 30
    crew.station.change_setting(admin, "retention_days", 7)
    assert retention_days(crew.station.store) == 7


def test_seller_forget_erases_everything_and_its_token(crew: Crew, tmp_path: Path) -> None:
    st = crew.station
    add_seller(st, name=marker("seller-name"))
    add_seller(st, "A2OTHERSELLER01", name="Other Seller")
    st.secrets.put(refresh_token_name(SELLER_ID), b"Atzr|seller-token-to-forget")
    st.secrets.put(refresh_token_name("A2OTHERSELLER01"), b"Atzr|other-token")
    for order_id in DUE:
        st.store.orders.upsert(make_order(order_id), now="t")
    st.store.orders.upsert(make_order(KEPT[0], seller_id="A2OTHERSELLER01"), now="t")
    st.store.outbox.enqueue("confirm_shipment", SELLER_ID, DUE[0], "idem-1", {"order": DUE[0]}, now="t")
    st.store.cursors.set(SELLER_ID, "orders", "2026-01-01", now="t")

    counts = st.sellers.forget(crew.login(ADMIN), SELLER_ID)
    assert counts["orders"] == 3 and counts["recipients"] == 3 and counts["outbox"] == 1
    assert counts["order_items"] == 6 and counts["sellers"] == 1
    assert st.secrets.get(refresh_token_name(SELLER_ID)) is None
    assert st.secrets.get(refresh_token_name("A2OTHERSELLER01")) is not None
    assert st.store.orders.recipient(KEPT[0]) is not None
    row = st.store.audit_rows.search(action="seller.forgotten")[0]
    assert row.target == SELLER_ID and json.loads(row.detail)["erased"]["orders"] == 3

    after = _everything(crew, tmp_path)
    gone = [marker("seller-name"), *DUE] + [v for o in DUE for v in pii_values(o)]
    for where, data in after.items():
        for value in gone:
            if where == "decrypted pages" or where == "decrypted wal" or where == "raw file":
                assert value.encode() not in data, f"{where} still holds erased data"
    # Order ids stay in the audit trail only as targets of views; here no views were made.
    assert all(value.encode() not in after["plain export"] for value in gone)
