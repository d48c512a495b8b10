"""Forward-secure audit chain: one store-agnostic module shared by the station and the hub.

Design (Schneier-Kelsey secure logs / journald FSS, per-row key evolution):
- Each row carries ``mac = FS + ":" + CHECK`` (two hex HMAC-SHA-256 values).
  FS    = HMAC(k_seq, previous_mac || row); after sealing, k_seq+1 = HMAC(k_seq, "evolve") and k_seq is
          overwritten in the key-state store. Nobody who takes the keys today can re-seal yesterday's rows.
  CHECK = HMAC(check_key, previous_mac || row || FS) under a long-lived key held beside the key state: the
          routine check (no recovery key) catches anyone who edits rows without the secret store.
- The first key of a segment is derived from the offline recovery secret (X25519 private key bytes):
  ``k_s = HKDF(recovery_secret, info="seed|<chain_id>|<s>")``, where row ``s`` is an ``audit.sealing_started``
  marker row. Nothing stored anywhere lets anyone derive it, so only the recovery-key holder proves the chain.
- Rows from before sealing began (legacy chains) carry a single HMAC under ``check_key``; the first sealed row
  covers the last legacy MAC, so any rewrite of the legacy segment breaks the proof of the sealed one.
- The key state (seq, mac, key) records the newest sealed row: rows removed after it (a truncation, or a whole
  rollback of rows and head together) leave the state ahead of the rows, which verify reports.

API (the host supplies three ports and keeps its rows wherever it likes):
    chain = AuditChain(chain_id, check_key, key_states: KeyStateStore, anchor: HeadAnchor)
    row, state = chain.seal(last_row, entry)           # inside the host's append transaction (serialised)
    row, state = chain.start_segment(last_row, entry, recovery_secret)  # the sealing_started marker row
    chain.committed(state)                             # after commit: erase the old key, move the head
    chain.rebuild(rows, recovery_secret)               # restore: key state recomputed from the seed
    report = chain.verify(rows, recovery_secret=None)  # rows in storage order; None = routine check only
Hosts: station.services.audit (SQLCipher rows, SecretStore key state, audit.head file); the hub (SQLAlchemy
rows under a DB lock, its own key-state store, a write-once head checkpoint). No SQL and no store imports here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from station.errors import AuditVerificationFailed

log = logging.getLogger(__name__)

GENESIS = "0" * 64
MARKER_ACTION = "audit.sealing_started"
_SEED_SALT = b"pacific-prep-audit-chain-v1"
_EVOLVE = b"pacific-prep-audit-evolve"


@dataclass(frozen=True)
class Entry:
    """What a caller asks to record (detail is JSON text without PII or secrets)."""

    at: str
    actor: str
    action: str
    severity: str
    target: str
    detail: str


@dataclass(frozen=True)
class ChainRow:
    seq: int
    at: str
    actor: str
    action: str
    severity: str
    target: str
    detail: str
    mac: str


@dataclass(frozen=True)
class KeyState:
    """After sealing row ``seq`` (whose MAC is ``mac``): ``key`` seals row seq+1."""

    seq: int
    mac: str
    key: bytes

    def to_bytes(self) -> bytes:
        return json.dumps({"seq": self.seq, "mac": self.mac, "key": self.key.hex()}).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyState:
        data = json.loads(raw)
        return cls(int(data["seq"]), str(data["mac"]), bytes.fromhex(data["key"]))


@dataclass(frozen=True)
class Head:
    seq: int
    mac: str
    tag: str


class KeyStateStore(Protocol):
    """Where the evolving key lives (a secret store, never beside the rows)."""

    def load(self) -> KeyState | None: ...

    def advance(self, state: KeyState) -> None:
        """Replace the state unless the stored one is already at or past ``state.seq`` (several writers)."""

    def reset(self, state: KeyState) -> None:
        """Replace the state unconditionally (sealing starts, restore)."""


class HeadAnchor(Protocol):
    """Where the newest (seq, mac) is checkpointed outside the rows; publish never moves backwards."""

    def publish(self, head: Head) -> None: ...

    def read(self) -> Head | None:
        """None when there is no head; seq -1 when it is unreadable."""


class MemoryKeyStates:
    """An in-memory KeyStateStore (tests, and the shape a host's store must have)."""

    def __init__(self) -> None:
        self.state: KeyState | None = None

    def load(self) -> KeyState | None:
        return self.state

    def advance(self, state: KeyState) -> None:
        if self.state is None or self.state.seq < state.seq:
            self.state = state

    def reset(self, state: KeyState) -> None:
        self.state = state


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    reason: str = ""
    proven: bool = False  # the sealed rows were checked against the recovery-derived seed
    sealed_from: int | None = None  # seq of the first sealed row, None when nothing is sealed
    legacy_rows: int = 0  # rows from before sealing began (checked with the station key only)


class ChainBroken(AuditVerificationFailed):
    """The rows do not prove out against the seed (raised by rebuild)."""


def _canonical(row: ChainRow | Entry, seq: int) -> bytes:
    fields = [seq, row.at, row.actor, row.action, row.severity, row.target, row.detail]
    return json.dumps(fields, ensure_ascii=False).encode()


def _hmac(key: bytes, *parts: bytes) -> str:
    return hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest()


def legacy_mac(key: bytes, previous_mac: str, row: ChainRow) -> str:
    """The MAC of a row sealed before forward-secure sealing (one long-lived key)."""
    return _hmac(key, previous_mac.encode(), _canonical(row, row.seq))


def evolve(key: bytes) -> bytes:
    """The one-way step from one row's key to the next one's."""
    return hmac.new(key, _EVOLVE, hashlib.sha256).digest()


def segment_seed(recovery_secret: bytes, chain_id: str, start_seq: int) -> bytes:
    """The first key of the segment that starts at ``start_seq``; only the recovery secret derives it."""
    info = f"seed|{chain_id}|{start_seq}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SEED_SALT, info=info).derive(recovery_secret)


def is_sealed(mac: str) -> bool:
    return ":" in mac


class AuditChain:
    """Seals, anchors and verifies one chain; the host owns row storage and its transaction."""

    def __init__(self, chain_id: str, check_key: bytes, key_states: KeyStateStore, anchor: HeadAnchor):
        if len(check_key) < 32:
            raise ValueError("audit key too short")
        self.chain_id = chain_id
        self._check_key = check_key
        self.key_states = key_states
        self.anchor = anchor

    # -- appending ---------------------------------------------------------------------------
    def _macs(self, key: bytes, previous: str, seq: int, entry: ChainRow | Entry) -> str:
        canonical = _canonical(entry, seq)
        fs = _hmac(key, previous.encode(), canonical)
        return fs + ":" + _hmac(self._check_key, previous.encode(), canonical, fs.encode())

    def seal(self, last: ChainRow | None, entry: Entry) -> tuple[ChainRow, KeyState | None]:
        """The next row for ``entry``; the state is None while the chain is unsealed (legacy)."""
        last_seq, previous = (0, GENESIS) if last is None else (last.seq, last.mac)
        state = self.key_states.load()
        if state is None:
            row = ChainRow(last_seq + 1, entry.at, entry.actor, entry.action, entry.severity, entry.target,
                           entry.detail, "")  # fmt: skip
            return replace(row, mac=legacy_mac(self._check_key, previous, row)), None
        key = state.key
        if state.seq > last_seq:
            # Sealed rows were removed: keep sealing after the genuine tail so the gap stays visible.
            log.warning("audit rows after %d are missing; sealing continues at %d", last_seq, state.seq + 1)
            last_seq, previous = state.seq, state.mac
        for _ in range(last_seq - state.seq):  # another writer committed but has not advanced the state yet
            key = evolve(key)
        seq = last_seq + 1
        mac = self._macs(key, previous, seq, entry)
        row = ChainRow(seq, entry.at, entry.actor, entry.action, entry.severity, entry.target, entry.detail, mac)
        return row, KeyState(seq, mac, evolve(key))

    def start_segment(self, last: ChainRow | None, entry: Entry, recovery_secret: bytes) -> tuple[ChainRow, KeyState]:
        """The marker row that starts forward-secure sealing (new chain, migration of a legacy one)."""
        if entry.action != MARKER_ACTION:
            raise ValueError("a segment starts with its marker row")
        last_seq, previous = (0, GENESIS) if last is None else (last.seq, last.mac)
        seq = last_seq + 1
        key = segment_seed(recovery_secret, self.chain_id, seq)
        mac = self._macs(key, previous, seq, entry)
        row = ChainRow(seq, entry.at, entry.actor, entry.action, entry.severity, entry.target, entry.detail, mac)
        return row, KeyState(seq, mac, evolve(key))

    def committed(self, state: KeyState | None, row: ChainRow, *, starting: bool = False) -> None:
        """After the row is committed: overwrite the old key, then checkpoint the head."""
        if state is not None:
            (self.key_states.reset if starting else self.key_states.advance)(state)
        self.anchor.publish(Head(row.seq, row.mac, self.head_tag(row.seq, row.mac)))

    def head_tag(self, seq: int, mac: str) -> str:
        return _hmac(self._check_key, f"head|{seq}|{mac}".encode())

    def rebuild(self, rows: Iterable[ChainRow], recovery_secret: bytes) -> VerifyReport:
        """Prove the rows with the seed and set the key state after the newest one (restore)."""
        report, state, _ = self._walk(rows, recovery_secret)
        if not report.ok:
            raise ChainBroken(f"Audit trail verification failed at row {report.first_bad_seq}: {report.reason}")
        if state is not None:
            self.key_states.reset(state)
        return report

    # -- verifying ---------------------------------------------------------------------------
    def verify(self, rows: Iterable[ChainRow], recovery_secret: bytes | None = None) -> VerifyReport:
        """Check every row; with the recovery secret also prove the sealed rows (forward-secure)."""
        report, final, (last_seq, last_mac) = self._walk(rows, recovery_secret)
        if not report.ok:
            return report
        bad: tuple[int | None, str] | None = self._check_state(last_seq, last_mac, final, recovery_secret is not None)
        bad = bad or self._check_head(last_seq, last_mac)
        if bad is not None:
            return replace(report, ok=False, first_bad_seq=bad[0], reason=bad[1])
        return report

    def _walk(
        self, rows: Iterable[ChainRow], recovery_secret: bytes | None
    ) -> tuple[VerifyReport, KeyState | None, tuple[int, str]]:
        """One pass in storage order: (report, key state after the newest proven row, (last seq, last mac))."""
        previous, expected, count, legacy = GENESIS, 1, 0, 0
        sealed_from: int | None = None
        key: bytes | None = None

        def bad(seq: int, reason: str) -> tuple[VerifyReport, None, tuple[int, str]]:
            return VerifyReport(False, count, seq, reason, False, sealed_from, legacy), None, (0, GENESIS)

        for row in rows:
            count += 1
            if row.seq > expected:
                gone = f"row {expected}" if row.seq == expected + 1 else f"rows {expected} to {row.seq - 1}"
                return bad(row.seq, f"row missing before it ({gone} removed)")
            if row.seq < expected:
                return bad(row.seq, "rows out of order")
            if not is_sealed(row.mac):
                if sealed_from is not None:
                    return bad(row.seq, "unsealed row after sealing began (MAC mismatch)")
                if not hmac.compare_digest(row.mac, legacy_mac(self._check_key, previous, row)):
                    return bad(row.seq, "row altered (MAC mismatch)")
                legacy += 1
            else:
                fs, _, check = row.mac.partition(":")
                canonical = _canonical(row, row.seq)
                if not hmac.compare_digest(check, _hmac(self._check_key, previous.encode(), canonical, fs.encode())):
                    return bad(row.seq, "row altered (MAC mismatch)")
                if sealed_from is None:
                    sealed_from = row.seq
                if recovery_secret is not None:
                    if row.action == MARKER_ACTION:
                        key = segment_seed(recovery_secret, self.chain_id, row.seq)
                    if key is None or not hmac.compare_digest(fs, _hmac(key, previous.encode(), canonical)):
                        return bad(row.seq, "row altered (forward-secure MAC mismatch)")
                    key = evolve(key)
            previous, expected = row.mac, row.seq + 1
        proven = recovery_secret is not None and sealed_from is not None
        report = VerifyReport(True, count, None, "", proven, sealed_from, legacy)
        final = KeyState(expected - 1, previous, key) if key is not None else None
        return report, final, (expected - 1, previous)

    def _check_state(self, last_seq: int, last_mac: str, proven: KeyState | None, full: bool) -> tuple[int, str] | None:
        state = self.key_states.load()
        if state is None:
            return None
        if state.seq > last_seq:
            return last_seq + 1, f"newest rows removed (the sealing key is at row {state.seq})"
        if state.seq == last_seq and not hmac.compare_digest(state.mac, last_mac):
            return last_seq, "newest row does not match the sealing key state"
        if full and proven is not None and state.seq == last_seq and not hmac.compare_digest(state.key, proven.key):
            return last_seq, "the sealing key was replaced"
        return None

    def _check_head(self, last_seq: int, last_mac: str) -> tuple[int | None, str] | None:
        head = self.anchor.read()
        if head is None:
            return (None, "chain head missing") if last_seq else None
        if head.seq < 0 or not hmac.compare_digest(head.tag, self.head_tag(head.seq, head.mac)):
            return None, "chain head file altered"
        if head.seq > last_seq:
            return last_seq + 1, f"newest rows removed (head is at {head.seq})"
        if head.seq != last_seq or head.mac != last_mac:
            return head.seq, "chain head does not match the rows"
        return None
