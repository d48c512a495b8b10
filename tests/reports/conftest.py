"""Fixtures for the report tests: PDF text extraction, and a station holding orders with PII markers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from station.app import Station
from station.clock import VirtualClock
from station.domain import Order, OrderItem, Product, Recipient, Role, Seller
from station.services.auth import Session

SELLER_ID, MARKETPLACE = "A1SELLER0000001", "ATVPDKIKX0DER"
ORDERS = ("113-4827711-0093312", "114-1111111-2222222")


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, read back from the PDF (proves it is a valid, parseable document)."""
    pdfium = pytest.importorskip("pypdfium2")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def pii(order_id: str) -> list[str]:
    return [f"PII{order_id[-4:]}{part}" for part in ("NAME", "STREET", "CITY", "PHONE")]


def make_order(order_id: str) -> Order:
    name, street, city, phone = pii(order_id)
    return Order(
        order_id, SELLER_ID, MARKETPLACE, "UNSHIPPED", "2026-03-09T10:00:00Z", "2026-03-10T10:00:00Z",
        items=(OrderItem(f"{order_id}-1", "BOT-750", "B000000001", "Trail Bottle 750 ml", 2),
               OrderItem(f"{order_id}-2", "CARA-3", "B000000002", "Carabiner set (3)", 1)),
        recipient=Recipient(name=name, address_line1=street, city=city, phone=phone, postal_code="97205",
                            state_or_region="OR", country_code="US"),
    )  # fmt: skip


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Station, Session]]:
    """A station with a seller, products in bins and two orders; the admin's session."""
    from argon2 import PasswordHasher

    import station.secrets
    import station.services.auth

    monkeypatch.setattr(station.secrets, "ARGON2_MEMORY_KIB", 64)
    monkeypatch.setattr(station.secrets, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(station.services.auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    clock = VirtualClock(datetime(2026, 3, 10, 17, 0, tzinfo=UTC))
    st = Station.init(tmp_path / "home", "passphrase", "boss", "Correct-Horse-9x", clock=clock).station
    clock.advance(30)
    session = st.auth.login_password("boss", "Correct-Horse-9x", st.auth.totp_now("boss"))
    st.sellers.add(session, Seller(SELLER_ID, "Acme Outdoor", "na", (MARKETPLACE,)))
    st.store.products.upsert(Product(SELLER_ID, "BOT-750", title="Trail Bottle 750 ml", bin="A-03"))
    st.store.products.upsert(Product(SELLER_ID, "CARA-3", title="Carabiner set (3)", bin="B-11"))
    for order_id in ORDERS:
        st.store.orders.upsert(make_order(order_id), now="2026-03-10T17:00:00.000000Z")
    assert session.role == Role.ADMIN
    yield st, session
    st.close()
