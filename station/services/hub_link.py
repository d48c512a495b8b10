"""The station's link to its hub: joining with an enrolment code, the credential, the last contact.

The station keeps only its own hub credential, in its secret store; never an Amazon secret. The HTTP
call lives outside the core: ``join`` takes the enrolment as a port (sync.hubclient in production).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from station.errors import UsageError
from station.ports import Clock, SecretStore
from station.services.audit import AuditTrail
from station.services.auth import AuthService, Session
from station.services.hub_operators import HUB_CREDENTIAL, joined
from station.store import Store

log = logging.getLogger(__name__)
__all__ = ["HUB_CREDENTIAL", "HubLink", "HubLinkInfo"]
SYSTEM = "system"

# (hub url, enrolment code) -> (station name at the hub, credential secret)
Enrol = Callable[[str, str], tuple[str, str]]


@dataclass(frozen=True)
class HubLinkInfo:
    """What `status` shows of the hub link (no secret)."""

    url: str
    station: str
    joined_at: str
    last_contact: str
    connected: bool | None  # None before the first contact


class HubLink:
    """Join a hub, and remember how the last contact went."""

    def __init__(self, store: Store, secrets: SecretStore, audit: AuditTrail, auth: AuthService,
                 clock: Clock) -> None:  # fmt: skip
        self.store = store
        self.secrets = secrets
        self.audit = audit
        self.auth = auth
        self.clock = clock

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def join(self, session: Session, url: str, code: str, enrol: Enrol) -> str:
        """Enrol at the hub with a one-time code; store the credential; returns the station's hub name."""
        self.auth.authorize(session, "hub.join", target=url)
        if not code.strip():
            raise UsageError("Give the enrolment code the hub's admin created (pacific-hub station enrol)")
        name, secret = enrol(url, code.strip())
        self.secrets.put(HUB_CREDENTIAL, secret.encode("utf-8"))
        now = self._now()
        self.store.settings.set("hub", {"url": url, "station": name, "joined_at": now}, now=now, by=session.name)
        self.store.settings.set("hub_contact", {"at": now, "ok": True, "cursor": 0}, now=now, by=SYSTEM)
        self.audit.record(session.name, "hub.joined", target=name, url=url)
        # Operators come from the hub now: no TOTP seed nor local password / PIN verifier stays here.
        self.auth.hub.drop_local_verifiers(session.name)
        log.info("station joined its hub as %s", name)
        return name

    def joined(self) -> bool:
        """Whether this station has joined a hub (and still holds its credential)."""
        return joined(self.store, self.secrets)

    def credential(self) -> tuple[str, str] | None:
        """(hub url, bearer secret), or None when the station has not joined."""
        secret = self.secrets.get(HUB_CREDENTIAL)
        url = str(self.store.settings.get("hub").get("url", ""))
        if secret is None or not url:
            return None
        return url, secret.decode("utf-8")

    def contact(self, ok: bool) -> None:
        """Remember the outcome of a call to the hub (what `status` shows as connected / last contact)."""
        last: dict[str, Any] = dict(self.store.settings.get("hub_contact"))  # keeps the sync's cursor
        last.update({"at": self._now() if ok else str(last.get("at", "")), "ok": ok})
        self.store.settings.set("hub_contact", last, now=self._now(), by=SYSTEM)

    def info(self) -> HubLinkInfo | None:
        """The link as `status` shows it, or None when not joined."""
        hub: dict[str, Any] = self.store.settings.get("hub")
        if not hub.get("url"):
            return None
        last: dict[str, Any] = self.store.settings.get("hub_contact")
        ok = last.get("ok")
        return HubLinkInfo(str(hub["url"]), str(hub.get("station", "")), str(hub.get("joined_at", "")),
                           str(last.get("at", "")), None if ok is None else bool(ok))  # fmt: skip
