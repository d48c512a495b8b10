"""Interleave work for several sellers so one seller's empty rate bucket never stalls the others."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

from station.ports import Clock

ReadyIn = Callable[[str, str], float]


class Job(Protocol):
    """A unit of work made of steps; each step is one SP-API call of ``operation`` for ``seller_id``."""

    @property
    def seller_id(self) -> str: ...

    @property
    def operation(self) -> str: ...

    @property
    def done(self) -> bool: ...

    def step(self) -> None: ...


def no_wait(_seller_id: str, _operation: str) -> float:
    return 0.0


def run_interleaved(
    jobs: Sequence[Job],
    clock: Clock,
    ready_in: ReadyIn = no_wait,
    *,
    max_sleep_s: float = math.inf,
    on_wait: Callable[[], None] | None = None,
) -> None:
    """Run every job to completion, always stepping the one whose rate bucket is ready soonest.

    Waits longer than ``max_sleep_s`` are cut into pieces with ``on_wait`` called after each (the hub
    renews its pull leases there), and the readiness is asked again (another process may have taken
    the token meanwhile).
    """
    active = [job for job in jobs if not job.done]
    turn = 0  # equally ready jobs take turns (round robin), so no seller waits for another's backlog
    while active:
        waits = [(ready_in(job.seller_id, job.operation), (n - turn) % len(active), n) for n, job in enumerate(active)]
        wait, _order, index = min(waits)
        if wait > 0:
            clock.sleep(min(wait, max_sleep_s))
            if on_wait is not None:
                on_wait()
            if wait > max_sleep_s:
                continue
        job = active[index]
        job.step()
        if job.done:
            active.pop(index)
            turn = index  # the next job has moved into this place
        else:
            turn = index + 1
