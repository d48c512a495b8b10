"""The station's hub link at the composition root: enrol, the client from the stored credential, status.

Kept beside ui/wiring.py: the core (station/) holds the link's state, sync.hubclient speaks HTTP.
"""

from __future__ import annotations

import logging
from typing import Any

from station.app import Station
from station.services.auth import Session

log = logging.getLogger(__name__)
PROBE_DEADLINE_S = 3.0  # `status` must answer quickly even when the hub is away


def enrol(url: str, code: str) -> tuple[str, str]:
    """The enrolment port of station.services.hub_link: one POST /v1/enrol."""
    from sync.hubclient import HubClient

    client = HubClient(url)
    try:
        credential = client.enrol(code)
    finally:
        client.close()
    return credential.station, credential.secret


def join_hub(station: Station, session: Session, url: str, code: str) -> str:
    """Join this station to the hub at ``url``; returns the station's name there."""
    from sync.spapi.endpoints import check_url

    name = station.hub_link.join(session, check_url(url.strip()), code, enrol)
    # Operators come from the hub from now on: log them in there, and have the packers' verifiers at once
    # (the sync engine keeps them fresh from the next start).
    login = hub_login_for(station)
    station.auth.remote_login = login
    login.verifiers.sync()
    return name


def hub_client_for(station: Station, **kw: Any) -> Any:
    """A HubClient with this station's credential, or None when the station has not joined a hub."""
    credential = station.hub_link.credential()
    if credential is None:
        return None
    from sync.hubclient import HubClient

    return HubClient(credential[0], credential[1], **kw)


def hub_status(station: Station, *, probe: bool = True) -> dict[str, Any] | None:
    """The hub link as `status` shows it: url, station name, connected, last contact (probed now)."""
    if station.hub_link.info() is None:
        return None
    if probe:
        from sync.hubclient.errors import HubError

        client = hub_client_for(station, deadline_s=PROBE_DEADLINE_S, timeout=(2.0, 2.0))
        try:
            client.station()
            station.hub_link.contact(True)
        except HubError as exc:
            log.info("hub probe failed: %s", type(exc).__name__)
            station.hub_link.contact(False)
        finally:
            client.close()
    info = station.hub_link.info()
    assert info is not None
    return {"url": info.url, "station": info.station, "connected": info.connected,
            "last_contact": info.last_contact or "never", "joined_at": info.joined_at}  # fmt: skip


def hub_login_for(station: Station) -> Any:
    """The hub login of a joined station outside the GUI (the command line): packers from the synced
    verifiers, leads, admins and auditors at the hub."""
    from sync.hubsync import HubLogin
    from sync.hubverifiers import VerifierSync

    client = hub_client_for(station, deadline_s=PROBE_DEADLINE_S, timeout=(2.0, 2.0))
    return HubLogin(client, VerifierSync(client, station.auth.hub, station.clock))


def hub_engine_for(station: Station) -> Any:
    """The sync engine of a station joined to a hub: pull, claims, logins and signals through the hub."""
    from station.services.hub_shipping import HubShipping
    from sync.hublabels import HubLabelDesk
    from sync.hubsync import HubClaims, HubLogin, HubSignals, HubSync, HubSyncEngine
    from sync.hubverifiers import VerifierSync

    client = hub_client_for(station)
    info = station.hub_link.info()
    assert client is not None and info is not None
    keys = station.seller_keys  # buyer data sealed under the sellers' keys leased from this hub
    sync = HubSync(station.store, client, station.clock, station.bus, info.station, station.audit, keys=keys)
    sync.remove_slips = station.retention.remove_slips  # a forgotten seller's slips go with its rows
    station.pack.claims = HubClaims(sync)
    # Packers log in from the verifiers synced here (offline too); leads, admins, auditors at the hub only.
    verifiers = VerifierSync(client, station.auth.hub, station.clock)
    station.auth.remote_login = HubLogin(client, verifiers)
    # Voids and confirmations of labels bought elsewhere go to the hub; what waited is sent on each online pass.
    hub_shipping = HubShipping(station.store, station.audit, station.clock, station.bus, HubLabelDesk(client))
    station.shipping.hub = hub_shipping
    engine = HubSyncEngine(sync, HubSignals(sync, station.audit), verifiers=verifiers)
    engine.on_online.append(hub_shipping.send_pending)
    return engine


def hub_marketplace_for(station: Station, client: Any) -> Any:
    """Labels through the hub's ledger, at the printer's format and dpi (station.shipping.label_request)."""
    from sync.hubmarket import HubMarketplace

    def language() -> str:
        return str(dict(station.store.settings.get("printer") or {}).get("language") or "zpl")

    return HubMarketplace(client, station.shipping.label_request, language)
