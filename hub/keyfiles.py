"""Key material that must never be in the database (the audit key, the badge pepper): a file beside
the master key, sealed under it. Rotation re-seals it with the database values."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hub.sealing import MasterKeys, Sealer
from station.audit_chain import KeyState

CONTEXT = "hub.keyfile"
FILE_NAME = "hub-keys.sealed"
STATE_FILE = "hub-audit-state.sealed"


@dataclass(frozen=True)
class HubKeys:
    audit_key: bytes = field(repr=False)  # the chain's long-lived check key
    badge_pepper: bytes = field(repr=False)
    recovery_public_hex: str = ""  # the audit recovery key's public half (the private half is offline)


def keyfile_path(master: MasterKeys, data_dir: Path) -> Path:
    """Beside the master key file; in the data folder when the key is given inline."""
    return (master.path.parent if master.path is not None else data_dir) / FILE_NAME


def load_or_create(sealer: Sealer, path: Path, recovery_public_hex: str = "") -> HubKeys:
    """The hub's keys; created on first use with the given recovery public key."""
    if not path.exists():
        data = {"audit_key": secrets.token_hex(32), "badge_pepper": secrets.token_hex(32),
                "recovery_public": recovery_public_hex}  # fmt: skip
        _write(path, sealer.seal(json.dumps(data), CONTEXT))
    data = json.loads(sealer.open(path.read_text(encoding="utf-8").strip(), CONTEXT))
    return HubKeys(bytes.fromhex(data["audit_key"]), bytes.fromhex(data["badge_pepper"]),
                   str(data.get("recovery_public", "")))  # fmt: skip


class SealedKeyStates:
    """station.audit_chain's KeyStateStore at the hub: the evolving key in a sealed file beside the master
    key (never in the database); overwriting the file erases the old key. A file lock orders writers."""

    CONTEXT = "hub.audit_state"

    def __init__(self, sealer: Sealer, path: Path) -> None:
        self.sealer = sealer
        self.path = path

    def load(self) -> KeyState | None:
        if not self.path.exists():
            return None
        return KeyState.from_bytes(self.sealer.open_bytes(self.path.read_text(encoding="utf-8").strip(), self.CONTEXT))

    def advance(self, state: KeyState) -> None:
        with self._locked():
            current = self.load()
            if current is None or current.seq < state.seq:
                _write(self.path, self.sealer.seal(state.to_bytes(), self.CONTEXT))

    def reset(self, state: KeyState) -> None:
        with self._locked():
            _write(self.path, self.sealer.seal(state.to_bytes(), self.CONTEXT))

    def reseal(self) -> None:
        """Re-wrap under the current master key (key rotation)."""
        with self._locked():
            if self.path.exists():
                _write(self.path, self.sealer.reseal(self.path.read_text(encoding="utf-8").strip(), self.CONTEXT))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield


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
