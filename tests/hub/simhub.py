"""The hub wired to the SP-API simulator: its sellers verified at the hub, a pull worker per 'process'."""

from __future__ import annotations

from hub.bootstrap import Hub
from hub.engine.worker import PullSettings, PullWorker
from hub.services.sellers import SECRET_CONTEXT, TOKEN_CONTEXT
from station.clock import iso
from sync.simulator import Simulator


def attach(hub: Hub, sim: Simulator) -> dict[str, int]:
    """Register the simulator's sellers as verified hub sellers; returns partner id -> hub seller id."""
    now = iso(hub.clock.now())
    hub.store.sellers.set_app_credentials(sim.client_id, hub.sealer.seal(sim.client_secret, SECRET_CONTEXT), now)
    hub.settings.spapi_endpoint = sim.base_url
    hub.settings.lwa_url = sim.lwa_url
    ids = {}
    for info in sim.sellers():
        seller_id = hub.store.sellers.add("sim-" + info.seller_id.lower(), now)
        hub.store.sellers.update(seller_id, state="verified", selling_partner_id=info.seller_id,
                                 refresh_token_sealed=hub.sealer.seal(info.refresh_token, TOKEN_CONTEXT),
                                 marketplaces=info.marketplace_id, verified_at=now)  # fmt: skip
        ids[info.seller_id] = seller_id
    return ids


def worker(hub: Hub, *, holder: str = "", **pull: object) -> PullWorker:
    return PullWorker(hub.store, hub.sellers, hub.sealer, hub.audit, hub.clock, hub.settings,
                      PullSettings(**pull), holder=holder)  # type: ignore[arg-type]  # fmt: skip
