"""Sellers: Amazon's website authorization workflow (state single-use, bound, expiring), the sealed
refresh token, verification, revoke, forget, and the app credentials' 180-day rotation."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from hub.api.app import create_app
from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.clock import VirtualClock
from station.errors import NotFound, UsageError
from tests.hub.conftest import FakeAmazon

REFRESH = "Atzr|seller-refresh-token-0123456789"


@pytest.fixture
def client(hub: Hub) -> TestClient:
    hub.sellers.set_app_credentials(HUB_SYSTEM, "amzn1.application-oa2-client.t", "lwa-secret-value-1")
    return TestClient(create_app(hub), follow_redirects=False)


def start(hub: Hub, client: TestClient, admin: Actor, name: str = "acme") -> tuple[str, dict[str, list[str]]]:
    link = hub.sellers.invite(admin, name)
    path = urlsplit(link).path
    page = client.get(path)
    assert page.status_code == 200 and "id='authorize'" in page.text
    resp = client.post(path + "/authorize")
    assert resp.status_code == 303
    target = urlsplit(resp.headers["location"])
    assert target.path == "/apps/authorize/consent"
    return path, parse_qs(target.query)


def test_authorize_redirects_to_consent_then_the_callback_seals_and_verifies(
    hub: Hub, client: TestClient, admin: Actor, amazon: FakeAmazon
) -> None:
    _path, query = start(hub, client, admin)
    assert query["application_id"] == ["amzn1.sp.solution.test"] and query["version"] == ["beta"]
    assert query["redirect_uri"] == ["https://hub.example.test/oauth/callback"]
    amazon.codes["code-1"] = REFRESH
    done = client.get("/oauth/callback", params={"state": query["state"][0], "selling_partner_id": "A1SELLER",
                                                  "spapi_oauth_code": "code-1"})  # fmt: skip
    assert done.status_code == 200 and "verified" in done.text
    assert amazon.exchanges == [("code-1", "https://hub.example.test/oauth/callback")]
    row = hub.store.sellers.by_name("acme")
    assert row is not None and row.state == "verified" and row.selling_partner_id == "A1SELLER"
    assert row.refresh_token_sealed and REFRESH not in row.refresh_token_sealed
    assert hub.sellers.refresh_token("acme") == REFRESH


@pytest.mark.parametrize("case", ["reused", "expired", "unknown", "mismatch"])
def test_bad_states_are_refused_and_audited(hub: Hub, client: TestClient, admin: Actor, amazon: FakeAmazon,
                                            clock: VirtualClock, case: str) -> None:  # fmt: skip
    _path, query = start(hub, client, admin)
    state = query["state"][0]
    amazon.codes["code-1"] = REFRESH
    if case == "reused":
        params = {"state": state, "selling_partner_id": "A1", "spapi_oauth_code": "code-1"}
        assert client.get("/oauth/callback", params=params).status_code == 200
        amazon.codes["code-2"] = REFRESH
        params["spapi_oauth_code"] = "code-2"
    elif case == "expired":
        clock.advance(hub.settings.oauth_state_minutes * 60 + 1)
        params = {"state": state, "selling_partner_id": "A1", "spapi_oauth_code": "code-1"}
    elif case == "unknown":
        params = {"state": "made-up-state", "selling_partner_id": "A1", "spapi_oauth_code": "code-1"}
    else:  # a state from another onboarding does not fit this one's seller: each state names its own
        _other_path, other = start(hub, client, admin, "globex")
        params = {"state": state + "x", "selling_partner_id": "A1", "spapi_oauth_code": "code-1"}
        assert other["state"][0] != state
    resp = client.get("/oauth/callback", params=params)
    assert resp.status_code == 401 and "unknown, used or expired" in resp.text
    refused = [r for r in hub.audit.iter_rows() if r["action"] == "seller.oauth_refused"]
    assert len(refused) == 1
    if case in ("reused", "expired"):
        assert case in refused[0]["detail"]


def test_the_state_is_bound_to_its_onboarding(hub: Hub, client: TestClient, admin: Actor, amazon: FakeAmazon) -> None:
    _p1, first = start(hub, client, admin, "acme")
    _p2, _second = start(hub, client, admin, "globex")
    amazon.codes["code-1"] = REFRESH
    client.get("/oauth/callback", params={"state": first["state"][0], "selling_partner_id": "A1",
                                          "spapi_oauth_code": "code-1"})  # fmt: skip
    assert hub.store.sellers.by_name("acme").state == "verified"  # type: ignore[union-attr]
    assert hub.store.sellers.by_name("globex").state == "invited"  # type: ignore[union-attr]


def test_a_used_onboarding_link_is_closed(hub: Hub, client: TestClient, admin: Actor, amazon: FakeAmazon) -> None:
    path, query = start(hub, client, admin)
    amazon.codes["c"] = REFRESH
    client.get("/oauth/callback", params={"state": query["state"][0], "selling_partner_id": "A1",
                                          "spapi_oauth_code": "c"})  # fmt: skip
    assert client.get(path).status_code == 404


def test_revoke_forgets_the_token_and_forget_erases_the_seller(hub: Hub, client: TestClient, admin: Actor,
                                                                amazon: FakeAmazon) -> None:  # fmt: skip
    _path, query = start(hub, client, admin)
    amazon.codes["c"] = REFRESH
    client.get("/oauth/callback", params={"state": query["state"][0], "selling_partner_id": "A1",
                                          "spapi_oauth_code": "c"})  # fmt: skip
    seller = hub.store.sellers.by_name("acme").seller_id  # type: ignore[union-attr]
    hub.orders.store_order(seller, "111-1", status="Unshipped", buyer={"name": "Jo Buyer"})
    hub.sellers.revoke(admin, "acme")
    assert hub.sellers.refresh_token("acme") is None
    assert hub.store.sellers.by_name("acme").state == "revoked"  # type: ignore[union-attr]
    counts = hub.sellers.forget(admin, "acme")
    assert counts["orders"] == 1 and counts["sellers"] == 1
    with pytest.raises(NotFound):
        hub.sellers.refresh_token("acme")
    assert hub.store.orders.count() == 0


def test_app_credentials_rotation_is_warned_30_days_ahead(hub: Hub, client: TestClient, admin: Actor,
                                                          clock: VirtualClock) -> None:  # fmt: skip
    status = hub.sellers.credential_status()
    assert status is not None and status.days_left == 180 and status.warning == ""
    clock.advance(151 * 86400)
    status = hub.sellers.credential_status()
    assert status is not None and "Rotate the LWA client secret within 29 days" in status.warning
    hub.sellers.set_app_credentials(admin, "amzn1.application-oa2-client.t", "lwa-secret-value-2", rotate=True)
    assert hub.sellers.credential_status().warning == ""  # type: ignore[union-attr]
    assert hub.sellers.app_credentials().client_secret == "lwa-secret-value-2"
    with pytest.raises(UsageError):
        hub.sellers.set_app_credentials(admin, "", "x")
