"""Point 3: forward-only migrations tested on a real old store kept in tests/fixtures/old_schema."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from station.errors import StoreError
from station.store import Store
from station.store.db import Database, code_schema_version

FIXTURE = Path(__file__).parents[1] / "fixtures" / "old_schema"


@pytest.fixture
def old_store(tmp_path: Path) -> tuple[Path, bytes]:
    target = tmp_path / "station.db"
    shutil.copyfile(FIXTURE / "station-v1.db", target)
    return target, bytes.fromhex((FIXTURE / "key.hex.txt").read_text().strip())


def test_fixture_is_a_real_encrypted_schema_1_store(old_store: tuple[Path, bytes]) -> None:
    path, key = old_store
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    raw = sqlcipher3.connect(str(path))
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    raw.close()


def test_old_store_upgrades_and_keeps_its_data(old_store: tuple[Path, bytes]) -> None:
    path, key = old_store
    store = Store(Database(path, key))
    try:
        assert store.db.user_version() == code_schema_version()
        assert str(store.db.query_one("PRAGMA journal_mode")[0]).lower() == "wal"
        assert store.db.query_one("PRAGMA auto_vacuum")[0] == 2
        assert store.settings.get("station_name") == "Old Bench"
        assert store.sellers.get("A1OLDSELLER0001") is not None
        order = store.orders.get("111-0000000-0000001", with_recipient=True)
        assert order is not None and order.recipient is not None and order.recipient.city == "Testville"
        assert [(m.sku, m.multiplier) for m in store.products.resolve("10012345678902")] == [("OLD-SKU-1", 6)]
        assert [e.idempotency_key for e in store.outbox.pending()] == ["old-key-1"]
        assert store.cursors.get("A1OLDSELLER0001", "orders.lastUpdatedAfter") == "2025-12-01T00:00:00Z"
        assert store.operators.by_name("alice") is not None
        assert store.db.query("PRAGMA foreign_key_check") == []
        assert store.db.query_one("PRAGMA integrity_check")[0] == "ok"
    finally:
        store.close()
    again = Database(path, key)  # opening an up-to-date store applies nothing
    assert again.user_version() == code_schema_version()
    again.close()


def test_old_store_refuses_the_wrong_key_unchanged(old_store: tuple[Path, bytes]) -> None:
    path, _ = old_store
    before = path.read_bytes()
    with pytest.raises(StoreError):
        Database(path, bytes(32))
    assert path.read_bytes() == before
