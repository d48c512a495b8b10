"""`pacific-hub serve`: uvicorn with TLS (or behind a TLS proxy), refusing unsafe set-ups."""

from __future__ import annotations

import logging
import threading

import uvicorn

from hub import housekeeping
from hub.api.app import create_app
from hub.bootstrap import build_hub
from hub.engine import label_worker
from hub.engine.notifications import between_rounds, notification_service
from hub.engine.worker import pull_worker, start_in_thread
from hub.jsonlog import uvicorn_log_config
from hub.lockfile import ProcessLock, sqlite_lock_path
from hub.settings import HubSettings, check_serving
from station.errors import StoreError

log = logging.getLogger(__name__)


def serve(settings: HubSettings) -> int:
    """Run the hub until stopped. On SQLite a second hub process is refused."""
    check_serving(settings)
    lock = None
    if settings.sqlite:
        lock = ProcessLock(sqlite_lock_path(settings.effective_database_url))
        lock.acquire()
    hub = build_hub(settings)
    stop = threading.Event()
    worker = None
    try:
        if not hub.migrated():
            raise StoreError("The database schema is not current: run `pacific-hub migrate` first")
        if settings.pull_in_serve:  # every process pulls; the lease rows keep it one puller per seller
            worker = pull_worker(hub)
            start_in_thread(worker, stop, between_rounds(notification_service(hub, worker)))
        log.info("hub serving on %s (%s)", settings.base_url, hub.store.engine.dialect.name)
        housekeeping.start(hub, stop)
        label_worker.start(hub, stop)  # label recovery and confirmations
        uvicorn.run(
            create_app(hub),
            host=settings.host,
            port=settings.port,
            ssl_certfile=str(settings.tls_cert_file) if settings.tls else None,
            ssl_keyfile=str(settings.tls_key_file) if settings.tls else None,
            # Behind a TLS proxy: believe X-Forwarded-For/-Proto only from the listed proxy addresses.
            proxy_headers=settings.behind_proxy,
            forwarded_allow_ips=settings.forwarded_allow_ips if settings.behind_proxy else None,
            server_header=False,
            log_config=uvicorn_log_config(settings.log_level),
        )
        stop.set()
    finally:
        stop.set()
        if worker is not None:
            worker.close()
        hub.close()
        if lock is not None:
            lock.release()
    return 0
