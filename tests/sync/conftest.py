"""Fixtures: a virtual clock shared by an in-process simulator and the SP-API client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from station.clock import VirtualClock
from station.domain import Seller
from sync import credentials
from sync.marketplace import SpApiMarketplace
from sync.simulator import Simulator, start_simulator
from sync.spapi import SpApiClient, SpApiConfig


@pytest.fixture
def vclock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def sim(vclock: VirtualClock) -> Iterator[Simulator]:
    simulator = start_simulator(seed=7, clock=vclock, orders=250)
    yield simulator
    simulator.stop()


class Env:
    """A station's view of the simulator: secrets, sellers, client, marketplace."""

    def __init__(self, sim: Simulator, clock: VirtualClock, config: SpApiConfig | None = None) -> None:
        self.sim = sim
        self.clock = clock
        self.secrets = credentials.MemorySecretStore()
        credentials.set_app_credentials(self.secrets, sim.client_id, sim.client_secret, clock)
        self.sellers: dict[str, Seller] = {}
        for info in sim.sellers():
            self.sellers[info.seller_id] = Seller(
                info.seller_id,
                info.name,
                "na",
                (info.marketplace_id,),
                endpoint=sim.base_url,
                lwa_endpoint=sim.lwa_url,
            )
            credentials.set_seller_refresh_token(self.secrets, info.seller_id, info.refresh_token)
        self.audit: list[tuple[str, str, int, int]] = []
        self.client = SpApiClient(
            clock,
            credentials.resolver(self.secrets, self.sellers.__getitem__),
            config=config or SpApiConfig(read_timeout_s=2.0),
            audit_hook=lambda *a: self.audit.append(a),
        )
        self.marketplace = SpApiMarketplace(self.client)

    @property
    def seller_ids(self) -> list[str]:
        return list(self.sellers)


@pytest.fixture
def env(sim: Simulator, vclock: VirtualClock) -> Iterator[Env]:
    e = Env(sim, vclock)
    yield e
    e.client.close()
