"""Encrypted backups sealed to an offline recovery key, restore on a new PC, the clear index.

A backup holds: a SQLCipher copy of the store under a fresh data key, and the station's secrets
(store-independent: audit key, TOTP seeds, tokens) sealed with AES-256-GCM under a key agreed by
X25519 between a fresh ephemeral key and the recovery public key printed once at ``init``.
The station itself can write backups but cannot read them: only the recovery key can.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets as pysecrets
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from station.errors import StoreError, UsageError
from station.ports import Clock, SecretStore
from station.store.db import Database

MAGIC = b"PPSBACKUP1\n"
SUFFIX = ".ppsbak"
NAME_RULE = re.compile(r"^pacific-station-[0-9a-f-]{36}-(\d{8}T\d{6}Z)\.ppsbak$")
_INFO = b"pacific-prep-station backup v1"


def new_recovery_key() -> tuple[str, str]:
    """A new recovery key pair: (secret text for the admin to keep offline, public key hex)."""
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())  # fmt: skip
    text = base64.b32encode(raw).decode().rstrip("=")
    grouped = "-".join(text[i : i + 4] for i in range(0, len(text), 4))
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return grouped, public.hex()


def _private_from_text(text: str) -> X25519PrivateKey:
    cleaned = re.sub(r"[^A-Z2-7]", "", text.upper())
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
        return X25519PrivateKey.from_private_bytes(raw)
    except ValueError as exc:
        raise UsageError("That is not a recovery key") from exc


def recovery_secret(text: str, expected_public_hex: str = "") -> bytes:
    """The raw private bytes of a recovery key; refused when it does not match the station's public key."""
    private = _private_from_text(text)
    public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    if expected_public_hex and public != expected_public_hex:
        raise UsageError("That recovery key does not belong to this station")
    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())  # fmt: skip


