"""THE composition root: builds the adapters (SP-API, sync engine, printer, scale, scanner) from the
station's settings and secrets and hands them to the core. Tests pass fakes through the same door.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station.app import Station
from station.i18n import N_, T_
from station.ports import Clock, LabelPrinter, Marketplace, Scale
from station.services.audit import SYSTEM_ACTOR

log = logging.getLogger(__name__)


def audit_hook(station: Station):  # type: ignore[no-untyped-def]
    """Every SP-API call becomes an audit event (operation, seller, status, count; never PII)."""

    def record(operation: str, seller_id: str, status: int, count: int) -> None:
        station.audit.record(SYSTEM_ACTOR, "spapi.call", target=seller_id, operation=operation,
                             seller=seller_id, status=status, count=count)  # fmt: skip

    return record


def build_client(station: Station, *, clock: Clock | None = None, config: Any = None) -> Any:
    from sync import credentials
    from sync.spapi.http import SpApiClient

    def seller(seller_id: str):  # type: ignore[no-untyped-def]
        found = station.store.sellers.get(seller_id)
        if found is None:
            from station.errors import NotFound

            raise NotFound(T_("No seller {0}", seller_id))
        return found

    return SpApiClient(clock or station.clock, credentials.resolver(station.secrets, seller), config=config,
                       audit_hook=audit_hook(station))  # fmt: skip


def marketplace_for(station: Station, *, clock: Clock | None = None, config: Any = None) -> Marketplace:
    """The Marketplace for the station's sellers (Amazon, sandbox, simulator or hub by base URL)."""
    from sync.marketplace import SpApiMarketplace

    return SpApiMarketplace(build_client(station, clock=clock, config=config))


def sync_engine_for(station: Station, marketplace: Marketplace | None = None) -> Any:
    """The sync engine; it orders its calls by the client's rate buckets so none waits needlessly."""
    from sync.engine import SyncEngine

    marketplace = marketplace or marketplace_for(station)
    limiter = getattr(getattr(marketplace, "client", None), "limiter", None)
    if limiter is None:
        return SyncEngine(station.store, marketplace, station.clock, station.bus)
    return SyncEngine(station.store, marketplace, station.clock, station.bus, ready_in=limiter.wait_time)


def sync_once(station: Station) -> list[str]:
    """One pull of every active seller and one outbox push; human-readable report lines (no PII)."""
    engine = sync_engine_for(station)
    report = engine.run_once()
    lines = []
    for s in report.sellers:
        if s.error:
            lines.append(f"seller {s.seller_id}: stopped ({s.error})")
        else:
            lines.append(f"seller {s.seller_id}: {s.new} new, {s.updated} updated, {s.unchanged} unchanged, "
                         f"{s.cancelled} cancelled ({s.pages} page(s))")  # fmt: skip
    if not report.sellers:
        lines.append("no active sellers")
    lines.append(f"outbox: {report.delivered} delivered, {report.outbox_retried} to retry, "
                 f"{report.outbox_failed} failed, {station.store.outbox.depth()} waiting")  # fmt: skip
    lines.append("online" if report.online else "offline: will retry")
    return lines


class VirtualScale:
    """A stand-in scale for the demo and tests: reads whatever was last ``place``d on it."""

    def __init__(self) -> None:
        self.weight_lb = 0.0
        self.state = "ready"

    def place(self, weight_lb: float) -> None:
        self.weight_lb = round(weight_lb, 2)

    def read_stable(self, timeout_s: float = 3.0) -> float:
        from station.errors import DeviceError

        if self.weight_lb <= 0:
            raise DeviceError(N_("Nothing on the scale — put the box on it, or type the weight"), state="zero")
        return self.weight_lb

    def status(self) -> str:
        return self.state


def open_label_printer(config: dict[str, Any], home: Path) -> LabelPrinter | None:
    if not config:
        return None
    from drivers.printers import open_printer

    config = dict(config)
    if config.get("transport") == "virtual" and not config.get("folder"):
        config["folder"] = str(home / "labels")
    return open_printer(config)  # type: ignore[return-value]


def open_station_scale(config: dict[str, Any]) -> Scale | None:
    if not config:
        return None
    if config.get("transport") == "virtual":
        return VirtualScale()
    from drivers.scales import open_scale

    return open_scale(config)


