"""The station opened on a home: store, secrets, audit trail and services, wired together.

Used by the command line and the GUI's composition root. Knows no Qt, USB or HTTP.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from station.clock import SystemClock, utcnow_iso
from station.domain import Role
from station.errors import AuthenticationFailed, StoreError, UsageError
from station.events import EventBus
from station.home import (
    AUDIT_KEY,
    BADGE_KEY,
    DB_FILE,
    STORE_KEY,
    StationConfig,
    create_home,
    open_database,
    open_secrets,
    read_config,
    write_config,
)
from station.legacy_secrets import forget_amazon_secrets
from station.ports import Clock, Marketplace, SecretStore
from station.services.audit import HEAD_FILE, SEAL_LOCK_FILE, SYSTEM_ACTOR, AuditTrail, SecretKeyStates
from station.services.audit_access import AuditAccess
from station.services.auth import AuthService, NewOperator, Session
from station.services.backup import (
    BackupInfo,
    list_backups,
    new_recovery_key,
    open_backup,
    write_backup,
)
from station.services.backup_keeper import BackupKeeper
from station.services.buyer_data import BuyerDataService
from station.services.hub_link import HubLink
from station.services.pack import PackService
from station.services.prep_station import FbaPrep
from station.services.retention import RetentionService
from station.services.seller_keys import SellerKeys
from station.services.sellers import SellerService
from station.services.setting_rules import check_setting
from station.services.shipping import ShippingService
from station.store import Store
from station.store.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InitResult:
    station: Station
    admin: NewOperator
    recovery_key: str  # shown once; the station keeps only the public half


class Station:
    """An open station home. Close it when done."""

    def __init__(
        self, home: Path, config: StationConfig, secrets: SecretStore, db: Database, clock: Clock,
        bus: EventBus | None = None,
    ):  # fmt: skip
        self.home = Path(home)
        self.config = config
        self.secrets = secrets
        self.clock = clock
        self.bus = bus or EventBus()
        self.store = Store(db)
        # A hub seller's buyer data is sealed under its leased key (issue 13); the store opens it through this.
        self.seller_keys = SellerKeys(secrets, clock)
        self.store.orders.codec = self.store.packages.codec = self.seller_keys
        self.store.orders.guard_logs()  # logs mask buyer values before anything reads them in this process
        audit_key = secrets.get(AUDIT_KEY)
        pepper = secrets.get(BADGE_KEY)
        if audit_key is None or pepper is None:
            raise StoreError("The secret store is missing the station's keys")
        self.audit = AuditTrail(
            self.store, audit_key, self.home / HEAD_FILE, clock, self.bus,
            key_states=SecretKeyStates(secrets, self.home / SEAL_LOCK_FILE), chain_id=config.station_id,
            recovery_public_hex=config.recovery_public_key,
        )  # fmt: skip
        self.auth = AuthService(self.store, secrets, self.audit, clock, pepper)
        self.audit_access = AuditAccess(self.store, self.auth, self.audit)
        self.buyer_data = BuyerDataService(self.store, self.auth, self.audit, clock)
        self.retention = RetentionService(self.store, self.auth, self.audit, clock, slips=self.home / "slips")
        self.backup_keeper = BackupKeeper(self.store, secrets, self.audit, clock, self.home)
        self.sellers = SellerService(self.store, secrets, self.auth, self.audit, clock, self.backup_keeper)
        self.pack = PackService(self.store, self.auth, self.audit, clock, self.bus)
        self.shipping = ShippingService(self.store, self.auth, self.audit, clock, self.bus, None)
        self.prep = FbaPrep(self.store, self.auth, self.audit, clock)  # FBA prep; attach with prep.attach(port)
        self.hub_link = HubLink(self.store, secrets, self.audit, self.auth, clock)  # issue 13: the station's hub
        forget_amazon_secrets(secrets, self.audit)  # a home from before the hub: no Amazon secret stays on a PC

    def attach_marketplace(self, marketplace: Marketplace | None) -> None:
        """Give the shipping service its upstream (Amazon, sandbox, simulator or hub)."""
        self.shipping.marketplace = marketplace

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, home: Path, passphrase: str | None, *, clock: Clock | None = None,
             bus: EventBus | None = None, secrets: SecretStore | None = None) -> Station:  # fmt: skip
        """Open the station on ``home``; ``secrets`` already opened (GUI start: unlocked on a worker) or opened here."""
        config = read_config(home)
        if secrets is None:
            secrets = open_secrets(home, config.secret_mode, passphrase)
        db = open_database(home, secrets)
        return cls(home, config, secrets, db, clock or SystemClock(), bus)

    @classmethod
    def init(cls, home: Path, passphrase: str | None, admin_name: str, admin_password: str,
             *, clock: Clock | None = None) -> InitResult:  # fmt: skip
        """Create a home with its first admin; returns the admin's TOTP URI and the recovery key."""
        recovery_text, recovery_public = new_recovery_key()
        home = Path(home)
        created_dir = not home.exists()
        existing = _files_in(home)
        config, secrets = create_home(home, passphrase, recovery_public)
        try:
            db = open_database(home, secrets, create=True)
            station = cls(home, config, secrets, db, clock or SystemClock())
            station.audit.start_sealing(recovery_text)  # row 1: every row of a new station is sealed
            admin = station.auth.add_first_admin(admin_name, admin_password)
            station.audit.record(SYSTEM_ACTOR, "station.initialised", station_id=config.station_id,
                                 secret_mode=config.secret_mode)  # fmt: skip
        except Exception:
            _remove_home(home, created_dir, secrets, keep=existing)
            raise
        return InitResult(station, admin, recovery_text)

    def close(self) -> None:
        self.store.close()

    # -- incident containment ----------------------------------------------------------------
    def lock(self, session: Session) -> None:
        """End every session and refuse all logins but admins' until unlock."""
        self.auth.authorize(session, "station.lock")
        self.store.settings.set("station_locked", True, now=self._now(), by=session.name)
        self.audit.record(session.name, "station.locked", severity="warning")
        self.bus.publish("station.locked")

    def unlock(self, session: Session) -> None:
        self.auth.authorize(session, "station.unlock")
        self.store.settings.set("station_locked", False, now=self._now(), by=session.name)
        self.audit.record(session.name, "station.unlocked")
        self.bus.publish("station.unlocked")

    def change_setting(self, session: Session, key: str, value: object) -> None:
        self.auth.authorize(session, "settings.change", target=key)
        from station.store.settings import SETTINGS

        if key not in SETTINGS:
            raise UsageError(f"Unknown setting {key}; known: {', '.join(sorted(SETTINGS))}")
        value = check_setting(key, value)
        self.store.settings.set(key, value, now=self._now(), by=session.name)
        self.audit.record(session.name, "settings.changed", target=key)
        self.bus.publish("settings.changed", key=key)

    # -- backups -----------------------------------------------------------------------------
    def backup(self, session: Session, folder: Path | None = None) -> BackupInfo:
        """Write an encrypted backup now, then prune due backups in every folder used."""
        self.auth.authorize(session, "backup.run")
        target = Path(folder or self.store.settings.get("backup_folder") or self.home / "backups")
        head = (self.home / HEAD_FILE).read_text() if (self.home / HEAD_FILE).exists() else ""
        keeper = self.backup_keeper
        index_key = keeper.index_key()  # before the copy, so the copy carries it for a restored station
        info = write_backup(
            self.store.db, self.secrets, target, station_id=self.config.station_id,
            recovery_public_hex=self.config.recovery_public_key, audit_head=head, clock=self.clock,
            indexer=keeper.indexer(), index_key=index_key,
        )  # fmt: skip
        keeper.remember(target)
        removed = keeper.prune(session.name)
        self.audit.record(session.name, "backup.written", target=info.path.name, bytes=info.size,
                          pruned=len(removed))  # fmt: skip
        return info

    def backups(self, folder: Path | None = None) -> list[Path]:
        return list_backups(Path(folder or self.store.settings.get("backup_folder") or self.home / "backups"))

    def _now(self) -> str:
        return utcnow_iso(self.clock)


