"""THE composition root: builds the adapters (the hub link and its sync engine, printer, scale, scanner) from
the station's settings and secrets and hands them to the core. Tests pass fakes through the same door.

The station never talks to SP-API itself: a station joined to a hub syncs, claims and buys labels through
it (ui/hub_wiring.py); a station not joined starts, packs nothing new, and says "not joined to a hub".
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station.app import Station
from station.i18n import N_, T_
from station.ports import LabelPrinter, Marketplace, Scale

log = logging.getLogger(__name__)


NOT_JOINED = N_("Not joined to a hub: an admin joins one (Admin → Settings → Hub, or pacific-station hub join URL)")


def sync_once(station: Station) -> list[str]:
    """One pass of the hub's sync for a joined station; human-readable report lines (no PII)."""
    if not station.hub_link.joined():
        return [T_(NOT_JOINED)]
    from ui.hub_wiring import hub_engine_for

    engine = hub_engine_for(station)
    try:
        report = engine.run_once()
    finally:
        engine.sync.client.close()
    return [f"hub: {report.changes} change(s), {report.cancelled} cancelled",
            "online" if report.online else "offline: will retry"]  # fmt: skip


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
    """Attach the hub's marketplace and sync engine (unless given) once joined; start the engine if asked.

    A station not joined to a hub gets neither: it starts, an admin may join a hub, and nothing syncs."""
    station = wiring.station
    if engine is None and marketplace is None and station.hub_link.joined():
        from ui.hub_wiring import hub_engine_for, hub_marketplace_for

        engine = hub_engine_for(station)  # one sync engine, the hub's: no Amazon credential on this PC
        marketplace = hub_marketplace_for(station, engine.sync.client)
        from sync.hubclient.fba import HubFbaInbound

        station.prep.attach(HubFbaInbound(engine.sync.client))  # FBA prep through the hub's /v1/fba
    elif engine is None and marketplace is None:
        log.info("not joined to a hub: no sync")
    station.attach_marketplace(marketplace)
    wiring.marketplace, wiring.engine = marketplace, engine
    if start_sync and engine is not None:
        engine.start()
    return wiring
