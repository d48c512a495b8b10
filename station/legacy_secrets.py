"""Upgrade step: a station home from before issue 13 may still hold Amazon secrets; they are deleted at start.

Before the hub, a station called SP-API itself and kept the LWA client id and secret and each seller's refresh
token in its secret store. Now the hub holds them and the station holds none, so whatever is left of them is
deleted the first time the station opens, and the deletion is audited (the names' count, never a value).
"""

from __future__ import annotations

import logging
import re

from station.ports import SecretStore
from station.services.audit import SYSTEM_ACTOR, AuditTrail

log = logging.getLogger(__name__)

# The names `app-credentials set` and `seller add --refresh-token-stdin` used (sync/credentials.py, removed).
LWA_NAMES = ("lwa.client_id", "lwa.client_secret", "lwa.client_secret_set_at")
REFRESH_TOKEN_NAME = re.compile(r"^seller\.[^.]+\.refresh_token$")


def amazon_secret_names(secrets: SecretStore) -> list[str]:
    """The names of Amazon secrets still in the store (LWA app credentials, sellers' refresh tokens)."""
    return [n for n in secrets.names() if n in LWA_NAMES or REFRESH_TOKEN_NAME.match(n)]


def forget_amazon_secrets(secrets: SecretStore, audit: AuditTrail) -> int:
    """Delete every Amazon secret left from the station's direct SP-API path; returns how many went."""
    names = amazon_secret_names(secrets)
    if not names:
        return 0
    for name in names:
        secrets.delete(name)
    sellers = sum(1 for n in names if REFRESH_TOKEN_NAME.match(n))
    audit.record(SYSTEM_ACTOR, "secrets.amazon_removed", severity="warning", refresh_tokens=sellers,
                 app_credentials=any(n in LWA_NAMES for n in names),
                 reason="the station no longer calls SP-API: Amazon secrets live at the hub")  # fmt: skip
    log.warning("deleted %d Amazon secret(s) left from the station's direct SP-API path", len(names))
    return len(names)
