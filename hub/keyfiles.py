"""Key material that must never be in the database (the audit key, the badge pepper): a file beside
the master key, sealed under it. Rotation re-seals it with the database values."""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from hub.sealing import MasterKeys, Sealer

CONTEXT = "hub.keyfile"
FILE_NAME = "hub-keys.sealed"


@dataclass(frozen=True)
class HubKeys:
    audit_key: bytes = field(repr=False)
    badge_pepper: bytes = field(repr=False)


def keyfile_path(master: MasterKeys, data_dir: Path) -> Path:
    """Beside the master key file; in the data folder when the key is given inline."""
    return (master.path.parent if master.path is not None else data_dir) / FILE_NAME


def load_or_create(sealer: Sealer, path: Path) -> HubKeys:
    if not path.exists():
        data = {"audit_key": secrets.token_hex(32), "badge_pepper": secrets.token_hex(32)}
        _write(path, sealer.seal(json.dumps(data), CONTEXT))
    data = json.loads(sealer.open(path.read_text(encoding="utf-8").strip(), CONTEXT))
    return HubKeys(bytes.fromhex(data["audit_key"]), bytes.fromhex(data["badge_pepper"]))


def reseal(sealer: Sealer, path: Path) -> None:
    """Re-wrap the key file under the current master key."""
    if path.exists():
        _write(path, sealer.reseal(path.read_text(encoding="utf-8").strip(), CONTEXT))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def master_key_text() -> str:
    """A fresh inline master key (base64), for PACIFIC_HUB_MASTER_KEY."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
