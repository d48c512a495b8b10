"""Interleave work for several sellers so one seller's empty rate bucket never stalls the others."""

from __future__ import annotations

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


def run_interleaved(jobs: Sequence[Job], clock: Clock, ready_in: ReadyIn = no_wait) -> None:
    """Run every job to completion, always stepping the one whose rate bucket is ready soonest."""
    active = [job for job in jobs if not job.done]
    while active:
        waits = [(ready_in(job.seller_id, job.operation), n) for n, job in enumerate(active)]
        wait, index = min(waits)
        if wait > 0:
            clock.sleep(wait)
        job = active[index]
        job.step()
        if job.done:
            active.pop(index)
