"""Amazon's error bodies, in the wording each API family publishes.

Sources: the ``examples`` of the official models (Shipping v2's 400/403/404/429/503 examples, Orders
v0's "Missing request parameter" and "Invalid request parameter ... Must be one of" examples, the
"Invalid Input" of Orders 2026-01-01 and Sellers), Amazon's answers quoted in the
selling-partner-api-models issues (confirmShipment's "Failed to create package due to not finding a
matching package or order already fulfilled.", issue #5037), and the Orders/Sellers 403 and 429 texts
("Access to requested resource is denied.", "You exceeded your quota for the requested resource.").
Never wording chosen to suit our own client's checks.
"""

from __future__ import annotations

from typing import Any

from sync.simulator.models import OPERATIONS

# Fulfillment Inbound 2024-03-20 answers refusals as 400 BadRequest "Invalid Request" (its examples).
INBOUND_2024 = frozenset(
    name for name, (model, _m, _p) in OPERATIONS.items() if model.startswith("fulfillmentInbound_")
)
SHIPPING_V2 = frozenset(
    {"getRates", "purchaseShipment", "getShipmentDocuments", "cancelShipment", "directPurchaseShipment"}
)

# confirmShipment's published answer when the package is already there or the order is fulfilled.
CONFIRM_REFUSED = "Failed to create package due to not finding a matching package or order already fulfilled."
ORDERS_INVALID = "Invalid Input"
# Amazon's confirmShipment answers quoted in the SP-API issues (jlevers/selling-partner-api #489, #528).
BAD_PACKAGE_REF = "PackageReferenceId: is invalid, must be a positive numeric value."
BAD_ORDER_ITEM = "OrderItemId is invalid, please obtain the value through the getOrderItems API or Manage Orders page"
SHIPPING_INVALID = "Request is missing or has invalid parameters"


def body(code: str, message: str, details: str = "") -> dict[str, Any]:
    """``{"errors": [{"code", "message", "details"?}]}``, the ErrorList shape of every model."""
    entry = {"code": code, "message": message}
    if details:
        entry["details"] = details
    return {"errors": [entry]}


def invalid(operation: str, details: str = "", message: str = "") -> dict[str, Any]:
    """A 400 for a request the model refuses."""
    if operation in SHIPPING_V2:
        return body("InvalidRequest", SHIPPING_INVALID, details)
    if operation in INBOUND_2024:
        return body("BadRequest", "Invalid Request", details)
    return body("InvalidInput", message or ORDERS_INVALID, details)


def missing_parameter(operation: str, name: str) -> dict[str, Any]:
    if operation in SHIPPING_V2:
        return body("InvalidRequest", SHIPPING_INVALID, f"{name} is missing in the request")
    if operation in INBOUND_2024:
        return body("BadRequest", "Invalid Request", f"{name} is missing")
    return body("InvalidInput", f"Missing request parameter: {name}.")


def throttled(operation: str) -> dict[str, Any]:
    if operation in SHIPPING_V2:
        return body("TooManyRequests", "The total number of requests exceeded your allowed limit.")
    return body("QuotaExceeded", "You exceeded your quota for the requested resource.")


def denied(operation: str) -> dict[str, Any]:
    if operation in SHIPPING_V2:
        return body("Unauthorized", "You don't have access to the requested resource or the credentials are invalid.")
    return body(
        "Unauthorized",
        "Access to requested resource is denied.",
        "The access token you provided is revoked, malformed or expired.",
    )


def not_found(operation: str) -> dict[str, Any]:
    if operation in SHIPPING_V2:
        return body("NotFound", "The requested resource is invalid or doesn't exist")
    return body("NotFound", "Resource not found")


def unavailable(operation: str) -> dict[str, Any]:
    if operation in SHIPPING_V2:
        return body(
            "ServiceUnavailable",
            "Service temporarily unavailable or down for maintenance. Please try again after sometime.",
        )
    return body("ServiceUnavailable", "Service temporarily unavailable.")
