"""Point 8: encrypted backups sealed to the recovery key, restore on a new PC, pruning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from station.app import Station, restore
from station.errors import AuthenticationFailed, StoreError
from station.services.backup import MAGIC, new_recovery_key
from tests.station.support import (
    ADMIN,
    ADMIN_PW,
    PASSWORDS,
    SELLER_ID,
    Crew,
    add_seller,
    make_order,
    pii_values,
)

NEW_PASSPHRASE = "another station, another passphrase"
KEPT_SECRET = "hub.credential"  # any secret of the station's own travels in the backup


def _populate(crew: Crew) -> list[str]:
    st = crew.station
    add_seller(st)
    st.secrets.put(KEPT_SECRET, b"Atzr|token-that-must-survive")
    ids = [f"111-3000000-000000{n}" for n in range(5)]
    for order_id in ids:
        st.store.orders.upsert(make_order(order_id), now="t")
    for n in range(3):
        st.store.outbox.enqueue("confirm_shipment", SELLER_ID, ids[n], f"idem-{n}", {"n": n}, now="t")
    return ids


def test_backup_then_restore_on_a_fresh_home_loses_nothing(crew: Crew, tmp_path: Path) -> None:
    ids = _populate(crew)
    st = crew.station
    info = st.backup(crew.login(ADMIN), tmp_path / "share")
    blob = info.path.read_bytes()
    assert blob.startswith(MAGIC) and b"SQLite format 3" not in blob
    for value in (*pii_values(ids[0]), "token-that-must-survive", ADMIN):
        assert value.encode() not in blob
    rows_before = st.audit.verify().rows
    crew.station.close()

    new_home = tmp_path / "new-pc" / "home"
    restored = restore(info.path, crew.recovery_key, new_home, NEW_PASSPHRASE, ADMIN, ADMIN_PW, crew.code(ADMIN),
                       clock=crew.clock)  # fmt: skip
    try:
        assert restored.config.station_id == st.config.station_id
        assert {o.order_id for o in restored.store.orders.queue()} == set(ids)
        assert restored.store.orders.recipient(ids[0]) == make_order(ids[0]).recipient
        assert [e.idempotency_key for e in restored.store.outbox.pending()] == ["idem-0", "idem-1", "idem-2"]
        assert restored.secrets.get(KEPT_SECRET) == b"Atzr|token-that-must-survive"
        result = restored.audit.verify()
        assert result.ok and result.rows > rows_before  # the chain goes on: login + backup.restored
        proven = restored.audit.verify(crew.recovery_key)  # item 5: the sealing key was derived anew
        assert proven.ok and proven.proven and proven.sealed_from == 1
        assert restored.store.audit_rows.search(action="backup.restored")
        # The other operators come along, with their TOTP seeds.
        assert restored.auth.login_password("lead", PASSWORDS["lead"], crew.code("lead")).name == "lead"
    finally:
        restored.close()
    # The new home opens with its own passphrase only.
    with pytest.raises(StoreError):
        Station.open(new_home, "wrong passphrase")
    Station.open(new_home, NEW_PASSPHRASE, clock=crew.clock).close()
    crew.station = Station.open(st.home, "test passphrase: not a real one", clock=crew.clock)


def test_restore_refuses_wrong_recovery_key_and_non_admins(crew: Crew, tmp_path: Path) -> None:
    _populate(crew)
    info = crew.station.backup(crew.login(ADMIN), tmp_path / "share")
    other_key, _ = new_recovery_key()
    target = tmp_path / "new"
    with pytest.raises(StoreError):
        restore(info.path, other_key, target, NEW_PASSPHRASE, ADMIN, ADMIN_PW, crew.code(ADMIN), clock=crew.clock)
    assert not target.exists()
    with pytest.raises(AuthenticationFailed):
        restore(info.path, crew.recovery_key, target, NEW_PASSPHRASE, "lead", PASSWORDS["lead"], crew.code("lead"),
                clock=crew.clock)  # fmt: skip
    assert not target.exists()
    with pytest.raises(AuthenticationFailed):
        restore(info.path, crew.recovery_key, target, NEW_PASSPHRASE, ADMIN, "Wrong-Password-1!", crew.code(ADMIN),
                clock=crew.clock)  # fmt: skip
    assert not target.exists()
    damaged = tmp_path / "damaged.ppsbak"
    data = bytearray(info.path.read_bytes())
    data[len(MAGIC) + 40] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        restore(damaged, crew.recovery_key, target, NEW_PASSPHRASE, ADMIN, ADMIN_PW, crew.code(ADMIN), clock=crew.clock)


def test_restore_refuses_a_home_that_holds_a_station(crew: Crew, tmp_path: Path) -> None:
    info = crew.station.backup(crew.login(ADMIN), tmp_path / "share")
    with pytest.raises(StoreError):
        restore(info.path, crew.recovery_key, crew.station.home, NEW_PASSPHRASE, ADMIN, ADMIN_PW, crew.code(ADMIN),
                clock=crew.clock)  # fmt: skip
    assert crew.station.audit.verify().ok


def test_old_backups_are_pruned_past_retention(crew: Crew, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    first = crew.station.backup(crew.login(ADMIN), folder)
    crew.clock.advance(10 * 86400)
    second = crew.station.backup(crew.login(ADMIN), folder)
    assert first.path.exists() and second.path.exists()
    crew.clock.advance(21 * 86400)  # the first is now 31 days old, past the 30-day retention
    third = crew.station.backup(crew.login(ADMIN), folder)
    assert not first.path.exists() and second.path.exists() and third.path.exists()
    assert crew.station.backups(folder) == sorted([second.path, third.path])


def test_failed_restore_into_an_existing_folder_keeps_its_files(crew: Crew, tmp_path: Path) -> None:
    info = crew.station.backup(crew.login(ADMIN), tmp_path / "share")
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("someone's own file")
    with pytest.raises(AuthenticationFailed):
        restore(info.path, crew.recovery_key, folder, NEW_PASSPHRASE, ADMIN, "Wrong-Password-1!", crew.code(ADMIN),
                clock=crew.clock)  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_restore_makes_the_home_private_as_init_does(crew: Crew, tmp_path: Path) -> None:
    """Issue 10 item 12: the restored home is 0700 (store, sealed secrets, logs), whatever the umask."""
    info = crew.station.backup(crew.login(ADMIN), tmp_path / "share")
    assert crew.station.home.stat().st_mode & 0o777 == 0o700  # what init does
    old_umask = os.umask(0o022)
    try:
        new_home = tmp_path / "new-pc" / "home"
        restored = restore(info.path, crew.recovery_key, new_home, NEW_PASSPHRASE, ADMIN, ADMIN_PW, crew.code(ADMIN),
                           clock=crew.clock)  # fmt: skip
        restored.close()
        assert new_home.stat().st_mode & 0o777 == 0o700
        existing = tmp_path / "existing"
        existing.mkdir(mode=0o755)
        restored = restore(info.path, crew.recovery_key, existing, NEW_PASSPHRASE, ADMIN, ADMIN_PW,
                           crew.code(ADMIN), clock=crew.clock)  # fmt: skip
        restored.close()
        assert existing.stat().st_mode & 0o777 == 0o700
    finally:
        os.umask(old_umask)
