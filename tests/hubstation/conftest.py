"""Stations through the hub (issue 13): an embedded hub (SQLite) served on loopback, and stations on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from hub.bootstrap import Hub, build_hub
from hub.services.people import HUB_SYSTEM, Actor
from hub.settings import HubSettings
from hub.store.migrate import upgrade
from station.clock import VirtualClock
from station.domain import Role
from tests.cli.conftest import Cli, cli, crew_cli  # noqa: F401  (fixtures for the station side)
from tests.hub.conftest import ADMIN_PASSWORD, FakeAmazon
from tests.hub.live import serving
from tests.ui.admin.conftest import env, fast_hashing  # noqa: F401  (the admin screens' station)


@pytest.fixture
def hub_clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def hub(tmp_path: Path, hub_clock: VirtualClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    import hub.services.people as people

    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    monkeypatch.setattr(people, "HASHER", fast)
    monkeypatch.setattr(people, "_DUMMY_HASH", fast.hash("x"))
    settings = HubSettings(
        data_dir=tmp_path / "hub-data", database_url=f"sqlite:///{tmp_path / 'hub.db'}",
        master_key_file=tmp_path / "hub-keys" / "master.json", application_id="amzn1.sp.solution.test",
        consent_base_url="http://127.0.0.1:9/", public_url="https://hub.example.test",
    )  # fmt: skip
    built = build_hub(settings, clock=hub_clock, amazon=FakeAmazon(), create=True)
    upgrade(built.store.engine)
    built.audit.start_sealing(built.recovery_key)
    yield built
    built.close()


@pytest.fixture
def hub_admin(hub: Hub) -> Actor:
    hub.people.add(HUB_SYSTEM, "ada", Role.ADMIN, ADMIN_PASSWORD)
    return Actor("ada", Role.ADMIN)


@pytest.fixture
def hub_url(hub: Hub) -> Iterator[str]:
    with serving(hub) as base:
        yield base
