"""What `status` shows: station, sync and outbox state, alerts. No PII."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from station.app import Station


def station_status(station: Station, *, include_alerts: bool = True) -> dict[str, Any]:
    store = station.store
    sellers = [
        {
            "id": s.selling_partner_id,
            "name": s.name,
            "status": s.status,
            "last_sync": store.sellers.last_sync(s.selling_partner_id),
        }
        for s in store.sellers.list()
    ]
    data: dict[str, Any] = {
        "station_id": station.config.station_id,
        "station_name": store.settings.get("station_name"),
        "secret_mode": station.config.secret_mode,
        "locked": bool(store.settings.get("station_locked")),
        "schema_version": store.db.user_version(),
        "operators": store.operators.count(),
        "sellers": sellers,
        "orders_by_status": store.orders.counts_by_status(),
        "outbox_depth": store.outbox.depth(),
        "outbox_failed": store.outbox.failed_count(),
        "retention_days": store.settings.get("retention_days"),
        "online": last_known_online(station),
    }
    if include_alerts:
        data["alerts"] = [
            {"seq": r.seq, "at": r.at, "action": r.action, "target": r.target, "detail": json.loads(r.detail)}
            for r in store.audit_rows.search(severity="alert", limit=20)
        ]
    return data


def last_known_online(station: Station) -> bool | None:
    """Whether the newest SP-API call reached Amazon (None before the first call)."""
    rows = station.store.audit_rows.search(action="spapi.call", limit=1)
    if not rows:
        return None
    status = int(json.loads(rows[0].detail).get("status", 0))
    return 0 < status < 500
