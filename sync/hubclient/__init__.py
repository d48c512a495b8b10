"""The station's client of the hub (issue 13): typed calls, typed errors, server-sent events.

sync may import station, never hub: this package is the contract a station builds on, tested against
the real hub app on loopback (tests/hub/test_hubclient.py)."""

from sync.hubclient.client import HubClient, new_request_id
from sync.hubclient.errors import (
    ClaimLost,
    ClaimTaken,
    HubConflict,
    HubError,
    HubNotFound,
    HubPermissionDenied,
    HubRefused,
    HubUnreachable,
    OperatorSessionEnded,
    StationRevoked,
    UpgradeRequired,
)
from sync.hubclient.events import EventStream
from sync.hubclient.fba import HubFbaInbound
from sync.hubclient.types import (
    Buyer,
    ChangePage,
    Claim,
    Credential,
    Event,
    Label,
    OperatorSession,
    OrderChange,
    SellerKey,
    StationInfo,
)
from sync.hubclient.verifiers import PackerVerifier, Verifiers, badge_lookup, check_pin

__all__ = [
    "Buyer",
    "ChangePage",
    "Claim",
    "ClaimLost",
    "ClaimTaken",
    "Credential",
    "Event",
    "EventStream",
    "HubClient",
    "HubConflict",
    "HubError",
    "HubFbaInbound",
    "HubNotFound",
    "HubPermissionDenied",
    "HubRefused",
    "HubUnreachable",
    "Label",
    "OperatorSession",
    "OperatorSessionEnded",
    "OrderChange",
    "PackerVerifier",
    "SellerKey",
    "StationInfo",
    "StationRevoked",
    "UpgradeRequired",
    "Verifiers",
    "badge_lookup",
    "check_pin",
    "new_request_id",
]  # fmt: skip
