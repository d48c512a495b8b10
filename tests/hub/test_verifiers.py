"""Packers' verifiers for offline login (issue 13): packers only, keyed per station, no badge code, no PIN,
no TOTP seed in what a station receives; the station's client finds the packer and checks the PIN."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hub import __version__
from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.domain import Role
from sync.hubclient import HubClient, check_pin
from tests.hub.conftest import ADMIN_PASSWORD, PIN
from tests.hub.live import serving


@pytest.fixture
def url(hub: Hub) -> Iterator[str]:
    with serving(hub) as base:
        yield base


def test_stations_get_packers_verifiers_and_nothing_to_replay(hub: Hub, admin: Actor, url: str) -> None:
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PIN, badge="BADGE-PAT-7731")
    hub.people.add(HUB_SYSTEM, "sam", Role.PACKER, "739164", badge="BADGE-SAM-1188")
    hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, ADMIN_PASSWORD)
    hub.people.disable(admin, "sam")
    stations = []
    for name in ("pack-1", "pack-2"):
        client = HubClient(url, version=__version__)
        client.enrol(hub.stations.create_code(admin, name))
        stations.append(client)
    raw = stations[0].call("GET", "/v1/operators/verifiers")
    text = str(raw)
    assert "BADGE-PAT-7731" not in text and PIN not in text and "lee" not in text and "ada" not in text
    assert "totp" not in text.lower()
    one, two = (s.verifiers() for s in stations)
    assert [v.operator for v in one.operators] == ["pat"] and one.disabled == ["sam"]
    found = one.find("BADGE-PAT-7731")
    assert found is not None and found.role == "packer"
    assert check_pin(found.pin_hash, PIN) and not check_pin(found.pin_hash, "000000")
    assert one.find("BADGE-SAM-1188") is None and one.find("nope") is None
    assert one.badge_key != two.badge_key
    assert one.operators[0].badge_lookup != two.operators[0].badge_lookup  # one cache says nothing of another
    assert hub.audit.rows.count(action="operators.synced") == 3


def test_a_packer_the_hub_has_not_seen_waits_until_a_badge_login(hub: Hub, admin: Actor, url: str) -> None:
    hub.people.on_badge = None
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PIN, badge="BADGE-PAT-7731")  # e.g. added before this release
    hub.people.on_badge = hub.verifiers.remember
    client = HubClient(url, version=__version__)
    client.enrol(hub.stations.create_code(admin, "pack-1"))
    assert client.verifiers().pending == ["pat"]
    client.login_badge("BADGE-PAT-7731", PIN)
    assert client.verifiers().find("BADGE-PAT-7731") is not None
