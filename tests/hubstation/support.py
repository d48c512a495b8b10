"""A station crew joined to a hub (issue 13): the crew's operators live at the hub, with the same names,
secrets and badge; leads' TOTP codes come from the hub; packers' verifiers are synced down."""

from __future__ import annotations

from typing import Any

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM
from station.domain import Role
from sync.hubsync import HubLogin
from sync.hubverifiers import VerifierSync
from tests.station.support import ADMIN, ADMIN_PW, PACKER_BADGE, PACKER_PIN, PASSWORDS, Crew
from ui.hub_wiring import hub_client_for, join_hub

ROLES = {ADMIN: Role.ADMIN, "lead": Role.LEAD, "auditor": Role.AUDITOR, "admin2": Role.ADMIN}


def crew_at_hub(hub: Hub, crew: Crew, *, packer: bool = True) -> None:
    """Add the crew's operators at the hub (unless there already)."""
    for name, role in ROLES.items():
        if hub.store.operators.by_name(name) is None:
            hub.people.add(HUB_SYSTEM, name, role, ADMIN_PW if name == ADMIN else PASSWORDS[name])
    if packer and hub.store.operators.by_name("pat") is None:
        hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PACKER_PIN, badge=PACKER_BADGE)


def hub_totp(hub: Hub, crew: Crew) -> None:
    """crew.login reads leads' TOTP codes from the hub (a joined station holds no seed)."""

    def code(name: str) -> str:
        hub.clock.advance(30)  # type: ignore[attr-defined]  # a fresh step: the hub refuses a replayed code
        return hub.people.totp_now(name)

    crew.code = code  # type: ignore[method-assign]


def join(crew: Crew, hub: Hub, url: str, code: str) -> VerifierSync:
    """Join the crew's station (its local admin, before the hub has its operators), log in through the
    hub from then on, and pull the packers' verifiers once."""
    admin = crew.login(ADMIN)
    crew_at_hub(hub, crew)
    join_hub(crew.station, admin, url, code)
    hub_totp(hub, crew)
    return attach(crew.station)


def attach(station: Any) -> VerifierSync:
    """The hub login and the verifiers' sync, as ui.hub_wiring.hub_engine_for wires them."""
    client = hub_client_for(station)
    verifiers = VerifierSync(client, station.auth.hub, station.clock)
    station.auth.remote_login = HubLogin(client, verifiers)
    verifiers.sync()
    return verifiers


def demo_at_hub(hub: Hub, station: Any) -> VerifierSync:
    """The demo's packer at the hub (same badge and PIN), and the joined demo station wired to log in there."""
    from ui.demo import PACKER, badge_code

    if hub.store.operators.by_name(PACKER[0]) is None:
        hub.people.add(HUB_SYSTEM, PACKER[0], Role.PACKER, PACKER[2], badge=badge_code())
    return attach(station)
