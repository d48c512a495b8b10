"""FBA prep through the hub (issue 13): the station's FbaInbound port (station/ports.py) — inventory, prep
details, inbound plans, box labels — served at /v1/fba/{operation} and run by the hub's SP-API client
(sync/spapi/inbound.py's SpApiFbaInbound) with the seller's refresh token, which never leaves the hub, and
the shared rate buckets of the order pull (hub.engine.limits.StoreLimiter).
The station plugs sync.hubclient.HubFbaInbound into station/services/inbound.py unchanged.

Each operation needs the operator's permission (the same the station's prep flow checks) and is audited."""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from typing import Any

from hub.amazon import AppCredentials
from hub.sealing import Sealer
from hub.services.audit import HUB_ACTOR, HubAudit
from hub.services.people import Actor, PeopleService
from hub.services.sellers import TOKEN_CONTEXT
from hub.settings import HubSettings
from hub.store.fba import FbaSellers
from station.errors import NotFound, UsageError
from station.ports import Clock, FbaInbound
from station.services.inbound_types import InboundBox, InboundItem, PrepDetail
from sync.spapi.endpoints import Connection
from sync.spapi.http import SpApiClient
from sync.spapi.inbound import SpApiFbaInbound
from sync.spapi.ratelimit import Limiter

# port method -> the permission it needs (as in the station's prep flow)
OPERATIONS: dict[str, str] = {
    "inventory": "inventory.view",
    "prep_details": "prep.unit",
    "set_prep_details": "inbound.create",
    "create_plan": "inbound.create",
    "confirm_packing": "inbound.create",
    "set_packing": "inbound.create",
    "confirm_placement": "inbound.create",
    "confirm_transport": "inbound.create",
    "shipment": "inbound.create",
    "box_labels": "prep.box",
}


def _item(d: dict[str, Any]) -> InboundItem:
    return InboundItem(str(d["sku"]), int(d["quantity"]), str(d.get("expiration", "")))


def _args(operation: str, args: dict[str, Any]) -> dict[str, Any]:
    """JSON arguments -> the port's typed arguments."""
    out = dict(args)
    if operation == "set_prep_details":
        out["details"] = [PrepDetail(str(d["sku"]), str(d["category"]), tuple(d.get("prep_types", ())))
                          for d in args["details"]]  # fmt: skip
    if operation == "create_plan":
        out["items"] = [_item(i) for i in args["items"]]
        out["source"] = {str(k): str(v) for k, v in dict(args["source"]).items()}
    if operation == "set_packing":
        out["boxes"] = [InboundBox(tuple(_item(i) for i in b["items"]), float(b["weight_lb"]), float(b["length_in"]),
                                   float(b["width_in"]), float(b["height_in"])) for b in args["boxes"]]  # fmt: skip
    return out


def to_json(value: Any) -> Any:
    """The port's answers as JSON (dataclasses as objects, tuples as lists, bytes as base64)."""
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    if is_dataclass(value) and not isinstance(value, type):
        return to_json(asdict(value))
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


class FbaService:
    def __init__(self, store: FbaSellers, sealer: Sealer, people: PeopleService, audit: HubAudit, clock: Clock,
                 settings: HubSettings, app: Callable[[], AppCredentials],
                 limiter: Limiter | None = None) -> None:  # fmt: skip
        self.store = store
        self.sealer = sealer
        self.people = people
        self.audit = audit
        self.clock = clock
        self.settings = settings
        self.app = app
        self.limiter = limiter  # engine-pull's shared store buckets: every hub process draws on one budget
        self._lock = threading.Lock()
        self._port: FbaInbound | None = None

    def port(self) -> FbaInbound:
        """The hub's one FBA client (token cache and rate limits shared by every station's calls)."""
        with self._lock:
            if self._port is None:
                client = SpApiClient(self.clock, self._connection, limiter=self.limiter,
                                     audit_hook=self._audit_call)  # fmt: skip
                self._port = SpApiFbaInbound(client)
            return self._port

    def _audit_call(self, operation: str, seller: str, status: int, count: int) -> None:
        self.audit.record(HUB_ACTOR, "spapi.call", target=seller, operation=operation, status=status, items=count)

    def _connection(self, selling_partner_id: str) -> Connection:
        found = self.store.by_partner(selling_partner_id)
        if found is None or found[1] is None or found[0] != "verified":
            raise NotFound("No verified seller with that selling partner id")
        app = self.app()
        return Connection(selling_partner_id, self.settings.spapi_endpoint, self.settings.lwa_url, app.client_id,
                          app.client_secret, self.sealer.open(found[1], TOKEN_CONTEXT))  # fmt: skip

    def call(self, actor: Actor, operation: str, seller: str, args: dict[str, Any]) -> Any:
        """Run one FbaInbound operation for the operator; the answer as JSON."""
        permission = OPERATIONS.get(operation)
        if permission is None:
            raise UsageError(f"Unknown FBA operation {operation}")
        self.people.authorize(actor, permission, target=seller)
        self._connection(seller)  # a forgotten, revoked or unknown seller: 404 before any call
        try:
            result = getattr(self.port(), operation)(seller, **_args(operation, args))
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"Arguments of {operation} are not right ({type(exc).__name__})") from None
        self.audit.record(actor.name, f"fba.{operation}", station=actor.station, target=seller)
        return to_json(result)
