"""The registry the shell builds navigation from, and error handling shared by every screen."""

from __future__ import annotations

from station.domain import Role
from station.permissions import ALL_ACTIONS, allowed
from ui.admin import ScreenSpec, screens, screens_for
from ui.admin.base import AdminWidget, describe_error


def test_every_screen_declares_a_known_permission() -> None:
    specs = screens()
    assert [s.title for s in specs] == ["Exception queue", "End of day", "Void a label", "Operators", "Sellers",
                                        "Devices", "Settings", "Audit trail"]  # fmt: skip
    for spec in specs:
        assert isinstance(spec, ScreenSpec)
        assert spec.required_action in ALL_ACTIONS
        assert spec.factory.required_action == spec.required_action  # type: ignore[attr-defined]


def test_screens_by_role() -> None:
    assert screens_for(Role.PACKER) == []
    assert [s.title for s in screens_for(Role.LEAD)] == ["Exception queue", "End of day", "Void a label", "Operators"]
    assert [s.title for s in screens_for(Role.AUDITOR)] == ["Audit trail"]
    assert len(screens_for(Role.ADMIN)) == len(screens())
    assert all(allowed(Role.ADMIN, s.required_action) for s in screens())


def test_every_factory_builds_for_an_admin(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    from ui.admin.runner import run_now

    session = env.admin()
    for spec in screens():
        kwargs = {"discover": lambda: []} if spec.title == "Devices" else {}
        widget = spec.factory(env.station, session, run_now, **kwargs)  # type: ignore[call-arg]
        qtbot.addWidget(widget)
        assert isinstance(widget, AdminWidget)
        assert widget.message.kind != "error", (spec.title, widget.message.text())


def test_unexpected_errors_show_no_stack_trace() -> None:
    text = describe_error(RuntimeError("secret internals /home/x Traceback"))
    assert text.startswith("Something went wrong (RuntimeError)") and "internals" not in text