def _wrap_key(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(shared)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    created_at: str


def export_copy(db: Database, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the live store to ``target`` under ``key`` (consistent snapshot)."""
    db.export_to(target, key)


Indexer = Callable[[Database], dict[str, Any]]


def write_backup(
    db: Database, secrets: SecretStore, folder: Path, *, station_id: str, recovery_public_hex: str,
    audit_head: str, clock: Clock, indexer: Indexer | None = None, index_key: bytes = b"",
) -> BackupInfo:  # fmt: skip
    """Seal a backup into ``folder``; the file appears atomically.

    ``indexer`` reads the exported copy itself (so it describes exactly what the backup holds) and
    its answer goes into the header, MACed under ``index_key``: the station can read it without the
    recovery key and tell when the backup must go and which sellers it holds.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data_key = pysecrets.token_bytes(32)
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    index: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(dir=folder) as tmpdir:
        copy = Path(tmpdir) / "copy.db"
        export_copy(db, copy, data_key)
        if indexer is not None:
            snapshot = Database(copy, data_key)
            try:
                index = indexer(snapshot)
            finally:
                snapshot.close()
        db_bytes = copy.read_bytes()
    ephemeral = X25519PrivateKey.generate()
    peer = X25519PublicKey.from_public_bytes(bytes.fromhex(recovery_public_hex))
    salt, nonce = pysecrets.token_bytes(16), pysecrets.token_bytes(12)
    header = {
        "station_id": station_id,
        "created_at": clock.now().isoformat(),
        "schema_version": db.user_version(),
        "ephemeral_public": ephemeral.public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        .hex(),
        "salt": salt.hex(),
        "nonce": nonce.hex(),
    }
    if index is not None:
        header["index"] = index
        header["index_mac"] = _index_mac(index_key, header)
    header_bytes = json.dumps(header, sort_keys=True).encode()
    payload = {
        "data_key": data_key.hex(),
        "secrets": {n: base64.b64encode(v).decode() for n in secrets.names() if (v := secrets.get(n)) is not None},
        "audit_head": audit_head,
    }
    wrap = _wrap_key(ephemeral.exchange(peer), salt)
    sealed = AESGCM(wrap).encrypt(nonce, json.dumps(payload).encode(), header_bytes)
    blob = MAGIC + struct.pack(">II", len(header_bytes), len(sealed)) + header_bytes + sealed + db_bytes
    target = folder / f"pacific-station-{station_id}-{stamp}{SUFFIX}"
    tmp = target.with_suffix(".partial")
    with open(tmp, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return BackupInfo(target, len(blob), str(header["created_at"]))


def _index_mac(key: bytes, header: dict[str, Any]) -> str:
    signed = {k: v for k, v in header.items() if k != "index_mac"}
    return hmac.new(key, json.dumps(signed, sort_keys=True).encode(), hashlib.sha256).hexdigest()


def read_header(path: Path) -> dict[str, Any] | None:
    """A backup's clear header (no key needed); None when the file is not a readable backup."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(MAGIC) + 8)
            if not start.startswith(MAGIC) or len(start) < len(MAGIC) + 8:
                return None
            header_len, _ = struct.unpack(">II", start[len(MAGIC) :])
            header = json.loads(handle.read(min(header_len, 1 << 20)))
    except (OSError, ValueError):
        return None
    return header if isinstance(header, dict) else None


def verified_index(path: Path, key: bytes) -> dict[str, Any] | None:
    """The backup's index if its MAC holds under ``key``; None for old, damaged or edited headers."""
    header = read_header(path)
    if not key or header is None or not isinstance(header.get("index"), dict):
        return None
    if not hmac.compare_digest(str(header.get("index_mac", "")), _index_mac(key, header)):
        return None
    return dict(header["index"])


@dataclass(frozen=True)
class OpenedBackup:
    header: dict[str, Any]
    data_key: bytes
    secrets: dict[str, bytes]
    audit_head: str
    db_bytes: bytes


def open_backup(path: Path, recovery_key_text: str) -> OpenedBackup:
    """Read and unseal a backup with the recovery key; a wrong key or damaged file is a StoreError."""
    blob = Path(path).read_bytes()
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 8:
        raise StoreError("Not a Pacific Prep Station backup file")
    offset = len(MAGIC)
    header_len, sealed_len = struct.unpack(">II", blob[offset : offset + 8])
    offset += 8
    header_bytes = blob[offset : offset + header_len]
    sealed = blob[offset + header_len : offset + header_len + sealed_len]
    db_bytes = blob[offset + header_len + sealed_len :]
    try:
        header = json.loads(header_bytes)
        peer = X25519PublicKey.from_public_bytes(bytes.fromhex(header["ephemeral_public"]))
        private = _private_from_text(recovery_key_text)
        wrap = _wrap_key(private.exchange(peer), bytes.fromhex(header["salt"]))
        payload = json.loads(AESGCM(wrap).decrypt(bytes.fromhex(header["nonce"]), sealed, header_bytes))
    except (InvalidTag, ValueError, KeyError) as exc:
        raise StoreError("Wrong recovery key, or the backup file is damaged") from exc
    return OpenedBackup(
        header,
        bytes.fromhex(payload["data_key"]),
        {n: base64.b64decode(v) for n, v in payload["secrets"].items()},
        payload.get("audit_head", ""),
        db_bytes,
    )


def list_backups(folder: Path) -> list[Path]:
    if not Path(folder).is_dir():
        return []
    return sorted(p for p in Path(folder).iterdir() if NAME_RULE.match(p.name))


def backup_time(path: Path) -> datetime | None:
    """When a backup was written, from its file name."""
    match = NAME_RULE.match(Path(path).name)
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) if match else None


__all__ = [
    "BackupInfo",
    "OpenedBackup",
    "backup_time",
    "list_backups",
    "new_recovery_key",
    "open_backup",
    "read_header",
    "verified_index",
    "write_backup",
]
