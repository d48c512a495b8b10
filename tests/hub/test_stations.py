"""Stations: one-time enrolment, bearer credentials (hash only at the hub), revoke, rotate, version
check, idempotent mutating calls, and audit rows naming the station."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from hub.api.app import create_app
from hub.bootstrap import Hub
from hub.services.people import Actor
from station.clock import VirtualClock
from station.domain import Role
from tests.hub.client import StationClient
from tests.hub.conftest import PIN, add_operator


@pytest.fixture
def client(hub: Hub) -> TestClient:
    return TestClient(create_app(hub))


def enrolled(hub: Hub, client: TestClient, admin: Actor, name: str = "pack-1") -> StationClient:
    station = StationClient(client)
    assert station.enrol(hub.stations.create_code(admin, name)).status_code == 200
    return station


def test_a_code_enrols_once_and_only_its_hash_is_kept(hub: Hub, client: TestClient, admin: Actor) -> None:
    code = hub.stations.create_code(admin, "pack-1")
    first = StationClient(client)
    assert first.enrol(code).json()["station"] == "pack-1"
    assert StationClient(client).enrol(code).status_code == 401  # reused
    assert first.get("/v1/station").json()["station"] == "pack-1"
    with hub.store.engine.connect() as conn:
        dump = json.dumps([list(map(str, r)) for r in conn.exec_driver_sql("SELECT * FROM stations")])
        dump += json.dumps([list(map(str, r)) for r in conn.exec_driver_sql("SELECT * FROM enrolment_codes")])
    assert code not in dump and first.secret not in dump
    assert hub.audit.rows.count(action="station.enrol_refused") == 1


def test_an_expired_code_is_refused(hub: Hub, client: TestClient, admin: Actor, clock: VirtualClock) -> None:
    code = hub.stations.create_code(admin, "pack-1")
    clock.advance(15 * 60 + 1)
    assert StationClient(client).enrol(code).status_code == 401
    rows = [r for r in hub.audit.iter_rows() if r["action"] == "station.enrol_refused"]
    assert json.loads(rows[-1]["detail"])["reason"] == "expired"


def test_revoked_station_gets_401_on_its_next_request_and_an_alert(hub: Hub, client: TestClient,
                                                                    admin: Actor) -> None:  # fmt: skip
    station = enrolled(hub, client, admin)
    hub.stations.revoke(admin, "pack-1")
    assert station.get("/v1/orders/changes").status_code == 401
    assert hub.audit.rows.count(action="alert.revoked_station", station="pack-1") == 1


def test_rotate_self_ends_the_old_credential(hub: Hub, client: TestClient, admin: Actor) -> None:
    station = enrolled(hub, client, admin)
    old = station.secret
    station.secret = station.post("/v1/station/credential").json()["secret"]
    assert station.get("/v1/station").status_code == 200
    assert StationClient(client, old).get("/v1/station").status_code == 401


def test_admin_rotate_issues_a_new_code_and_stops_the_old_secret(hub: Hub, client: TestClient, admin: Actor) -> None:
    station = enrolled(hub, client, admin)
    code = hub.stations.rotate(admin, "pack-1")
    assert station.get("/v1/station").status_code == 401
    fresh = StationClient(client)
    assert fresh.enrol(code).json()["station"] == "pack-1"
    assert fresh.get("/v1/station").status_code == 200


def test_an_old_station_is_told_what_to_upgrade_to(hub: Hub, client: TestClient, admin: Actor) -> None:
    hub.settings.min_station_version = "2.3.0"
    resp = StationClient(client, version="2.2.9").enrol(hub.stations.create_code(admin, "pack-1"))
    assert resp.status_code == 426
    assert "upgrade Pacific Prep Station to 2.3.0 or later" in resp.json()["detail"]


def test_mutating_calls_are_idempotent_by_client_request_id(hub: Hub, client: TestClient, admin: Actor) -> None:
    station = enrolled(hub, client, admin)
    add_operator(hub, "boss", Role.ADMIN)
    totp = hub.people.totp_now("boss")
    assert station.login(name="boss", password="Admin-Passw0rd!", totp=totp).status_code == 200
    enrolled(hub, client, admin, "pack-2")
    first = station.post("/v1/admin/stations/pack-2/revoke", request_id="req-00000001")
    again = station.post("/v1/admin/stations/pack-2/revoke", request_id="req-00000001")
    assert first.status_code == again.status_code == 200 and first.json() == again.json()
    assert again.headers["X-Idempotent-Replay"] == "true"
    assert hub.audit.rows.count(action="station.revoked") == 1  # the work ran once
    missing = client.post("/v1/admin/stations/pack-2/revoke", headers={
        k: v for k, v in station.headers().items()})  # fmt: skip
    assert missing.status_code == 422  # no request id: refused


def test_every_audit_row_of_a_station_request_names_it(hub: Hub, client: TestClient, admin: Actor) -> None:
    station = enrolled(hub, client, admin)
    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    assert station.login(badge="B-1", pin=PIN).status_code == 200
    assert station.delete("/v1/sessions/current").status_code == 200
    rows = [r for r in hub.audit.iter_rows() if r["action"] in ("login.succeeded", "logout", "station.enrolled")]
    assert len(rows) == 3 and all(json.loads(r["detail"])["station"] == "pack-1" for r in rows)
    assert all(r["station"] == "pack-1" for r in rows)


def test_a_session_from_another_station_is_refused(hub: Hub, client: TestClient, admin: Actor) -> None:
    one, two = enrolled(hub, client, admin, "pack-1"), enrolled(hub, client, admin, "pack-2")
    add_operator(hub, "pat", Role.PACKER, badge="B-1")
    one.login(badge="B-1", pin=PIN)
    two.operator, two.session = one.operator, one.session
    assert one.get("/v1/sessions/current").status_code == 200
    assert two.get("/v1/sessions/current").status_code == 401


def test_rename_keeps_the_credential(hub: Hub, client: TestClient, admin: Actor) -> None:
    station = enrolled(hub, client, admin)
    hub.stations.rename(admin, "pack-1", "pack-one")
    assert station.get("/v1/station").json()["station"] == "pack-one"
