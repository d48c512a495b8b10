"""The demo simulator's label drawer: a real 4x6 ZPL label from the station's own layout."""

from __future__ import annotations

from typing import Any

from station.domain import Recipient


def party(address: dict[str, Any]) -> Recipient:
    """A Shipping v2 address as the label layout takes it (the same fields as an order's address)."""
    from sync.mapping import recipient_from_payload

    return recipient_from_payload({"deliveryAddress": address}) or Recipient(name="")


def demo_label(
    *, ship_to: dict[str, Any], ship_from: dict[str, Any], carrier: str, service: str, tracking: str, fmt: str,
    weight_lb: float, reference: str = "",
) -> bytes | None:  # fmt: skip
    """ZPL labels only; other formats keep the simulator's own document."""
    if fmt != "ZPL":
        return None
    from drivers.labels import shipping_label_zpl
    from ui import text_image

    text_image.install()
    return shipping_label_zpl(
        ship_to=party(ship_to), ship_from=party(ship_from), carrier=carrier, service=service, tracking=tracking,
        order_id=reference, weight_lb=weight_lb,
    )  # fmt: skip
