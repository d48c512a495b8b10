"""Typed errors of the core; each maps to one command-line exit code.

Messages are written for the person at the station and never carry PII or secrets.
"""

from __future__ import annotations

from station.i18n import N_


class StationError(Exception):
    """Base of every error the station reports to a person."""

    exit_code = 1


class UsageError(StationError):
    exit_code = 2


class PermissionDenied(StationError):
    exit_code = 3


class AuthenticationFailed(StationError):
    """A login refused. ``attempts_left`` (when known) is how many more tries before a lockout of ``minutes``."""

    exit_code = 4

    def __init__(self, message: str = "", *, attempts_left: int | None = None, minutes: int | None = None) -> None:
        super().__init__(message)
        self.attempts_left = attempts_left
        self.minutes = minutes


class LockedOut(AuthenticationFailed):
    """Too many failures: ``minutes`` is the lockout length; a lead or admin can unlock sooner."""

    exit_code = 4

    def __init__(self, message: str = "", *, minutes: int | None = None) -> None:
        super().__init__(message, attempts_left=0, minutes=minutes)


class SessionEnded(AuthenticationFailed):
    """An open session may no longer act: station locked, operator disabled or role changed."""

    exit_code = 4


class HubOutOfReach(AuthenticationFailed):
    """A joined station's lead, admin or auditor login while the hub does not answer: they log in through
    the hub only, so lead-only steps wait; a packer can still park the order as an exception."""

    exit_code = 4

    def __init__(self, message: str = "") -> None:
        super().__init__(message or HUB_OUT_OF_REACH)


HUB_OUT_OF_REACH = N_(
    "The hub is out of reach: leads, admins and auditors log in through the hub. Lead-only steps wait until "
    "it is back; a packer can park the order as an exception."
)


class StoreError(StationError):
    """The store cannot be opened: wrong key, not a station database, newer schema."""

    exit_code = 5


class UpstreamError(StationError):
    """SP-API (or the simulator/hub) failed; carries the SP-API error code when known."""

    exit_code = 6

    def __init__(self, message: str, *, code: str = "", status: int = 0, retryable: bool = False):
        super().__init__(message)
        self.code = code
        self.status = status
        self.retryable = retryable


class NeedsReauthorisation(UpstreamError):
    """LWA said invalid_grant / invalid_client: the seller must authorise again."""


class AuditVerificationFailed(StationError):
    exit_code = 7


class NotFound(StationError):
    exit_code = 2


class Conflict(StationError):
    """The action does not fit the current state (order taken, already shipped, ...)."""

    exit_code = 2


class DeviceError(StationError):
    """A device failed; `state` names what a person should fix."""

    def __init__(self, message: str, *, state: str = "error"):
        super().__init__(message)
        self.state = state


class DeviceUnplugged(DeviceError):
    def __init__(self, message: str = "Device unplugged — plug it back in"):
        super().__init__(message, state="unplugged")


class DeviceTimeout(DeviceError):
    def __init__(self, message: str = "Device did not answer in time"):
        super().__init__(message, state="timeout")


class BuyerDataLocked(StationError):
    """A seller's buyer data is sealed and its key is not here: the lease ran out offline, or the seller was
    forgotten at the hub. The message says what to do; the data stays unreadable until a renewal."""

    exit_code = 2


class SellerKeyGone(StationError):
    """The hub no longer gives out the seller's key (the seller was forgotten): erase its cache."""
