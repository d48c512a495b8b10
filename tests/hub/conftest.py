"""Hub fixtures: every store test runs on SQLite and on PostgreSQL (a database made for the run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from hub.amazon import AppCredentials
from hub.bootstrap import Hub, build_hub
from hub.services.people import HUB_SYSTEM, Actor
from hub.settings import HubSettings
from hub.store import HubStore
from hub.store.migrate import upgrade
from hub.store.tables import metadata
from station.clock import VirtualClock
from station.domain import Role
from tests.hub import pg

ADMIN_PASSWORD = "Admin-Passw0rd!"
PIN = "482913"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One PostgreSQL database for the session, migrated once, dropped at the end."""
    url, name = pg.create_database()
    store = HubStore.open(url)
    upgrade(store.engine)
    store.close()
    yield url
    pg.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    url: str = request.getfixturevalue("pg_url")
    store = HubStore.open(url)
    with store.engine.begin() as conn:  # a clean slate for each test
        names = ", ".join(t.name for t in metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    store.close()
    return url


@pytest.fixture
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    import hub.services.people as people

    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    monkeypatch.setattr(people, "HASHER", fast)
    monkeypatch.setattr(people, "_DUMMY_HASH", fast.hash("x"))


class FakeAmazon:
    """Plays LWA's authorization_code grant and getMarketplaceParticipations as documented."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}  # spapi_oauth_code -> refresh token
        self.exchanges: list[tuple[str, str]] = []
        self.markets = ["ATVPDKIKX0DER"]

    def exchange(self, code: str, redirect_uri: str, app: AppCredentials) -> str:
        from station.errors import UpstreamError

        self.exchanges.append((code, redirect_uri))
        token = self.codes.pop(code, None)
        if token is None:
            raise UpstreamError("Login with Amazon refused the authorization code (HTTP 400)", code="invalid_grant")
        return token

    def participations(self, selling_partner_id: str, refresh_token: str, app: AppCredentials) -> list[str]:
        return list(self.markets)


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> HubSettings:
    return HubSettings(
        data_dir=tmp_path / "data",
        database_url=db_url,
        master_key_file=tmp_path / "keys" / "master.json",
        application_id="amzn1.sp.solution.test",
        consent_base_url="http://127.0.0.1:9/",
        public_url="https://hub.example.test",
    )


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def amazon() -> FakeAmazon:
    return FakeAmazon()


@pytest.fixture
def hub(settings: HubSettings, clock: VirtualClock, amazon: FakeAmazon, fast_hashes: None) -> Iterator[Hub]:
    built = build_hub(settings, clock=clock, amazon=amazon, create=True)
    upgrade(built.store.engine)
    built.audit.start_sealing(built.recovery_key)
    yield built
    built.close()


@pytest.fixture
def admin(hub: Hub) -> Actor:
    hub.people.add(HUB_SYSTEM, "ada", Role.ADMIN, ADMIN_PASSWORD)
    return Actor("ada", Role.ADMIN)


def add_operator(hub: Hub, name: str, role: Role, **kw: Any) -> None:
    secret = PIN if role == Role.PACKER else ADMIN_PASSWORD
    hub.people.add(HUB_SYSTEM, name, role, secret, **kw)
