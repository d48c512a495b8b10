"""The demo's embedded hub: SQLite in a throwaway folder, served on loopback, the simulator as Amazon.

Built the way `pacific-hub init` + `serve` build a hub (development mode, the master key file in the data
folder), its sellers authorised through the consent flow a real seller follows, its workers running.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from hub.bootstrap import Hub, build_hub
from hub.services.people import HUB_SYSTEM, Actor
from hub.settings import HubSettings, check_serving
from station.domain import Role
from station.errors import StationError

log = logging.getLogger(__name__)
START_TIMEOUT_S = 10.0
PULL_INTERVAL_S = 30.0  # the demo's sellers are polled often: cancellations and new orders show soon


@dataclass
class EmbeddedHub:
    """A hub serving on 127.0.0.1:<port> in this process; ``start_workers`` runs what `serve` runs beside it."""

    hub: Hub
    url: str
    server: Any  # uvicorn.Server
    thread: threading.Thread
    stop: threading.Event = field(default_factory=threading.Event)
    workers: list[threading.Thread] = field(default_factory=list)
    _pull: Any = None  # hub.engine.worker.PullWorker

    @property
    def puller(self) -> Any:
        if self._pull is None:
            from hub.engine.worker import pull_worker

            self._pull = pull_worker(self.hub)
        return self._pull

    def pull(self) -> None:
        """One round of the order pull now (the demo's start, and tests), as after a notification that
        every seller's orders changed."""
        for row in self.hub.store.sellers.list():
            if row.state == "verified":
                self.hub.store.pull.want_pull(row.seller_id)
        self.puller.run_once()

    def send_confirmations(self) -> dict[str, int]:
        """One round of the label worker now: labels left by a stopped process, due confirmations."""
        from hub.engine import label_worker

        return label_worker.run_once(self.hub)

    def start_workers(self) -> None:
        """The order pull (with notifications between rounds) and the label worker, as `serve` starts them."""
        if self.workers:
            return
        from hub.engine import label_worker
        from hub.engine.notifications import between_rounds, notification_service
        from hub.engine.worker import start_in_thread

        self.workers.append(start_in_thread(self.puller, self.stop,
                                            between_rounds(notification_service(self.hub, self.puller))))  # fmt: skip
        self.workers.append(label_worker.start(self.hub, self.stop))

    def close(self) -> None:
        self.stop.set()
        self.server.should_exit = True
        self.thread.join(timeout=5)
        for worker in self.workers:
            worker.join(timeout=5)
        if self._pull is not None:
            self._pull.close()
        self.hub.close()


def start_embedded_hub(data_dir: Path, sim: Any) -> EmbeddedHub:
    """Create the hub's database and keys in ``data_dir`` and serve it on a free loopback port."""
    import uvicorn

    from hub.api.app import create_app
    from hub.store.migrate import upgrade

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sim.register_app(redirect_uris=[f"http://127.0.0.1:{port}/oauth/callback"], draft=False)
    assert sim.app is not None
    settings = HubSettings(
        env="development", data_dir=data_dir, database_url="", host="127.0.0.1", port=port,
        public_url=f"http://127.0.0.1:{port}", master_key_file=None, master_key="",
        spapi_endpoint=sim.base_url, lwa_url=sim.lwa_url, consent_base_url=sim.base_url,
        application_id=sim.app.application_id, app_draft=False, pull_interval_s=PULL_INTERVAL_S,
        audit_anchor="", pull_rate_scale=1.0, pull_max_rate=0.0,
    )  # fmt: skip
    check_serving(settings)
    hub = build_hub(settings, create=True)  # development: the master key file goes in data_dir
    try:
        upgrade(hub.store.engine)
        hub.audit.start_sealing(hub.recovery_key)
        config = uvicorn.Config(create_app(hub), log_level="warning", server_header=False, lifespan="off",
                                timeout_graceful_shutdown=1)  # fmt: skip
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="demo-hub", daemon=True)
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        if not server.started:
            raise StationError("The demo's hub did not start")
    except BaseException:
        hub.close()
        sock.close()
        raise
    return EmbeddedHub(hub, settings.base_url, server, thread)


def add_operators(hub: Hub, admin: tuple[str, str], lead: tuple[str, str], packer: tuple[str, str, str],
                  badge: str) -> dict[str, str]:  # fmt: skip
    """The demo's hub operators (as `pacific-hub user add` makes them); returns name -> TOTP seed."""
    import pyotp

    seeds = {}
    for (name, password), role in ((admin, Role.ADMIN), (lead, Role.LEAD)):
        uri = hub.people.add(HUB_SYSTEM, name, role, password)
        assert uri is not None
        seeds[name] = pyotp.parse_uri(uri).secret
    hub.people.add(HUB_SYSTEM, packer[0], Role.PACKER, packer[2], badge=badge)
    return seeds


def authorise_sellers(embedded: EmbeddedHub, sim: Any, admin: Actor, names: list[str]) -> list[str]:
    """Each simulator seller authorises the hub's app as a real seller does: the onboarding link, Authorize,
    Seller Central's consent page, Confirm, and the hub's callback. Returns the names now verified."""
    import requests

    hub = embedded.hub
    hub.sellers.set_app_credentials(admin, sim.client_id, sim.client_secret)
    verified = []
    with requests.Session() as browser:
        for name, info in zip(names, sim.sellers(), strict=False):
            link = hub.sellers.invite(admin, name)
            to_consent = browser.post(link + "/authorize", allow_redirects=False, timeout=10)
            consent = to_consent.headers["Location"]
            browser.get(consent, timeout=10).raise_for_status()  # the page the seller reads before confirming
            form = dict(parse_qsl(urlsplit(consent).query))
            form["selling_partner_id"] = info.seller_id
            confirmed = browser.post(sim.base_url + "/apps/authorize/confirm", data=form, allow_redirects=False,
                                     timeout=10)  # fmt: skip
            back = browser.get(confirmed.headers["Location"], timeout=10)  # the hub's /oauth/callback
            back.raise_for_status()
            row = hub.store.sellers.by_name(name)
            if row is None or row.state != "verified":
                raise StationError(f"The demo seller {name} was not verified at the hub")
            verified.append(name)
    return verified
