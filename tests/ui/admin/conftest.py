"""Fixtures for the admin/lead screens: a real station on a virtual clock, fast Argon2, operators by role."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_ROOT = str(Path(__file__).resolve().parents[3])
if _ROOT not in sys.path:  # this folder is a package under a non-package folder
    sys.path.insert(0, _ROOT)

from station.app import Station  # noqa: E402
from station.clock import VirtualClock  # noqa: E402
from station.domain import Role  # noqa: E402
from station.errors import UsageError  # noqa: E402
from station.services.auth import Session  # noqa: E402

ADMIN, ADMIN_PW = "boss", "Correct-Horse-9x"
LEAD_PW, AUDITOR_PW = "Lead-Password-22#", "Audit-Password-3$"
PACKER_PIN, PACKER_BADGE = "482913", "BADGE-0001"
START = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)  # 10:00 in Los Angeles: inside the default shift


@dataclass
class Env:
    station: Station
    clock: VirtualClock

    def login(self, name: str, secret: str) -> Session:
        """Log in by password (+ TOTP when the role has one); the clock moves a step so codes never repeat.

        Packers log in by badge (BADGE-NAME, as ``add`` gives them) + PIN: never by name.
        """
        self.clock.advance(30)
        row = self.station.store.operators.by_name(name)
        if row is not None and row.role == Role.PACKER.value:
            return self.station.auth.login_badge(f"BADGE-{name.upper()}", secret)
        try:
            code: str | None = self.station.auth.totp_now(name)
        except UsageError:
            code = None
        return self.station.auth.login_password(name, secret, code)

    def admin(self) -> Session:
        return self.login(ADMIN, ADMIN_PW)

    def add(self, name: str, role: Role) -> Session:
        """Create an operator of ``role`` through the admin and log them in."""
        secret = {Role.LEAD: LEAD_PW, Role.AUDITOR: AUDITOR_PW, Role.ADMIN: ADMIN_PW}.get(role, PACKER_PIN)
        badge = f"BADGE-{name.upper()}" if role == Role.PACKER else None
        self.station.auth.add_operator(self.admin(), name, role, secret, badge=badge)
        return self.login(name, secret)

    def actions(self, action: str, actor: str | None = None) -> list:  # type: ignore[type-arg]
        return [r for r in self.station.store.audit_rows.search(action=action, limit=5000)
                if actor is None or r.actor == actor]  # fmt: skip


@pytest.fixture
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap Argon2id in tests only: the real parameters cost 64 MiB x 3 passes per hash."""
    from argon2 import PasswordHasher

    import station.secrets
    import station.services.auth

    monkeypatch.setattr(station.secrets, "ARGON2_MEMORY_KIB", 64)
    monkeypatch.setattr(station.secrets, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(station.secrets, "ARGON2_PARALLELISM", 1)
    monkeypatch.setattr(station.services.auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def env(tmp_path: Path, fast_hashing: None) -> Iterator[Env]:
    clock = VirtualClock(START)
    result = Station.init(tmp_path / "home", "passphrase", ADMIN, ADMIN_PW, clock=clock)
    made = Env(result.station, clock)
    yield made
    made.station.close()


SELLER_ID, MARKETPLACE = "A1SELLER0000001", "ATVPDKIKX0DER"


def add_order(env: Env, order_id: str, *, pii: str = "PIIMARKER") -> None:
    """A seller (once), two products with bins and an order whose recipient holds ``pii`` markers."""
    from station.domain import Order, OrderItem, Product, Recipient, Seller

    admin = Session(ADMIN, Role.ADMIN, 0.0)
    if env.station.store.sellers.get(SELLER_ID) is None:
        env.station.sellers.add(admin, Seller(SELLER_ID, "Acme Outdoor", "na", (MARKETPLACE,)))
        env.station.store.products.upsert(Product(SELLER_ID, "BOT-750", title="Trail Bottle 750 ml", bin="A-03"))
        env.station.store.products.upsert(Product(SELLER_ID, "CARA-3", title="Carabiner set (3)", bin="B-11"))
    order = Order(
        order_id, SELLER_ID, MARKETPLACE, "UNSHIPPED", "2026-03-09T10:00:00Z", "2026-03-10T10:00:00Z",
        ship_by_latest="2026-03-11T22:00:00Z", service_level="Standard",
        items=(OrderItem(f"{order_id}-1", "BOT-750", "B000000001", "Trail Bottle 750 ml", 2),
               OrderItem(f"{order_id}-2", "CARA-3", "B000000002", "Carabiner set (3)", 1)),
        recipient=Recipient(name=f"{pii}NAME", address_line1=f"{pii}STREET", city=f"{pii}CITY", postal_code="97205",
                            state_or_region="OR", country_code="US", phone=f"{pii}PHONE"),
    )  # fmt: skip
    env.station.store.orders.upsert(order, now="2026-03-10T17:00:00.000000Z")
