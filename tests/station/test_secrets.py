"""Point 3: secrets behind one SecretStore — OS keyring per home, or a passphrase-sealed file; never plain."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backend
import pytest

import station.secrets as secrets_mod
from station.app import Station
from station.errors import StoreError
from station.home import AUDIT_KEY, STORE_KEY, choose_secret_mode
from station.secrets import SEALED_FILE, KeyringSecretStore, SealedFileSecretStore
from tests.station.support import ADMIN, ADMIN_PW, PASSPHRASE, Crew, plain_export, secret_values


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A test keyring backend standing in for the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def os_keyring() -> MemoryKeyring:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_production_argon2_parameters_are_strong() -> None:
    assert secrets_mod.ARGON2_MEMORY_KIB >= 64 * 1024
    assert secrets_mod.ARGON2_TIME_COST >= 3


def test_passphrase_key_is_argon2id(monkeypatch: pytest.MonkeyPatch, fast_argon2: None) -> None:
    from argon2.low_level import Type

    seen = []
    real = secrets_mod.hash_secret_raw
    monkeypatch.setattr(secrets_mod, "hash_secret_raw", lambda *a, **k: seen.append(k["type"]) or real(*a, **k))
    key = secrets_mod.derive_key("pass phrase", b"0123456789abcdef")
    assert len(key) == 32 and seen == [Type.ID]
    assert secrets_mod.derive_key("pass phrase", b"fedcba9876543210") != key


def test_mode_choice(os_keyring: MemoryKeyring) -> None:
    assert choose_secret_mode(None) == "keyring"
    assert choose_secret_mode("a passphrase") == "passphrase"  # PACIFIC_STATION_PASSPHRASE set


@pytest.mark.parametrize("backend", ["fail", "null"])
def test_no_os_keyring_means_passphrase_mode(backend: str) -> None:
    import importlib

    previous = keyring.get_keyring()
    keyring.set_keyring(importlib.import_module(f"keyring.backends.{backend}").Keyring())
    try:
        assert not secrets_mod.os_keyring_usable()
        assert choose_secret_mode(None) == "passphrase"
    finally:
        keyring.set_keyring(previous)


def test_sealed_file_holds_no_plaintext_and_refuses_a_wrong_passphrase(tmp_path: Path, fast_argon2: None) -> None:
    store = SealedFileSecretStore(tmp_path, "right passphrase", create=True)
    value = b"refresh-token-Atzr|IwEBIexample-secret-value"
    store.put("seller.X.refresh_token", value)
    blob = (tmp_path / SEALED_FILE).read_bytes()
    for leak in (value, b"seller.X.refresh_token", b"IwEBIexample", b"right passphrase"):
        assert leak not in blob
    assert (tmp_path / SEALED_FILE).stat().st_mode & 0o077 == 0
    before = blob
    with pytest.raises(StoreError) as caught:
        SealedFileSecretStore(tmp_path, "wrong passphrase")
    assert "\n" not in str(caught.value)
    assert (tmp_path / SEALED_FILE).read_bytes() == before
    reopened = SealedFileSecretStore(tmp_path, "right passphrase")
    assert reopened.get("seller.X.refresh_token") == value
    reopened.delete("seller.X.refresh_token")
    assert SealedFileSecretStore(tmp_path, "right passphrase").get("seller.X.refresh_token") is None


def test_keyring_entries_are_per_home(tmp_path: Path, os_keyring: MemoryKeyring) -> None:
    one, two = KeyringSecretStore(tmp_path / "a"), KeyringSecretStore(tmp_path / "b")
    assert one.service != two.service
    one.put(STORE_KEY, b"1" * 32)
    two.put(STORE_KEY, b"2" * 32)
    assert one.get(STORE_KEY) == b"1" * 32 and two.get(STORE_KEY) == b"2" * 32
    assert one.names() == [STORE_KEY]
    one.delete(STORE_KEY)
    assert one.get(STORE_KEY) is None and two.get(STORE_KEY) == b"2" * 32


def test_keyring_station_keeps_no_secret_in_its_home(tmp_path: Path, os_keyring: MemoryKeyring,
                                                    fast_argon2: None) -> None:  # fmt: skip
    stations = []
    for name in ("a", "b"):
        result = Station.init(tmp_path / name, None, ADMIN, ADMIN_PW)
        assert result.station.config.secret_mode == "keyring"
        stations.append(result.station)
    keys = [s.secrets.get(STORE_KEY) for s in stations]
    assert keys[0] != keys[1]
    for s in stations:
        assert not (s.home / SEALED_FILE).exists()
        values = secret_values(s)
        for path in s.home.iterdir():
            if path.is_file():
                data = path.read_bytes()
                assert not any(v in data for vs in values.values() for v in vs), path.name
        s.close()
    reopened = Station.open(tmp_path / "a", None)
    assert reopened.secrets.get(STORE_KEY) == keys[0]
    reopened.close()


def test_secrets_are_never_in_the_database(crew: Crew, tmp_path: Path) -> None:
    crew.station.secrets.put("seller.A1SELLER0000001.refresh_token", b"Atzr|secret-refresh-token-value")
    data = plain_export(crew.station, tmp_path / "plain.db")
    assert data.startswith(b"SQLite format 3")
    values = secret_values(crew.station)
    assert {STORE_KEY, AUDIT_KEY, "operator.alice.totp"} <= set(values)
    for name, encodings in values.items():
        assert not any(v in data for v in encodings), name
    assert PASSPHRASE.encode() not in data


def test_wrong_passphrase_opens_nothing(crew: Crew) -> None:
    home = crew.station.home
    crew.station.close()
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    with pytest.raises(StoreError):
        Station.open(home, "not the passphrase")
    with pytest.raises(StoreError):
        Station.open(home, None)
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before
    crew.station = Station.open(home, PASSPHRASE)


def test_two_processes_sharing_a_sealed_file_never_lose_each_others_secrets(tmp_path, fast_argon2) -> None:  # type: ignore[no-untyped-def]
    """The GUI and the CLI open the same home: a token added by one is seen, and kept, by the other."""
    from station.secrets import SealedFileSecretStore

    gui = SealedFileSecretStore(tmp_path, "passphrase", create=True)
    gui.put("audit.mac_key", b"k" * 32)
    cli = SealedFileSecretStore(tmp_path, "passphrase")
    cli.put("seller.A1.refresh_token", b"Atzr|token")
    assert gui.get("seller.A1.refresh_token") == b"Atzr|token"
    gui.put("operator.amy.totp", b"SEED")  # must not write back its stale view
    assert cli.get("seller.A1.refresh_token") == b"Atzr|token"
    assert set(SealedFileSecretStore(tmp_path, "passphrase").names()) == {
        "audit.mac_key", "seller.A1.refresh_token", "operator.amy.totp",
    }
    cli.delete("seller.A1.refresh_token")
    assert gui.get("seller.A1.refresh_token") is None
