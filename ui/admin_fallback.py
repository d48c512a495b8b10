"""The shell's own lead screens, used when ui.admin cannot be imported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FallbackSpec:
    title: str
    required_action: str
    factory: Any


def fallback_specs() -> list[FallbackSpec]:
    from ui.screens.exceptions import ExceptionsWidget

    def make(station, session, run):  # type: ignore[no-untyped-def]
        return ExceptionsWidget(station, session, run.__self__)

    return [FallbackSpec("Exception queue", "order.exception.resolve", make)]
