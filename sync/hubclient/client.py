"""HubClient: the station's one door to the hub (issue 13). Every call goes through sync/spapi/transport.py's
rules (https, or plain http on loopback only; no redirects; a size cap; a whole-request deadline) and carries
the station credential, the station version, the operator's session when one acts, and an
X-Client-Request-Id on every mutating call (pass your own to retry a parked call exactly once).
Failures are typed (sync.hubclient.errors)."""

from __future__ import annotations

import base64
import logging
import uuid
from typing import Any

import requests

from station import __version__ as STATION_VERSION
from station.audit_chain import ChainRow
from station.errors import UpstreamError
from sync.hubclient.errors import HubError, HubUnreachable, error_for
from sync.hubclient.events import EventStream
from sync.hubclient.types import (
    ChangePage,
    Claim,
    Credential,
    Label,
    OperatorSession,
    OrderChange,
    SellerKey,
    StationInfo,
)
from sync.hubclient.verifiers import Verifiers
from sync.spapi.endpoints import check_url
from sync.spapi.transport import fetch, make_session, parse_json

log = logging.getLogger(__name__)
TIMEOUT = (3.0, 10.0)  # connect, per read
DEADLINE_S = 15.0
MAX_BYTES = 8 * 1024 * 1024  # a label document is the largest answer


def new_request_id() -> str:
    """A fresh X-Client-Request-Id; keep it with a parked call and send the same one on retry."""
    return uuid.uuid4().hex


