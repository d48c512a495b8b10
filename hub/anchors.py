"""The hub's HeadAnchor (station.audit_chain's port): the chain head checkpointed outside the database,
as write-once files (one per checkpoint, created exclusively, left read-only) or objects in an S3 bucket
with Object Lock (COMPLIANCE retention). Checkpoints never move backwards: the newest one is the head."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from station.audit_chain import Head, HeadAnchor

__all__ = ["FileAnchor", "HeadAnchor", "S3Anchor", "make_anchor"]


def _head(data: dict[str, Any]) -> Head:
    try:
        return Head(int(data["seq"]), str(data["mac"]), str(data["tag"]))
    except (KeyError, TypeError, ValueError):
        return Head(-1, "", "")


def _name(seq: int) -> str:
    return f"{seq:016d}.json"


class FileAnchor:
    """One file per checkpoint, created with O_EXCL and made read-only (0444), in the newest epoch folder.

    A restore from backup rolls the rows back on purpose: it starts a new epoch (a new folder) after the
    recovery key proved the restored rows; the old epoch's checkpoints stay as evidence.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def folder(self) -> Path:
        epochs = sorted(p for p in self.root.glob("epoch-*") if p.is_dir()) if self.root.is_dir() else []
        return epochs[-1] if epochs else self.root

    def new_epoch(self, label: str) -> Path:
        """Start checkpointing afresh (after a restore); returns the new folder."""
        folder = self.root / f"epoch-{label}"
        folder.mkdir(parents=True, exist_ok=False)
        return folder

    def publish(self, head: Head) -> None:
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(folder / _name(head.seq), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            return  # write-once: another process checkpointed this row already
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"seq": head.seq, "mac": head.mac, "tag": head.tag}, out)
            out.flush()
            os.fsync(out.fileno())

    def read(self) -> Head | None:
        folder = self.folder
        names = sorted(p.name for p in folder.glob("*.json")) if folder.is_dir() else []
        if not names:
            return None
        try:
            return _head(json.loads((folder / names[-1]).read_text(encoding="utf-8")))
        except ValueError:
            return Head(-1, "", "")


class S3Anchor:
    """Checkpoints as objects under a prefix of a bucket that has Object Lock enabled."""

    def __init__(self, url: str, retention_days: int = 400, client: Any = None) -> None:
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        self.bucket, self.prefix, self.days = bucket, prefix.strip("/"), retention_days
        if client is None:
            import boto3  # optional: pip install .[hub-s3]

            client = boto3.client("s3")
        self.client = client

    def _key(self, seq: int) -> str:
        return f"{self.prefix}/{_name(seq)}" if self.prefix else _name(seq)

    def publish(self, head: Head) -> None:
        self.client.put_object(
            Bucket=self.bucket,
            Key=self._key(head.seq),
            Body=json.dumps({"seq": head.seq, "mac": head.mac, "tag": head.tag}).encode(),
            ObjectLockMode="COMPLIANCE",
            ObjectLockRetainUntilDate=datetime.now(UTC) + timedelta(days=self.days),
        )

    def read(self) -> Head | None:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        keys = sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))
        if not keys:
            return None
        return _head(json.loads(self.client.get_object(Bucket=self.bucket, Key=keys[-1])["Body"].read()))


def make_anchor(setting: str, data_dir: Path) -> HeadAnchor:
    """The anchor PACIFIC_HUB_AUDIT_ANCHOR names: s3://bucket/prefix, a folder, or data_dir/audit-heads."""
    if setting.startswith("s3://"):
        return S3Anchor(setting)
    return FileAnchor(Path(setting) if setting else data_dir / "audit-heads")
