"""Stations through the hub (issue 13): an embedded hub (SQLite) served on loopback, and stations on it; a hub
that buys labels from the SP-API simulator (``rig``), with the station's lead known there (``lead_at_hub``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from hub.bootstrap import Hub, build_hub
from hub.services.people import HUB_SYSTEM, Actor
from hub.settings import HubSettings
from hub.store.migrate import upgrade
from station.clock import VirtualClock
from station.domain import Role
from sync.simulator import Simulator, start_simulator
from tests.cli.conftest import Cli, cli, crew_cli  # noqa: F401  (fixtures for the station side)
from tests.hub.conftest import ADMIN_PASSWORD, FakeAmazon
from tests.hub.engine_env import authorise_sellers, hub_settings, load_order, start_hub
from tests.hub.live import serving
from tests.station.support import PACKER_BADGE, PACKER_PIN, PASSWORDS
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


def simulated_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, seed: int,
                  orders: int) -> Iterator[dict[str, Any]]:  # fmt: skip
    """An SQLite hub on the SP-API simulator with its seller authorised, ``orders`` of its orders stored open,
    and the admin ada and the packer pat (cheap Argon2 at the hub)."""
    import hub.services.people as people

    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    monkeypatch.setattr(people, "HASHER", fast)
    monkeypatch.setattr(people, "_DUMMY_HASH", fast.hash("x"))
    clock = VirtualClock()
    sim: Simulator = start_simulator(seed=seed, clock=clock, orders=10, sellers=1, cancel_rate=0.0,
                                     address_change_rate=0.0)  # fmt: skip
    hub = start_hub(hub_settings(tmp_path, f"sqlite:///{tmp_path / 'hub.db'}", sim), clock, create=True)
    seller_id = next(iter(authorise_sellers(hub, sim).values()))
    stored = []
    for order_id in sim.order_ids(sim.sellers()[0].seller_id)[:orders]:
        order = load_order(hub, sim, seller_id, order_id)
        lines = [{"order_item_id": i.order_item_id, "sku": i.sku, "asin": i.asin, "quantity": i.quantity,
                  "quantity_shipped": 0} for i in order.items]  # fmt: skip
        hub.orders.store_order(seller_id, order.order_id, status="Unshipped", lines=lines)
        stored.append(order)
    hub.people.add(HUB_SYSTEM, "ada", Role.ADMIN, "Admin-Passw0rd!")
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PACKER_PIN, badge=PACKER_BADGE)
    yield {"hub": hub, "sim": sim, "order": stored[0], "orders": stored, "clock": clock, "seller_id": seller_id}
    hub.close()
    sim.stop()


@pytest.fixture
def rig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The simulator-backed hub with one open order (labels bought through it reach the simulator)."""
    yield from simulated_hub(tmp_path, monkeypatch, seed=5, orders=1)


@pytest.fixture
def lead_at_hub(rig: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The station's lead exists at the hub with the same password and TOTP seed (leads log in there too)."""
    import hub.services.people as people

    seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    monkeypatch.setattr(people.pyotp, "random_base32", lambda: seed)
    rig["hub"].people.add(HUB_SYSTEM, "lead", Role.LEAD, PASSWORDS["lead"])
    rig["lead_seed"] = seed