def scanner_config(config: dict[str, Any]) -> Any:
    """Wedge decoder settings (prefix/suffix/gap) from the ``scanner`` setting."""
    from drivers.scanners.wedge import WedgeConfig

    wc = WedgeConfig()
    for key in ("prefix", "suffix"):
        if key in config:
            setattr(wc, key, str(config[key]))
    if "max_gap_ms" in config:
        wc.max_gap_s = float(config["max_gap_ms"]) / 1000
    return wc


def open_direct_scanner(config: dict[str, Any], *, backend: Any = None) -> Any:
    """A USB HID or serial scanner read directly (None for the keyboard wedge); a bad setting is
    logged and falls back to the wedge rather than stopping the GUI from starting."""
    from drivers.scanners.config import open_scanner

    try:
        return open_scanner(config, backend=backend)
    except (KeyError, ValueError) as exc:
        log.error("scanner setting unusable (%s): using the keyboard wedge", exc)
        return None


@dataclass
class Wiring:
    """What the GUI needs besides the station: devices and the sync engine (any may be None)."""

    station: Station
    marketplace: Marketplace | None = None
    engine: Any = None
    printer: LabelPrinter | None = None
    scale: Scale | None = None
    scanner: Any = None  # a direct scanner; the wedge needs no object here
    wedge: Any = None  # drivers.scanners.wedge.WedgeConfig
    extras: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.stop(timeout_s=2.0)
            hub = getattr(getattr(self.engine, "sync", None), "client", None)
            if hub is not None:
                hub.close()
        if self.scanner is not None:
            with contextlib.suppress(Exception):
                self.scanner.stop()
        client = getattr(self.marketplace, "client", None)
        if client is not None:
            client.close()


def wire(station: Station, *, marketplace: Marketplace | None = None, printer: LabelPrinter | None = None,
         scale: Scale | None = None, engine: Any = None, start_sync: bool = False,
         connect: bool = True) -> Wiring:  # fmt: skip
    """Build every adapter the settings ask for (unless given), and attach the marketplace to the core.

    ``connect=False`` leaves the marketplace and sync engine for ``connect_sync`` (the GUI start does it
    once the login screen is up: HTTP libraries are not needed to scan a badge)."""
    from ui import text_image

    text_image.install()  # labels draw buyer text the printer font lacks as images (drivers import no Qt)
    settings = station.store.settings
    if printer is None:
        printer = open_label_printer(dict(settings.get("printer") or {}), station.home)
    if scale is None:
        scale = open_station_scale(dict(settings.get("scale") or {}))
    scanner_settings = dict(settings.get("scanner") or {})
    wiring = Wiring(station, None, None, printer, scale, open_direct_scanner(scanner_settings),
                    scanner_config(scanner_settings))  # fmt: skip
    if connect:
        connect_sync(wiring, marketplace=marketplace, engine=engine, start_sync=start_sync)
    return wiring


def connect_sync(wiring: Wiring, *, marketplace: Marketplace | None = None, engine: Any = None,
                 start_sync: bool = False) -> Wiring:  # fmt: skip
    """Attach the marketplace (built from the settings unless given) and the sync engine; start it if asked."""
    station = wiring.station
    if engine is None and marketplace is None and station.hub_link.joined():
        from ui.hub_wiring import hub_engine_for, hub_marketplace_for

        engine = hub_engine_for(station)  # one sync engine, the hub's: no Amazon credential on this PC
        marketplace = hub_marketplace_for(station, engine.sync.client)
        from sync.hubclient.fba import HubFbaInbound

        station.prep.attach(HubFbaInbound(engine.sync.client))  # FBA prep through the hub's /v1/fba
    elif marketplace is None and station.store.sellers.list():
        marketplace = marketplace_for(station)
    station.attach_marketplace(marketplace)
    client = getattr(marketplace, "client", None)
    # FBA prep talks to Fulfillment Inbound / FBA Inventory through the same client (direct path only)
    if client is not None and not station.hub_link.joined():
        from sync.spapi.inbound import SpApiFbaInbound

        station.prep.attach(SpApiFbaInbound(client))
    if engine is None and marketplace is not None:  # the direct SP-API path (a station not joined to a hub)
        engine = sync_engine_for(station, marketplace)
    wiring.marketplace, wiring.engine = marketplace, engine
    if start_sync and engine is not None:
        engine.start()
    return wiring
