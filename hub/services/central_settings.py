"""Central settings (issue 13): box presets, ship-from addresses, rate rules and label formats are set at
the hub (`pacific-hub settings set|list`, permission settings.change, audited) and served to stations
(GET /v1/settings); each change is a `settings.changed` event on the stations' streams.

Values are checked with the station's own rules (station/services/setting_rules.py) where one exists;
rate_rules has no station rule yet, so its rule lives here."""

from __future__ import annotations

import json
from typing import Any

from hub.services.audit import HubAudit
from hub.services.people import Actor, PeopleService
from hub.store.events import EventFeed
from station.clock import iso
from station.errors import UsageError
from station.ports import Clock
from station.services.setting_rules import check_setting

PREFIX = "setting."
CENTRAL = ("box_presets", "ship_from", "rate_rules", "label_format")
RATE_RULES = ("best", "service")


def check_rate_rules(value: object) -> object:
    """{"default": "best"|"service", "service_id": "..."} — service needs the carrier's service id."""
    if not isinstance(value, dict) or not set(value) <= {"default", "service_id"}:
        raise UsageError('Rate rules are a JSON object: {"default": "best" or "service", "service_id": "..."}')
    if value.get("default") not in RATE_RULES:
        raise UsageError("The default rate rule is best (keeps the promise, then cheapest) or service")
    service = value.get("service_id", "")
    if not isinstance(service, str) or len(service) > 64 or not service.isprintable():
        raise UsageError("A service id is plain text of at most 64 characters")
    if value["default"] == "service" and not service:
        raise UsageError("The service rule needs a service_id")
    return value


def check_central(key: str, value: object) -> object:
    """The value if the central setting may hold it (the station's rule, or rate_rules')."""
    if key not in CENTRAL:
        raise UsageError(f"{key} is not set at the hub; central settings: {', '.join(CENTRAL)}")
    if key == "rate_rules":
        return check_rate_rules(value)
    return check_setting(key, value)


class CentralSettings:
    def __init__(self, feed: EventFeed, people: PeopleService, audit: HubAudit, clock: Clock) -> None:
        self.feed = feed
        self.people = people
        self.audit = audit
        self.clock = clock

    def set(self, actor: Actor, key: str, value: object) -> None:
        """Validate, store, audit (stations hear settings.changed)."""
        self.people.authorize(actor, "settings.change", target=key)
        checked = check_central(key, value)
        self.feed.set_flag(PREFIX + key, json.dumps(checked, sort_keys=True), iso(self.clock.now()))
        self.audit.record(actor.name, "settings.changed", station=actor.station, target=key)

    def all(self) -> dict[str, Any]:
        """Every central setting set so far, with when: {"settings": {...}, "set_at": {...}}."""
        rows = self.feed.flags(PREFIX)
        keys = [k[len(PREFIX):] for k in rows]
        return {"settings": {k: json.loads(rows[PREFIX + k][0]) for k in keys},
                "set_at": {k: rows[PREFIX + k][1] for k in keys}}  # fmt: skip
