"""Prep station screens (FBA): prep a unit, receive deliveries, build boxes and inbound plans, inventory.

Each screen is a QWidget taking ``(station, session, run)`` like ui.admin's, and declares
``required_action``. The shell adds ``ui.prep.screens_for(role)`` beside the admin screens.
"""

from __future__ import annotations

from station.domain import Role
from station.permissions import allowed
from ui.admin import ScreenSpec


def screens() -> list[ScreenSpec]:
    """Every prep screen, in navigation order."""
    from ui.prep.boxes import BoxesWidget
    from ui.prep.catalog import CatalogWidget
    from ui.prep.inventory import InventoryWidget
    from ui.prep.receiving import ReceivingWidget
    from ui.prep.unit import PrepUnitWidget

    classes = (PrepUnitWidget, ReceivingWidget, BoxesWidget, InventoryWidget, CatalogWidget)
    return [ScreenSpec(cls.title, cls.required_action, cls) for cls in classes]


def screens_for(role: Role | str) -> list[ScreenSpec]:
    return [spec for spec in screens() if allowed(role, spec.required_action)]


__all__ = ["screens", "screens_for"]
