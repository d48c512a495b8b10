"""Rules for identifiers that come from upstream, checked at the boundary before anything is stored.

An id with a NUL, a newline or a bidi control passes through the store and breaks (or forges) a
packing slip, a label or a file name later. Patterns are the SP-API models' where they give one
(/work/shared/spapi-models): order ids "in 3-7-7 format" (ordersV0), FBA inbound plan/shipment ids
``^[a-zA-Z0-9-]*$`` of 38 characters, ASINs at most 10 characters, MSKUs 1-255 characters. Where the
models say only "string" (Shipping v2 shipmentId and trackingId, marketplace ids, order item ids) the
rule is the shape Amazon actually uses, kept loose enough for every carrier.
"""

from __future__ import annotations

import re

from station.errors import UpstreamError

ORDER_ID = re.compile(r"[0-9]{3}-[0-9]{7}-[0-9]{7}")  # ASCII digits only (\d takes any script)
ORDER_ITEM_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
ASIN = re.compile(r"[0-9A-Z]{10}")
MARKETPLACE_ID = re.compile(r"[A-Z0-9]{9,20}")
SHIPMENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")  # Shipping v2: "provided by a shipping service"
TRACKING = re.compile(r"[A-Za-z0-9-]{1,64}")
INBOUND_ID = re.compile(r"[a-zA-Z0-9-]{38}")  # inboundPlanId, shipmentId (2024-03-20 model)
SKU_MAX = 255


class InvalidUpstreamRecord(UpstreamError):
    """A record from upstream whose identifiers break the model's rules: refused, never stored."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message, code="InvalidRecord", retryable=retryable)


def _refuse(what: str, record: str) -> InvalidUpstreamRecord:
    # The offending value is not echoed: it may hold control characters (or buyer data).
    where = f" in {record}" if record else ""
    return InvalidUpstreamRecord(f"Amazon sent an invalid {what}{where}; the record was refused")


def check(rule: re.Pattern[str], value: str, what: str, record: str = "", *, optional: bool = False) -> str:
    """``value`` if it matches ``rule`` in full (or is empty and optional); else InvalidUpstreamRecord."""
    if optional and value == "":
        return value
    if not rule.fullmatch(value):
        raise _refuse(what, record)
    return value


def check_text_id(value: str, what: str, record: str = "", *, max_len: int = SKU_MAX, optional: bool = False) -> str:
    """A free-form id (SKU, box id): 1..max_len printable characters, no control or format characters."""
    if optional and value == "":
        return value
    if not value.strip() or len(value) > max_len or not value.isprintable():
        raise _refuse(what, record)
    return value
