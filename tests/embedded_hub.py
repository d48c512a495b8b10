"""A station run through an embedded hub (issue 13: one sync engine, the hub's).

The hub is built on SQLite, wired to the SP-API simulator (its sellers authorised at the hub, never at the
station), served on loopback, and the station joins it with an enrolment code. One virtual clock drives the
simulator, the hub and the station. ``pull()`` is one pass of the hub's SP-API pull; the station then reads the
hub's changes with its own sync engine (``sync.hubsync``). The station never talks to SP-API itself.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hub.bootstrap import Hub
from hub.engine.worker import pull_worker
from hub.services.people import HUB_SYSTEM, Actor
from station.app import Station
from station.clock import VirtualClock
from station.domain import Role
from station.services.auth import Session
from sync.simulator import Simulator
from tests.hub.engine_env import hub_settings, start_hub
from tests.hub.simhub import attach

HUB_ADMIN = ("hub-admin", "Hub-Admin-Passw0rd!")


def fast_hub_hashing(monkeypatch: Any) -> None:
    """Cheap Argon2 at the hub (tests only)."""
    from argon2 import PasswordHasher

    import hub.services.people as people

    fast = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    monkeypatch.setattr(people, "HASHER", fast)
    monkeypatch.setattr(people, "_DUMMY_HASH", fast.hash("x"))


@dataclass
class EmbeddedHub:
    """The hub, its simulator and its loopback URL; ``sellers`` maps selling partner id -> hub seller id."""

    hub: Hub
    sim: Simulator
    url: str
    admin: Actor
    sellers: dict[str, int]
    pulls: Any
    _serving: Any = field(default=None, repr=False)

    def pull(self) -> None:
        """One pass of the hub's SP-API pull (orders from the simulator into the hub)."""
        self.pulls.run_once()

    def enrol(self, station: Station, session: Session, name: str) -> str:
        """Join ``station`` to this hub as ``name`` (the admin's session on the station)."""
        from ui.hub_wiring import join_hub

        return join_hub(station, session, self.url, self.hub.stations.create_code(self.admin, name))

    def add_operator(self, name: str, role: Role, secret: str, *, badge: str | None = None) -> None:
        """An operator at the hub (a joined station's operators come from there: packers by the verifiers
        synced down, leads, admins and auditors by logging in at the hub)."""
        self.hub.people.add(HUB_SYSTEM, name, role, secret, badge=badge)

    def totp_now(self, name: str) -> str:
        """A lead's current code, from the hub (a joined station holds no TOTP seed)."""
        return self.hub.people.totp_now(name)

    def cut(self) -> None:
        """The network between the station and the hub goes down (the hub stops answering)."""
        self._serving.stop()

    def restore(self) -> None:
        """The hub answers again, at the same address."""
        self._serving.start()

    def close(self) -> None:
        if self._serving is not None:
            self._serving.stop()
        self.hub.close()


class Server:
    """uvicorn serving the hub on one loopback port, stoppable and restartable at the same address."""

    def __init__(self, hub: Hub) -> None:
        from hub.api.app import create_app

        self.app = create_app(hub)
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.server: Any = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        config = uvicorn.Config(self.app, log_level="warning", server_header=False, lifespan="off",
                                timeout_graceful_shutdown=1)  # fmt: skip
        self.server = uvicorn.Server(config)
        self.sock = sock
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)

    def stop(self) -> None:
        if self.server is None:
            return
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=5)
        self.sock.close()
        self.server = None


def start_embedded_hub(tmp_path: Path, sim: Simulator, clock: VirtualClock) -> EmbeddedHub:
    """An SQLite hub on ``clock`` with the simulator's sellers authorised, served on loopback."""
    settings = hub_settings(tmp_path, f"sqlite:///{tmp_path / 'hub.db'}", sim)
    hub = start_hub(settings, clock, create=True)
    try:
        sellers = attach(hub, sim)
        hub.people.add(HUB_SYSTEM, HUB_ADMIN[0], Role.ADMIN, HUB_ADMIN[1])
        pulls = pull_worker(hub)
        pulls.pull = type(pulls.pull)(interval_s=0)  # every run_once pulls (the clock is virtual)
        server = Server(hub)
        server.start()
    except BaseException:
        hub.close()
        raise
    return EmbeddedHub(hub, sim, server.url, Actor(HUB_ADMIN[0], Role.ADMIN), sellers, pulls, server)
