"""``Simulator``: an SP-API look-alike on loopback, in-process or as ``pacific-station sim``."""

from __future__ import annotations

import random
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from station.clock import SystemClock
from station.ports import Clock
from sync.simulator import consent, handlers
from sync.simulator.data import World
from sync.simulator.faults import FaultPlan, Faults
from sync.simulator.models import ModelBook, default_book
from sync.simulator.server import Buckets, CallRecord, serve

RATE_TOKEN_LIFE_S = 600.0  # Shipping v2: "complete the purchase within 10 minutes of rate creation"

LabelRenderer = Callable[..., "bytes | None"]


@dataclass(frozen=True)
class SellerInfo:
    """A seeded seller and the refresh token the simulator accepts for it (fake, test-only)."""

    seller_id: str
    name: str
    marketplace_id: str
    refresh_token: str = field(repr=False)


class Simulator:
    """The running simulator: ``base_url``, ``lwa_url``, the call record, and knobs for tests."""

    def __init__(
        self,
        *,
        seed: int = 1,
        clock: Clock | None = None,
        rate_scale: float = 1.0,
        faults: FaultPlan | str | None = None,
        sellers: int = 3,
        orders: int = 60,
        arrivals_per_hour: float = 0.0,
        cancel_rate: float = 0.03,
        address_change_rate: float = 0.02,
        afn_rate: float = 0.04,
        cancel_request_rate: float = 0.0,
        partial_ship_rate: float = 0.0,
        token_lifetime_s: float = 3600.0,
        host: str = "127.0.0.1",
        port: int = 0,
        label_renderer: LabelRenderer | None = None,
        models: ModelBook | None = None,
        idempotency_conflict: str = "reject",
        redirect_uris: tuple[str, ...] = ("https://localhost/sellers/authorized",),
        app_name: str = "Pacific Prep WMS",
        app_draft: bool = False,
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self._t0 = self.clock.monotonic()
        self.world = World(
            seed,
            self.clock.now(),
            sellers=sellers,
            backlog=orders,
            arrivals_per_hour=arrivals_per_hour,
            cancel_rate=cancel_rate,
            address_change_rate=address_change_rate,
            afn_rate=afn_rate,
            cancel_request_rate=cancel_request_rate,
            partial_ship_rate=partial_ship_rate,
        )
        plan = FaultPlan.parse(faults) if isinstance(faults, str) else (faults or FaultPlan())
        self.faults = Faults(plan, random.Random(seed + 1), seed)
        # The official models: request validation and the rate table (the simulator's own, not the client's).
        self.models = models if models is not None else default_book()
        self.buckets = Buckets(rate_scale, self.models.rate_table())
        if idempotency_conflict not in ("reject", "replay"):
            raise ValueError("idempotency_conflict is 'reject' or 'replay'")
        # A reused x-amzn-IdempotencyKey with a different body: refused (400) or answered with the first result.
        self.idempotency_conflict = idempotency_conflict
        self.rate_token_life_s = RATE_TOKEN_LIFE_S
        # Carriers whose rates say requiresAdditionalInputs (none by default); e.g. {"FEDEX"}.
        self.additional_inputs_carriers: set[str] = set()
        self.app: consent.RegisteredApp | None = consent.RegisteredApp(
            "amzn1.sp.solution.sim" + self.world.client_id[-12:], app_name, list(redirect_uris), app_draft
        )
        self._codes: dict[str, consent.AuthCode] = {}
        self.token_lifetime_s = token_lifetime_s
        # Draws the label document of a purchase; the demo passes the station's own 4x6 layout.
        self.label_renderer = label_renderer
        self.calls: list[CallRecord] = []
        self.confirmations: dict[tuple[str, str], dict[str, str]] = {}
        self.shipments: dict[str, dict[str, Any]] = {}
        self.purchases_by_key: dict[tuple[str, str], str] = {}
        self.rate_tokens: dict[str, Any] = {}
        self.cursors: dict[str, Any] = {}
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._seq = 0
        self._server, self._thread = serve(self, host, port)
        bound_host, bound_port = self._server.server_address[:2]
        self.base_url = f"http://{bound_host!s}:{bound_port}"
        self.lwa_url = self.base_url + "/auth/o2/token"

    # --- facts for tests and the demo -------------------------------------------------------------
    @property
    def client_id(self) -> str:
        return self.world.client_id

    @property
    def client_secret(self) -> str:
        return self.world.client_secret

    def sellers(self) -> list[SellerInfo]:
        return [SellerInfo(s.seller_id, s.name, s.marketplace_id, s.refresh_token) for s in self.world.sellers.values()]

    def elapsed(self) -> float:
        return self.clock.monotonic() - self._t0

    def calls_for(self, operation: str, *, status: int | None = None) -> list[CallRecord]:
        with self._lock:
            return [c for c in self.calls if c.operation == operation and (status is None or c.status == status)]

    # --- knobs -----------------------------------------------------------------------------------
    def cancel_order(self, order_id: str, *, after_s: float = 0.0) -> None:
        """The buyer cancels (now, or ``after_s`` simulator seconds from now)."""
        self.world.add_event(order_id, self.clock.now() + timedelta(seconds=after_s), "cancel")

    def change_address(self, order_id: str, changes: dict[str, str], *, after_s: float = 0.0) -> None:
        self.world.add_event(order_id, self.clock.now() + timedelta(seconds=after_s), "address", changes)

    def add_orders(self, seller_id: str, count: int, *, after_s: float = 0.0) -> list[str]:
        when = self.clock.now() + timedelta(seconds=after_s)
        return [self.world.add_order(seller_id, when).order_id for _ in range(count)]

    def request_cancellation(self, order_id: str, *, reason: str = "BUYER_CANCELED", after_s: float = 0.0) -> None:
        """The buyer asks to cancel (includedData CANCELLATION shows it, requester BUYER)."""
        when = self.clock.now() + timedelta(seconds=after_s)
        self.world.add_event(order_id, when, "cancel_request", {"reason": reason})

    def ship_elsewhere(self, order_id: str, units: dict[str, int] | None = None, *, after_s: float = 0.0) -> None:
        """Units ship outside this warehouse's flow: all of them (SHIPPED) or ``units`` (maybe PARTIALLY_SHIPPED)."""
        order = self.world.orders[order_id]
        when = self.clock.now() + timedelta(seconds=after_s)
        chosen = units if units is not None else {i.order_item_id: i.quantity for i in order.items}
        ref = str(random.Random(f"{self.world.seed}:elsewhere:{order_id}:{len(order.packages)}").randint(1, 10**6))
        self.world.ship_units(order, when, chosen, package_ref=ref, tracking="9400" + ref.zfill(18))

    def register_app(
        self, *, redirect_uris: tuple[str, ...] | list[str], name: str | None = None, draft: bool | None = None
    ) -> consent.RegisteredApp:
        """Set the app's registration (redirect URIs, name, draft status) as the developer console would."""
        assert self.app is not None
        self.app = consent.RegisteredApp(
            self.app.application_id,
            name or self.app.name,
            list(redirect_uris),
            self.app.draft if draft is None else draft,
        )
        return self.app

    @property
    def consent_url(self) -> str:
        """Seller Central's authorization URI on this simulator (add application_id, state, version)."""
        return self.base_url + "/apps/authorize/consent"

    def issue_code(self, seller_id: str, redirect_uri: str) -> str:
        """A fresh single-use authorization code for ``seller_id`` (after the seller confirmed)."""
        code = consent.new_code()
        with self._lock:
            self._codes[code] = consent.AuthCode(seller_id, redirect_uri, self.clock.monotonic())
        return code

    def redeem_code(self, code: str, redirect_uri: str) -> tuple[str, str, str]:
        """(seller id, new refresh token, "") or ("", "", the invalid grant parameter)."""
        with self._lock:
            found = self._codes.get(code)
            if found is None or found.used or self.clock.monotonic() - found.issued > consent.CODE_LIFETIME_S:
                return "", "", "code"
            found.used = True  # any presentation spends it: a mismatched try may be someone else's
            if redirect_uri != found.redirect_uri:
                return "", "", "redirect_uri"
        seller = self.world.sellers[found.seller_id]
        token = "Atzr|sim-" + secrets.token_hex(32)
        with self.world.lock:
            if seller.revoked:  # authorising again after a revocation: only the new token works
                seller.revoked, seller.refresh_token = False, token
                seller.more_tokens.clear()
            seller.more_tokens.add(token)
        return seller.seller_id, token, ""

    def revoke(self, seller_id: str) -> None:
        """The seller withdraws the authorisation: its refresh token stops working."""
        self.world.sellers[seller_id].revoked = True
        with self._lock:
            self._tokens = {t: v for t, v in self._tokens.items() if v[0] != seller_id}

    def rotate_client_secret(self) -> str:
        """Amazon issues a new client secret; the old one stops working."""
        self.world.client_secret = "amzn1.oa2-cs.v1.sim" + random.Random().getrandbits(128).to_bytes(16).hex()
        return self.world.client_secret

    def expire_access_tokens(self) -> None:
        """Every access token handed out so far is rejected from now on."""
        with self._lock:
            self._tokens.clear()

    def outage(self, duration_s: float, *, after_s: float = 0.0) -> None:
        self.faults.outage(self.elapsed() + after_s, duration_s)

    def order_ids(
        self, seller_id: str | None = None, *, fbm_only: bool = True, at: datetime | None = None
    ) -> list[str]:
        """Orders visible upstream now (or at ``at``)."""
        now = at or self.clock.now()
        with self.world.lock:
            return [
                o.order_id
                for o in self.world.orders.values()
                if (seller_id is None or o.seller_id == seller_id)
                and o.visible(now)
                and (not fbm_only or o.fulfilled_by == "MERCHANT")
            ]

    def order_payload(self, order_id: str) -> dict[str, Any]:
        with self.world.lock:
            return handlers.order_json(
                self.world.orders[order_id], self.clock.now(), {"RECIPIENT", "FULFILLMENT", "PACKAGES"}
            )

    # --- used by the server ----------------------------------------------------------------------
    def next_seq(self) -> int:
        with self._lock:
            self._seq += 1
            return self._seq

    def issue_token(self, token: str, seller_id: str, lifetime_s: float) -> None:
        with self._lock:
            self._tokens[token] = (seller_id, self.clock.monotonic() + lifetime_s)

    def seller_for_token(self, token: str) -> str | None:
        with self._lock:
            found = self._tokens.get(token)
        if found is None or self.clock.monotonic() >= found[1]:
            return None
        return found[0]

    def rate_for(self, operation: str) -> float:
        return self.buckets.rate(operation)

    def take_token(self, seller_id: str, operation: str) -> bool:
        return self.buckets.take(seller_id, operation, self.clock.monotonic())

    def record(
        self, req: handlers.Request, status: int, fault: str, headers: dict[str, str], *, answer: Any = None
    ) -> None:
        body = req.json() if req.operation not in ("lwa",) else None
        with self._lock:
            self.calls.append(
                CallRecord(
                    seq=len(self.calls) + 1,
                    at=_iso(self.clock.now()),
                    t=self.elapsed(),
                    operation=req.operation,
                    seller_id=req.seller_id,
                    method=req.method,
                    path=req.path,
                    params=dict(req.params),
                    body=body,
                    headers=headers,
                    status=status,
                    fault=fault,
                    raw=req.raw,
                    request_headers=dict(req.headers.items()),
                    answer=answer,
                )
            )

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Simulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def start_simulator(
    *,
    seed: int = 1,
    clock: Clock | None = None,
    rate_scale: float = 1.0,
    faults: FaultPlan | str | None = None,
    **world: Any,
) -> Simulator:
    """Start a simulator on a free loopback port, serving in a daemon thread."""
    return Simulator(seed=seed, clock=clock, rate_scale=rate_scale, faults=faults, **world)
