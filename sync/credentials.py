"""LWA app credentials and seller refresh tokens, kept only in the station's ``SecretStore``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from station.domain import Seller
from station.errors import NeedsReauthorisation, UsageError
from station.ports import Clock, SecretStore
from station.services.sellers import refresh_token_name
from sync.spapi.endpoints import Connection, base_url_for, lwa_url_for

log = logging.getLogger(__name__)

CLIENT_ID = "lwa.client_id"
CLIENT_SECRET = "lwa.client_secret"  # noqa: S105 - a name, not a secret
SECRET_SET_AT = "lwa.client_secret_set_at"  # noqa: S105 - a name
ROTATION_DAYS = 180
WARN_DAYS = 30


def _text(secrets: SecretStore, name: str) -> str:
    raw = secrets.get(name)
    return raw.decode() if raw else ""


def set_app_credentials(secrets: SecretStore, client_id: str, client_secret: str, clock: Clock) -> None:
    """Store the LWA client id and secret (``app-credentials set``) and when the secret was set."""
    if not client_id.strip() or not client_secret.strip():
        raise UsageError("Both the LWA client id and the client secret are required")
    secrets.put(CLIENT_ID, client_id.strip().encode())
    secrets.put(CLIENT_SECRET, client_secret.strip().encode())
    secrets.put(SECRET_SET_AT, clock.now().date().isoformat().encode())
    log.info("LWA app credentials set")


def rotate_client_secret(secrets: SecretStore, new_secret: str, clock: Clock) -> None:
    """Replace the LWA client secret (``app-credentials rotate``); the old one is gone."""
    if not _text(secrets, CLIENT_ID):
        raise UsageError("No LWA client id is set; use app-credentials set first")
    if not new_secret.strip():
        raise UsageError("The new client secret is empty")
    if new_secret.strip() == _text(secrets, CLIENT_SECRET):
        raise UsageError("The new client secret is the same as the current one")
    secrets.put(CLIENT_SECRET, new_secret.strip().encode())
    secrets.put(SECRET_SET_AT, clock.now().date().isoformat().encode())
    log.info("LWA client secret rotated")


def secret_age_days(secrets: SecretStore, clock: Clock) -> int | None:
    raw = _text(secrets, SECRET_SET_AT)
    if not raw:
        return None
    try:
        return (clock.now().date() - date.fromisoformat(raw)).days
    except ValueError:
        return None


def rotation_warning(secrets: SecretStore, clock: Clock) -> str | None:
    """A plain warning when the client secret is within 30 days of (or past) its 180-day rotation."""
    if not _text(secrets, CLIENT_SECRET):
        return None
    age = secret_age_days(secrets, clock)
    if age is None:
        return "The LWA client secret has no recorded date; rotate it (app-credentials rotate) to be sure"
    left = ROTATION_DAYS - age
    if left <= 0:
        return (
            f"The LWA client secret is {age} days old: Amazon requires rotation every {ROTATION_DAYS} days. "
            "Rotate it now (app-credentials rotate)"
        )
    if left <= WARN_DAYS:
        return f"The LWA client secret must be rotated within {left} days (app-credentials rotate)"
    return None


def set_seller_refresh_token(secrets: SecretStore, seller_id: str, refresh_token: str) -> None:
    """Keep a seller's refresh token (``seller add … --refresh-token-stdin``)."""
    if not refresh_token.strip():
        raise UsageError("The refresh token is empty")
    secrets.put(refresh_token_name(seller_id), refresh_token.strip().encode())


def connection_for(secrets: SecretStore, seller: Seller, *, sandbox: bool = False) -> Connection:
    """How to reach SP-API for this seller, with its secrets; errors say what the operator must do."""
    client_id, client_secret = _text(secrets, CLIENT_ID), _text(secrets, CLIENT_SECRET)
    if not client_id or not client_secret:
        raise UsageError("No LWA app credentials on this station (app-credentials set)")
    if seller.status == "revoked":
        raise NeedsReauthorisation(
            f"Seller {seller.selling_partner_id} was revoked on this station", code="revoked"
        )
    refresh = _text(secrets, refresh_token_name(seller.selling_partner_id))
    if not refresh:
        raise NeedsReauthorisation(
            f"Seller {seller.selling_partner_id} has no refresh token on this station; authorise it again",
            code="no_refresh_token",
        )
    return Connection(
        seller_id=seller.selling_partner_id,
        base_url=base_url_for(seller.region, sandbox=sandbox, override=seller.endpoint),
        lwa_url=lwa_url_for(seller.lwa_endpoint),
        client_id=client_id,
        client_secret=client_secret,
        refresh_token=refresh,
    )


def resolver(secrets: SecretStore, seller_lookup: Callable[[str], Seller]) -> Callable[[str], Connection]:
    """A ``connection_for`` callable for ``SpApiClient`` that reads secrets on each use (rotation-safe)."""

    def resolve(seller_id: str) -> Connection:
        return connection_for(secrets, seller_lookup(seller_id))

    return resolve


class MemorySecretStore:
    """An in-memory ``SecretStore`` for tests, the demo and the benchmark."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        return self._data.get(name)

    def put(self, name: str, value: bytes) -> None:
        self._data[name] = bytes(value)

    def delete(self, name: str) -> None:
        self._data.pop(name, None)

    def names(self) -> list[str]:
        return sorted(self._data)
