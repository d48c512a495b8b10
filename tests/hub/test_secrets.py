"""Envelope encryption under the master key, and `keys rotate` without downtime."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.bootstrap import Hub, build_hub
from hub.sealing import MasterKeys, Sealer
from hub.services.people import HUB_SYSTEM
from hub.settings import HubSettings
from station.errors import StoreError
from tests.hub.conftest import FakeAmazon


@pytest.fixture
def sealer(tmp_path: Path) -> Sealer:
    return Sealer(MasterKeys.create(tmp_path / "master.json"))


def test_a_sealed_value_names_its_key_and_opens_only_in_its_column(sealer: Sealer) -> None:
    sealed = sealer.seal("Atzr|refresh-token-value", "sellers.refresh_token_sealed")
    assert "Atzr" not in sealed and Sealer.key_id(sealed) == sealer.keys.current
    assert sealer.open(sealed, "sellers.refresh_token_sealed") == "Atzr|refresh-token-value"
    with pytest.raises(StoreError):
        sealer.open(sealed, "orders.address_sealed")  # moved to another column
    broken = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(StoreError):
        sealer.open(broken, "sellers.refresh_token_sealed")


def test_the_key_file_is_private(tmp_path: Path) -> None:
    MasterKeys.create(tmp_path / "m.json")
    assert (tmp_path / "m.json").stat().st_mode & 0o077 == 0


def _fill(hub: Hub) -> int:
    hub.sellers.set_app_credentials(HUB_SYSTEM, "amzn1.application-oa2-client.x", "lwa-client-secret-1")
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    for n in range(7):
        hub.orders.store_order(seller, f"111-{n}", status="Unshipped",
                               buyer={"name": f"Buyer {n}", "address": "1 Main St", "phone": "555-0100"})  # fmt: skip
    return 1 + 7 * 3


def test_keys_rotate_reseals_everything_and_retires_the_old_key(hub: Hub, settings: HubSettings,
                                                                 amazon: FakeAmazon) -> None:  # fmt: skip
    total = _fill(hub)
    old = hub.sealer.keys.current
    # Another hub process, started before the rotation, still holds only the old key in memory.
    running = build_hub(settings, clock=hub.clock, amazon=amazon)
    done = hub.keys.rotate(HUB_SYSTEM)
    assert done.new_key != old and done.resealed == total and done.retired == [old]
    assert hub.store.sealed.key_ids() == {done.new_key: total}
    assert old not in MasterKeys(settings.master_key_file).ids
    # The running process meets the new key id, re-reads the key file, and reads on without a restart.
    assert running.sellers.app_credentials().client_secret == "lwa-client-secret-1"
    assert running.orders.address(HUB_SYSTEM, 1) == {"name": "Buyer 0", "address": "1 Main St", "phone": "555-0100"}
    running.close()


def test_old_key_stays_readable_until_the_rotation_is_complete(hub: Hub) -> None:
    _fill(hub)
    old = hub.sealer.keys.current
    hub.sealer.keys.add_current()  # rotation begun, nothing re-sealed yet
    assert hub.sellers.app_credentials().client_secret == "lwa-client-secret-1"
    assert old in hub.sealer.keys.ids
