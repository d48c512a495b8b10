"""The core's ports: what the outside world must offer. Adapters live in sync/, drivers/, ui/."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from station.domain import Order, OrderPage, Parcel, PurchasedLabel, Rate, Recipient
from station.services.inbound_types import FbaStock, InboundBox, InboundItem, InboundShipmentInfo, PrepDetail


@runtime_checkable
class SecretStore(Protocol):
    """Where keys and tokens live: the OS keyring or a passphrase-sealed file. Never the DB."""

    def get(self, name: str) -> bytes | None: ...

    def put(self, name: str, value: bytes) -> None: ...

    def delete(self, name: str) -> None: ...

    def names(self) -> list[str]: ...


@runtime_checkable
class Clock(Protocol):
    """Time for the core; every wait and backoff goes through it so tests can use a virtual one."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


@runtime_checkable
class RemoteLogin(Protocol):
    """The hub's side of a login (issue 13). A packer logs in at the hub after the station's own check
    (claims and labels carry them); an unreachable hub returns None and the packer works offline on held
    orders. A lead, admin or auditor of a joined station logs in at the hub only: an unreachable hub raises
    HubOutOfReach. AuthenticationFailed refuses the login (e.g. disabled at the hub). Both return who the
    hub logged in (station.services.hub_operators.HubOperator)."""

    def badge(self, badge: str, pin: str) -> Any: ...

    def password(self, name: str, password: str, totp_code: str | None) -> Any: ...


@runtime_checkable
class OrderClaims(Protocol):
    """Claims at the hub (issue 13): opening an order claims it there, so no other station packs it.

    ``claim`` raises Conflict naming the station and operator that have it; while the hub is out of reach
    it lets through only orders this station holds (claimed or batch-held) and refuses the rest."""

    def claim(self, order_id: str, operator: str) -> None: ...

    def release(self, order_id: str) -> None: ...


class SellerKeySource(Protocol):
    """Where a seller's data key is leased (the hub): (32-byte key, lease end as ISO 8601 UTC).

    Raises SellerKeyGone when the seller is forgotten (its key destroyed); any other StationError when
    the source cannot be reached (the station keeps a key it still holds)."""

    def lease(self, seller_id: str) -> tuple[bytes, str]: ...


class BuyerCodec(Protocol):
    """Seals and opens one buyer-data value of an order (the store calls it; None = stored as is)."""

    def seals(self, seller_id: str) -> bool: ...

    def seal(self, seller_id: str, order_id: str, field: str, text: str) -> bytes: ...

    def open(self, seller_id: str, order_id: str, field: str, sealed: bytes) -> str: ...

    def seal_bytes(self, seller_id: str, order_id: str, field: str, plain: bytes) -> bytes: ...

    def open_bytes(self, seller_id: str, order_id: str, field: str, sealed: bytes) -> bytes: ...


class HubLabels(Protocol):
    """The hub's label desk for a station joined to one (issue 13): a lead's void of a label bought through
    the hub, and the confirmation (or its withdrawal) of a label bought elsewhere, go to the hub.

    ``send`` raises a retryable UpstreamError (status 0) while the hub is out of reach, PermissionDenied or
    AuthenticationFailed when the operator acting at the hub may not (the call waits for one who may), and
    any other StationError when the hub refused the call for good."""

    def acting_role(self) -> str | None: ...

    def send(self, kind: str, payload: dict[str, object], request_id: str) -> None: ...


@runtime_checkable
class Marketplace(Protocol):
    """SP-API as the core needs it (Amazon, its sandbox, the simulator, or the hub)."""

    def search_orders(self, seller_id: str, updated_after: str, next_token: str = "") -> OrderPage: ...

    def get_order(self, seller_id: str, order_id: str) -> Order: ...

    def confirm_shipment(
        self,
        seller_id: str,
        order_id: str,
        *,
        marketplace_id: str,
        carrier: str,
        tracking: str,
        ship_date: str,
        items: Sequence[tuple[str, int]],
        package_ref: str,
    ) -> None: ...

    def get_rates(
        self, seller_id: str, order: Order, recipient: Recipient, parcel: Parcel, ship_from: dict[str, str]
    ) -> list[Rate]: ...

    def purchase_shipment(
        self, seller_id: str, rate: Rate, *, idempotency_key: str, label_format: str
    ) -> PurchasedLabel: ...

    def get_shipment_documents(self, seller_id: str, shipment_id: str, label_format: str) -> bytes: ...

    def cancel_shipment(self, seller_id: str, shipment_id: str) -> None: ...

    def marketplace_participations(self, seller_id: str) -> list[str]: ...


@runtime_checkable
class FbaInbound(Protocol):
    """FBA Inventory + Fulfillment Inbound 2024-03-20 as the prep flow needs it; each step waits for its operation."""

    def inventory(self, seller_id: str, marketplace_id: str, skus: Sequence[str] = ()) -> list[FbaStock]: ...

    def prep_details(self, seller_id: str, marketplace_id: str, skus: Sequence[str]) -> list[PrepDetail]: ...

    def set_prep_details(self, seller_id: str, marketplace_id: str, details: Sequence[PrepDetail]) -> None: ...

    def create_plan(self, seller_id: str, marketplace_id: str, name: str, source: dict[str, str],
                    items: Sequence[InboundItem]) -> str: ...  # fmt: skip

    def confirm_packing(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]: ...

    def set_packing(self, seller_id: str, plan_id: str, group_id: str, boxes: Sequence[InboundBox]) -> None: ...

    def confirm_placement(self, seller_id: str, plan_id: str) -> tuple[str, list[str]]: ...

    def confirm_transport(self, seller_id: str, plan_id: str, placement_id: str, shipment_ids: Sequence[str],
                          ready_from: str) -> dict[str, str]: ...  # fmt: skip

    def update_tracking(self, seller_id: str, plan_id: str, shipment_id: str,
                        box_tracking: Sequence[tuple[str, str]]) -> None: ...  # fmt: skip

    def shipment(self, seller_id: str, plan_id: str, shipment_id: str) -> InboundShipmentInfo: ...

    def box_labels(self, seller_id: str, shipment_id: str, box_ids: Sequence[str]) -> bytes: ...


@runtime_checkable
class LabelPrinter(Protocol):
    """A thermal (or virtual) label printer; raises DeviceError subclasses with a state."""

    name: str
    dpi: int

    def print_label(self, data: bytes, *, fmt: str, size: str = "4x6") -> None:
        """Print a label given as ZPL/TSPL/ESC-POS bytes or a PDF/PNG document (``fmt``)."""
        ...

    def status(self) -> str:
        """One of: ready, paper_out, head_open, paused, unplugged, error."""
        ...


@runtime_checkable
class Scanner(Protocol):
    """Any barcode source; delivers whole barcodes to the callback."""

    def start(self, on_scan: Callable[[str], None]) -> None: ...

    def stop(self) -> None: ...

    def status(self) -> str: ...


@runtime_checkable
class Scale(Protocol):
    """A shipping scale; ``read_stable`` returns pounds or raises DeviceError with a state."""

    def read_stable(self, timeout_s: float = 3.0) -> float: ...

    def status(self) -> str: ...
