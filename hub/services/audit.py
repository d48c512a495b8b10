"""The hub's audit trail on the shared forward-secure chain (station.audit_chain): rows in the hub
database appended under a database lock (so several hub processes share one chain), the evolving key
and the check key outside the database (sealed files beside the master key), and the head checkpointed
to a write-once anchor. The offline recovery key printed at `init` proves the chain.

Every row names the station it came through (``station`` in the detail, covered by the MAC, and in its
own column for queries); "" means the hub itself. Details never hold buyer data or secrets.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, TextIO

from hub.anchors import HeadAnchor
from hub.store.audit_rows import AuditRows
from station.audit_chain import MARKER_ACTION, AuditChain, ChainRow, Entry, KeyStateStore, VerifyReport
from station.clock import utcnow_iso
from station.errors import AuditVerificationFailed
from station.ports import Clock
from station.services.audit import SEVERITIES

log = logging.getLogger(__name__)
HUB_ACTOR = "hub"
CHAIN_ID = "hub"
_FIELDS = ("seq", "at", "actor", "action", "severity", "target", "detail", "mac")


def _chain_row(data: dict[str, Any] | None) -> ChainRow | None:
    return None if data is None else ChainRow(**{k: data[k] for k in _FIELDS})


class HubAudit:
    """Appends, verifies and exports the hub's audit chain."""

    def __init__(self, rows: AuditRows, check_key: bytes, key_states: KeyStateStore, anchor: HeadAnchor,
                 clock: Clock, recovery_public_hex: str = "") -> None:  # fmt: skip
        self.rows = rows
        self.clock = clock
        self.recovery_public_hex = recovery_public_hex
        self.chain = AuditChain(CHAIN_ID, check_key, key_states, anchor)

    @property
    def anchor(self) -> HeadAnchor:
        return self.chain.anchor

    def record(
        self, actor: str, action: str, *, station: str = "", target: str = "", severity: str = "info", **detail: object
    ) -> int:
        """Append one event naming its station; returns its sequence number."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity}")
        body = json.dumps({"station": station, **detail}, sort_keys=True, ensure_ascii=False, default=str)
        entry = Entry(utcnow_iso(self.clock), actor, action, severity, target[:128], body)
        sealed: list[Any] = []

        def make(last: dict[str, Any] | None) -> dict[str, Any]:
            row, state = self.chain.seal(_chain_row(last), entry)
            sealed[:] = [row, state]
            return {**row.__dict__, "station": station[:64]}

        self.rows.append(make)
        row, state = sealed
        self.chain.committed(state, row)  # after commit: the old key is overwritten, the head checkpointed
        if severity == "alert":
            log.warning("security alert %s", action)
        return int(row.seq)

    def alert(self, action: str, *, station: str = "", target: str = "", **detail: object) -> int:
        return self.record(HUB_ACTOR, action, station=station, target=target, severity="alert", **detail)

    def start_sealing(self, recovery_key: str) -> int:
        """Begin forward-secure sealing with the recovery key's seed (at `init`)."""
        secret = self._secret(recovery_key)
        body = json.dumps({"chain": CHAIN_ID, "station": ""}, sort_keys=True)
        entry = Entry(utcnow_iso(self.clock), HUB_ACTOR, MARKER_ACTION, "info", "", body)
        sealed: list[Any] = []

        def make(last: dict[str, Any] | None) -> dict[str, Any]:
            row, state = self.chain.start_segment(_chain_row(last), entry, secret)
            sealed[:] = [row, state]
            return {**row.__dict__, "station": ""}

        self.rows.append(make)
        self.chain.committed(sealed[1], sealed[0], starting=True)
        return int(sealed[0].seq)

    def verify(self, recovery_key: str | None = None) -> VerifyReport:
        """Check the chain; with the recovery key also prove the sealed rows (forward-secure)."""
        secret = None if recovery_key is None else self._secret(recovery_key)
        return self.chain.verify(self._chain_rows(), secret)

    def verify_or_raise(self, recovery_key: str | None = None) -> VerifyReport:
        result = self.verify(recovery_key)
        if not result.ok:
            where = f"first bad row: {result.first_bad_seq}" if result.first_bad_seq else "head"
            raise AuditVerificationFailed(f"Audit trail verification failed ({where}): {result.reason}")
        return result

    def rebuild(self, recovery_key: str) -> VerifyReport:
        """After a restore: prove the restored rows and derive the sealing key after them."""
        return self.chain.rebuild(self._chain_rows(), self._secret(recovery_key))

    def export(self, out: TextIO) -> int:
        """Every row as a JSON line; returns the count."""
        count = 0
        for data in self.rows.rows():
            record = {k: data[k] for k in _FIELDS}
            out.write(json.dumps({**record, "detail": json.loads(data["detail"])}, sort_keys=True) + "\n")
            count += 1
        return count

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        return self.rows.rows()

    def _chain_rows(self) -> Iterator[ChainRow]:
        return (ChainRow(**{k: d[k] for k in _FIELDS}) for d in self.rows.rows())

    def check_recovery_key(self, recovery_key: str) -> None:
        """Raise UsageError unless the recovery key is this hub's."""
        self._secret(recovery_key)

    def _secret(self, recovery_key: str) -> bytes:
        from station.services.backup import recovery_secret

        return recovery_secret(recovery_key, self.recovery_public_hex)
