"""The audit trail: append-only rows chained with HMAC-SHA-256, the chain head kept outside the table."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from station.clock import utcnow_iso
from station.errors import AuditVerificationFailed
from station.events import EventBus
from station.ports import Clock
from station.store import Store
from station.store.audit_rows import AuditRow

log = logging.getLogger(__name__)

GENESIS = "0" * 64
HEAD_FILE = "audit.head"
SEVERITIES = ("info", "warning", "alert")
SYSTEM_ACTOR = "system"


def _canonical(seq: int, at: str, actor: str, action: str, severity: str, target: str, detail: str) -> bytes:
    return json.dumps([seq, at, actor, action, severity, target, detail], ensure_ascii=False).encode()


def row_mac(key: bytes, previous_mac: str, row: AuditRow) -> str:
    message = previous_mac.encode() + _canonical(
        row.seq, row.at, row.actor, row.action, row.severity, row.target, row.detail
    )
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    reason: str = ""


class AuditTrail:
    """Appends and verifies audit events. Details must never hold PII or secrets."""

    def __init__(self, store: Store, key: bytes, head_path: Path, clock: Clock, bus: EventBus | None = None):
        if len(key) < 32:
            raise ValueError("audit key too short")
        self.store = store
        self._key = key
        self.head_path = Path(head_path)
        self.clock = clock
        self.bus = bus
        self._lock = threading.Lock()

    def record(self, actor: str, action: str, *, target: str = "", severity: str = "info", **detail: object) -> int:
        """Append one event; returns its sequence number."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity}")
        body = json.dumps(detail, sort_keys=True, ensure_ascii=False, default=str)
        with self._lock, self.store.transaction() as conn:
            last = self.store.audit_rows.last(conn)
            seq = 1 if last is None else last.seq + 1
            previous = GENESIS if last is None else last.mac
            row = AuditRow(seq, utcnow_iso(self.clock), actor, action, severity, target, body, "")
            row = AuditRow(**{**row.__dict__, "mac": row_mac(self._key, previous, row)})
            self.store.audit_rows.insert(conn, row)
            # The head moves only once the row is committed: a rolled-back append leaves no trace.
            self.store.db.after_commit(lambda: self._write_head(row.seq, row.mac))
        if self.bus is not None:
            self.bus.publish("audit.recorded", seq=seq, action=action, severity=severity, actor=actor)
        return seq

    def alert(self, action: str, *, target: str = "", **detail: object) -> int:
        """An abnormal-access alert, recorded by the system actor."""
        log.warning("security alert %s", action)
        return self.record(SYSTEM_ACTOR, action, target=target, severity="alert", **detail)

    def _head_tag(self, seq: int, mac: str) -> str:
        return hmac.new(self._key, f"head|{seq}|{mac}".encode(), hashlib.sha256).hexdigest()

    def _write_head(self, seq: int, mac: str) -> None:
        """Write the chain head beside the store; never moves backwards (several processes)."""
        self.head_path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.head_path.with_suffix(".lock")
        with open(lock_path, "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            current = self.read_head()
            if current is not None and current[0] >= seq:
                return
            tmp = self.head_path.with_suffix(".tmp")
            data = json.dumps({"seq": seq, "mac": mac, "tag": self._head_tag(seq, mac)}).encode()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.head_path)

    def read_head(self) -> tuple[int, str] | None:
        if not self.head_path.exists():
            return None
        try:
            data = json.loads(self.head_path.read_text())
            return int(data["seq"]), str(data["mac"])
        except (ValueError, KeyError):
            return (-1, "")

    def _head_valid(self) -> bool:
        if not self.head_path.exists():
            return True
        try:
            data = json.loads(self.head_path.read_text())
            return hmac.compare_digest(str(data["tag"]), self._head_tag(int(data["seq"]), str(data["mac"])))
        except (ValueError, KeyError):
            return False

    def verify(self) -> VerifyResult:
        """Recompute the chain over every row in storage order and compare with the head."""
        previous, expected_seq, count = GENESIS, 1, 0
        for row in self.store.audit_rows.iter_all():
            count += 1
            if row.seq != expected_seq:
                reason = "row missing before it" if row.seq > expected_seq else "rows out of order"
                return VerifyResult(False, count, row.seq, reason)
            if not hmac.compare_digest(row.mac, row_mac(self._key, previous, row)):
                return VerifyResult(False, count, row.seq, "row altered (MAC mismatch)")
            previous, expected_seq = row.mac, row.seq + 1
        if not self._head_valid():
            return VerifyResult(False, count, None, "chain head file altered")
        head = self.read_head()
        last_seq = expected_seq - 1
        if head is not None and (head[0] != last_seq or head[1] != previous):
            if head[0] > last_seq:
                return VerifyResult(False, count, last_seq + 1, f"newest rows removed (head is at {head[0]})")
            return VerifyResult(False, count, head[0], "chain head does not match the rows")
        if head is None and count:
            return VerifyResult(False, count, None, "chain head missing")
        return VerifyResult(True, count)

    def verify_or_raise(self) -> VerifyResult:
        result = self.verify()
        if not result.ok:
            where = f"first bad row: {result.first_bad_seq}" if result.first_bad_seq else "head"
            raise AuditVerificationFailed(f"Audit trail verification failed ({where}): {result.reason}")
        return result

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
