"""Point 3: the encrypted store — SQLCipher, raw key, pragmas, migrations, refusing what it cannot open."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from station.errors import StoreError
from station.store.db import PLAIN_SQLITE_MAGIC, Database, code_schema_version, migrations, split_sql


def _snapshot(folder: Path) -> dict[str, str]:
    """Name -> sha256 of every file in a folder (to prove nothing on disk changed)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def db_path(tmp_path: Path, key: bytes) -> Path:
    path = tmp_path / "store" / "station.db"
    path.parent.mkdir()
    db = Database(path, key, create=True)
    db.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('station_name', '\"x\"', 't', 'u')")
    db.close()
    return path


def test_file_is_encrypted_and_unreadable_by_plain_sqlite(db_path: Path) -> None:
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    assert b"station_name" not in db_path.read_bytes()
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_pragmas_of_an_open_store(db_path: Path, key: bytes) -> None:
    db = Database(db_path, key)
    try:
        one = lambda pragma: db.query_one(f"PRAGMA {pragma}")[0]  # noqa: E731
        assert str(one("journal_mode")).lower() == "wal"
        assert one("synchronous") == 2  # FULL
        assert one("secure_delete") == 1
        assert one("auto_vacuum") == 2  # INCREMENTAL, fixed at creation
        assert one("foreign_keys") == 1
        assert db.user_version() == code_schema_version()
        assert str(one("cipher_version")).startswith("4.")
    finally:
        db.close()


def test_wrong_key_is_a_clear_error_and_changes_nothing(db_path: Path) -> None:
    before = _snapshot(db_path.parent)
    with pytest.raises(StoreError) as caught:
        Database(db_path, secrets.token_bytes(32))
    message = str(caught.value)
    assert "\n" not in message and "wrong key" in message
    assert _snapshot(db_path.parent) == before


def test_foreign_file_and_plain_sqlite_are_refused_without_change(tmp_path: Path, key: bytes) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a spreadsheet, not a store" * 200)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    before = _snapshot(tmp_path)
    for path in (junk, plain):
        with pytest.raises(StoreError) as caught:
            Database(path, key)
        assert "\n" not in str(caught.value)
    assert _snapshot(tmp_path) == before
    assert plain.read_bytes().startswith(PLAIN_SQLITE_MAGIC)


def test_missing_store_is_not_created_unless_asked(tmp_path: Path, key: bytes) -> None:
    with pytest.raises(StoreError):
        Database(tmp_path / "none.db", key)
    assert not (tmp_path / "none.db").exists()


def test_key_must_be_256_bits(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Database(tmp_path / "x.db", b"short", create=True)


def test_newer_schema_than_code_is_refused(db_path: Path, key: bytes) -> None:
    conn = sqlcipher3.connect(str(db_path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA user_version = {code_schema_version() + 1}")
    conn.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(StoreError, match="newer than this program"):
        Database(db_path, key)
    assert _snapshot(db_path.parent) == before


def test_migrations_are_numbered_forward_only_and_recorded(tmp_path: Path, key: bytes) -> None:
    shipped = migrations()
    assert [v for v, _, _ in shipped] == list(range(1, len(shipped) + 1))
    # A store created empty (user_version 0) is brought up to date in one go.
    path = tmp_path / "empty.db"
    raw = sqlcipher3.connect(str(path))
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute("PRAGMA auto_vacuum = INCREMENTAL")
    raw.execute("CREATE TABLE scratch (x)")
    raw.close()
    db = Database(path, key)
    try:
        assert db.user_version() == code_schema_version()
        tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"orders", "order_items", "recipients", "audit_events", "outbox", "operators"} <= tables
    finally:
        db.close()


def test_failed_migration_rolls_back(tmp_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    import station.store.db as dbmod

    broken = [(1, "0001_broken.sql", "CREATE TABLE a (x);\nCREATE TABLE a (x);\n")]
    monkeypatch.setattr(dbmod, "migrations", lambda: broken)
    with pytest.raises(sqlcipher3.DatabaseError):
        Database(tmp_path / "b.db", key, create=True)
    monkeypatch.undo()
    raw = sqlcipher3.connect(str(tmp_path / "b.db"))
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'a'").fetchone()[0] == 0
    raw.close()


def test_split_sql_keeps_triggers_whole() -> None:
    statements = split_sql(
        "CREATE TABLE t (x);\n-- comment;\nCREATE TRIGGER g BEFORE DELETE ON t\n"
        "BEGIN SELECT RAISE(ABORT, 'no'); END;\nCREATE INDEX i ON t (x);\n"
    )
    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_transactions_roll_back_on_error(db_path: Path, key: bytes) -> None:
    db = Database(db_path, key)
    try:
        with pytest.raises(RuntimeError), db.transaction() as conn:
            conn.execute("INSERT INTO settings VALUES ('k1', '1', 't', 'u')")
            with db.transaction() as inner:  # nested joins the outer one
                inner.execute("INSERT INTO settings VALUES ('k2', '1', 't', 'u')")
            raise RuntimeError("boom")
        assert db.query_one("SELECT count(*) FROM settings WHERE key IN ('k1', 'k2')")[0] == 0
    finally:
        db.close()


def test_foreign_keys_are_enforced(db_path: Path, key: bytes) -> None:
    db = Database(db_path, key)
    try:
        with pytest.raises(sqlcipher3.IntegrityError):
            db.execute("INSERT INTO orders (order_id, seller_id, created_at) VALUES ('o', 'NOSELLER', 't')")
    finally:
        db.close()


def test_plain_mode_is_a_real_sqlite_file(tmp_path: Path) -> None:
    db = Database(tmp_path / "plain.db", None, plain=True, create=True)
    db.close()
    assert (tmp_path / "plain.db").read_bytes().startswith(PLAIN_SQLITE_MAGIC)


def test_page_cache_is_sized_for_decrypted_pages(db_path: Path, key: bytes) -> None:
    db = Database(db_path, key)
    try:
        assert db.query_one("PRAGMA cache_size")[0] <= -64 * 1024  # KiB: at least 64 MiB
    finally:
        db.close()
