"""Point 6: the audit trail — HMAC chain, head outside the table, tamper detection, what it records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sqlcipher3

from station.errors import AuditVerificationFailed, PermissionDenied
from station.services.audit import HEAD_FILE
from station.store.audit_rows import AuditRow
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


def test_truncation_with_an_old_head_copy_is_detected(crew: Crew) -> None:
    """Issue 10 item 5: the sealing key state in the secret store is ahead of the rolled-back rows and head."""
    _fill(crew)
    head = crew.station.home / HEAD_FILE
    stale = head.read_text()
    _fill(crew, 2)
    last = crew.station.store.audit_rows.last().seq  # type: ignore[union-attr]
    _drop_guards(crew).execute("DELETE FROM audit_events WHERE seq > ?", (last - 2,))
    head.write_text(stale)
    result = crew.station.audit.verify()
    assert not result.ok and result.first_bad_seq == last - 1 and "sealing key" in result.reason


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


# -- issue 10 item 5: forward-secure sealing ------------------------------------------------------
def _rechain_with_stolen_keys(crew: Crew, from_seq: int, *, edit: str = "", delete: bool = False) -> None:
    """An attacker holding the store AND the secret store rewrites history from ``from_seq`` on.

    They edit (or delete) a row, re-seal every later row with the keys they can read today (the current
    sealing key and the station's check key), move the sealing key state on and re-sign the head.
    """
    from station.audit_chain import AuditChain, ChainRow, Entry, KeyState, MemoryKeyStates
    from station.home import AUDIT_KEY
    from station.services.audit import AUDIT_STATE

    st = crew.station
    check_key, raw_state = st.secrets.get(AUDIT_KEY), st.secrets.get(AUDIT_STATE)
    assert check_key is not None and raw_state is not None
    rows = list(st.audit.rows())
    keep, rewrite = rows[: from_seq - 1], rows[from_seq - 1 :]
    if delete:
        rewrite = rewrite[1:]
    elif edit:
        rewrite = [AuditRow(**{**rewrite[0].__dict__, "actor": edit}), *rewrite[1:]]
    stolen = MemoryKeyStates()
    stolen.reset(KeyState(keep[-1].seq, keep[-1].mac, KeyState.from_bytes(raw_state).key))
    chain = AuditChain(st.config.station_id, check_key, stolen, HeadFileStub())
    conn = _drop_guards(crew)
    conn.execute("DELETE FROM audit_events WHERE seq >= ?", (from_seq,))
    last = ChainRow(**keep[-1].__dict__)
    for old in rewrite:
        last, state = chain.seal(last, Entry(old.at, old.actor, old.action, old.severity, old.target, old.detail))
        conn.execute("INSERT INTO audit_events (seq, at, actor, action, severity, target, detail, mac) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(last.__dict__.values()))  # fmt: skip
    assert state is not None
    st.secrets.put(AUDIT_STATE, state.to_bytes())
    (st.home / HEAD_FILE).write_text(
        json.dumps({"seq": last.seq, "mac": last.mac, "tag": chain.head_tag(last.seq, last.mac)})
    )


class HeadFileStub:
    def publish(self, head: object) -> None: ...

    def read(self) -> None:
        return None


def test_history_rewritten_with_the_stolen_current_keys_is_caught_with_the_recovery_key(crew: Crew) -> None:
    """Item 5: whoever takes today's keys cannot re-seal yesterday's rows; the recovery key names the row."""
    _fill(crew)
    assert crew.station.audit.verify(crew.recovery_key).proven
    _rechain_with_stolen_keys(crew, 3, edit="mallory")
    routine = crew.station.audit.verify()
    assert routine.ok and not routine.proven  # the station's own keys cannot tell: that is the point
    result = crew.station.audit.verify(crew.recovery_key)
    assert not result.ok and result.first_bad_seq == 3 and "forward-secure" in result.reason
    with pytest.raises(AuditVerificationFailed, match="first bad row: 3"):
        crew.station.audit.verify_or_raise(crew.recovery_key)


def test_a_row_deleted_and_the_rest_renumbered_with_the_stolen_keys_is_caught(crew: Crew) -> None:
    _fill(crew)
    _rechain_with_stolen_keys(crew, 4, delete=True)
    assert crew.station.audit.verify().ok
    result = crew.station.audit.verify(crew.recovery_key)
    assert not result.ok and result.first_bad_seq == 4


def test_recovery_key_proves_every_row_and_names_a_plain_edit(crew: Crew) -> None:
    _fill(crew)
    result = crew.station.audit.verify(crew.recovery_key)
    assert result.ok and result.proven and result.sealed_from == 1 and result.legacy_rows == 0
    assert crew.station.store.audit_rows.search(action="audit.sealing_started", limit=5)[-1].seq == 1
    _drop_guards(crew).execute("UPDATE audit_events SET target = 'x' WHERE seq = 5")
    result = crew.station.audit.verify(crew.recovery_key)
    assert not result.ok and result.first_bad_seq == 5


def test_a_recovery_key_of_another_station_is_refused(crew: Crew) -> None:
    from station.errors import UsageError
    from station.services.backup import new_recovery_key

    with pytest.raises(UsageError, match="does not belong"):
        crew.station.audit.verify(new_recovery_key()[0])


def test_old_keys_are_gone_from_the_secret_store(crew: Crew) -> None:
    """Only the key for the next row is kept; the seed and earlier keys are nowhere in the home."""
    from station.audit_chain import KeyState, evolve, segment_seed
    from station.services.audit import AUDIT_STATE
    from station.services.backup import recovery_secret

    _fill(crew, 3)
    st = crew.station
    raw = st.secrets.get(AUDIT_STATE)
    assert raw is not None
    state = KeyState.from_bytes(raw)
    assert state.seq == st.store.audit_rows.last().seq  # type: ignore[union-attr]
    key = segment_seed(recovery_secret(crew.recovery_key), st.config.station_id, 1)
    old_keys = []
    for _ in range(state.seq):
        old_keys.append(key)
        key = evolve(key)
    assert key == state.key
    stored = b"".join(v for n in st.secrets.names() if (v := st.secrets.get(n)) is not None)
    files = b"".join(p.read_bytes() for p in st.home.iterdir() if p.is_file())
    for old in old_keys:
        for blob in (stored, files):
            assert old not in blob and old.hex().encode() not in blob


def test_a_legacy_chain_is_checked_with_the_old_key_and_sealing_starts_after_it(tmp_path: Path) -> None:
    """Migration: rows of a station from before sealing stay checkable; sealing starts after them."""
    import os

    from station.audit_chain import MemoryKeyStates
    from station.clock import VirtualClock
    from station.services.audit import AuditTrail
    from station.services.backup import new_recovery_key
    from station.store import Database, Store

    recovery, public = new_recovery_key()
    store = Store(Database(tmp_path / "s.db", os.urandom(32), create=True))
    key_states = MemoryKeyStates()
    trail = AuditTrail(store, os.urandom(32), tmp_path / HEAD_FILE, VirtualClock(), key_states=key_states,
                       chain_id="legacy-station", recovery_public_hex=public)  # fmt: skip
    for i in range(4):
        trail.record("amy", "order.opened", target=str(i))
    assert len(store.audit_rows.last().mac) == 64  # type: ignore[union-attr]  # old single-key rows
    legacy = trail.verify()
    assert legacy.ok and legacy.legacy_rows == 4 and legacy.sealed_from is None
    assert trail.start_sealing(recovery) == 5
    trail.record("amy", "order.packed", target="0")
    result = trail.verify(recovery)
    assert result.ok and result.proven and result.sealed_from == 5 and result.legacy_rows == 4
    # Re-writing an old row under the old key breaks the first sealed row, which covers the old tail.
    store.db.conn.execute("DROP TRIGGER audit_no_update")
    store.db.conn.execute("DROP TRIGGER audit_no_delete")
    rows = list(trail.rows())
    store.db.conn.execute("DELETE FROM audit_events")
    from station.audit_chain import legacy_mac

    previous = "0" * 64
    for row in rows:
        if row.seq <= 4:
            row = AuditRow(**{**row.__dict__, "target": "forged" if row.seq == 2 else row.target, "mac": ""})
            row = AuditRow(**{**row.__dict__, "mac": legacy_mac(trail.chain._check_key, previous, row)})
        store.audit_rows.insert(store.db.conn, row)
        previous = row.mac
    result = trail.verify(recovery)
    assert not result.ok and result.first_bad_seq == 5


def test_a_crash_between_commit_and_key_update_is_caught_up(crew: Crew) -> None:
    """A process killed after the row committed but before the key moved on: the next append catches up."""
    from station.services.audit import AUDIT_STATE

    _fill(crew, 2)
    st = crew.station
    behind = st.secrets.get(AUDIT_STATE)
    _fill(crew, 1)
    st.secrets.put(AUDIT_STATE, behind)  # as if the key update never happened
    assert st.audit.verify().ok  # a key behind the rows is a crash, not a rollback
    _fill(crew, 2)
    result = st.audit.verify(crew.recovery_key)
    assert result.ok and result.proven


def test_two_processes_share_one_sealed_chain(crew: Crew) -> None:
    """The GUI and the CLI append to one chain from two Station objects on the same home."""
    from station.app import Station
    from tests.station.support import PASSPHRASE

    other = Station.open(crew.station.home, PASSPHRASE, clock=crew.clock)
    try:
        for i in range(6):
            (crew.station if i % 2 else other).audit.record(ADMIN, "test.event", target=str(i))
        result = crew.station.audit.verify(crew.recovery_key)
        assert result.ok and result.proven
    finally:
        other.close()
