"""Typed errors of the hub client: what a station does about each.

- HubUnreachable: no answer (connection, deadline, 5xx) -> the station goes offline and parks work.
- StationRevoked: 401 on the station credential -> stop syncing, erase the cache, enrol again.
- OperatorSessionEnded: 401 on the operator's session -> log the operator out (mid-order too).
- ClaimTaken / ClaimLost: 409 on a claim or on an order action -> show "taken by" / "claim lost".
- UpgradeRequired: 426 -> the message says which version to install.
- HubRefused (400/403/404/409/422): the hub said no; its message is safe to show.
"""

from __future__ import annotations

from station.errors import AuthenticationFailed, Conflict, NotFound, PermissionDenied, StationError, UsageError


class HubError(StationError):
    """Any answer (or missing answer) from the hub that is not a success."""

    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class HubUnreachable(HubError):
    """The hub did not answer usably (network, deadline, 5xx): work offline and retry later."""


class UpgradeRequired(HubError):
    """426: this station is too old for the hub."""


class StationRevoked(HubError, AuthenticationFailed):
    """401 on the station credential: unknown or revoked."""


class OperatorSessionEnded(HubError, AuthenticationFailed):
    """401 on the operator session: ended, expired, disabled, or role changed."""


class HubRefused(HubError, UsageError):
    """400/422: the request was refused as malformed or invalid."""


class HubPermissionDenied(HubError, PermissionDenied):
    """403: the operator's role may not do that."""


class HubNotFound(HubError, NotFound):
    """404."""


class HubConflict(HubError, Conflict):
    """409 not about a claim (e.g. a request id still in flight)."""


class ClaimTaken(HubConflict):
    """409 on a claim: another station packs the order (the message names station and operator)."""


class ClaimLost(HubConflict):
    """409: this station no longer holds the order (released by a lead, expired, or taken)."""


def error_for(status: int, detail: str, *, claiming: bool = False) -> HubError:
    """The typed error for a hub answer (the hub's body is always {"detail": message})."""
    if status == 401:
        # Every refusal of the station credential names the credential; operator refusals never do.
        kind: type[HubError] = StationRevoked if "credential" in detail.lower() else OperatorSessionEnded
        return kind(detail, status=status)
    if status == 409:
        if detail.startswith("Claim lost"):
            return ClaimLost(detail, status=status)
        return (ClaimTaken if claiming else HubConflict)(detail, status=status)
    table: dict[int, type[HubError]] = {426: UpgradeRequired, 403: HubPermissionDenied, 404: HubNotFound,
                                        400: HubRefused, 422: HubRefused}  # fmt: skip
    if status >= 500 or status < 200:
        return HubUnreachable(f"The hub answered HTTP {status}", status=status)
    return table.get(status, HubError)(detail or f"HTTP {status}", status=status)
