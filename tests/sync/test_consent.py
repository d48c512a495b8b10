"""Seller Central's consent page and LWA's authorization_code grant (issue 11, website authorization)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from station.clock import VirtualClock
from station.errors import NeedsReauthorisation
from sync.simulator import Simulator, start_simulator
from sync.spapi.endpoints import InsecureEndpoint
from sync.spapi.lwa import exchange_authorization_code

REDIRECT = "https://hub.example/sellers/callback"
BLNS = Path("/work/shared/fixtures/blns.json")


class _Form(HTMLParser):
    """The page's form as a browser sees it: action, fields (first option selected), buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.action, self.method = "", ""
        self.fields: dict[str, str] = {}
        self.buttons: list[str] = []
        self.app_name = ""
        self._select = ""
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action, self.method = a.get("action", ""), a.get("method", "").lower()
        elif tag == "input":
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and self._select not in self.fields:
            self.fields[self._select] = a.get("value", "")
        elif tag == "button":
            self._in = "button"
        elif tag == "strong" and a.get("id") == "app-name":
            self._in = "app"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("button", "strong"):
            self._in = ""
        if tag == "select":
            self._select = ""

    def handle_data(self, data: str) -> None:
        if self._in == "button":
            self.buttons.append(data.strip())
        elif self._in == "app":
            self.app_name += data


@pytest.fixture
def sim(vclock: VirtualClock) -> Any:
    with start_simulator(seed=4, clock=vclock, orders=5, redirect_uris=(REDIRECT,), app_name="Pacific Prep WMS") as s:
        yield s


def _consent(sim: Simulator, state: str = "st-1", **extra: str) -> requests.Response:
    params = {"application_id": sim.app.application_id, "state": state, **extra}  # type: ignore[union-attr]
    return requests.get(sim.consent_url, params=params, timeout=5)


def _click_confirm(sim: Simulator, page: requests.Response) -> dict[str, str]:
    """Submit the page's form as a browser would; the redirect's query parameters."""
    form = _Form()
    form.feed(page.text)
    assert form.method == "post" and "Confirm" in form.buttons
    resp = requests.post(sim.base_url + form.action, data=form.fields, allow_redirects=False, timeout=5)
    assert resp.status_code == 302
    location = urlsplit(resp.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def _exchange(sim: Simulator, code: str, redirect_uri: str = REDIRECT, secret: str = "") -> tuple[str, str, float]:
    with requests.Session() as session:
        return exchange_authorization_code(
            session,
            sim.lwa_url,
            client_id=sim.client_id,
            client_secret=secret or sim.client_secret,
            code=code,
            redirect_uri=redirect_uri,
        )


def test_consent_page_confirm_redirects_with_state_seller_and_code(sim: Simulator) -> None:
    page = _consent(sim, "st-42")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    form = _Form()
    form.feed(page.text)
    assert form.app_name == "Pacific Prep WMS" and form.action == "/apps/authorize/confirm"
    back = _click_confirm(sim, page)
    assert set(back) == {"state", "selling_partner_id", "spapi_oauth_code"}
    assert back["state"] == "st-42" and back["selling_partner_id"] == sim.sellers()[0].seller_id


def test_code_exchanges_for_a_refresh_token_that_works(sim: Simulator) -> None:
    back = _click_confirm(sim, _consent(sim))
    refresh, access, lifetime = _exchange(sim, back["spapi_oauth_code"])
    assert refresh.startswith("Atzr|") and access.startswith("Atza|") and lifetime > 0
    token = requests.post(
        sim.lwa_url,
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh,
            "client_id": sim.client_id,
            "client_secret": sim.client_secret,
        },
        timeout=5,
    ).json()["access_token"]
    parts = requests.get(
        sim.base_url + "/sellers/v1/marketplaceParticipations", headers={"x-amz-access-token": token}, timeout=5
    )
    assert parts.status_code == 200 and parts.json()["payload"][0]["storeName"] == sim.sellers()[0].name
    assert sim.calls_for("getMarketplaceParticipations")[0].seller_id == back["selling_partner_id"]


def test_code_is_single_use(sim: Simulator) -> None:
    code = _click_confirm(sim, _consent(sim))["spapi_oauth_code"]
    _exchange(sim, code)
    with pytest.raises(NeedsReauthorisation) as caught:
        _exchange(sim, code)
    assert caught.value.code == "invalid_grant"


def test_code_lives_five_minutes(sim: Simulator, vclock: VirtualClock) -> None:
    code = _click_confirm(sim, _consent(sim))["spapi_oauth_code"]
    vclock.advance(301)
    with pytest.raises(NeedsReauthorisation) as caught:
        _exchange(sim, code)
    assert caught.value.code == "invalid_grant"
    fresh = _click_confirm(sim, _consent(sim))["spapi_oauth_code"]
    vclock.advance(299)
    assert _exchange(sim, fresh)[0]


def test_mismatched_redirect_uri_is_refused_in_lwas_shape(sim: Simulator) -> None:
    code = _click_confirm(sim, _consent(sim))["spapi_oauth_code"]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": "https://evil.example/cb",
        "client_id": sim.client_id,
        "client_secret": sim.client_secret,
    }
    resp = requests.post(sim.lwa_url, data=form, timeout=5)
    assert resp.status_code == 400
    assert resp.json() == {
        "error": "invalid_grant",
        "error_description": "The request has an invalid grant parameter : redirect_uri",
    }
    with pytest.raises(NeedsReauthorisation):
        _exchange(sim, code)  # the refused try spent the code: the seller authorises again


def test_wrong_client_secret_is_invalid_client(sim: Simulator) -> None:
    code = _click_confirm(sim, _consent(sim))["spapi_oauth_code"]
    with pytest.raises(NeedsReauthorisation) as caught:
        _exchange(sim, code, secret="amzn1.oa2-cs.v1.wrong")
    assert caught.value.code == "invalid_client" and caught.value.status == 401


def test_draft_app_needs_version_beta_and_redirect_must_be_registered(sim: Simulator) -> None:
    sim.register_app(redirect_uris=[REDIRECT], draft=True)
    refused = _consent(sim)
    assert refused.status_code == 400 and "MD1000" in refused.text
    page = _consent(sim, version="beta")
    assert page.status_code == 200
    assert _click_confirm(sim, page)["version"] == "beta"
    wrong = _consent(sim, version="beta", redirect_uri="https://evil.example/cb")
    assert wrong.status_code == 400 and "MD5101" in wrong.text
    unknown = requests.get(
        sim.consent_url, params={"application_id": "amzn1.sp.solution.other", "state": "s"}, timeout=5
    )
    assert unknown.status_code == 400 and "Confirm" not in unknown.text


def test_hostile_state_round_trips_exactly_and_never_renders_as_markup(sim: Simulator) -> None:
    hostile = [s for s in json.loads(BLNS.read_text()) if s and "\x00" not in s][:200] if BLNS.exists() else []
    hostile += ["<script>alert(1)</script>", "'\"><img src=x onerror=alert(1)>", "a&b=c#d"]
    for state in hostile:
        page = _consent(sim, state)
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert _click_confirm(sim, page)["state"] == state


def test_exchange_refuses_plain_http_off_loopback() -> None:
    with requests.Session() as session, pytest.raises(InsecureEndpoint):
        exchange_authorization_code(
            session,
            "http://api.amazon.com/auth/o2/token",
            client_id="c",
            client_secret="s",
            code="x",
            redirect_uri=REDIRECT,
        )