class HubClient:
    """One station's client. ``secret`` is its bearer credential (empty until it enrols)."""

    def __init__(self, base_url: str, secret: str = "", *, version: str = STATION_VERSION,
                 deadline_s: float = DEADLINE_S, timeout: tuple[float, float] = TIMEOUT) -> None:  # fmt: skip
        self.base_url = check_url(base_url)
        self.secret = secret
        self.version = version
        self.deadline_s = deadline_s
        self.timeout = timeout
        self.operator: OperatorSession | None = None  # the operator acting now (login sets it)
        self.session = make_session(f"PacificPrepStation/{version}")

    # -- plumbing ---------------------------------------------------------------------------------

    def headers(self, *, operator: bool = False, request_id: str | None = None) -> dict[str, str]:
        """The headers of a call: credential, version, operator session, request id."""
        h = {"X-Pacific-Station-Version": self.version, "Accept": "application/json"}
        if self.secret:
            h["Authorization"] = f"Bearer {self.secret}"
        if operator and self.operator is not None:
            h["X-Pacific-Operator"] = self.operator.operator
            h["X-Pacific-Session"] = self.operator.token
        if request_id is not None:
            h["X-Client-Request-Id"] = request_id
        return h

    def call(self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None,
             operator: bool = False, request_id: str | None = None, claiming: bool = False) -> Any:  # fmt: skip
        """One request; the parsed JSON answer, or a typed HubError. Mutating calls get a request id."""
        if method != "GET" and request_id is None:
            request_id = new_request_id()
        try:
            got = fetch(self.session, method, self.base_url + path, timeout=self.timeout, deadline_s=self.deadline_s,
                        max_bytes=MAX_BYTES, json=json, params=params,
                        headers=self.headers(operator=operator, request_id=request_id))  # fmt: skip
        except requests.RequestException as exc:
            raise HubUnreachable(f"The hub did not answer ({type(exc).__name__})") from None
        except UpstreamError as exc:  # deadline or an oversized answer
            raise HubUnreachable(f"The hub did not answer usably: {exc}") from None
        try:
            body = parse_json(got.content)
        except ValueError:
            raise HubUnreachable(f"The hub's answer was not JSON (HTTP {got.status})", status=got.status) from None
        if 200 <= got.status < 300:
            if body is None:  # every /v1 answer is a JSON body: an empty one was cut short on the way
                raise HubUnreachable(f"The hub's answer was cut short (HTTP {got.status})", status=got.status)
            return body
        detail = str(body.get("detail", "")) if isinstance(body, dict) else ""
        error = error_for(got.status, detail, claiming=claiming)
        log.info("hub refused %s %s: HTTP %s %s", method, path, got.status, type(error).__name__)
        raise error

    def close(self) -> None:
        self.session.close()

    # -- the station itself ------------------------------------------------------------------------

    def enrol(self, code: str) -> Credential:
        """Join the hub with a one-time enrolment code; keep the returned secret in the secret store."""
        body = self.call("POST", "/v1/enrol", json={"code": code})
        self.secret = str(body["secret"])
        return Credential(str(body["station"]), self.secret)

    def station(self) -> StationInfo:
        """This station as the hub knows it (also the cheapest "is the hub there" probe)."""
        body = self.call("GET", "/v1/station")
        return StationInfo(str(body["station"]), str(body["state"]), str(body["version"]), bool(body.get("locked")))

    def rotate_credential(self, request_id: str | None = None) -> Credential:
        """Swap the credential for a fresh one (the old one stops at once); store the new secret first."""
        body = self.call("POST", "/v1/station/credential", request_id=request_id)
        self.secret = str(body["secret"])
        return Credential(str(body["station"]), self.secret)

    # -- operators -----------------------------------------------------------------------------------

    def login_badge(self, badge: str, pin: str) -> OperatorSession:
        """A packer's badge + PIN checked at the hub; the session becomes the acting operator."""
        return self._login({"badge": badge, "pin": pin})

    def login_password(self, name: str, password: str, totp: str | None = None) -> OperatorSession:
        """A lead, admin or auditor logs in through the hub (password + TOTP); never offline."""
        return self._login({"name": name, "password": password, "totp": totp})

    def _login(self, body: dict[str, Any]) -> OperatorSession:
        got = self.call("POST", "/v1/sessions", json=body)
        self.operator = OperatorSession(str(got["operator"]), str(got["role"]), str(got["session"]),
                                        str(got.get("language") or "en"))  # fmt: skip
        return self.operator

    def verifiers(self) -> Verifiers:
        """Packers' badge + PIN verifiers for offline login (keep ``badge_key`` in the secret store)."""
        return Verifiers.of(self.call("GET", "/v1/operators/verifiers"))

    def current_operator(self) -> OperatorSession:
        """The acting operator's session as the hub sees it (OperatorSessionEnded once it has ended)."""
        got = self.call("GET", "/v1/sessions/current", operator=True)
        return OperatorSession(str(got["operator"]), str(got["role"]))

    def logout(self, request_id: str | None = None) -> None:
        """End the acting operator's session at the hub."""
        try:
            self.call("DELETE", "/v1/sessions/current", operator=True, request_id=request_id)
        finally:
            self.operator = None

    # -- orders and claims -----------------------------------------------------------------------

    def changes(self, cursor: int = 0, limit: int = 500) -> ChangePage:
        """Order changes after the cursor; buyer data only on orders this station holds."""
        body = self.call("GET", "/v1/orders/changes", params={"cursor": cursor, "limit": limit})
        return ChangePage([OrderChange.of(c) for c in body["changes"]], int(body["cursor"]))

    def claim(self, order_id: int, request_id: str | None = None) -> Claim:
        """Open an order: claim it for the acting operator (ClaimTaken names who packs it)."""
        body = self.call("POST", f"/v1/claims/{int(order_id)}", operator=True, request_id=request_id,
                         claiming=True)  # fmt: skip
        return Claim.of(body)

    def heartbeat(self) -> list[Claim]:
        """Keep this station's open claims alive (every lease/3 s); returns every claim it still has."""
        return [Claim.of(c) for c in self.call("POST", "/v1/claims/heartbeat")["claims"]]

    def my_claims(self) -> list[Claim]:
        """This station's live claims, without renewing them."""
        return [Claim.of(c) for c in self.call("GET", "/v1/claims")["claims"]]

    def hold_batch(self, orders: int | None = None, request_id: str | None = None) -> list[Claim]:
        """Claim a batch ahead for offline work (the hub's N orders / H hours setting); returns the holds."""
        body = self.call("POST", "/v1/claims/hold", json={"orders": orders}, request_id=request_id)
        return [Claim.of(c) for c in body["claims"]]

    def holder(self, order_id: int) -> Claim | None:
        """Who packs an order now (station and operator), or None."""
        body = self.call("GET", f"/v1/claims/{int(order_id)}")
        return Claim.of(body["claim"]) if body.get("claim") else None

    def release(self, order_id: int, request_id: str | None = None) -> Claim:
        """End a claim: this station's own, or (a lead) another station's."""
        return Claim.of(self.call("POST", f"/v1/claims/{int(order_id)}/release", operator=True,
                                  request_id=request_id))  # fmt: skip

    def seller_key(self, seller_id: int) -> SellerKey:
        """Lease (or renew) the seller's data key, valid until ``expires_at`` (24 h at most); HubNotFound once
        the seller is forgotten: erase that seller's cache. Keep the key in memory, never on disk."""
        body = self.call("GET", f"/v1/sellers/{int(seller_id)}/key")
        return SellerKey(int(body["seller_id"]), base64.b64decode(body["key"]), str(body["expires_at"]))

    def settings(self) -> dict[str, Any]:
        """The central settings (box_presets, ship_from, rate_rules, label_format) set at the hub."""
        return dict(self.call("GET", "/v1/settings")["settings"])

    def audit_head(self) -> tuple[int, str]:
        """The (seq, mac) the hub holds for this station's audit chain ((0, "") when none): upload after it."""
        body = self.call("GET", "/v1/audit/head")
        return int(body["seq"]), str(body["mac"])

    def upload_audit(self, rows: list[ChainRow], request_id: str | None = None) -> int:
        """Upload a batch of this station's audit rows (in order, at most 1000) and anchor the last one as
        the head; idempotent by seq. HubConflict when the hub holds a later head or another MAC (alerted)."""
        if not rows:
            raise ValueError("nothing to upload")
        body = {"rows": [r.__dict__ for r in rows], "head": {"seq": rows[-1].seq, "mac": rows[-1].mac}}
        return int(self.call("POST", "/v1/audit/rows", json=body, request_id=request_id)["stored"])

    def events(self, last_id: str = "", **kw: Any) -> EventStream:
        """This station's server-sent events, resuming after ``last_id``; reconnects by itself."""
        return EventStream(self, last_id, **kw)

    def buy_label(self, box: dict[str, Any], request_id: str | None = None) -> Label:
        """Buy a box's label through the hub's ledger (a repeat returns the same label). ``box`` is the
        ledger's BoxIn (hub/openapi.json): seller_id, amazon_order_id, marketplace_id, box_ref, items
        [{order_item_id, quantity}], weight_lb, length_in, width_in, height_in, ship_from, printer
        {language, dpi}, rate_rule (best|service), service_id, deliver_by. A parked purchase keeps box
        (with its rate rule, never a rate) and request id, and is sent again as is on reconnect.
        ClaimLost when this station no longer holds the order."""
        return Label.of(self.call("POST", "/v1/labels", json=box, operator=True, request_id=request_id))

    def void_label(self, label_id: int, reason: str, request_id: str | None = None) -> Label:
        """A lead voids a label the hub bought (cancelShipment through its ledger); a repeat is harmless."""
        body = self.call("POST", f"/v1/labels/{int(label_id)}/void", json={"reason": reason}, operator=True,
                         request_id=request_id)  # fmt: skip
        return Label.of(body)

    def confirm_shipment(self, shipped: dict[str, Any], request_id: str | None = None) -> int:
        """Queue the confirmation of a box whose label was bought elsewhere (the hub's ShippedIn); returns the
        hub's entry id. Send a parked one again with its request id: the hub queues it once."""
        body = self.call("POST", "/v1/confirmations", json=shipped, operator=True, request_id=request_id)
        return int(body["entry_id"])

    def void_confirmation(self, seller_id: int, amazon_order_id: str, box_ref: str,
                          request_id: str | None = None) -> tuple[int, list[str]]:  # fmt: skip
        """A lead: the box's external label is void; a confirmation not yet sent never leaves. Returns
        (cancelled, already sent)."""
        body = self.call("POST", "/v1/confirmations/void", operator=True, request_id=request_id,
                         json={"seller_id": int(seller_id), "amazon_order_id": amazon_order_id, "box_ref": box_ref})
        return int(body["cancelled"]), [str(t) for t in body.get("already_sent") or []]

    def address(self, order_id: int) -> dict[str, str]:
        """The buyer data of one order for the acting operator (audited at the hub)."""
        body = self.call("GET", f"/v1/orders/{int(order_id)}/address", operator=True)
        return {k: str(v) for k, v in body.items() if v is not None}


__all__ = ["HubClient", "HubError", "new_request_id"]
