"""Fixtures: a virtual clock shared by an in-process simulator and the SP-API client (the hub's client: the
station no longer calls SP-API itself, issue 13)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from station.clock import VirtualClock
from station.domain import Order, OrderPage, Seller
from sync import mapping
from sync.simulator import Simulator, start_simulator
from sync.spapi import SpApiClient, SpApiConfig, orders, sellers
from sync.spapi.endpoints import Connection, base_url_for, lwa_url_for


@pytest.fixture
def vclock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def sim(vclock: VirtualClock) -> Iterator[Simulator]:
    simulator = start_simulator(seed=7, clock=vclock, orders=250)
    yield simulator
    simulator.stop()


class Env:
    """The simulator's sellers, their connections and one SP-API client; a few calls mapped as the hub maps them."""

    def __init__(self, sim: Simulator, clock: VirtualClock, config: SpApiConfig | None = None) -> None:
        self.sim = sim
        self.clock = clock
        self.client_id, self.client_secret = sim.client_id, sim.client_secret  # as stored when authorised
        self.sellers: dict[str, Seller] = {}
        self.tokens: dict[str, str] = {}
        for info in sim.sellers():
            self.sellers[info.seller_id] = Seller(info.seller_id, info.name, "na", (info.marketplace_id,),
                                                  endpoint=sim.base_url, lwa_endpoint=sim.lwa_url)  # fmt: skip
            self.tokens[info.seller_id] = info.refresh_token
        self.audit: list[tuple[str, str, int, int]] = []
        self.client = SpApiClient(clock, self.connection, config=config or SpApiConfig(read_timeout_s=2.0),
                                  audit_hook=lambda *a: self.audit.append(a))  # fmt: skip

    def connection(self, seller_id: str) -> Connection:
        """Read on every call, so a test may point a seller elsewhere (the hub reads its store the same way)."""
        seller = self.sellers[seller_id]
        return Connection(seller_id, base_url_for(seller.region, override=seller.endpoint),
                          lwa_url_for(seller.lwa_endpoint), self.client_id,
                          self.client_secret, self.tokens[seller_id])  # fmt: skip

    @property
    def seller_ids(self) -> list[str]:
        return list(self.sellers)

    def get_order(self, seller_id: str, order_id: str) -> Order:
        return mapping.order_from_payload(seller_id, orders.get_order(self.client, seller_id, order_id))

    def search_orders(self, seller_id: str, updated_after: str, next_token: str = "") -> OrderPage:
        body = orders.search_orders(self.client, seller_id, last_updated_after=updated_after,
                                    pagination_token=next_token)  # fmt: skip
        found, token, rejected = mapping.checked_orders_from_search(seller_id, body)
        return OrderPage(tuple(found), token, tuple(rejected))

    def marketplace_participations(self, seller_id: str) -> list[str]:
        return mapping.marketplace_ids_from_participations(
            sellers.get_marketplace_participations(self.client, seller_id)
        )


@pytest.fixture
def env(sim: Simulator, vclock: VirtualClock) -> Iterator[Env]:
    e = Env(sim, vclock)
    yield e
    e.client.close()
