"""The hub's audit chain: the station's row MAC, the key outside the database, the head checkpointed
outside it, appends serialised across processes, and a re-chained rewrite caught by verify."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from hub.bootstrap import Hub
from hub.settings import HubSettings
from hub.store.tables import audit
from station.audit_chain import GENESIS, ChainRow, Head, legacy_mac
from station.errors import AuditVerificationFailed

ROOT = Path(__file__).resolve().parents[2]


def test_a_clean_chain_verifies_and_is_proven_with_the_recovery_key(hub: Hub) -> None:
    for n in range(5):
        hub.audit.record("ada", "user.added", station="pack-1", target=f"op{n}")
    assert hub.audit.verify().ok and hub.audit.verify().rows == 6  # the sealing marker + 5
    proven = hub.audit.verify(hub.recovery_key)
    assert proven.ok and proven.proven and proven.sealed_from == 1


def test_the_evolving_key_is_outside_the_database_and_sealed(hub: Hub, settings: HubSettings) -> None:
    hub.audit.record("ada", "x")
    state = hub.audit.chain.key_states.load()
    assert state is not None and state.seq == 2
    path = settings.master_key_file.parent / "hub-audit-state.sealed"  # type: ignore[union-attr]
    assert path.exists() and state.key.hex() not in path.read_text()


def test_the_audit_key_is_not_in_the_database(hub: Hub, settings: HubSettings) -> None:
    hub.audit.record("ada", "x")
    key = hub.audit.chain._check_key
    with hub.store.engine.connect() as conn:
        for table in ("audit", "operators", "sellers", "app_credentials"):
            for row in conn.exec_driver_sql(f"SELECT * FROM {table}"):
                assert key.hex() not in json.dumps([str(v) for v in row])


def test_a_dba_who_rewrites_and_rechains_rows_is_caught(hub: Hub) -> None:
    for n in range(4):
        hub.audit.record("ada", "seller.forgotten", target=f"s{n}")
    # The DBA edits row 3 and re-computes every MAC from the start, with a key of their own (ours is not
    # in the database): as legacy rows, and as sealed-looking "fs:check" rows.
    rows = list(hub.audit.iter_rows())
    forged_key = b"k" * 32
    for sealed_look in (False, True):
        previous = GENESIS
        with hub.store.engine.begin() as conn:
            for data in rows:
                detail = data["detail"].replace("s1", "nobody") if data["seq"] == 3 else data["detail"]
                row = ChainRow(data["seq"], data["at"], data["actor"], data["action"], data["severity"],
                               data["target"], detail, "")  # fmt: skip
                mac = legacy_mac(forged_key, previous, row)
                mac = f"{mac}:{mac}" if sealed_look else mac
                conn.execute(update(audit).where(audit.c.seq == data["seq"]).values(detail=detail, mac=mac))
                previous = mac
        result = hub.audit.verify()
        assert not result.ok and result.first_bad_seq == 1
    with pytest.raises(AuditVerificationFailed):
        hub.audit.verify_or_raise()


def test_deleting_the_newest_rows_is_caught(hub: Hub) -> None:
    for n in range(4):
        hub.audit.record("ada", "x", target=str(n))
    with hub.store.engine.begin() as conn:
        conn.execute(audit.delete().where(audit.c.seq > 2))
    result = hub.audit.verify()
    assert not result.ok and "newest rows removed" in result.reason


def test_the_checkpoint_is_write_once(hub: Hub, settings: HubSettings) -> None:
    hub.audit.record("ada", "x")
    files = sorted((settings.data_dir / "audit-heads").glob("*.json"))
    assert files and all(f.stat().st_mode & 0o222 == 0 for f in files)
    forged = Head(1, "0" * 64, hmac.new(b"x" * 32, b"head", hashlib.sha256).hexdigest())
    hub.audit.anchor.publish(forged)  # an existing checkpoint is never replaced
    assert json.loads(files[0].read_text())["mac"] != forged.mac


def test_two_hub_processes_append_to_one_chain(hub: Hub, settings: HubSettings) -> None:
    env = {
        **os.environ,
        "PACIFIC_HUB_DATA_DIR": str(settings.data_dir),
        "PACIFIC_HUB_DATABASE_URL": settings.database_url,
        "PACIFIC_HUB_MASTER_KEY_FILE": str(settings.master_key_file),
        "PYTHONPATH": str(ROOT),
    }
    code = (
        "from hub.bootstrap import build_hub; from hub.settings import HubSettings\n"
        "h = build_hub(HubSettings())\n"
        "for n in range(25): h.audit.record('ada', 'x', target=str(n))\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    result = hub.audit.verify(hub.recovery_key)
    assert result.ok and result.proven and result.rows == 51


class FakeS3:
    """Plays S3 with Object Lock in COMPLIANCE mode: a locked object cannot be overwritten or deleted."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.locks: list[tuple[str, str]] = []

    def put_object(self, *, Bucket: str, Key: str, Body: bytes, ObjectLockMode: str, ObjectLockRetainUntilDate) -> None:  # type: ignore[no-untyped-def]
        if Key in self.objects:
            raise PermissionError("AccessDenied: object is locked")
        self.objects[Key] = Body
        self.locks.append((Key, ObjectLockMode))

    def get_paginator(self, _name: str):  # type: ignore[no-untyped-def]
        objects = self.objects

        class Pages:
            def paginate(self, *, Bucket: str, Prefix: str):  # type: ignore[no-untyped-def]
                return [{"Contents": [{"Key": k} for k in objects if k.startswith(Prefix)]}]

        return Pages()

    def get_object(self, *, Bucket: str, Key: str):  # type: ignore[no-untyped-def]
        import io

        return {"Body": io.BytesIO(self.objects[Key])}


def test_the_s3_anchor_checkpoints_under_object_lock(hub: Hub) -> None:
    from hub.anchors import S3Anchor

    s3 = FakeS3()
    hub.audit.chain.anchor = S3Anchor("s3://audit-bucket/hub-a", client=s3)
    hub.audit.record("ada", "x")
    hub.audit.record("ada", "y")
    assert [m for _k, m in s3.locks] == ["COMPLIANCE", "COMPLIANCE"]
    assert sorted(s3.objects) == ["hub-a/0000000000000002.json", "hub-a/0000000000000003.json"]
    assert hub.audit.verify().ok
    with hub.store.engine.begin() as conn:
        conn.execute(audit.delete().where(audit.c.seq == 3))
    assert "newest rows removed" in hub.audit.verify().reason
