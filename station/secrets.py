"""Secret stores: the OS keyring (entries named per station home) or a passphrase-sealed file.

Holds the store key, the audit MAC key, TOTP seeds, LWA credentials and sellers' refresh tokens.
Never the database, never a log line.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import secrets as pysecrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.errors import StoreError

SEALED_FILE = "secrets.sealed"
SALT_FILE = "secrets.salt"
_NAMES_ENTRY = "__names__"

# Argon2id parameters for the admin passphrase (RFC 9106 second recommended option, 64 MiB).
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """Argon2id: 32-byte key from a passphrase and a 16-byte salt."""
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_PARALLELISM,
        hash_len=32,
        type=Type.ID,
    )


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class SealedFileSecretStore:
    """Secrets in one AES-256-GCM file sealed by a key derived (Argon2id) from the admin passphrase."""

    def __init__(self, home: Path, passphrase: str, *, create: bool = False):
        self._path = Path(home) / SEALED_FILE
        self._salt_path = Path(home) / SALT_FILE
        self._lock = threading.Lock()
        self._values: dict[str, str] = {}
        self._blob = b""
        if not passphrase:
            raise StoreError("A station passphrase is needed to open the secret file")
        if self._path.exists():
            salt = self._salt_path.read_bytes()
            self._key = derive_key(passphrase, salt)
            self._values = self._load()
        elif create:
            salt = pysecrets.token_bytes(16)
            _atomic_write(self._salt_path, salt)
            self._key = derive_key(passphrase, salt)
            self._values = {}
            self._save()
        else:
            raise StoreError("No secret file in this station home; run 'pacific-station init'")

    def _load(self, blob: bytes | None = None) -> dict[str, str]:
        blob = self._path.read_bytes() if blob is None else blob
        try:
            plain = AESGCM(self._key).decrypt(blob[:12], blob[12:], b"pacific-station-secrets")
        except (InvalidTag, ValueError) as exc:
            raise StoreError("Wrong station passphrase, or the secret file is damaged") from exc
        values: dict[str, str] = json.loads(plain)
        self._blob = blob
        return values

    def _fresh(self) -> dict[str, str]:
        """The values as on disk: another process (the CLI beside the GUI) may have changed them.

        Every write uses a fresh nonce, so equal bytes mean nothing changed (one small read).
        """
        if self._path.exists():
            blob = self._path.read_bytes()
            if blob != self._blob:
                self._values = self._load(blob)
        return self._values

    def _save(self) -> None:
        nonce = pysecrets.token_bytes(12)
        plain = json.dumps(self._values).encode()
        blob = nonce + AESGCM(self._key).encrypt(nonce, plain, b"pacific-station-secrets")
        _atomic_write(self._path, blob)
        self._blob = blob

    @contextmanager
    def _changing(self) -> Iterator[dict[str, str]]:
        """Read-modify-write under a lock shared by every process using this home."""
        with self._lock, open(self._path.with_suffix(".lock"), "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            values = self._fresh()
            yield values
            self._save()

    def get(self, name: str) -> bytes | None:
        with self._lock:
            value = self._fresh().get(name)
        return None if value is None else base64.b64decode(value)

    def put(self, name: str, value: bytes) -> None:
        with self._changing() as values:
            values[name] = base64.b64encode(value).decode()

    def delete(self, name: str) -> None:
        with self._changing() as values:
            values.pop(name, None)

    def names(self) -> list[str]:
        with self._lock:
            return sorted(self._fresh())


class KeyringSecretStore:
    """Secrets in the OS keyring, under a service name unique to this station home."""

    def __init__(self, home: Path):
        import keyring

        self._keyring = keyring
        digest = hashlib.sha256(str(Path(home).resolve()).encode()).hexdigest()[:16]
        self.service = f"pacific-prep-station/{digest}"
        self._lock = threading.Lock()

    def get(self, name: str) -> bytes | None:
        value = self._keyring.get_password(self.service, name)
        return None if value is None else base64.b64decode(value)

    def put(self, name: str, value: bytes) -> None:
        with self._lock:
            self._keyring.set_password(self.service, name, base64.b64encode(value).decode())
            names = set(self.names())
            if name not in names:
                names.add(name)
                self._keyring.set_password(self.service, _NAMES_ENTRY, json.dumps(sorted(names)))

    def delete(self, name: str) -> None:
        with self._lock:
            with contextlib.suppress(self._keyring.errors.PasswordDeleteError):
                self._keyring.delete_password(self.service, name)
            names = [n for n in self.names() if n != name]
            self._keyring.set_password(self.service, _NAMES_ENTRY, json.dumps(names))

    def names(self) -> list[str]:
        raw = self._keyring.get_password(self.service, _NAMES_ENTRY)
        return list(json.loads(raw)) if raw else []


def os_keyring_usable() -> bool:
    """True when a real OS keyring backend exists (not the fail/null/plaintext ones)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    name = type(backend).__module__ + "." + type(backend).__name__
    return not any(bad in name.lower() for bad in ("null", "plaintext", "fail"))
