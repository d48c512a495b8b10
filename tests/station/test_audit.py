"""Point 6: the audit trail — HMAC chain, head outside the table, tamper detection, what it records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sqlcipher3

from station.errors import AuditVerificationFailed, PermissionDenied
from station.services.audit import HEAD_FILE
from tests.station.support import (
    ADMIN,
    PACKER_BADGE,
    PACKER_PIN,
    PASSPHRASE,
    Crew,
    add_seller,
    make_order,
    pii_values,
    secret_values,
)


def _drop_guards(crew: Crew):  # type: ignore[no-untyped-def]
    """An attacker holding the store key first drops the append-only triggers."""
    conn = crew.station.store.db.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def _fill(crew: Crew, n: int = 6) -> None:
    for i in range(n):
        crew.station.audit.record(ADMIN, "test.event", target=f"t{i}", n=i)


def test_chain_verifies_and_rows_are_append_only(crew: Crew) -> None:
    _fill(crew)
    result = crew.station.audit.verify()
    assert result.ok and result.rows == crew.station.store.audit_rows.last().seq  # type: ignore[union-attr]
    conn = crew.station.store.db.conn
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 2")
    with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit_events WHERE seq = 2")
    assert crew.station.audit.verify().ok


def test_edited_row_is_named(crew: Crew) -> None:
    _fill(crew)
    _drop_guards(crew).execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 4")
    result = crew.station.audit.verify()
    assert not result.ok and result.first_bad_seq == 4 and "MAC" in result.reason
    with pytest.raises(AuditVerificationFailed, match="first bad row: 4"):
        crew.station.audit.verify_or_raise()


def test_edit_with_a_recomputed_mac_under_another_key_is_caught(crew: Crew) -> None:
    import hashlib
    import hmac

    _fill(crew)
    row = crew.station.store.audit_rows.search(action="test.event", limit=100)[-1]
    forged = hmac.new(b"k" * 32, b"forged", hashlib.sha256).hexdigest()
    _drop_guards(crew).execute("UPDATE audit_events SET severity = 'info', mac = ? WHERE seq = ?", (forged, row.seq))
    assert crew.station.audit.verify().first_bad_seq == row.seq


def test_deleted_row_is_named(crew: Crew) -> None:
    _fill(crew)
    _drop_guards(crew).execute("DELETE FROM audit_events WHERE seq = 3")
    result = crew.station.audit.verify()
    assert not result.ok and result.first_bad_seq == 4 and "missing" in result.reason


def test_swapped_rows_are_named(crew: Crew) -> None:
    _fill(crew)
    conn = _drop_guards(crew)
    cols = "at, actor, action, severity, target, detail, mac"
    a = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = 3").fetchone()
    b = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = 4").fetchone()
    assign = ", ".join(f"{c} = ?" for c in cols.split(", "))
    conn.execute(f"UPDATE audit_events SET {assign} WHERE seq = 3", b)
    conn.execute(f"UPDATE audit_events SET {assign} WHERE seq = 4", a)
    result = crew.station.audit.verify()
    assert not result.ok and result.first_bad_seq == 3


def test_row_moved_to_the_end_is_named(crew: Crew) -> None:
    """seq is the rowid, so a reorder means renumbering: row 3 moved after the newest row."""
    _fill(crew)
    conn = _drop_guards(crew)
    last = crew.station.store.audit_rows.last().seq  # type: ignore[union-attr]
    conn.execute("UPDATE audit_events SET seq = ? WHERE seq = 3", (last + 1,))
    result = crew.station.audit.verify()
    assert not result.ok and result.first_bad_seq == 4 and "missing" in result.reason


def test_truncation_of_the_newest_rows_is_detected_by_the_head(crew: Crew) -> None:
    _fill(crew)
    last = crew.station.store.audit_rows.last().seq  # type: ignore[union-attr]
    _drop_guards(crew).execute("DELETE FROM audit_events WHERE seq > ?", (last - 2,))
    result = crew.station.audit.verify()
    assert not result.ok and result.first_bad_seq == last - 1 and "newest rows removed" in result.reason


def test_head_file_tampering_or_removal_is_detected(crew: Crew) -> None:
    _fill(crew)
    head = crew.station.home / HEAD_FILE
    original = head.read_text()
    data = json.loads(original)
    head.write_text(json.dumps({**data, "seq": data["seq"] - 1}))
    assert not crew.station.audit.verify().ok
    head.unlink()
    result = crew.station.audit.verify()
    assert not result.ok and "missing" in result.reason
    head.write_text(original)
    assert crew.station.audit.verify().ok


@pytest.mark.xfail(strict=True, reason="known gap: an old genuine audit.head copy hides a later truncation")
def test_truncation_with_an_old_head_copy_is_detected(crew: Crew) -> None:
    _fill(crew)
    head = crew.station.home / HEAD_FILE
    stale = head.read_text()
    _fill(crew, 2)
    last = crew.station.store.audit_rows.last().seq  # type: ignore[union-attr]
    _drop_guards(crew).execute("DELETE FROM audit_events WHERE seq > ?", (last - 2,))
    head.write_text(stale)
    assert not crew.station.audit.verify().ok


def test_export_writes_json_lines(crew: Crew) -> None:
    _fill(crew, 3)
    out = io.StringIO()
    count = crew.station.audit.export(out)
    lines = out.getvalue().splitlines()
    assert count == len(lines) == crew.station.audit.verify().rows
    first = json.loads(lines[0])
    assert {"seq", "at", "actor", "action", "severity", "target", "detail", "mac"} <= set(first)
    assert isinstance(first["detail"], dict)


def test_trail_records_what_matters_and_never_pii_or_secrets(crew: Crew, tmp_path: Path) -> None:
    st = crew.station
    add_seller(st)
    order = make_order("111-0000005-0000001")
    st.store.orders.upsert(order, now="t")
    packer = st.auth.login_badge(PACKER_BADGE, PACKER_PIN)
    st.buyer_data.view_address(packer, order.order_id)
    with pytest.raises(PermissionDenied):
        st.retention.purge(packer)
    admin = crew.login(ADMIN)
    st.change_setting(admin, "retention_days", 10)
    st.retention.purge(admin)
    st.backup(admin, tmp_path / "bk")
    st.auth.disable(admin, "admin2")
    st.sellers.forget(admin, "A1SELLER0000001")
    actions = {r.action for r in st.audit.rows()}
    assert {
        "station.initialised", "user.added", "login.succeeded", "pii.address_viewed", "permission.denied",
        "settings.changed", "purge.completed", "backup.written", "user.disabled", "seller.forgotten",
    } <= actions  # fmt: skip
    text = "\n".join(json.dumps(r.__dict__) for r in st.audit.rows())
    for value in pii_values(order.order_id):
        assert value not in text
    for name, encodings in secret_values(st).items():
        for encoded in encodings:
            assert encoded.decode("latin-1") not in text, name
    assert PASSPHRASE not in text
    assert st.audit.verify().ok


def test_a_rolled_back_append_leaves_the_chain_and_head_verifiable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An audit row written inside a caller's transaction that then fails must not move the head."""
    import os

    from station.clock import VirtualClock
    from station.services.audit import AuditTrail
    from station.store import Database, Store

    store = Store(Database(tmp_path / "s.db", os.urandom(32), create=True))
    trail = AuditTrail(store, os.urandom(32), tmp_path / "audit.head", VirtualClock())
    trail.record("amy", "order.opened", target="1")
    try:
        with store.transaction():
            trail.record("amy", "label.purchased", target="1")
            raise RuntimeError("the caller's change failed")
    except RuntimeError:
        pass
    assert trail.read_head() is not None and trail.read_head()[0] == 1  # type: ignore[index]
    assert trail.verify().ok
    trail.record("amy", "order.shipped", target="1")
    assert trail.verify().ok and trail.verify().rows == 2
