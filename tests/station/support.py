"""Builders shared by the station and CLI tests: a station on a virtual clock, operators, orders."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp

from station.app import Station
from station.clock import VirtualClock
from station.domain import Order, OrderItem, Recipient, Role, Seller
from station.services.auth import Session

PASSPHRASE = "test passphrase: not a real one"
ADMIN = "alice"
ADMIN_PW = "Admin-Password-1!"
PASSWORDS = {"lead": "Lead-Password-22#", "auditor": "Audit-Password-3$", "admin2": "Admin2-Password-4%"}
PACKER_PIN = "482913"
PACKER_BADGE = "BADGE-0001"
SELLER_ID = "A1SELLER0000001"
MARKETPLACE = "ATVPDKIKX0DER"
# 10:00 in Los Angeles: inside the default shift, so logins raise no shift alert.
SHIFT_START_UTC = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Crew:
    """A station with one operator per role and their TOTP seeds."""

    station: Station
    clock: VirtualClock
    recovery_key: str
    totp: dict[str, pyotp.TOTP] = field(default_factory=dict)

    def code(self, name: str) -> str:
        """A fresh TOTP code: the clock moves one 30 s step first, so no code is ever reused."""
        self.clock.advance(30)
        return self.totp[name].at(self.clock.now())

    def login(self, name: str) -> Session:
        if name == "pat":
            return self.station.auth.login_badge(PACKER_BADGE, PACKER_PIN)
        password = ADMIN_PW if name == ADMIN else PASSWORDS[name]
        return self.station.auth.login_password(name, password, self.code(name))


def make_crew(home: Path, clock: VirtualClock | None = None, *, passphrase: str = PASSPHRASE) -> Crew:
    """Initialise a station with alice (admin), lead, auditor, admin2 and pat (packer)."""
    clock = clock or VirtualClock(SHIFT_START_UTC)
    result = Station.init(home, passphrase, ADMIN, ADMIN_PW, clock=clock)
    crew = Crew(result.station, clock, result.recovery_key)
    crew.totp[ADMIN] = pyotp.parse_uri(result.admin.totp_uri)
    admin = crew.login(ADMIN)
    for name, role in (("lead", Role.LEAD), ("auditor", Role.AUDITOR), ("admin2", Role.ADMIN)):
        created = crew.station.auth.add_operator(admin, name, role, PASSWORDS[name])
        crew.totp[name] = pyotp.parse_uri(created.totp_uri)
    crew.station.auth.add_operator(admin, "pat", Role.PACKER, PACKER_PIN, badge=PACKER_BADGE)
    return crew


# The system actor may not add sellers; tests add them through an admin-role session.
SYSTEM_ADMIN = Session(ADMIN, Role.ADMIN, 0.0)


def add_seller(station: Station, seller_id: str = SELLER_ID, name: str = "Test Seller") -> Seller:
    seller = Seller(seller_id, name, "na", (MARKETPLACE,))
    station.sellers.add(SYSTEM_ADMIN, seller)
    return seller


def marker(label: str) -> str:
    """A unique, greppable text standing in for one piece of buyer PII."""
    return "PII" + hashlib.sha256(label.encode()).hexdigest()[:20].upper()


def recipient_for(order_id: str) -> Recipient:
    return Recipient(
        name=marker(order_id + "name"),
        address_line1=marker(order_id + "line1"),
        city=marker(order_id + "city"),
        state_or_region="WA",
        postal_code="98101",
        country_code="US",
        phone=marker(order_id + "phone"),
        address_type="RESIDENTIAL",
    )


def pii_values(order_id: str) -> list[str]:
    return [marker(order_id + part) for part in ("name", "line1", "city", "phone")]


def make_order(order_id: str, *, seller_id: str = SELLER_ID, ship_by: datetime | None = None,
               items: int = 2, recipient: Recipient | None = None) -> Order:  # fmt: skip
    ship_by = ship_by or SHIFT_START_UTC + timedelta(days=2)
    return Order(
        order_id=order_id,
        seller_id=seller_id,
        marketplace_id=MARKETPLACE,
        upstream_status="UNSHIPPED",
        purchase_date=iso(SHIFT_START_UTC - timedelta(days=1)),
        last_updated=iso(SHIFT_START_UTC),
        ship_by_latest=iso(ship_by),
        service_level="Standard",
        programs=("PRIME",),
        items=tuple(
            OrderItem(f"{order_id}-{n}", f"SKU-{n}", f"B00000000{n}", f"Item {n}", n + 1) for n in range(items)
        ),
        recipient=recipient if recipient is not None else recipient_for(order_id),
    )


def plain_export(station: Station, target: Path) -> bytes:
    """Decrypt the whole store into a plain SQLite copy (sqlcipher_export) and return its bytes."""
    with station.store.db.exclusive() as conn:
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        try:
            conn.execute("SELECT sqlcipher_export('plain')")
        finally:
            conn.execute("DETACH DATABASE plain")
    return target.read_bytes()


def secret_values(station: Station) -> dict[str, list[bytes]]:
    """Every secret in the station's secret store, in the encodings it could leak as."""
    import base64

    found = {}
    for name in station.secrets.names():
        value = station.secrets.get(name)
        assert value is not None
        found[name] = [value, value.hex().encode(), base64.b64encode(value)]
    return found


# -- reading SQLCipher 4 pages directly (every page, free ones and old WAL frames included) ------
PAGE_SIZE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of each page
WAL_HEADER = 32
WAL_FRAME_HEADER = 24


def decrypt_page(raw: bytes, key: bytes, page_no: int) -> bytes:
    """Decrypt one SQLCipher 4 page encrypted under a raw key (AES-256-CBC, IV in the reserve)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    start = 16 if page_no == 1 else 0  # page 1 begins with the file salt
    iv = raw[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    body = raw[start : PAGE_SIZE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_file_pages(path: Path, key: bytes) -> bytes:
    """Every page of a SQLCipher database file, decrypted and concatenated."""
    data = path.read_bytes() if path.exists() else b""
    pages = [data[i : i + PAGE_SIZE] for i in range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE)]
    return b"".join(decrypt_page(p, key, n) for n, p in enumerate(pages, start=1))


def decrypted_wal_frames(path: Path, key: bytes) -> bytes:
    """Every frame in a WAL file (current and stale), decrypted and concatenated."""
    data = path.read_bytes() if path.exists() else b""
    out, offset = [], WAL_HEADER
    while offset + WAL_FRAME_HEADER + PAGE_SIZE <= len(data):
        page_no = int.from_bytes(data[offset : offset + 4], "big")
        frame = data[offset + WAL_FRAME_HEADER : offset + WAL_FRAME_HEADER + PAGE_SIZE]
        out.append(decrypt_page(frame, key, page_no))
        offset += WAL_FRAME_HEADER + PAGE_SIZE
    return b"".join(out)


def use_fast_argon2() -> None:
    """Cheap Argon2 parameters in a child process of a test or benchmark (tests only)."""
    from argon2 import PasswordHasher

    import station.secrets
    import station.services.auth

    station.secrets.ARGON2_MEMORY_KIB = 256  # type: ignore[misc]
    station.secrets.ARGON2_TIME_COST = 1  # type: ignore[misc]
    station.secrets.ARGON2_PARALLELISM = 1  # type: ignore[misc]
    station.services.auth._hasher = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
