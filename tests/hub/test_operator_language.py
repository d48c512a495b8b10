"""Each operator has a language at the hub (issues 13, 15): set on add, by the command line and the admin
API; the login reply and the packers' verifiers carry it, so a joined station's screens switch at login."""

from __future__ import annotations

import json

import pyotp
import pytest
from fastapi.testclient import TestClient

from hub.api.app import create_app
from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.domain import Role
from station.errors import UsageError
from tests.hub.client import StationClient
from tests.hub.conftest import ADMIN_PASSWORD, PIN
from tests.hub.test_cli import Cli, _init, cli  # noqa: F401  (the hub command line's fixture)


def test_language_on_add_in_the_list_and_at_login(hub: Hub, admin: Actor) -> None:
    hub.people.add(HUB_SYSTEM, "rosa", Role.PACKER, PIN, badge="B-ROSA", language="es")
    hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, ADMIN_PASSWORD)
    listed = {o["name"]: o["language"] for o in hub.people.list(admin)}
    assert listed["rosa"] == "es" and listed["lee"] == "en"
    assert hub.people.login_badge("B-ROSA", PIN).language == "es"
    hub.people.set_language(admin, "lee", "es")
    assert hub.audit.rows.count(action="user.language_changed") == 2
    code = hub.people.totp_now("lee")
    assert hub.people.login_password("lee", ADMIN_PASSWORD, code).language == "es"
    with pytest.raises(UsageError):
        hub.people.set_language(admin, "lee", "fr")
    with pytest.raises(UsageError):
        hub.people.add(HUB_SYSTEM, "kim", Role.PACKER, PIN, badge="B-KIM", language="xx")


def test_language_through_the_admin_api_the_session_reply_and_the_verifiers(hub: Hub, admin: Actor) -> None:
    client = TestClient(create_app(hub))
    station = StationClient(client)
    station.enrol(hub.stations.create_code(admin, "pack-1"))
    hub.people.add(HUB_SYSTEM, "rosa", Role.PACKER, PIN, badge="B-ROSA")
    uri = hub.people.add(HUB_SYSTEM, "lee", Role.ADMIN, ADMIN_PASSWORD)
    totp = pyotp.parse_uri(uri).at(hub.clock.now().timestamp())
    assert station.login(name="lee", password=ADMIN_PASSWORD, totp=totp).json()["language"] == "en"
    assert station.post("/v1/admin/operators/rosa/language", json={"language": "es"}).status_code == 200
    assert station.post("/v1/admin/operators/rosa/language", json={"language": "fr"}).status_code == 422
    verifiers = station.get("/v1/operators/verifiers").json()
    assert [(o["operator"], o["language"]) for o in verifiers["operators"]] == [("rosa", "es")]
    packer = StationClient(client, station.secret)
    assert packer.login(badge="B-ROSA", pin=PIN).json()["language"] == "es"


def test_language_from_the_command_line(cli: Cli) -> None:  # noqa: F811
    _init(cli)
    assert cli.admin("user", "add", "rosa", "--role", "packer", "--badge", "B-1", "--language", "es",
                     extra=["482913"]).code == 0  # fmt: skip
    assert cli.admin("user", "add", "lee", "--role", "lead", extra=["Lead-Passw0rd!x"]).code == 0
    assert cli.admin("user", "language", "lee", "es").code == 0
    listed = {o["name"]: o["language"] for o in json.loads(cli.admin("user", "list", "--json").out)}
    assert listed["rosa"] == "es" and listed["lee"] == "es"
