"""A joined station's window (issues 13, 15): the packer from the hub logs in and the screens switch to the
language the hub holds for them; a lead's login while the hub is out of reach says so in plain words."""

from __future__ import annotations

from typing import Any

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.domain import Role
from tests.hub.live import serving
from tests.hubstation.support import demo_at_hub
from tests.ui.conftest import demo, login_packer, window  # noqa: F401  (the window's fixtures)
from ui.demo import ADMIN, LEAD, PACKER, Demo
from ui.hub_wiring import join_hub
from ui.i18n import current_language, use_language


def test_the_hub_language_switches_the_screens_and_a_lead_offline_is_told(qtbot: Any, demo: Demo,  # noqa: F811
                                                                          window: Any, hub: Hub,  # noqa: F811
                                                                          hub_admin: Actor) -> None:  # fmt: skip
    st = demo.station
    hub.people.add(HUB_SYSTEM, PACKER[0], Role.PACKER, PACKER[2], badge=_badge(), language="es")
    hub.people.add(HUB_SYSTEM, LEAD[0], Role.LEAD, LEAD[1])
    try:
        with serving(hub) as url:
            join_hub(st, st.auth.login_password(ADMIN[0], ADMIN[1], demo.totp(ADMIN[0])), url,
                     hub.stations.create_code(hub_admin, "pack-es"))  # fmt: skip
            demo_at_hub(hub, st)
        assert current_language() == "en"
        login_packer(qtbot, window)  # offline, from the synced verifier
        assert window.session.language == "es" and current_language() == "es"
        window.logout()
        window.login.show_password_login()
        window.login.name.setText(LEAD[0])
        window.login.password.setText(LEAD[1])
        window.login.totp.setText("123456")
        window.login._submit_password()
        qtbot.waitUntil(lambda: "hub" in window.login.error.text(), timeout=5000)
        said = window.login.error.text()
        assert window.session is None and ("out of reach" in said or "contactar" in said)
    finally:
        use_language("en")


def _badge() -> str:
    from ui.demo import badge_code

    return badge_code()
