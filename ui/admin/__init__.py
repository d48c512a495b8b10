"""Admin and lead screens, and the registry the shell builds its navigation from.

Each screen is a QWidget taking ``(station, session, run)``; ``run(fn, on_done, on_error)`` runs
``fn`` off the GUI thread and calls back on it (``ui.admin.runner.run_now`` runs it at once).
Each declares ``required_action``: the shell hides the screen from roles that lack it, and every
action inside still goes through the station's services, which check and audit it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from station.domain import Role
from station.permissions import allowed
from ui.admin.runner import Runner, run_now

ScreenFactory = Callable[[Any, Any, Runner], Any]


@dataclass(frozen=True)
class ScreenSpec:
    title: str
    required_action: str
    factory: ScreenFactory


def screens() -> list[ScreenSpec]:
    """Every admin/lead screen, in navigation order."""
    from ui.admin.audit import AuditWidget
    from ui.admin.devices import DevicesWidget
    from ui.admin.exceptions import ExceptionsWidget
    from ui.admin.labels import VoidLabelWidget
    from ui.admin.operators import OperatorsWidget
    from ui.admin.sellers import SellersWidget
    from ui.admin.settings import SettingsWidget
    from ui.admin.summary import EndOfDayWidget

    classes = (ExceptionsWidget, EndOfDayWidget, VoidLabelWidget, OperatorsWidget, SellersWidget, DevicesWidget,
               SettingsWidget, AuditWidget)  # fmt: skip
    return [ScreenSpec(cls.title, cls.required_action, cls) for cls in classes]


def screens_for(role: Role | str) -> list[ScreenSpec]:
    """The screens a role may open."""
    return [spec for spec in screens() if allowed(role, spec.required_action)]


__all__ = ["Runner", "ScreenSpec", "run_now", "screens", "screens_for"]
