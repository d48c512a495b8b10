"""Central settings (issue 13): set at the hub with the station's rules, by admins only, audited, served to
stations, and heard as a settings.changed event."""

from __future__ import annotations

import pytest

from hub import __version__
from hub.bootstrap import Hub
from hub.services.people import Actor
from station.domain import Role
from station.errors import PermissionDenied, UsageError
from sync.hubclient import HubClient
from tests.hub.live import serving
from tests.hub.test_events import Listener

BOXES = [{"key": "F2", "name": "Small", "length_in": 8, "width_in": 6, "height_in": 4, "tare_lb": 0.3}]


def test_set_validated_served_and_heard(hub: Hub, admin: Actor) -> None:
    with pytest.raises(PermissionDenied):
        hub.central.set(Actor("lee", Role.LEAD), "label_format", "ZPL")
    with pytest.raises(UsageError):
        hub.central.set(admin, "label_format", "GIF")  # the station's own rule refuses it
    with pytest.raises(UsageError):
        hub.central.set(admin, "box_presets", [{"key": "F9", "name": "x"}])
    with pytest.raises(UsageError):
        hub.central.set(admin, "retention_days", 5)  # a station-local setting, not a central one
    with pytest.raises(UsageError):
        hub.central.set(admin, "rate_rules", {"default": "service"})  # needs its service id
    with serving(hub) as url:
        client = HubClient(url, version=__version__)
        client.enrol(hub.stations.create_code(admin, "pack-1"))
        listener = Listener(client.events())
        try:
            hub.central.set(admin, "box_presets", BOXES)
            assert listener.next("settings.changed").data == {"kind": "box_presets"}
            hub.central.set(admin, "rate_rules", {"default": "best"})
            hub.central.set(admin, "label_format", "ZPL")
            assert client.settings() == {"box_presets": BOXES, "rate_rules": {"default": "best"}, "label_format": "ZPL"}
        finally:
            listener.stop()
    assert hub.audit.rows.count(action="settings.changed") == 3
