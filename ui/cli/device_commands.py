"""`pacific-station devices`: list connected printers, scanners and scales; choose which to use."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from station.app import Station
from station.errors import UsageError
from station.secret_lines import SecretLines
from station.services.auth import Session

ROLES = ("printer", "scale", "scanner")


def _parse_ids(text: str) -> tuple[int, int]:
    try:
        vid, pid = text.split(":")
        return int(vid, 16), int(pid, 16)
    except ValueError as exc:
        raise UsageError("Give the device as VID:PID in hex, e.g. 0a5f:0164") from exc


def _devices(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "device.configure")
    from drivers.discovery import list_devices

    chosen = {role: station.store.settings.get(role) or {} for role in ROLES}
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
    if config.get("transport") == "virtual":
        return f"virtual ({config.get('language', 'zpl')})"
    if config.get("transport") == "tcp":
        return f"network {config.get('host')}:{config.get('port', 9100)} ({config.get('language', 'zpl')})"
    if "vid" in config:
        return f"usb {int(config['vid']):04x}:{int(config['pid']):04x} {config.get('language', '')}".rstrip()
    return str(config.get("port") or config)


def _use(station: Station, session: Session, args: argparse.Namespace, lines: SecretLines) -> int:
    station.auth.authorize(session, "device.configure", target=args.role)
    config: dict[str, Any]
    if args.role == "printer" and args.tcp:
        host, _, port = args.tcp.partition(":")
        config = {"transport": "tcp", "host": host, "port": int(port or 9100)}
    elif args.role == "printer" and args.virtual:
        config = {"transport": "virtual", "folder": str(args.virtual)}
    elif args.device and args.device.startswith("/dev/"):
        config = {"transport": "serial", "port": args.device}
    elif args.device:
        vid, pid = _parse_ids(args.device)
        config = {"transport": "usb", "vid": vid, "pid": pid}
    else:
        raise UsageError("Give the device (VID:PID or /dev/ path), or --tcp HOST[:PORT] / --virtual DIR for printers")
    if args.role == "printer":
        config["language"] = args.language
        config["dpi"] = args.dpi
    station.change_setting(session, args.role, config)
    print(f"{args.role}: {describe(config)}")
    return 0


Action = Callable[[Station, Session, argparse.Namespace, SecretLines], int]


def register(sub: Any, with_session: Callable[[Action], Any]) -> None:
    p = sub.add_parser("devices", help="list connected printers, scanners and scales; choose one with 'use'")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=with_session(_devices))
    actions = p.add_subparsers(dest="devices_command", metavar="ACTION")
    u = actions.add_parser("use", help="use a device: devices use printer 0a5f:0164 --language zpl --dpi 203")
    u.add_argument("role", choices=ROLES)
    u.add_argument("device", nargs="?", help="VID:PID (hex) or a serial port such as /dev/ttyACM0")
    u.add_argument("--language", choices=["zpl", "tspl", "escpos"], default="zpl")
    u.add_argument("--dpi", type=int, choices=[203, 300], default=203)
    u.add_argument("--tcp", metavar="HOST[:PORT]", help="network printer (raw TCP 9100)")
    u.add_argument("--virtual", metavar="DIR", help="virtual printer writing jobs and previews to DIR")
    u.set_defaults(handler=with_session(_use))
