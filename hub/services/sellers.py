"""Sellers: Amazon's website authorization workflow, the sealed refresh tokens, revoke and forget,
and the app's LWA credentials with their 180-day rotation."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from hub.amazon import AppCredentials, SellerAuthorizer
from hub.sealing import Sealer
from hub.services.audit import HUB_ACTOR, HubAudit
from hub.services.people import Actor, PeopleService
from hub.settings import HubSettings
from hub.store.sellers import SellerRow, Sellers
from hub.store.tables import app_credentials, seal_context, sellers
from station.auth_rules import valid_name
from station.clock import iso
from station.errors import AuthenticationFailed, NotFound, StationError, UsageError
from station.ports import Clock

log = logging.getLogger(__name__)
TOKEN_CONTEXT = seal_context(sellers, "refresh_token_sealed")
SECRET_CONTEXT = seal_context(app_credentials, "client_secret_sealed")
ROTATION_DAYS = 180  # Amazon requires the LWA client secret to be rotated every 180 days
WARN_DAYS = 30


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class CredentialStatus:
    client_id: str
    set_at: str
    rotate_by: str
    days_left: int
    warning: str


class SellerService:
    def __init__(self, store: Sellers, people: PeopleService, sealer: Sealer, audit: HubAudit, clock: Clock,
                 settings: HubSettings, amazon: SellerAuthorizer,
                 forget_backups: Callable[[Actor, str], list[Path]] | None = None) -> None:  # fmt: skip
        self.forget_backups = forget_backups
        # Stations through the hub: destroys the seller's data key first (station caches unreadable at once).
        self.forget_key: Callable[[Actor, int], int] | None = None
        self.store = store
        self.people = people
        self.sealer = sealer
        self.audit = audit
        self.clock = clock
        self.settings = settings
        self.amazon = amazon

    # -- onboarding -------------------------------------------------------------------------------
    def invite(self, by: Actor, name: str) -> str:
        """A one-seller onboarding link (shown once; only its hash is kept)."""
        self.people.authorize(by, "seller.invite", target=name)
        if not valid_name(name):
            raise UsageError("Seller names are 2-32 letters, digits, dot, dash or underscore")
        row = self.store.by_name(name)
        seller_id = row.seller_id if row else self.store.add(name, self._now())
        token = secrets.token_urlsafe(24)
        expires = iso(self.clock.now() + timedelta(days=self.settings.onboarding_days))
        self.store.add_onboarding(seller_id, _hash(token), expires)
        self.audit.record(by.name, "seller.invited", station=by.station, target=name)
        return f"{self.settings.base_url}/onboard/{token}"

    def onboarding_seller(self, token: str) -> str:
        """The seller name of an open onboarding link (for its page)."""
        found = self.store.onboarding(_hash(token), self._now())
        if found is None:
            raise NotFound("This onboarding link is unknown, used or expired; ask for a new one")
        row = self.store.by_id(found[1])
        assert row is not None
        return row.name

    def consent_url(self, token: str) -> str:
        """Make a single-use state bound to the onboarding and return Seller Central's consent URI."""
        found = self.store.onboarding(_hash(token), self._now())
        if found is None:
            raise NotFound("This onboarding link is unknown, used or expired; ask for a new one")
        if not self.settings.application_id:
            raise UsageError("The hub has no SP-API application id (PACIFIC_HUB_APPLICATION_ID)")
        state = secrets.token_urlsafe(32)
        expires = iso(self.clock.now() + timedelta(minutes=self.settings.oauth_state_minutes))
        self.store.add_state(_hash(state), found[0], expires)
        query = {"application_id": self.settings.application_id, "state": state,
                 "redirect_uri": self.settings.redirect_uri}  # fmt: skip
        if self.settings.app_draft:
            query["version"] = "beta"
        self.audit.record(HUB_ACTOR, "seller.consent_started", target=str(found[1]))
        return f"{self.settings.consent_base_url.rstrip('/')}/apps/authorize/consent?{urlencode(query)}"

    def callback(self, state: str, code: str, selling_partner_id: str) -> str:
        """Seller Central sent the seller back: spend the state, exchange the code, seal the token, verify."""
        now = self._now()
        used = self.store.use_state(_hash(state), now) if state else None
        if used is None:
            reason = self.store.state_status(_hash(state), now) if state else "missing"
            self.audit.record(HUB_ACTOR, "seller.oauth_refused", severity="warning", reason=reason)
            raise AuthenticationFailed("This authorization link is unknown, used or expired; start again")
        onboarding_id, seller_id = used
        row = self.store.by_id(seller_id)
        assert row is not None
        if not code or not selling_partner_id:
            self.audit.record(HUB_ACTOR, "seller.oauth_refused", target=row.name, severity="warning",
                              reason="no code")  # fmt: skip
            raise AuthenticationFailed("Seller Central sent no authorization code")
        app = self.app_credentials()
        # The code lives 5 minutes: exchange it now, before anything slow.
        refresh = self.amazon.exchange(code, self.settings.redirect_uri, app)
        self.store.update(
            seller_id, refresh_token_sealed=self.sealer.seal(refresh, TOKEN_CONTEXT),
            selling_partner_id=selling_partner_id, state="authorized", authorized_at=now,
        )  # fmt: skip
        self.store.complete_onboarding(onboarding_id, now)
        self.audit.record(HUB_ACTOR, "seller.authorized", target=row.name, selling_partner_id=selling_partner_id)
        self._verify(seller_id, row.name, selling_partner_id, refresh, app)
        return row.name

    def _verify(self, seller_id: int, name: str, partner: str, refresh: str, app: AppCredentials) -> None:
        try:
            markets = self.amazon.participations(partner, refresh, app)
        except StationError as exc:
            log.warning("seller %s not verified: %s", name, type(exc).__name__)
            self.audit.record(HUB_ACTOR, "seller.verify_failed", target=name, severity="warning",
                              error=type(exc).__name__)  # fmt: skip
            return
        if markets:
            self.store.update(seller_id, state="verified", marketplaces=",".join(markets), verified_at=self._now())
            self.audit.record(HUB_ACTOR, "seller.verified", target=name, marketplaces=len(markets))

    # -- admin ------------------------------------------------------------------------------------
    def list(self, by: Actor) -> list[SellerRow]:
        self.people.authorize(by, "seller.list")
        return self.store.list()

    def revoke(self, by: Actor, name: str) -> None:
        """Forget the seller's refresh token; all work for the seller stops until it authorizes again."""
        self.people.authorize(by, "seller.revoke", target=name)
        row = self._need(name)
        self.store.update(row.seller_id, refresh_token_sealed=None, state="revoked")
        self.audit.record(by.name, "seller.revoked", station=by.station, target=name)

    def forget(self, by: Actor, name: str) -> dict[str, int]:
        """Erase every row of the seller at the hub (orders, buyer data, token, onboarding)."""
        self.people.authorize(by, "seller.forget", target=name)
        row = self._need(name)
        destroyed = self.forget_key(by, row.seller_id) if self.forget_key is not None else 0
        counts = self.store.erase(row.seller_id)
        counts["seller_keys"] = destroyed
        if self.forget_backups is not None:  # backups holding the seller go whole (they cannot be edited)
            counts["backups"] = len(self.forget_backups(by, name))
        self.audit.record(by.name, "seller.forgotten", station=by.station, target=name, erased=counts)
        return counts

    def refresh_token(self, name: str) -> str | None:
        """The seller's refresh token, opened (for the SP-API engine; never logged)."""
        row = self._need(name)
        return self.sealer.open(row.refresh_token_sealed, TOKEN_CONTEXT) if row.refresh_token_sealed else None

    def _need(self, name: str) -> SellerRow:
        row = self.store.by_name(name)
        if row is None:
            raise NotFound(f"No seller named {name}")
        return row

    # -- the app's LWA credentials ----------------------------------------------------------------
    def set_app_credentials(self, by: Actor, client_id: str, client_secret: str, *, rotate: bool = False) -> None:
        """Store the LWA client id and secret (sealed); ``rotate`` for the 180-day rotation."""
        action = "credentials.rotate" if rotate else "credentials.set"
        self.people.authorize(by, action)
        if not client_id or not client_secret:
            raise UsageError("Client id and client secret are both needed")
        if rotate and self.store.app_credentials() is None:
            raise UsageError("No app credentials to rotate yet; use `app-credentials set`")
        self.store.set_app_credentials(client_id, self.sealer.seal(client_secret, SECRET_CONTEXT), self._now())
        self.audit.record(by.name, "credentials.rotated" if rotate else "credentials.set", station=by.station)

    def app_credentials(self) -> AppCredentials:
        found = self.store.app_credentials()
        if found is None:
            raise UsageError("The hub has no LWA app credentials yet: `pacific-hub app-credentials set`")
        return AppCredentials(found[0], self.sealer.open(found[1], SECRET_CONTEXT))

    def credential_status(self) -> CredentialStatus | None:
        """When the client secret must be rotated; a warning from 30 days before."""
        found = self.store.app_credentials()
        if found is None:
            return None
        set_at = datetime.fromisoformat(found[2].replace("Z", "+00:00"))
        due = set_at + timedelta(days=ROTATION_DAYS)
        days_left = (due - self.clock.now()).days
        warning = ""
        if days_left < 0:
            warning = f"The LWA client secret is {-days_left} days past its 180-day rotation: rotate it now"
        elif days_left <= WARN_DAYS:
            warning = f"Rotate the LWA client secret within {days_left} days (`pacific-hub app-credentials rotate`)"
        return CredentialStatus(found[0], found[2], iso(due), days_left, warning)

    def _now(self) -> str:
        return iso(self.clock.now())
