"""The SP-API client against the in-process simulator on a shared virtual clock."""

from __future__ import annotations

import pytest

from station.errors import NeedsReauthorisation, UpstreamError
from sync.simulator import errors
from sync.spapi import SpApiConfig, orders
from sync.spapi.endpoints import InsecureEndpoint, check_url
from tests.sync.conftest import Env


def test_access_token_is_cached_then_refreshed_after_expiry(env: Env) -> None:
    sid = env.seller_ids[0]
    for _ in range(3):
        env.get_order(sid, env.sim.order_ids(sid)[0])
    assert len(env.sim.calls_for("lwa")) == 1
    env.clock.advance(3600 - 60)  # inside the refresh margin
    env.get_order(sid, env.sim.order_ids(sid)[0])
    assert len(env.sim.calls_for("lwa")) == 2


def test_rejected_token_is_refreshed_once(env: Env) -> None:
    sid = env.seller_ids[0]
    env.get_order(sid, env.sim.order_ids(sid)[0])
    env.sim.expire_access_tokens()
    env.get_order(sid, env.sim.order_ids(sid)[0])
    assert [c.status for c in env.sim.calls_for("getOrder")] == [200, 403, 200]
    assert len(env.sim.calls_for("lwa")) == 2


def test_revoked_authorisation_needs_reauthorisation(env: Env) -> None:
    sid = env.seller_ids[1]
    env.sim.revoke(sid)
    with pytest.raises(NeedsReauthorisation) as caught:
        env.search_orders(sid, "2020-01-01T00:00:00Z")
    assert caught.value.code == "invalid_grant"
    assert "re-authorisation" in str(caught.value) and sid in str(caught.value)
    assert env.sim.calls_for("searchOrders") == []


def test_rotated_client_secret_says_invalid_client(env: Env) -> None:
    env.sim.rotate_client_secret()
    with pytest.raises(NeedsReauthorisation) as caught:
        env.marketplace_participations(env.seller_ids[0])
    assert caught.value.code == "invalid_client"
    assert env.sim.client_secret not in str(caught.value)


def test_429_storm_backs_off_and_succeeds(env: Env) -> None:
    sid = env.seller_ids[0]
    env.sim.faults.inject("throttle", times=6, operation="getOrder")
    start = env.clock.monotonic()
    env.get_order(sid, env.sim.order_ids(sid)[0])
    assert env.client.throttled == 6
    assert env.clock.monotonic() - start > 6  # exponential backoff, on the virtual clock
    assert env.sim.calls_for("getOrder", status=200)


def test_calls_wait_for_tokens_instead_of_provoking_429s(env: Env) -> None:
    sid = env.seller_ids[0]
    ids = env.sim.order_ids(sid)
    start = env.clock.monotonic()
    for n in range(40):  # getOrder: burst 30, 0.5/s
        env.get_order(sid, ids[n % len(ids)])
    assert env.sim.calls_for("getOrder", status=429) == []
    assert env.clock.monotonic() - start == pytest.approx(20.0, abs=0.01)


def test_rate_header_updates_the_bucket(vclock) -> None:  # type: ignore[no-untyped-def]
    from sync.simulator import start_simulator

    with start_simulator(seed=3, clock=vclock, rate_scale=4.0, orders=30) as sim:
        env = Env(sim, vclock)
        sid = env.seller_ids[0]
        env.get_order(sid, sim.order_ids(sid)[0])
        assert env.client.limiter.bucket(sid, "getOrder").rate == pytest.approx(2.0)


def test_5xx_retries_with_backoff_then_gives_up(env: Env) -> None:
    sid = env.seller_ids[0]
    env.sim.faults.inject("5xx", times=3, operation="getOrder")
    env.get_order(sid, env.sim.order_ids(sid)[0])
    assert [c.status for c in env.sim.calls_for("getOrder")] == [503, 503, 503, 200]
    env.sim.faults.inject("5xx", times=10, operation="getOrder")
    with pytest.raises(UpstreamError) as caught:
        env.get_order(sid, env.sim.order_ids(sid)[0])
    assert caught.value.retryable and caught.value.status == 503


