"""Shared pyusb plumbing: find, claim (detaching the kernel driver), and typed errors."""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import usb.core
import usb.util

from station.errors import DeviceError, DeviceTimeout, DeviceUnplugged

log = logging.getLogger(__name__)

_UNPLUGGED_ERRNOS = {errno.ENODEV, errno.ENXIO, errno.EPIPE, errno.ESHUTDOWN}


def typed_error(exc: usb.core.USBError, what: str) -> DeviceError:
    """Map a pyusb error onto the station's typed device errors."""
    if isinstance(exc, usb.core.USBTimeoutError) or exc.errno == errno.ETIMEDOUT:
        return DeviceTimeout(f"{what} did not answer in time")
    if exc.errno in _UNPLUGGED_ERRNOS or exc.backend_error_code == -4:
        return DeviceUnplugged(f"{what} unplugged — plug it back in")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DeviceError(f"No permission to use the {what} — install the udev rules", state="no_permission")
    if exc.errno == errno.EBUSY:
        return DeviceError(f"{what} is in use by another program", state="busy")
    return DeviceError(f"{what} failed: {exc.strerror}", state="error")


@dataclass
class Claimed:
    """An opened device with one claimed interface and its endpoints."""

    device: Any
    interface: int
    ep_out: Any
    ep_in: Any
    detached: bool = False  # we took the interface from a kernel driver: give it back on release


def find_device(vid: int, pid: int, backend: Any = None, serial: str | None = None) -> Any:
    """Return the pyusb device or None."""
    match: Callable[[Any], bool] | None = None
    if serial:

        def match(d: Any) -> bool:
            try:
                return bool(d.serial_number == serial)
            except (usb.core.USBError, ValueError):
                return False

    return usb.core.find(idVendor=vid, idProduct=pid, backend=backend, custom_match=match)


def _interface(cfg: Any, interface_class: int, prefer: dict[str, int] | None) -> Any:
    """The first interface of the class matching ``prefer`` (e.g. boot keyboard), else the first of the class."""
    if prefer:
        found = usb.util.find_descriptor(cfg, bInterfaceClass=interface_class, **prefer)
        if found is not None:
            return found
    return usb.util.find_descriptor(cfg, bInterfaceClass=interface_class)


def claim(device: Any, interface_class: int, what: str, *, prefer: dict[str, int] | None = None) -> Claimed:
    """Configure ``device``, detach the kernel driver and claim an interface of a class.

    ``prefer`` picks among several interfaces of the class (a composite scanner's boot keyboard).
    """
    try:
        try:
            cfg = device.get_active_configuration()
        except usb.core.USBError:
            cfg = None
        if cfg is None or cfg.bConfigurationValue == 0:
            device.set_configuration()
            cfg = device.get_active_configuration()
        intf = _interface(cfg, interface_class, prefer)
        if intf is None:
            raise DeviceError(f"{what} has no interface of class {interface_class}", state="unsupported")
        number = intf.bInterfaceNumber
        detached = False
        try:
            if device.is_kernel_driver_active(number):
                device.detach_kernel_driver(number)
                detached = True
        except NotImplementedError:  # Windows backends have no kernel drivers to detach
            pass
        usb.util.claim_interface(device, number)

        def direction(d: int) -> Callable[[Any], bool]:
            return lambda e: usb.util.endpoint_direction(e.bEndpointAddress) == d

        ep_out = usb.util.find_descriptor(intf, custom_match=direction(usb.util.ENDPOINT_OUT))
        ep_in = usb.util.find_descriptor(intf, custom_match=direction(usb.util.ENDPOINT_IN))
        return Claimed(device, number, ep_out, ep_in, detached)
    except usb.core.USBError as exc:
        raise typed_error(exc, what) from exc


def release(claimed: Claimed | None) -> None:
    """Release the interface, hand it back to the kernel driver we took it from, dispose; never raises.

    Without the reattach a scanner stays dead (no keyboard typing either) until it is replugged.
    """
    if claimed is None:
        return
    try:
        usb.util.release_interface(claimed.device, claimed.interface)
        if claimed.detached:
            claimed.device.attach_kernel_driver(claimed.interface)
    except (usb.core.USBError, OSError, NotImplementedError) as exc:  # unplugged, or no kernel drivers
        log.debug("release/reattach failed: %s", exc)
    try:
        usb.util.dispose_resources(claimed.device)
    except (usb.core.USBError, OSError) as exc:  # already unplugged
        log.debug("dispose failed: %s", exc)
