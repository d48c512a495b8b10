"""The station's audit trail: the adapter over the shared forward-secure chain (station.audit_chain).

Rows live in the SQLCipher store, the evolving sealing key in the SecretStore (never the database), the
chain head in ``audit.head`` beside the store. The recovery key (printed once at ``init``) proves the chain.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from station.audit_chain import (
    MARKER_ACTION,
    AuditChain,
    ChainRow,
    Entry,
    Head,
    KeyState,
    KeyStateStore,
    MemoryKeyStates,
    VerifyReport,
)
from station.clock import utcnow_iso
from station.errors import AuditVerificationFailed
from station.events import EventBus
from station.ports import Clock, SecretStore
from station.store import Store
from station.store.audit_rows import AuditRow

log = logging.getLogger(__name__)

HEAD_FILE = "audit.head"
SEAL_LOCK_FILE = "audit.seal.lock"
AUDIT_STATE = "audit.seal_state"  # secret-store entry: the evolving key and the newest sealed row
SEVERITIES = ("info", "warning", "alert")
SYSTEM_ACTOR = "system"

VerifyResult = VerifyReport


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock shared by every process using this home."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield


class SecretKeyStates:
    """The chain's KeyStateStore over the station's SecretStore: overwriting the entry erases the old key."""

    def __init__(self, secrets: SecretStore, lock_path: Path):
        self.secrets = secrets
        self.lock_path = Path(lock_path)

    def load(self) -> KeyState | None:
        raw = self.secrets.get(AUDIT_STATE)
        return None if raw is None else KeyState.from_bytes(raw)

    def advance(self, state: KeyState) -> None:
        with _file_lock(self.lock_path):
            current = self.load()
            if current is None or current.seq < state.seq:
                self.secrets.put(AUDIT_STATE, state.to_bytes())

    def reset(self, state: KeyState) -> None:
        with _file_lock(self.lock_path):
            self.secrets.put(AUDIT_STATE, state.to_bytes())


class HeadFile:
    """The chain's HeadAnchor on the station: ``audit.head`` beside the store, never moved backwards."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def publish(self, head: Head) -> None:
        with _file_lock(self.path.with_suffix(".lock")):
            current = self.read()
            if current is not None and current.seq >= head.seq:
                return
            tmp = self.path.with_suffix(".tmp")
            data = json.dumps({"seq": head.seq, "mac": head.mac, "tag": head.tag}).encode()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)

    def read(self) -> Head | None:
        if not self.path.exists():
            return None
        try:
            data = json.loads(self.path.read_text())
            return Head(int(data["seq"]), str(data["mac"]), str(data["tag"]))
        except (ValueError, KeyError, TypeError):
            return Head(-1, "", "")


def _chain_row(row: AuditRow | None) -> ChainRow | None:
    return None if row is None else ChainRow(**row.__dict__)


class AuditTrail:
    """Appends and verifies audit events. Details must never hold PII or secrets."""

    def __init__(
        self, store: Store, key: bytes, head_path: Path, clock: Clock, bus: EventBus | None = None, *,
        key_states: KeyStateStore | None = None, chain_id: str = "station", recovery_public_hex: str = "",
    ):  # fmt: skip
        self.store = store
        self.head_path = Path(head_path)
        self.clock = clock
        self.bus = bus
        self.recovery_public_hex = recovery_public_hex
        self.chain = AuditChain(chain_id, key, key_states or MemoryKeyStates(), HeadFile(self.head_path))
        self._lock = threading.Lock()

    @property
    def sealing(self) -> bool:
        """True once forward-secure sealing has begun on this chain."""
        return self.chain.key_states.load() is not None

    def record(self, actor: str, action: str, *, target: str = "", severity: str = "info", **detail: object) -> int:
        """Append one event; returns its sequence number."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity}")
        entry = self._entry(actor, action, severity, target, detail)
        with self._lock, self.store.transaction() as conn:
            row, state = self.chain.seal(_chain_row(self.store.audit_rows.last(conn)), entry)
            self.store.audit_rows.insert(conn, AuditRow(**row.__dict__))
            # The key moves on and the head moves only once the row is committed: a rolled-back append
            # leaves no trace. A crash in between leaves the key behind the rows, which seal() catches up.
            self.store.db.after_commit(lambda: self.chain.committed(state, row))
        self._published(row)
        return row.seq

    def alert(self, action: str, *, target: str = "", **detail: object) -> int:
        """An abnormal-access alert, recorded by the system actor."""
        log.warning("security alert %s", action)
        return self.record(SYSTEM_ACTOR, action, target=target, severity="alert", **detail)

    def start_sealing(self, recovery_key: str) -> int:
        """Begin forward-secure sealing (new station, or a legacy chain after its last old row)."""
        secret = self._recovery_secret(recovery_key)
        entry = self._entry(SYSTEM_ACTOR, MARKER_ACTION, "info", "", {"chain": self.chain.chain_id})
        with self._lock, self.store.transaction() as conn:
            row, state = self.chain.start_segment(_chain_row(self.store.audit_rows.last(conn)), entry, secret)
            self.store.audit_rows.insert(conn, AuditRow(**row.__dict__))
            self.store.db.after_commit(lambda: self.chain.committed(state, row, starting=True))
        log.info("forward-secure audit sealing starts at row %d", row.seq)
        self._published(row)
        return row.seq

    def rebuild_key_state(self, recovery_key: str) -> VerifyResult:
        """Restore: prove the restored rows with the recovery key and derive the sealing key after them."""
        secret = self._recovery_secret(recovery_key)
        with self._lock:
            return self.chain.rebuild(self._chain_rows(), secret)

    def verify(self, recovery_key: str | None = None) -> VerifyResult:
        """Check the chain; with the recovery key also prove the sealed rows (forward-secure)."""
        secret = None if recovery_key is None else self._recovery_secret(recovery_key)
        return self.chain.verify(self._chain_rows(), secret)

    def verify_or_raise(self, recovery_key: str | None = None) -> VerifyResult:
        result = self.verify(recovery_key)
        if not result.ok:
            where = f"first bad row: {result.first_bad_seq}" if result.first_bad_seq else "head"
            raise AuditVerificationFailed(f"Audit trail verification failed ({where}): {result.reason}")
        return result

    def read_head(self) -> tuple[int, str] | None:
        head = self.chain.anchor.read()
        return None if head is None else (head.seq, head.mac)

    def export(self, out: TextIO) -> int:
        """Write every row as JSON lines; returns the count."""
        count = 0
        for row in self.rows():
            record = {**row.__dict__, "detail": json.loads(row.detail)}
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
        return count

    def rows(self) -> Iterator[AuditRow]:
        return self.store.audit_rows.iter_all()

    def _chain_rows(self) -> Iterator[ChainRow]:
        return (ChainRow(**row.__dict__) for row in self.store.audit_rows.iter_all())

    def _entry(self, actor: str, action: str, severity: str, target: str, detail: dict[str, object]) -> Entry:
        body = json.dumps(detail, sort_keys=True, ensure_ascii=False, default=str)
        return Entry(utcnow_iso(self.clock), actor, action, severity, target, body)

    def _recovery_secret(self, recovery_key: str) -> bytes:
        from station.services.backup import recovery_secret

        return recovery_secret(recovery_key, self.recovery_public_hex)

    def _published(self, row: ChainRow) -> None:
        if self.bus is not None:
            self.bus.publish("audit.recorded", seq=row.seq, action=row.action, severity=row.severity, actor=row.actor)
