"""A station home: the folder holding the encrypted store, the sealed secrets (passphrase mode),
the audit chain head, logs and the non-secret station config."""

from __future__ import annotations

import json
import os
import secrets as pysecrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from station.errors import StoreError
from station.ports import SecretStore
from station.secrets import KeyringSecretStore, SealedFileSecretStore, os_keyring_usable
from station.store.db import Database

CONFIG_FILE = "station.json"
DB_FILE = "station.db"
PASSPHRASE_ENV = "PACIFIC_STATION_PASSPHRASE"  # noqa: S105 - a variable name
HOME_ENV = "PACIFIC_STATION_HOME"

STORE_KEY = "store.key"
AUDIT_KEY = "audit.mac_key"
BADGE_KEY = "badge.pepper"


@dataclass(frozen=True)
class StationConfig:
    """Non-secret facts about a home, kept in station.json."""

    station_id: str
    secret_mode: str  # keyring | passphrase
    recovery_public_key: str  # hex X25519 public key; backups are sealed to it


def default_home() -> Path:
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("pacific-prep-station", "Pacific Prep"))


def read_config(home: Path) -> StationConfig:
    path = Path(home) / CONFIG_FILE
    if not path.exists():
        raise StoreError(f"{home} is not a station home; run 'pacific-station init'")
    data = json.loads(path.read_text(encoding="utf-8"))
    return StationConfig(data["station_id"], data["secret_mode"], data["recovery_public_key"])


def write_config(home: Path, config: StationConfig) -> None:
    path = Path(home) / CONFIG_FILE
    path.write_text(json.dumps(config.__dict__, indent=2) + "\n", encoding="utf-8")


def choose_secret_mode(passphrase: str | None) -> str:
    """Passphrase mode where one is given or where no OS keyring exists."""
    if passphrase or not os_keyring_usable():
        return "passphrase"
    return "keyring"


def open_secrets(home: Path, mode: str, passphrase: str | None, *, create: bool = False) -> SecretStore:
    if mode == "keyring":
        return KeyringSecretStore(home)
    if not passphrase:
        raise StoreError(f"This station keeps its secrets sealed by a passphrase: set {PASSPHRASE_ENV} or enter it")
    return SealedFileSecretStore(home, passphrase, create=create)


def create_home(home: Path, passphrase: str | None, recovery_public_key: str) -> tuple[StationConfig, SecretStore]:
    """Make a new home: config, secret store with fresh keys. Refuses a home that exists."""
    home = Path(home)
    if (home / CONFIG_FILE).exists() or (home / DB_FILE).exists():
        raise StoreError(f"{home} already holds a station")
    home.mkdir(parents=True, exist_ok=True)
    os.chmod(home, 0o700)
    mode = choose_secret_mode(passphrase)
    secret_store = open_secrets(home, mode, passphrase, create=True)
    for name in (STORE_KEY, AUDIT_KEY, BADGE_KEY):
        secret_store.put(name, pysecrets.token_bytes(32))
    config = StationConfig(str(uuid.uuid4()), mode, recovery_public_key)
    write_config(home, config)
    return config, secret_store


def open_database(home: Path, secret_store: SecretStore, *, create: bool = False) -> Database:
    key = secret_store.get(STORE_KEY)
    if key is None:
        raise StoreError("The store key is missing from the secret store")
    return Database(Path(home) / DB_FILE, key, create=create)
