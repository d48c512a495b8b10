"""`pacific-station devices`: list connected printers, scanners and scales; choose which to use."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from station.app import Station
from station.errors import UsageError
from station.secret_lines import SecretLines
from station.services.auth import Session

ROLES = ("printer", "scale", "scanner", "documents")
SETTING = {"printer": "printer", "scale": "scale", "scanner": "scanner", "documents": "document_printer"}


def _parse_ids(text: str) -> tuple[int, int]:
    try:
        vid, pid = text.split(":")
        return int(vid, 16), int(pid, 16)
    except ValueError as exc:
        raise UsageError("Give the device as VID:PID in hex, e.g. 0a5f:0164") from exc


def _devices(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "device.configure")
    from drivers.discovery import list_devices

    chosen = {role: station.store.settings.get(SETTING[role]) or {} for role in ROLES}
    rows = []
    for dev in list_devices():
        in_use = any(
            cfg.get("vid") == dev.vid and cfg.get("pid") == dev.pid for cfg in chosen.values() if isinstance(cfg, dict)
        )
        rows.append(
            {
                "ids": dev.ids if dev.transport == "usb" else dev.port,
                "role": dev.role,
                "language": dev.language,
                "manufacturer": dev.manufacturer,
                "product": dev.product,
                "in_use": in_use,
            }
        )
    if args.json:
        import json

        print(json.dumps({"devices": rows, "chosen": chosen}, indent=2, sort_keys=True))
        return 0
    if not rows:
        print("No printers, scanners or scales found (check the USB cable and the udev rules in packaging/udev)")
    for row in rows:
        mark = "*" if row["in_use"] else " "
        lang = f" ({row['language']})" if row["language"] else ""
        print(f"{mark} {row['ids']:<14} {row['role']:<8}{lang:<9} {row['manufacturer']} {row['product']}".rstrip())
    for role in ROLES:
        print(f"{role}: {describe(chosen[role])}")
    return 0


def describe(config: Any) -> str:
    if not config:
        return "not chosen"
    if config.get("transport") == "wedge":
        return "keyboard wedge"
    if config.get("queue"):
        return f"print queue {config['queue']} ({config.get('language', 'documents')})"
    if config.get("transport") == "virtual":
        return f"virtual ({config.get('language', 'zpl')})"
    if config.get("transport") == "tcp":
        return f"network {config.get('host')}:{config.get('port', 9100)} ({config.get('language', 'zpl')})"
    if "vid" in config:
        return f"usb {int(config['vid']):04x}:{int(config['pid']):04x} {config.get('language', '')}".rstrip()
    return str(config.get("port") or config)


def _product(vid: int, pid: int) -> tuple[str, str]:
    """(language, product name) of a plugged-in USB device, from discovery; ("", "") if absent."""
    from drivers.discovery import list_devices

    for dev in list_devices(include_serial=False):
        if (dev.vid, dev.pid) == (vid, pid):
            return dev.language, dev.product
    return "", ""


def _printer_config(args: argparse.Namespace) -> dict[str, Any]:
    from drivers.discovery import PRINTER_VENDORS

    config: dict[str, Any]
    product = ""
    if args.queue:
        config = {"transport": "cups", "queue": args.queue}
    elif args.tcp:
        host, _, port = args.tcp.partition(":")
        config = {"transport": "tcp", "host": host, "port": int(port or 9100)}
    elif args.virtual:
        config = {"transport": "virtual", "folder": str(args.virtual)}
    elif args.device:
        vid, pid = _parse_ids(args.device)
        config = {"transport": "usb", "vid": vid, "pid": pid}
        language, product = _product(vid, pid)
        # A TSC (or other non-Zebra) printer speaks its vendor's language unless told otherwise.
        config["language"] = args.language or language or PRINTER_VENDORS.get(vid, ("", "zpl"))[1]
    else:
        raise UsageError("Give the printer as VID:PID, --queue NAME, --tcp HOST[:PORT] or --virtual DIR")
    config.setdefault("language", args.language or "zpl")
    if args.dpi:
        config["dpi"] = args.dpi
    else:
        from drivers.printers import detect_dpi

        config["dpi"] = detect_dpi(config, product)  # ~HI, else the model name, else 203
    return config


def _use(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "device.configure", target=args.role)
    config: dict[str, Any]
    if args.role == "printer":
        config = _printer_config(args)
    elif args.role == "documents":
        if not args.queue:
            raise UsageError("Give the office printer's queue: devices use documents --queue NAME")
        config = {"queue": args.queue}
    elif args.role == "scanner":
        from drivers.scanners import config as scanner_settings

        if args.device == "wedge" or not args.device:
            config = scanner_settings.wedge_scanner()
        elif args.device.startswith("/dev/") or args.device.upper().startswith("COM"):
            config = scanner_settings.serial_scanner(args.device, args.baudrate)
        else:
            config = scanner_settings.usb_scanner(*_parse_ids(args.device))
    elif args.device:
        vid, pid = _parse_ids(args.device)
        config = {"vid": vid, "pid": pid}
    else:
        raise UsageError("Give the scale as VID:PID")
    station.change_setting(session, SETTING[args.role], config)
    print(f"{args.role}: {describe(config)}")
    return 0


Action = Callable[[Station, Session, argparse.Namespace, SecretLines], int]


def register(sub: Any, with_session: Callable[[Action], Any]) -> None:
    p = sub.add_parser("devices", help="list connected printers, scanners and scales; choose one with 'use'")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=with_session(_devices))
    actions = p.add_subparsers(dest="devices_command", metavar="ACTION")
    u = actions.add_parser("use", help="use a device: devices use printer 0a5f:0164 (language and dpi detected), "
                                       "devices use printer --queue Zebra_ZD421, devices use scanner 05e0:1200, "
                                       "devices use documents --queue Office_Laser")  # fmt: skip
    u.add_argument("role", choices=ROLES)
    u.add_argument("device", nargs="?", help="VID:PID (hex), a serial port such as /dev/ttyACM0, or 'wedge'")
    u.add_argument("--language", choices=["zpl", "tspl", "escpos"], default=None,
                   help="printer language (default: from the printer's maker)")  # fmt: skip
    u.add_argument("--dpi", type=int, choices=[203, 300, 600], default=None,
                   help="printer resolution (default: asked of the printer, else from its model, else 203)")
    u.add_argument("--queue", metavar="NAME", help="an OS print queue (CUPS): raw labels, or the documents printer")
    u.add_argument("--baudrate", type=int, default=9600, help="serial scanners")
    u.add_argument("--tcp", metavar="HOST[:PORT]", help="network printer (raw TCP 9100)")
    u.add_argument("--virtual", metavar="DIR", help="virtual printer writing jobs and previews to DIR")
    u.set_defaults(handler=with_session(_use))
