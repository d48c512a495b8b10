"""What the hub answers, as typed values (no buyer data except in ``OrderChange.buyer``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Credential:
    station: str
    secret: str  # keep it in the station's secret store, nowhere else


@dataclass(frozen=True)
class StationInfo:
    station: str
    state: str
    version: str
    locked: bool = False  # incident mode at the hub: lock the station


@dataclass(frozen=True)
class OperatorSession:
    operator: str
    role: str
    token: str = ""  # the session token (X-Pacific-Session); empty in replies that do not open one
    language: str = "en"  # the operator's language (at login): the station's screens switch to it


@dataclass(frozen=True)
class Claim:
    order_id: int
    station: str
    operator: str
    kind: str  # "open" (lease kept by heartbeat) | "hold" (batch ahead, ends at ship-by or by a lead)
    expires_at: str

    @classmethod
    def of(cls, body: dict[str, Any]) -> Claim:
        return cls(int(body["order_id"]), str(body["station"]), str(body["operator"]), str(body["kind"]),
                   str(body["expires_at"]))  # fmt: skip


@dataclass(frozen=True)
class Buyer:
    name: str | None = None
    address: str | None = None
    phone: str | None = None

    def __repr__(self) -> str:  # buyer data never reaches a log line through a repr
        return "Buyer(<redacted>)"


@dataclass(frozen=True)
class OrderChange:
    seq: int
    order_id: int
    seller_id: int
    amazon_order_id: str
    status: str
    ship_by: str
    lines: list[dict[str, Any]]
    updated_at: str
    claim: Claim | None = None  # who packs it now
    buyer: Buyer | None = field(default=None, repr=False)  # only when this station holds the order
    marketplace_id: str = ""  # where the order was placed ("" from a hub too old to say)

    @classmethod
    def of(cls, body: dict[str, Any]) -> OrderChange:
        claim = body.get("claim")
        buyer = body.get("buyer")
        return cls(int(body["seq"]), int(body["order_id"]), int(body["seller_id"]), str(body["amazon_order_id"]),
                   str(body["status"]), str(body["ship_by"]), list(body.get("lines") or []), str(body["updated_at"]),
                   Claim.of(claim) if claim else None, Buyer(**buyer) if buyer else None,
                   str(body.get("marketplace_id") or ""))  # fmt: skip


@dataclass(frozen=True)
class ChangePage:
    changes: list[OrderChange]
    cursor: int  # pass it back next time


@dataclass(frozen=True)
class Event:
    """One server-sent event: ``id`` is the cursor to resume from (Last-Event-ID)."""

    id: str
    type: str
    data: dict[str, Any]


@dataclass(frozen=True)
class SellerKey:
    seller_id: int
    key: bytes = field(repr=False)  # 32 bytes; memory only
    expires_at: str


@dataclass(frozen=True)
class Label:
    """A label from the hub's ledger (POST /v1/labels): print ``document`` as today."""

    label_id: int
    state: str  # buying | bought | unknown | refused | not_bought | voiding | voided
    shipment_id: str
    tracking: str
    carrier: str
    service: str
    label_format: str  # ZPL | PNG | PDF
    dpi: int
    cost: str
    currency: str
    document: bytes = field(default=b"", repr=False)
    message: str = ""

    @classmethod
    def of(cls, body: dict[str, Any]) -> Label:
        import base64

        return cls(int(body["label_id"]), str(body["state"]), str(body["shipment_id"]), str(body["tracking"]),
                   str(body["carrier"]), str(body["service"]), str(body["label_format"]), int(body["dpi"]),
                   str(body["cost"]), str(body["currency"]), base64.b64decode(body.get("document_b64") or ""),
                   str(body.get("message", "")))  # fmt: skip
