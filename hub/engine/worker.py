"""The pull worker: every verified seller is pulled by exactly one hub process at a time (a lease row),
its calls ordered by the readiness of the shared rate buckets across sellers (sync.schedule).

Run it with ``pacific-hub worker`` or inside ``pacific-hub serve``; any number of processes may run it.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from hub.bootstrap import Hub
from hub.engine.limits import StoreLimiter
from hub.engine.pull import OrderChanges, PullResult, SellerPull, parse_time
from hub.engine.spapi import SellerConnections, hub_config, make_client, make_limiter
from hub.sealing import Sealer
from hub.services.audit import HUB_ACTOR, HubAudit
from hub.services.sellers import SellerService
from hub.settings import HubSettings
from hub.store import HubStore
from hub.store.sellers import SellerRow
from station.ports import Clock
from sync.schedule import run_interleaved
from sync.spapi.http import SpApiClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PullSettings:
    lease_s: float = 60.0  # a killed process's sellers are taken over after this long
    interval_s: float = 180.0  # polling fallback: a seller is pulled again this long after its last pull
    rate_scale: float = 1.0  # benchmarks only: every published rate times this
    margin_s: float = 0.0  # extra wait after a refill (real time across processes)
    page_size: int = 100
    initial_lookback_s: float = 14 * 86400.0


class PullWorker:
    """Pulls the sellers that are due and whose lease this process gets."""

    def __init__(self, store: HubStore, sellers: SellerService, sealer: Sealer, audit: HubAudit, clock: Clock,
                 settings: HubSettings, pull: PullSettings | None = None, *, holder: str = "",
                 rng: random.Random | None = None, client: SpApiClient | None = None,
                 limiter: StoreLimiter | None = None) -> None:  # fmt: skip
        self.store, self.sellers, self.sealer, self.audit = store, sellers, sealer, audit
        self.clock, self.settings = clock, settings
        self.pull = pull or PullSettings()
        self.holder = holder or uuid.uuid4().hex
        self.rng = rng or random.Random()
        self.changes = OrderChanges(sealer)
        # The hub's one client (hub.bootstrap passes it); a worker built alone composes the same way.
        self.limiter = limiter or make_limiter(store, clock, settings, scale=self.pull.rate_scale,
                                               margin_s=self.pull.margin_s)  # fmt: skip
        self._client = client
        self._own_client = client is None
        self._resting: dict[int, float] = {}  # seller -> epoch: after an error, wait an interval before retrying
        self.checkpoint: Callable[[str], None] = lambda _point: None  # the chaos test kills processes here

    # -- the hub's SP-API client: shared buckets, audited calls ---------------------------------
    @property
    def client(self) -> SpApiClient:
        if self._client is None:
            config = replace(hub_config(self.settings), rate_margin_s=self.pull.margin_s)
            self._client = make_client(self.clock, SellerConnections(self.store, self.sealer, self.settings),
                                       self.limiter, self._audit_call, config)  # fmt: skip
        return self._client

    def _audit_call(self, operation: str, partner_id: str, status: int, count: int) -> None:
        # Operation, seller, status, counts: never buyer data.
        self.audit.record(HUB_ACTOR, "spapi.call", target=partner_id, operation=operation, status=status,
                          items=count)  # fmt: skip

    def remember(self, row: SellerRow) -> None:
        """Kept for callers: the connections read each seller's authorisation from the store."""

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()

    # -- one round ------------------------------------------------------------------------------
    def due(self) -> list[SellerRow]:
        """Verified sellers whose pull is wanted, unfinished, or older than the polling interval."""
        now = self.clock.now()
        found = []
        for row in self.store.sellers.list():
            if row.state != "verified" or not row.selling_partner_id or not row.refresh_token_sealed:
                continue
            if self._resting.get(row.seller_id, 0.0) > now.timestamp():
                continue
            progress = self.store.pull.progress(row.seller_id)
            last = parse_time(progress.finished_at)
            if (
                progress.wanted
                or progress.before
                or last is None
                or (now - last).total_seconds() >= self.pull.interval_s
            ):
                found.append(row)
        return found

    def run_once(self) -> list[PullResult]:
        """Pull every due seller this process can lease, interleaved by the shared buckets' readiness."""
        rows = self.due()
        self.rng.shuffle(rows)  # several processes spread over the sellers
        epoch = self.clock.now().timestamp()
        jobs: list[SellerPull] = []
        for row in rows:
            if self.store.pull.take_lease(row.seller_id, self.holder, epoch, self.pull.lease_s):
                jobs.append(self._job(row))
        if not jobs:
            return []
        try:
            run_interleaved(jobs, self.clock, self.limiter.wait_time, max_sleep_s=self.pull.lease_s / 3,
                            on_wait=lambda: self._renew(jobs))  # fmt: skip
        finally:
            for job in jobs:
                self.store.pull.release_lease(job.hub_seller_id, self.holder)
        for job in jobs:
            if job.result.error:  # e.g. the seller revoked us, or Amazon is down: not every tick
                self._resting[job.hub_seller_id] = self.clock.now().timestamp() + max(self.pull.interval_s, 60.0)
            self.audit.record(HUB_ACTOR, "orders.pulled", target=job.seller_id, pages=job.result.pages,
                              orders=job.result.orders, changes=job.result.changes,
                              finished=job.result.finished, error=job.result.error)  # fmt: skip
        return [job.result for job in jobs]

    def _job(self, row: SellerRow) -> SellerPull:
        job = SellerPull(store=self.store.pull, client=self.client, changes=self.changes, clock=self.clock,
                         seller_id=row.seller_id, partner_id=row.selling_partner_id, holder=self.holder,
                         lease_s=self.pull.lease_s, initial_lookback_s=self.pull.initial_lookback_s,
                         page_size=self.pull.page_size)  # fmt: skip
        job.checkpoint = self.checkpoint
        return job

    def _renew(self, jobs: list[SellerPull]) -> None:
        epoch = self.clock.now().timestamp()
        for job in jobs:
            if not job.done and not self.store.pull.take_lease(job.hub_seller_id, self.holder, epoch,
                                                               self.pull.lease_s):  # fmt: skip
                job.result.lost_lease, job.done = True, True

    def run_forever(self, stop: threading.Event, *, tick_s: float = 1.0,
                    between: Callable[[], None] | None = None) -> None:  # fmt: skip
        """Pull whatever is due until ``stop`` is set; ``between`` runs each tick (notifications)."""
        while not stop.is_set():
            try:
                if between is not None:
                    between()
                self.run_once()
            except Exception:
                log.exception("pull round failed")
            stop.wait(tick_s)


def pull_worker(hub: Hub, *, holder: str = "") -> PullWorker:
    """The pull worker of a built hub, configured from its settings."""
    pull = PullSettings(lease_s=hub.settings.pull_lease_s, interval_s=hub.settings.pull_interval_s,
                        rate_scale=hub.settings.pull_rate_scale,
                        margin_s=0.01 if hub.settings.pull_rate_scale != 1.0 else 0.0)  # fmt: skip
    return PullWorker(hub.store, hub.sellers, hub.sealer, hub.audit, hub.clock, hub.settings, pull, holder=holder,
                      client=hub.spapi, limiter=hub.limiter)  # fmt: skip


def start_in_thread(worker: PullWorker, stop: threading.Event,
                    between: Callable[[], None] | None = None) -> threading.Thread:  # fmt: skip
    """Run the pull loop beside the web server (``pacific-hub serve``)."""
    thread = threading.Thread(target=worker.run_forever, args=(stop,), kwargs={"between": between}, name="hub-pull",
                              daemon=True)  # fmt: skip
    thread.start()
    return thread
