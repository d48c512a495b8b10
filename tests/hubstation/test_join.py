"""Joining (issue 13): `hub join URL` with the enrolment code on stdin; only the hub credential is stored;
`status` shows the hub link (connected, last contact, station name); permission and audit event."""

from __future__ import annotations

import json

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.services.hub_link import HUB_CREDENTIAL
from tests.cli.conftest import Cli
from tests.cli.test_cli import creds
from tests.hubstation.support import crew_at_hub, hub_totp
from tests.station.support import ADMIN, Crew


def test_admin_joins_and_status_shows_the_link(hub: Hub, hub_admin: Actor, hub_url: str,
                                               crew_cli: tuple[Crew, Cli]) -> None:  # fmt: skip
    crew, cli = crew_cli
    code = hub.stations.create_code(hub_admin, "pack-1")
    joined = cli.run("--as", ADMIN, "hub", "join", hub_url, stdin=[*creds(crew, ADMIN), code])
    assert joined.code == 0, joined.err
    assert "pack-1" in joined.out and code not in joined.out
    secret = crew.station.secrets.get(HUB_CREDENTIAL)
    assert secret and secret.decode() not in joined.out + joined.err
    assert [r.target for r in crew.station.store.audit_rows.search(action="hub.joined")] == ["pack-1"]
    crew_at_hub(hub, crew)  # joined: the admin logs in through the hub from now on
    hub_totp(hub, crew)
    status = cli.run("--as", ADMIN, "status", "--json", stdin=creds(crew, ADMIN))
    link = json.loads(status.out)["hub"]
    assert (link["station"], link["url"], link["connected"]) == ("pack-1", hub_url, True)
    assert link["last_contact"] != "never"
    assert secret.decode() not in status.out
    # The code was one-time: joining again with it is refused, and the stored credential stays.
    again = cli.run("--as", ADMIN, "hub", "join", hub_url, stdin=[*creds(crew, ADMIN), code])
    assert again.code != 0 and crew.station.secrets.get(HUB_CREDENTIAL) == secret


def test_status_says_disconnected_when_the_hub_is_away(hub: Hub, hub_admin: Actor, crew_cli: tuple[Crew, Cli]) -> None:
    from tests.hub.live import serving

    crew, cli = crew_cli
    with serving(hub) as url:
        code = hub.stations.create_code(hub_admin, "pack-2")
        assert cli.run("--as", ADMIN, "hub", "join", url, stdin=[*creds(crew, ADMIN), code]).code == 0
        crew_at_hub(hub, crew)
        hub_totp(hub, crew)
        # pat's first login here is at the hub; the verifiers come down with it
        first = json.loads(cli.run("--badge", "status", "--json", stdin=creds(crew, "pat")).out)["hub"]
    # The hub is away: a lead or admin cannot log in (they log in through the hub), a packer can.
    refused = cli.run("--as", ADMIN, "status", "--json", stdin=creds(crew, ADMIN))
    assert refused.code == 4 and "hub is out of reach" in refused.err
    away = json.loads(cli.run("--badge", "status", "--json", stdin=creds(crew, "pat")).out)["hub"]
    assert away["connected"] is False and away["last_contact"] == first["last_contact"]


def test_only_admins_join(hub: Hub, hub_admin: Actor, hub_url: str, crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    code = hub.stations.create_code(hub_admin, "pack-3")
    refused = cli.run("--as", "lead", "hub", "join", hub_url, stdin=[*creds(crew, "lead"), code])
    assert refused.code != 0 and crew.station.secrets.get(HUB_CREDENTIAL) is None
    assert not crew.station.store.audit_rows.search(action="hub.joined")


def test_status_before_joining(crew_cli: tuple[Crew, Cli]) -> None:
    crew, cli = crew_cli
    out = json.loads(cli.run("--as", ADMIN, "status", "--json", stdin=creds(crew, ADMIN)).out)
    assert out["hub"].startswith("not joined")


def test_sync_once_reads_the_hubs_changes_or_says_the_station_is_not_joined(
    hub: Hub, hub_admin: Actor, hub_url: str, crew_cli: tuple[Crew, Cli]
) -> None:
    crew, cli = crew_cli
    alone = cli.run("--as", ADMIN, "sync", "--once", stdin=creds(crew, ADMIN))
    assert alone.code == 0 and "Not joined to a hub" in alone.out
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    hub.orders.store_order(seller, "111-0000001-0000001", status="Unshipped",
                           buyer={"name": "Jo Buyer", "address": "1 Main St", "phone": "555-0100"})  # fmt: skip
    code = hub.stations.create_code(hub_admin, "pack-1")
    assert cli.run("--as", ADMIN, "hub", "join", hub_url, stdin=[*creds(crew, ADMIN), code]).code == 0
    crew_at_hub(hub, crew)  # joined: the admin logs in through the hub from now on
    hub_totp(hub, crew)
    once = cli.run("--as", ADMIN, "sync", "--once", stdin=creds(crew, ADMIN))
    assert once.code == 0, once.err
    assert "hub: 1 change(s)" in once.out and "online" in once.out
    assert crew.station.store.orders.get("111-0000001-0000001") is not None
