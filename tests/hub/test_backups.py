"""Backups follow the retention and seller-forget rules: pruned when their buyer data is due, deleted
when a seller they hold is forgotten, trusted for nothing when their index was edited."""

from __future__ import annotations

from pathlib import Path

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.clock import VirtualClock


def _orders(hub: Hub) -> None:
    acme = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    hub.orders.store_order(acme, "111-1", status="Shipped", buyer={"name": "Jo Buyer"})


def test_a_backup_is_pruned_when_its_buyer_data_is_due(hub: Hub, admin: Actor, clock: VirtualClock,
                                                       tmp_path: Path) -> None:  # fmt: skip
    _orders(hub)
    path = tmp_path / "one.hubbak"
    hub.backups.write(admin, path)
    clock.advance(29 * 86400)
    assert hub.backups.prune(admin) == [] and path.exists()
    clock.advance(2 * 86400)
    assert hub.backups.prune(admin) == [path] and not path.exists()


def test_forgetting_a_seller_deletes_the_backups_that_hold_it(hub: Hub, admin: Actor, tmp_path: Path) -> None:
    _orders(hub)
    with_acme = tmp_path / "a.hubbak"
    hub.backups.write(admin, with_acme)
    hub.sellers.forget(admin, "acme")
    hub.store.sellers.add("globex", "2026-01-01T00:00:00.000000Z")
    without = tmp_path / "b.hubbak"
    hub.backups.write(admin, without)
    assert not with_acme.exists() and without.exists()
    hub.sellers.forget(admin, "globex")
    assert not without.exists()


def test_an_edited_index_is_trusted_for_nothing(hub: Hub, admin: Actor, tmp_path: Path) -> None:
    _orders(hub)
    path = tmp_path / "x.hubbak"
    hub.backups.write(admin, path)
    text = path.read_text()
    path.write_text(text.replace('"erase_by": "2026', '"erase_by": "2099'))
    assert hub.backups.prune(admin) == [path]