def test_dropped_connections_and_timeouts_are_retried(sim, vclock) -> None:  # type: ignore[no-untyped-def]
    sim.faults.plan.hang_s = 0.4
    env = Env(sim, vclock, SpApiConfig(read_timeout_s=0.15))
    sid = env.seller_ids[0]
    sim.faults.inject("reset", times=1, operation="getOrder")
    sim.faults.inject("timeout", times=1, operation="getOrder")
    env.get_order(sid, sim.order_ids(sid)[0])
    assert [c.fault for c in sim.calls_for("getOrder")] == ["reset", "timeout", ""]
    assert ("getOrder", sid, 0, 0) in env.audit


def test_malformed_body_is_retried(env: Env) -> None:
    sid = env.seller_ids[0]
    env.sim.faults.inject("malformed", times=2, operation="searchOrders")
    page = env.search_orders(sid, "2020-01-01T00:00:00Z")
    assert page.orders
    assert len(env.sim.calls_for("searchOrders")) == 3


def test_other_4xx_surface_code_without_retry(env: Env) -> None:
    with pytest.raises(UpstreamError) as caught:
        env.get_order(env.seller_ids[0], "999-0000000-0000000")
    assert caught.value.code == "NotFound" and caught.value.status == 404 and not caught.value.retryable
    # The server's own message is surfaced (whatever Amazon's wording; the simulator's is in errors.py).
    assert errors.not_found("getOrder")["errors"][0]["message"] in str(caught.value)
    assert len(env.sim.calls_for("getOrder")) == 1


def test_pagination_returns_every_fbm_order(env: Env) -> None:
    sid = env.seller_ids[0]
    seen, token = [], ""
    while True:
        page = env.search_orders(sid, "2020-01-01T00:00:00Z", token)
        seen += [o.order_id for o in page.orders]
        token = page.next_token
        if not token:
            break
    assert sorted(seen) == sorted(env.sim.order_ids(sid))
    assert len(seen) == len(set(seen))


def test_minimum_pii_is_requested(env: Env) -> None:
    sid = env.seller_ids[0]
    env.search_orders(sid, "2020-01-01T00:00:00Z")
    call = env.sim.calls_for("searchOrders")[0]
    assert call.params["includedData"] == [",".join(orders.INCLUDED_DATA)]
    assert "BUYER" not in call.params["includedData"][0]
    assert call.params["fulfilledBy"] == ["MERCHANT"]


def test_audit_has_every_call_and_no_pii(env: Env) -> None:
    sid = env.seller_ids[0]
    page = env.search_orders(sid, "2020-01-01T00:00:00Z")
    env.get_order(sid, page.orders[0].order_id)
    ops = [a[0] for a in env.audit]
    assert ops == ["lwaRefreshToken", "searchOrders", "getOrder"]
    assert env.audit[1][3] == len(page.orders)
    names = {o.recipient.name for o in page.orders if o.recipient}
    flat = repr(env.audit)
    assert not any(name in flat for name in names)
    assert all(isinstance(x, int) for a in env.audit for x in a[2:])


@pytest.mark.parametrize("url", ["http://example.com", "http://10.0.0.5:8080", "ftp://127.0.0.1", "nonsense"])
def test_plain_http_refused_for_non_loopback(url: str) -> None:
    with pytest.raises(InsecureEndpoint):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://sellingpartnerapi-na.amazon.com",
        "http://127.0.0.1:9",
        "http://[::1]:9",
        "http://localhost:8080/",
    ],
)
def test_tls_or_loopback_accepted(url: str) -> None:
    assert check_url(url) == url.rstrip("/")


def test_client_never_sends_to_plain_http_host(env: Env) -> None:
    from dataclasses import replace

    sid = env.seller_ids[0]
    env.sellers[sid] = replace(env.sellers[sid], endpoint="http://sellingpartnerapi-na.amazon.com")
    with pytest.raises(InsecureEndpoint):
        env.search_orders(sid, "2020-01-01T00:00:00Z")
    assert env.audit == []
