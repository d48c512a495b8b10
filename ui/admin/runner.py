"""The default runner for admin screens: runs the work at once, on the calling thread.

The shell passes its own runner, with the same signature, that runs ``fn`` off the GUI thread
and calls ``on_done``/``on_error`` back on it. This one serves tests and simple embedding.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]


def run_now(fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
    """Call ``fn``; hand its result to ``on_done`` or its exception to ``on_error`` (never both)."""
    try:
        result = fn()
    except Exception as exc:
        on_error(exc)
        return
    on_done(result)
