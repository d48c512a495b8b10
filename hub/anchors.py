"""Where the audit chain's head is checkpointed outside the database: a write-once file (each
checkpoint a new file created exclusively and made read-only), or an S3 bucket with Object Lock."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Protocol


class HeadAnchor(Protocol):
    """Keeps checkpoints (seq, mac, tag) that the database administrator cannot rewrite."""

    def put(self, seq: int, mac: str, tag: str) -> None: ...

    def latest(self) -> dict[str, Any] | None: ...


class FileAnchor:
    """One file per checkpoint in a folder, created with O_EXCL and left read-only (0444)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, seq: int, mac: str, tag: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{seq:016d}.json"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            return  # checkpoints are write-once; another process wrote this one
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"seq": seq, "mac": mac, "tag": tag}, out)
            out.flush()
            os.fsync(out.fileno())

    def latest(self) -> dict[str, Any] | None:
        if not self.folder.is_dir():
            return None
        names = sorted(p.name for p in self.folder.glob("*.json"))
        if not names:
            return None
        data: dict[str, Any] = json.loads((self.folder / names[-1]).read_text(encoding="utf-8"))
        return data


class S3Anchor:
    """Checkpoints as objects under a prefix of a bucket with Object Lock (COMPLIANCE retention)."""

    def __init__(self, url: str, retention_days: int = 400, client: Any = None) -> None:
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        self.bucket, self.prefix, self.days = bucket, prefix.strip("/"), retention_days
        if client is None:
            import boto3  # optional dependency: pip install .[hub-s3]

            client = boto3.client("s3")
        self.client = client

    def _key(self, seq: int) -> str:
        return f"{self.prefix}/{seq:016d}.json" if self.prefix else f"{seq:016d}.json"

    def put(self, seq: int, mac: str, tag: str) -> None:
        from datetime import UTC, datetime, timedelta

        self.client.put_object(
            Bucket=self.bucket,
            Key=self._key(seq),
            Body=json.dumps({"seq": seq, "mac": mac, "tag": tag}).encode(),
            ObjectLockMode="COMPLIANCE",
            ObjectLockRetainUntilDate=datetime.now(UTC) + timedelta(days=self.days),
        )

    def latest(self) -> dict[str, Any] | None:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        keys = sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))
        if not keys:
            return None
        body = self.client.get_object(Bucket=self.bucket, Key=keys[-1])["Body"].read()
        data: dict[str, Any] = json.loads(body)
        return data


def make_anchor(setting: str, data_dir: Path) -> HeadAnchor:
    """The anchor PACIFIC_HUB_AUDIT_ANCHOR names: s3://bucket/prefix, a folder path, or the default folder."""
    if setting.startswith("s3://"):
        return S3Anchor(setting)
    return FileAnchor(Path(setting) if setting else data_dir / "audit-heads")
