"""Authentication, encryption at rest and TLS controls: lockout, wrong key, unreadable files, no plain http."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from station.app import Station
from station.errors import AuthenticationFailed, LockedOut, StationError
from station.store.db import Database
from sync.spapi.endpoints import InsecureEndpoint, check_url
from tests.station.support import (
    ADMIN,
    ADMIN_PW,
    PACKER_BADGE,
    PACKER_PIN,
    Crew,
    add_seller,
    make_order,
    pii_values,
)


def _rows(crew: Crew, action: str) -> list[object]:
    return crew.station.store.audit_rows.search(action=action, limit=1000)


def test_brute_force_locks_out_even_the_right_secret_and_raises_an_alert(crew: Crew) -> None:
    auth = crew.station.auth
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login_badge(PACKER_BADGE, "000000")
    with pytest.raises(LockedOut):
        auth.login_badge(PACKER_BADGE, PACKER_PIN)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login_password(ADMIN, "Wrong-Password-9!", crew.code(ADMIN))
    with pytest.raises(LockedOut):
        auth.login_password(ADMIN, ADMIN_PW, crew.code(ADMIN))
    assert len(_rows(crew, "login.lockout")) == 2
    assert {r.target for r in _rows(crew, "alert.failed_logins")} == {"pat", ADMIN}  # type: ignore[attr-defined]
    # Guessing names is logged too, without revealing which names exist.
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.login_password("nobody", "whatever-Pass-1!", "000000")
    assert "check the name" in str(unknown.value)


def _digests(home: Path) -> dict[str, str]:
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest() for p in home.rglob("*") if p.is_file()
    }


def test_a_wrong_passphrase_or_key_opens_nothing_and_changes_nothing(crew: Crew) -> None:
    home = crew.station.home
    crew.station.store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digests(home)
    with pytest.raises(StationError):
        Station.open(home, "not the passphrase")
    with pytest.raises(StationError):
        Database(home / "station.db", b"\x00" * 32)
    assert _digests(home) == before


def test_database_and_wal_are_unreadable_without_the_key(crew: Crew) -> None:
    add_seller(crew.station)
    crew.station.store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    order_ids = [f"111-5550000-{n:07d}" for n in range(3)]
    for order_id in order_ids[:2]:
        crew.station.store.orders.upsert(make_order(order_id), now="t")
    crew.station.store.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    crew.station.store.orders.upsert(make_order(order_ids[2]), now="t")  # this one only in the WAL
    db, wal = crew.station.home / "station.db", crew.station.home / "station.db-wal"
    assert wal.exists() and wal.stat().st_size > 0
    for path in (db, wal):
        raw = path.read_bytes()
        assert b"SQLite format 3" not in raw
        for order_id in order_ids:
            assert order_id.encode() not in raw
            assert not any(value.encode() in raw for value in pii_values(order_id))
        assert b"Test Seller" not in raw and b"CREATE TABLE" not in raw
    copy = crew.station.home.parent / "copy.db"
    copy.write_bytes(db.read_bytes())
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT name FROM sqlite_master").fetchall()


@pytest.mark.parametrize(
    "url",
    ["http://sellingpartnerapi-na.amazon.com", "http://10.0.0.7:8080", "http://169.254.169.254/latest",
     "http://localhost.evil.com", "http://127.0.0.1.nip.io", "ftp://127.0.0.1", "sellingpartnerapi-na.amazon.com",
     "http://[::ffff:8.8.8.8]", "", "http:///orders"],
)  # fmt: skip
def test_plain_http_to_anything_but_loopback_is_refused(url: str) -> None:
    with pytest.raises(InsecureEndpoint):
        check_url(url)


@pytest.mark.parametrize("url", ["https://sellingpartnerapi-na.amazon.com", "http://127.0.0.1:8000",
                                 "http://localhost:9", "http://[::1]:80"])  # fmt: skip
def test_tls_or_loopback_is_accepted(url: str) -> None:
    assert check_url(url) == url


def test_a_seller_on_plain_http_never_gets_a_request(crew: Crew, monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    from sync.spapi import SpApiClient
    from sync.spapi.endpoints import Connection
    from sync.spapi.orders import search_orders

    sent: list[str] = []
    monkeypatch.setattr(requests.Session, "send", lambda self, request, **kw: sent.append(request.url))
    seller = "A1PLAINHTTP0001"
    connection = Connection(seller, "http://api.example.com", "http://api.example.com/auth/o2/token", "client-id",
                            "client-secret-value", "Atzr|refresh-token-value")  # fmt: skip
    client = SpApiClient(crew.clock, {seller: connection}.__getitem__)
    with pytest.raises(StationError):
        search_orders(client, seller, last_updated_after="2026-01-01T00:00:00Z")
    assert sent == []
