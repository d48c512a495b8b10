"""Operators screen: create, provisioning shown once, disable, unlock, and denial for other roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from station.domain import Role
from station.errors import AuthenticationFailed, LockedOut
from ui.admin.base import select_row_where
from ui.admin.operators import OperatorsWidget

from .conftest import LEAD_PW, PACKER_PIN


def table_rows(widget: OperatorsWidget) -> dict[str, list[str]]:
    t = widget.table
    return {t.item(r, 0).text(): [t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())}


def create(qtbot, widget: OperatorsWidget, name: str, role: Role, secret: str, badge: str = "") -> None:  # type: ignore[no-untyped-def]
    widget.name_edit.setText(name)
    widget.role_combo.setCurrentIndex(widget.role_combo.findData(role.value))
    widget.badge_edit.setText(badge)
    widget.secret_edit.setText(secret)
    widget.repeat_edit.setText(secret)
    qtbot.mouseClick(widget.create_button, Qt.MouseButton.LeftButton)


def test_admin_creates_a_packer_and_a_lead(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = OperatorsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    create(qtbot, widget, "pat", Role.PACKER, PACKER_PIN, badge="BADGE-PAT")
    assert widget.message.kind == "ok", widget.message.text()
    assert not widget.provisioning.isVisibleTo(widget)  # packers have no authenticator
    create(qtbot, widget, "lee", Role.LEAD, LEAD_PW)
    assert widget.message.kind == "ok", widget.message.text()
    text = widget.provisioning.toPlainText()
    assert "otpauth://totp/" in text and "lee" in text and "Key:" in text
    assert widget.provisioning.isVisibleTo(widget)
    assert widget.secret_edit.text() == "" and widget.repeat_edit.text() == ""
    rows = table_rows(widget)
    assert rows["pat"][1:3] == ["Packer", "Active"] and rows["lee"][1:3] == ["Lead", "Active"]
    qtbot.mouseClick(widget.provisioning_done, Qt.MouseButton.LeftButton)
    assert widget.provisioning.toPlainText() == "" and not widget.provisioning.isVisibleTo(widget)
    assert {r.target for r in env.actions("user.added", "boss")} >= {"pat", "lee"}
    assert env.station.auth.login_badge("BADGE-PAT", PACKER_PIN).role == Role.PACKER
    assert env.login("lee", LEAD_PW).role == Role.LEAD


def test_mismatched_entries_and_weak_password_are_refused_in_words(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = OperatorsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    widget.name_edit.setText("lee")
    widget.role_combo.setCurrentIndex(widget.role_combo.findData("lead"))
    widget.secret_edit.setText(LEAD_PW)
    widget.repeat_edit.setText(LEAD_PW + "x")
    widget.create_operator()
    assert widget.message.kind == "error" and "differ" in widget.message.text()
    create(qtbot, widget, "lee", Role.LEAD, "short")
    assert widget.message.kind == "error" and "at least 12 characters" in widget.message.text()
    assert "Traceback" not in widget.message.text()
    assert "lee" not in table_rows(widget)


def test_admin_disables_an_operator(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    env.add("lee", Role.LEAD)
    widget = OperatorsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert select_row_where(widget.table, 0, "lee")
    qtbot.mouseClick(widget.disable_button, Qt.MouseButton.LeftButton)
    assert widget.confirm.isVisibleTo(widget) and "lee" in widget.confirm.question.text()
    qtbot.mouseClick(widget.confirm.yes, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok"
    assert table_rows(widget)["lee"][2] == "Disabled"
    assert [r.target for r in env.actions("user.disabled")] == ["lee"]
    with pytest.raises(AuthenticationFailed, match="disabled"):
        env.login("lee", LEAD_PW)


def test_admin_unlocks_a_locked_out_operator(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    env.add("pat", Role.PACKER)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            env.station.auth.login_badge("BADGE-PAT", "000000")
    with pytest.raises(LockedOut):
        env.station.auth.login_badge("BADGE-PAT", PACKER_PIN)
    widget = OperatorsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert table_rows(widget)["pat"][2] == "LOCKED OUT"
    assert select_row_where(widget.table, 0, "pat")
    qtbot.mouseClick(widget.unlock_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok" and "unlocked" in widget.message.text()
    assert table_rows(widget)["pat"][2] == "Active"
    assert env.station.auth.login_badge("BADGE-PAT", PACKER_PIN).name == "pat"
    assert [r.target for r in env.actions("user.unlocked", "boss")] == ["pat"]


def test_a_lead_gives_a_packer_a_new_badge(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    env.add("pat", Role.PACKER)
    widget = OperatorsWidget(env.station, env.add("lee", Role.LEAD))
    qtbot.addWidget(widget)
    assert select_row_where(widget.table, 0, "pat")
    widget.new_badge_edit.setText("BADGE-PAT-2")
    qtbot.mouseClick(widget.badge_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok" and "new badge" in widget.message.text()
    assert widget.new_badge_edit.text() == ""
    with pytest.raises(AuthenticationFailed):
        env.station.auth.login_badge("BADGE-PAT", PACKER_PIN)  # the lost badge
    assert env.station.auth.login_badge("BADGE-PAT-2", PACKER_PIN).name == "pat"
    assert [r.target for r in env.actions("user.badge_changed", "lee")] == ["pat"]


@pytest.mark.parametrize("role", [Role.PACKER, Role.AUDITOR])
def test_packer_and_auditor_are_denied_and_it_is_audited(qtbot, env, role: Role) -> None:  # type: ignore[no-untyped-def]
    env.add("lee", Role.LEAD)
    session = env.add("someone", role)
    widget = OperatorsWidget(env.station, session)
    qtbot.addWidget(widget)
    assert widget.message.kind == "error"
    assert widget.message.text().startswith("✖ Not allowed") and "Traceback" not in widget.message.text()
    assert widget.table.rowCount() == 0
    create(qtbot, widget, "mallory", Role.ADMIN, "Evil-Password-99!")
    assert widget.message.kind == "error" and "Not allowed" in widget.message.text()
    widget.disable("lee")
    assert "Not allowed" in widget.message.text()
    widget.unlock("lee")
    assert "Not allowed" in widget.message.text()
    denied = {r.detail for r in env.actions("permission.denied", "someone")}
    for action in ("user.list", "user.add", "user.disable", "user.unlock"):
        assert any(f'"attempted": "{action}"' in d for d in denied), action
    assert env.station.store.operators.by_name("mallory") is None
    assert not env.station.store.operators.by_name("lee").disabled