def restore(
    backup_file: Path, recovery_key: str, home: Path, passphrase: str | None, admin_name: str,
    admin_password: str, admin_totp: str, *, clock: Clock | None = None,
) -> Station:  # fmt: skip
    """Rebuild a station on a new PC from a backup; an admin of the backed-up station must log in."""
    from station.home import choose_secret_mode
    from station.secrets import KeyringSecretStore, SealedFileSecretStore

    opened = open_backup(backup_file, recovery_key)
    home = Path(home)
    if (home / DB_FILE).exists():
        raise StoreError(f"{home} already holds a station; restore into an empty folder")
    created_dir = not home.exists()
    existing = _files_in(home)
    home.mkdir(parents=True, exist_ok=True)
    old_mode = home.stat().st_mode & 0o777
    os.chmod(home, 0o700)  # as init does: the home holds the store, sealed secrets and logs
    mode = choose_secret_mode(passphrase)
    secrets: SecretStore = (
        SealedFileSecretStore(home, passphrase or "", create=True) if mode == "passphrase" else KeyringSecretStore(home)
    )
    try:
        for name, value in opened.secrets.items():
            secrets.put(name, value)
        tmp = home / "restore.tmp.db"
        tmp.write_bytes(opened.db_bytes)
        source = Database(tmp, opened.data_key)
        store_key = secrets.get(STORE_KEY)
        assert store_key is not None
        export_to = home / DB_FILE
        from station.services.backup import export_copy

        export_copy(source, export_to, store_key)
        source.close()
        for leftover in home.glob("restore.tmp.db*"):
            leftover.unlink()
        if opened.audit_head:
            (home / HEAD_FILE).write_text(opened.audit_head)
        _, _recovery_public = opened.header["station_id"], None
        old = StationConfig(opened.header["station_id"], mode, _public_from_private(recovery_key))
        write_config(home, old)
        station = Station.open(home, passphrase, clock=clock)
        # The restored rows must prove out against the recovery key; the sealing key is derived anew
        # after them (the backup's copy of the key state may be a few rows off).
        station.audit.rebuild_key_state(recovery_key)
        session = station.auth.login_password(admin_name, admin_password, admin_totp)
        if session.role != Role.ADMIN:
            station.audit.record(session.name, "permission.denied", attempted="backup.restore", severity="warning")
            station.close()
            raise AuthenticationFailed("Only an admin of the backed-up station may restore it")
        station.audit.record(session.name, "backup.restored", target=Path(backup_file).name,
                             created_at=opened.header.get("created_at", ""))  # fmt: skip
        if not station.audit.sealing:  # a backup of a station from before sealing: migrate it now
            station.audit.start_sealing(recovery_key)
        return station
    except Exception:
        _remove_home(home, created_dir, secrets, keep=existing)
        if not created_dir:
            os.chmod(home, old_mode)  # someone's own folder goes back as it was
        raise


def _public_from_private(recovery_key: str) -> str:
    from cryptography.hazmat.primitives import serialization

    from station.services.backup import _private_from_text

    public = _private_from_text(recovery_key).public_key()
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def _files_in(home: Path) -> set[Path]:
    return {child for child in home.iterdir() if child.is_file()} if home.is_dir() else set()


def _remove_home(home: Path, created_dir: bool, secrets: SecretStore, *, keep: set[Path] | None = None) -> None:
    """Undo a failed init/restore: nothing half-made is left behind, and nothing else is touched."""
    for name in secrets.names():
        secrets.delete(name)
    if created_dir:
        shutil.rmtree(home, ignore_errors=True)
    else:
        for child in home.iterdir():
            if child.is_file() and child not in (keep or set()):
                child.unlink()
