"""The hub's audit trail: HMAC-chained rows in the hub database, the key outside it, the head
checkpointed to a write-once anchor. The row MAC is the station's (station.services.audit.row_mac):
one chain format for hub and station.

Every row names the station it came through (``station`` in the detail, covered by the MAC);
"" means the hub's own command line. Details never hold buyer data or secrets.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from typing import Any, TextIO

from hub.anchors import HeadAnchor
from hub.store.audit_rows import AuditRows
from station.clock import utcnow_iso
from station.errors import AuditVerificationFailed
from station.ports import Clock
from station.services.audit import GENESIS, SEVERITIES, VerifyResult, row_mac
from station.store.audit_rows import AuditRow

log = logging.getLogger(__name__)
HUB_ACTOR = "hub"


def _as_row(data: dict[str, Any]) -> AuditRow:
    return AuditRow(
        int(data["seq"]), data["at"], data["actor"], data["action"], data["severity"], data["target"],
        data["detail"], data.get("mac", ""),
    )  # fmt: skip


class HubAudit:
    """Appends, verifies and exports the hub's audit chain."""

    def __init__(self, rows: AuditRows, key: bytes, anchor: HeadAnchor, clock: Clock) -> None:
        if len(key) < 32:
            raise ValueError("audit key too short")
        self.rows = rows
        self._key = key
        self.anchor = anchor
        self.clock = clock

    def record(
        self, actor: str, action: str, *, station: str = "", target: str = "", severity: str = "info", **detail: object
    ) -> int:
        """Append one event naming its station; returns its sequence number."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity}")
        body = json.dumps({"station": station, **detail}, sort_keys=True, ensure_ascii=False, default=str)
        at = utcnow_iso(self.clock)

        def make(last: dict[str, Any] | None) -> dict[str, Any]:
            seq = 1 if last is None else int(last["seq"]) + 1
            previous = GENESIS if last is None else str(last["mac"])
            row = AuditRow(seq, at, actor, action, severity, target[:128], body, "")
            return {**row.__dict__, "mac": row_mac(self._key, previous, row), "station": station[:64]}

        row = self.rows.append(make)
        self.anchor.put(row["seq"], row["mac"], self._tag(row["seq"], row["mac"]))
        if severity == "alert":
            log.warning("security alert %s", action)
        return int(row["seq"])

    def alert(self, action: str, *, station: str = "", target: str = "", **detail: object) -> int:
        return self.record(HUB_ACTOR, action, station=station, target=target, severity="alert", **detail)

    def _tag(self, seq: int, mac: str) -> str:
        return hmac.new(self._key, f"head|{seq}|{mac}".encode(), hashlib.sha256).hexdigest()

    def verify(self) -> VerifyResult:
        """Recompute the chain and compare it with the newest checkpoint outside the database."""
        previous, expected, count = GENESIS, 1, 0
        macs: dict[int, str] = {}
        for data in self.rows.rows():
            row = _as_row(data)
            count += 1
            if row.seq != expected:
                return VerifyResult(False, count, row.seq, "row missing before it")
            if not hmac.compare_digest(row.mac, row_mac(self._key, previous, row)):
                return VerifyResult(False, count, row.seq, "row altered (MAC mismatch)")
            previous, expected = row.mac, row.seq + 1
            macs[row.seq] = row.mac
        head = self.anchor.latest()
        if head is None:
            return VerifyResult(count == 0, count, None, "" if count == 0 else "no checkpoint of the chain head")
        seq, mac = int(head["seq"]), str(head["mac"])
        if not hmac.compare_digest(str(head.get("tag", "")), self._tag(seq, mac)):
            return VerifyResult(False, count, None, "checkpoint altered")
        if seq > expected - 1:
            return VerifyResult(False, count, expected, f"newest rows removed (checkpoint is at {seq})")
        if macs.get(seq) != mac:
            return VerifyResult(False, count, seq, "chain does not match its checkpoint (rewritten)")
        return VerifyResult(True, count)

    def verify_or_raise(self) -> VerifyResult:
        result = self.verify()
        if not result.ok:
            where = f"first bad row: {result.first_bad_seq}" if result.first_bad_seq else "head"
            raise AuditVerificationFailed(f"Audit trail verification failed ({where}): {result.reason}")
        return result

    def export(self, out: TextIO) -> int:
        """Every row as a JSON line; returns the count."""
        count = 0
        for data in self.rows.rows():
            record = {k: v for k, v in data.items() if k != "station"}
            out.write(json.dumps({**record, "detail": json.loads(data["detail"])}, sort_keys=True) + "\n")
            count += 1
        return count

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        return self.rows.rows()
