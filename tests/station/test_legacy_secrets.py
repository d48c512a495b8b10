"""Upgrade step (issue 13): a home from the station's direct SP-API days loses its Amazon secrets at start."""

from __future__ import annotations

import json

from station.app import Station
from station.legacy_secrets import amazon_secret_names
from station.services.hub_link import HUB_CREDENTIAL
from tests.station.support import PASSPHRASE, Crew

OLD = {
    "lwa.client_id": b"amzn1.application-oa2-client.old",
    "lwa.client_secret": b"old-lwa-client-secret-value",
    "lwa.client_secret_set_at": b"2026-01-01",
    "seller.A1SELLER0000001.refresh_token": b"Atzr|old-refresh-token-one",
    "seller.A2SELLER0000002.refresh_token": b"Atzr|old-refresh-token-two",
}


def _reopen(crew: Crew) -> Station:
    crew.station.close()
    crew.station = Station.open(crew.station.home, PASSPHRASE, clock=crew.clock)
    return crew.station


def test_old_lwa_credentials_and_refresh_tokens_are_deleted_at_start_and_audited(crew: Crew) -> None:
    for name, value in OLD.items():  # as `app-credentials set` and `seller add --refresh-token-stdin` left them
        crew.station.secrets.put(name, value)
    crew.station.secrets.put(HUB_CREDENTIAL, b"the-station's-own-hub-credential")
    station = _reopen(crew)
    assert amazon_secret_names(station.secrets) == []
    assert not set(OLD) & set(station.secrets.names())
    assert station.secrets.get(HUB_CREDENTIAL) == b"the-station's-own-hub-credential"  # its own secret stays
    (row,) = station.store.audit_rows.search(action="secrets.amazon_removed", limit=10)
    detail = json.loads(row.detail)
    assert row.actor == "system" and detail["refresh_tokens"] == 2 and detail["app_credentials"] is True
    assert not [v for v in OLD.values() if v.decode() in row.detail]  # counts only, never a value
    assert station.audit.verify().ok
    # Gone for good: the next start has nothing to delete and records nothing.
    again = _reopen(crew)
    assert len(again.store.audit_rows.search(action="secrets.amazon_removed", limit=10)) == 1


def test_a_home_without_amazon_secrets_starts_without_an_audit_row(crew: Crew) -> None:
    station = _reopen(crew)
    assert station.store.audit_rows.search(action="secrets.amazon_removed", limit=10) == []
