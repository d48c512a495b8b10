"""Envelope encryption: each value under its own data key (AES-256-GCM), the data key wrapped under a
master key whose id is written on the sealed value, so rotation only re-wraps data keys.

Sealed form (text): ``s1.<key id>.<b64 wrapped data key>.<b64 ciphertext>``; the context (table and
column) is bound in as associated data, so a sealed value cannot be moved to another column.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station.errors import StoreError, UsageError

PREFIX = "s1"
NONCE = 12


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_key_id() -> str:
    return "k" + secrets.token_hex(4)


class MasterKeys:
    """The master keys: one current (seals) and any older ones still readable during a rotation.

    Kept in a JSON file (mode 0600): ``{"current": id, "keys": {id: b64}}``, or a single key given in
    PACIFIC_HUB_MASTER_KEY. The file is re-read when a value names a key id not yet known, so a
    running hub follows a rotation done by ``pacific-hub keys rotate`` in another process.
    """

    def __init__(self, path: Path | None = None, inline: str = "") -> None:
        self.path = path
        self._inline = inline
        self._lock = threading.Lock()
        self._keys: dict[str, bytes] = {}
        self.current = ""
        self.reload()

    def reload(self) -> None:
        with self._lock:
            if self.path is not None:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._keys = {kid: _unb64(k) for kid, k in data["keys"].items()}
                self.current = str(data["current"])
            else:
                raw = _unb64(self._inline.strip())
                self._keys = {"k0": raw}
                self.current = "k0"
            if any(len(k) != 32 for k in self._keys.values()) or self.current not in self._keys:
                raise StoreError("The master key file is damaged (keys must be 32 bytes)")

    def key(self, kid: str) -> bytes:
        if kid not in self._keys and self.path is not None:
            self.reload()
        try:
            return self._keys[kid]
        except KeyError:
            raise StoreError(f"Master key {kid} is not available") from None

    @property
    def ids(self) -> list[str]:
        return sorted(self._keys)

    @staticmethod
    def create(path: Path) -> MasterKeys:
        """Write a new master key file (refuses to overwrite one)."""
        if path.exists():
            raise UsageError(f"{path} exists already; use `pacific-hub keys rotate`")
        kid = new_key_id()
        _write_private(path, {"current": kid, "keys": {kid: _b64(AESGCM.generate_key(256))}})
        return MasterKeys(path)

    def add_current(self) -> str:
        """Add a fresh key and make it current; older keys stay readable. Returns the new id."""
        if self.path is None:
            raise UsageError("Key rotation needs PACIFIC_HUB_MASTER_KEY_FILE (a key file, not an inline key)")
        kid = new_key_id()
        data = json.loads(self.path.read_text(encoding="utf-8"))
        data["keys"][kid] = _b64(AESGCM.generate_key(256))
        data["current"] = kid
        _write_private(self.path, data)
        self.reload()
        return kid

    def retire_all_but_current(self) -> list[str]:
        """Drop every key but the current one (after everything was re-sealed)."""
        assert self.path is not None
        data = json.loads(self.path.read_text(encoding="utf-8"))
        gone = [k for k in data["keys"] if k != data["current"]]
        data["keys"] = {data["current"]: data["keys"][data["current"]]}
        _write_private(self.path, data)
        self.reload()
        return gone


def _write_private(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class Sealer:
    """Seals and opens values under the master keys."""

    def __init__(self, keys: MasterKeys) -> None:
        self.keys = keys

    def seal(self, plaintext: str | bytes, context: str) -> str:
        data = plaintext.encode() if isinstance(plaintext, str) else plaintext
        dek = AESGCM.generate_key(256)
        nonce = os.urandom(NONCE)
        body = nonce + AESGCM(dek).encrypt(nonce, data, context.encode())
        return self._wrap(self.keys.current, dek, body, context)

    def _wrap(self, kid: str, dek: bytes, body: bytes, context: str) -> str:
        nonce = os.urandom(NONCE)
        wrapped = nonce + AESGCM(self.keys.key(kid)).encrypt(nonce, dek, f"{kid}|{context}".encode())
        return f"{PREFIX}.{kid}.{_b64(wrapped)}.{_b64(body)}"

    def _unwrap(self, sealed: str, context: str) -> tuple[str, bytes, bytes]:
        try:
            prefix, kid, wrapped_text, body_text = sealed.split(".")
            if prefix != PREFIX:
                raise ValueError(prefix)
            wrapped = _unb64(wrapped_text)
            dek = AESGCM(self.keys.key(kid)).decrypt(wrapped[:NONCE], wrapped[NONCE:], f"{kid}|{context}".encode())
            return kid, dek, _unb64(body_text)
        except (ValueError, InvalidTag):
            raise StoreError(f"A sealed value in {context} cannot be opened") from None

    def open_bytes(self, sealed: str, context: str) -> bytes:
        _kid, dek, body = self._unwrap(sealed, context)
        try:
            return AESGCM(dek).decrypt(body[:NONCE], body[NONCE:], context.encode())
        except InvalidTag:
            raise StoreError(f"A sealed value in {context} cannot be opened") from None

    def open(self, sealed: str, context: str) -> str:
        return self.open_bytes(sealed, context).decode()

    def reseal(self, sealed: str, context: str) -> str:
        """The same value with its data key re-wrapped under the current master key."""
        kid, dek, body = self._unwrap(sealed, context)
        if kid == self.keys.current:
            return sealed
        return self._wrap(self.keys.current, dek, body, context)

    @staticmethod
    def key_id(sealed: str) -> str:
        return sealed.split(".")[1]
