"""Joining from the admin screen (issue 13): the same step as `hub join`, the code never shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from station.domain import Role
from station.services.hub_link import HUB_CREDENTIAL
from ui.admin.settings import SettingsWidget
from ui.hub_wiring import join_hub


def test_admin_joins_the_hub_from_the_settings_screen(qtbot, env, hub: Hub, hub_admin: Actor,  # type: ignore[no-untyped-def]
                                                      hub_url: str) -> None:  # fmt: skip
    widget = SettingsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert widget.hub_label.text() == "Not joined"
    code = hub.stations.create_code(hub_admin, "pack-screen")
    widget.hub_url.setText(hub_url)
    widget.hub_code.setText(code)
    qtbot.mouseClick(widget.join_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    assert "pack-screen" in widget.message.text() and widget.hub_label.text() == f"pack-screen at {hub_url}"
    assert widget.hub_code.text() == "" and env.station.secrets.get(HUB_CREDENTIAL)
    assert [r.target for r in env.actions("hub.joined", "boss")] == ["pack-screen"]


def test_a_wrong_code_is_refused_in_plain_words(qtbot, env, hub: Hub, hub_url: str) -> None:  # type: ignore[no-untyped-def]
    widget = SettingsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    widget.hub_url.setText(hub_url)
    widget.hub_code.setText("not-a-code")
    widget.join_hub()
    assert widget.message.kind == "error" and "not-a-code" not in widget.message.text()
    assert env.station.secrets.get(HUB_CREDENTIAL) is None and widget.hub_label.text() == "Not joined"


def test_once_joined_the_operators_screen_says_operators_are_managed_at_the_hub(qtbot, env, hub: Hub,  # type: ignore[no-untyped-def]
                                                                               hub_admin: Actor,
                                                                               hub_url: str) -> None:  # fmt: skip
    from ui.admin.operators import OperatorsWidget

    admin = env.admin()
    before = OperatorsWidget(env.station, admin)
    qtbot.addWidget(before)
    assert before.hub_note.isHidden() and before.create_button.isEnabled()
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, "482913", badge="B-PAT-SCREEN")
    join_hub(env.station, admin, hub_url, hub.stations.create_code(hub_admin, "pack-ops"))
    assert env.station.auth.login_badge("B-PAT-SCREEN", "482913").name == "pat"  # verifiers came with the join
    widget = OperatorsWidget(env.station, admin)
    qtbot.addWidget(widget)
    assert not widget.hub_note.isHidden() and "managed at the hub" in widget.hub_note.text()
    assert not widget.create_button.isEnabled() and not widget.badge_button.isEnabled()
    assert widget.unlock_button.isEnabled()  # the lockout still counts here
