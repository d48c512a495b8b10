"""Seller forget (issue 13): a joined station keeps a hub seller's buyer data sealed under that seller's key,
leased from the hub for at most 24 h; forget at the hub destroys the key, so the cache is unreadable at once
and erased when the station hears of it (or at its next connect); a lease run out offline locks the data
with a plain message until the hub renews it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import sqlcipher3

from hub.bootstrap import Hub
from hub.services.people import Actor
from station.app import Station
from station.clock import VirtualClock, iso
from station.domain import GiftMessage
from station.errors import StationError, StoreError
from station.home import DB_FILE, STORE_KEY
from sync.hubclient.types import Buyer, OrderChange
from sync.hubsync import HubSignals, HubSyncEngine
from tests.hub.live import serving
from tests.hubstation.test_hub_sync import LINES, Joined
from tests.station.support import decrypted_file_pages, decrypted_wal_frames, make_order, marker

BLNS = Path("/work/shared/fixtures/blns.json")
RECIPIENT_COLUMNS = ("name", "address_line1", "address_line2", "address_line3", "city", "state_or_region",
                     "postal_code", "country_code", "phone", "address_type")  # fmt: skip


def _buyer(tag: str) -> dict[str, str]:
    address = {"address_line1": marker(tag + "line1"), "city": marker(tag + "city"), "postal_code": "98101",
               "country_code": "US"}  # fmt: skip
    return {"name": marker(tag + "name"), "address": json.dumps(address), "phone": marker(tag + "phone")}


def _order(hub: Hub, clock: VirtualClock, oid: str, buyer: dict[str, str], seller: str = "acme") -> str:
    found = hub.store.sellers.by_name(seller)
    seller_id = found.seller_id if found else hub.store.sellers.add(seller, "2026-01-01T00:00:00.000000Z")
    hub.orders.store_order(seller_id, oid, status="Unshipped", buyer=buyer, lines=LINES,
                           ship_by=iso(clock.now() + timedelta(hours=10)))  # fmt: skip
    return oid


def _held(st: Joined, oid: str) -> None:
    """The station opens (claims) the order: its buyer data comes down with the claim's change."""
    st.crew.station.pack.open_order(st.crew.login("pat"), oid)


def _raw(station: Station, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows read straight from the cache file (a second SQLCipher connection with the store key)."""
    key = station.secrets.get(STORE_KEY)
    assert key is not None
    conn = sqlcipher3.connect(str(station.home / DB_FILE))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return list(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


def _view(st: Joined, oid: str) -> str:
    """The address as the pack screen reads it (through BuyerDataService)."""
    return st.crew.station.buyer_data.view_address(st.crew.login("pat"), oid).name


def test_a_joined_station_holds_no_buyer_plaintext_in_its_cache(
    hub: Hub, hub_admin: Actor, hub_url: str, hub_clock: VirtualClock, tmp_path: Path
) -> None:
    st = Joined(hub, hub_admin, hub_url, tmp_path / "one", "pack-1")
    try:
        oid = _order(hub, hub_clock, "111-0000001-0000001", _buyer("one"))
        st.sync.pull()
        _held(st, oid)
        station = st.crew.station
        assert _view(st, oid) == marker("onename")  # readable through the one place that opens it
        rows = _raw(station, f"SELECT {', '.join(f'typeof({c}), {c}' for c in RECIPIENT_COLUMNS)} "
                             "FROM recipients WHERE order_id = ?", (oid,))  # fmt: skip
        assert len(rows) == 1
        types, values = rows[0][0::2], rows[0][1::2]
        assert set(types) == {"blob"}  # every buyer column sealed (empty ones too: no field is told apart)
        for value in values:
            assert isinstance(value, bytes)
            for tag in ("name", "line1", "city", "phone"):
                assert marker("one" + tag).encode() not in value
        # No page of the file (free pages and WAL frames too) holds the buyer's values in the clear.
        key = station.secrets.get(STORE_KEY)
        assert key is not None
        pages = decrypted_file_pages(station.home / DB_FILE, key)
        pages += decrypted_wal_frames(station.home / (DB_FILE + "-wal"), key)
        for tag in ("name", "line1", "city", "phone"):
            assert marker("one" + tag).encode() not in pages
        # The seller's key lives in the secret store (with its lease end), never in the cache.
        entries = [n for n in station.secrets.names() if n.startswith("seller_key/")]
        assert len(entries) == 1
        leased = json.loads(station.secrets.get(entries[0]) or b"{}")
        assert bytes.fromhex(leased["key"]) not in pages and leased["key"].encode() not in pages
    finally:
        st.close()


def test_forget_makes_the_data_unreadable_before_the_erase_runs(hub: Hub, hub_admin: Actor, hub_url: str,
                                                                hub_clock: VirtualClock, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    st = Joined(hub, hub_admin, hub_url, tmp_path / "one", "pack-1")
    try:
        oid = _order(hub, hub_clock, "111-0000001-0000002", _buyer("two"))
        st.sync.pull()
        _held(st, oid)
        assert _view(st, oid) == marker("twoname")
        hub.sellers.forget(hub_admin, "acme")
        station = st.crew.station

        def stuck(_seller: str) -> dict[str, int]:
            raise StoreError("the erase did not run")

        monkeypatch.setattr(station.store.sellers, "delete", stuck)
        with pytest.raises(StoreError):
            HubSignals(st.sync, station.audit).forget()  # what the seller.forgotten event runs
        assert _raw(station, "SELECT count(*) FROM recipients WHERE order_id = ?", (oid,)) == [(1,)]  # still there
        with pytest.raises(StationError, match="buyer data is locked"):  # ... and unreadable: the key is gone
            _view(st, oid)
        assert not [n for n in station.secrets.names() if n.startswith("seller_key/")]
        monkeypatch.undo()
        slip = station.home / "slips" / f"slip-{oid}.pdf"  # a kept packing slip may print a gift message
        slip.parent.mkdir(exist_ok=True)
        slip.write_bytes(b"%PDF-1.4 slip")
        st.sync.remove_slips = station.retention.remove_slips  # as ui.hub_wiring wires it
        assert HubSignals(st.sync, station.audit).forget() == 1
        assert station.store.orders.status(oid) is None
        assert not slip.exists()
    finally:
        st.close()


def test_a_lease_run_out_offline_locks_the_data_with_a_message_until_renewed(hub: Hub, hub_admin: Actor,
                                                                             hub_clock: VirtualClock,
                                                                             tmp_path: Path) -> None:  # fmt: skip
    oid = _order(hub, hub_clock, "111-0000001-0000003", _buyer("three"))
    with serving(hub) as url:
        st = Joined(hub, hub_admin, url, tmp_path / "off", "pack-off")
        st.sync.pull()
        _held(st, oid)
    try:
        station = st.crew.station
        engine = HubSyncEngine(st.sync, HubSignals(st.sync, station.audit))
        assert engine.run_once().online is False  # the hub is away
        st.crew.clock.advance(23 * 3600)
        assert _view(st, oid) == marker("threename")  # offline within the lease: packing goes on
        st.crew.clock.advance(2 * 3600)  # 25 h: the lease ran out
        with pytest.raises(StationError, match="ran out\\. Reconnect the station to the hub"):
            _view(st, oid)
        with pytest.raises(StationError, match="ran out"):  # and again: a message, never a crash
            station.store.orders.recipient(oid)
        entries = {n: json.loads(station.secrets.get(n) or b"{}") for n in station.secrets.names()
                   if n.startswith("seller_key/")}  # fmt: skip
        assert entries and all("key" not in e for e in entries.values())  # the key left the secret store
        with serving(hub) as url:
            st.sync.client.base_url = url  # the hub is back
            assert engine.run_once().online  # reconnect: leases renewed
        assert _view(st, oid) == marker("threename")
    finally:
        st.close()


def test_a_station_offline_during_forget_erases_on_reconnect_and_never_stores_it_again(
    hub: Hub, hub_admin: Actor, hub_clock: VirtualClock, tmp_path: Path
) -> None:
    oid = _order(hub, hub_clock, "111-0000001-0000004", _buyer("four"))
    with serving(hub) as url:
        st = Joined(hub, hub_admin, url, tmp_path / "away", "pack-away")
        st.sync.pull()
        _held(st, oid)
        hub_seller = hub.store.sellers.by_name("acme")
        assert hub_seller is not None
    try:
        station = st.crew.station
        engine = HubSyncEngine(st.sync, HubSignals(st.sync, station.audit))
        assert engine.run_once().online is False  # away while the seller is forgotten
        hub.sellers.forget(hub_admin, "acme")
        assert _view(st, oid) == marker("fourname")  # the station has not heard yet (its lease still runs)
        with serving(hub) as url:
            st.sync.client.base_url = url
            assert engine.run_once().online  # first contact: the key is gone at the hub (404): erase
            assert station.store.orders.status(oid) is None
            assert _raw(station, "SELECT count(*) FROM recipients") == [(0,)]
            assert not [n for n in station.secrets.names() if n.startswith("seller_key/")]
            # The same order's data coming back (a replayed change) is never stored again, readable or not.
            again = OrderChange(99, 1, hub_seller.seller_id, oid, "Unshipped", "", LINES, iso(hub_clock.now()),
                                buyer=Buyer(marker("fourname"), "1 Main St", "555-0100"))  # fmt: skip
            st.sync.apply(again)
        assert station.store.orders.status(oid) is None
        assert _raw(station, "SELECT count(*) FROM recipients") == [(0,)]
    finally:
        st.close()


def _hostile() -> list[str]:
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    return [s for s in strings if isinstance(s, str)]


def test_hostile_strings_round_trip_sealed(tmp_path: Path) -> None:
    """Every BLNS string as a buyer's name, address line and gift message, sealed and opened again."""
    from station.services.seller_keys import SellerKeys
    from tests.station.support import make_crew, recipient_for

    class FixedKey:
        def lease(self, seller_id: str) -> tuple[bytes, str]:
            return b"k" * 32, "2099-01-01T00:00:00Z"

    crew = make_crew(tmp_path / "st")
    station = crew.station
    try:
        keys: SellerKeys = station.seller_keys
        keys.attach(FixedKey())
        keys.ensure("hub-7")
        from station.domain import Seller

        station.store.sellers.add(Seller("hub-7", "Seller 7", "na", ()), now=iso(crew.clock.now()))
        hostile = _hostile()
        orders = []
        for n, text in enumerate(hostile):
            base = make_order(f"111-{n:07d}-0000001", seller_id="hub-7", items=1)
            recipient = replace(recipient_for(base.order_id), name=text, address_line2=text[::-1])
            gift = GiftMessage(base.items[0].order_item_id, text, "wrap " + text)
            order = replace(base, recipient=recipient, gifts=(gift,))
            orders.append((order, text))
        station.store.orders.upsert_many([o for o, _ in orders], now=iso(crew.clock.now()))
        for order, text in orders:
            got = station.store.orders.recipient(order.order_id)
            assert got is not None and got.name == text and got.address_line2 == text[::-1]
            gifts = station.store.orders.gift_messages(order.order_id)
            assert [(g.message, g.wrap_level) for g in gifts] == [(text[:1000], ("wrap " + text)[:40])]
        kinds = _raw(station, "SELECT DISTINCT typeof(name), typeof(address_line2) FROM recipients")
        assert kinds == [("blob", "blob")]
        assert _raw(station, "SELECT DISTINCT typeof(message), typeof(wrap_level) FROM gift_messages") == [
            ("blob", "blob")]  # fmt: skip
        # The label document prints the address: a hub seller's is kept sealed too, and opens as it came.
        first_order = orders[0][0]
        package = station.store.packages.create(first_order.order_id, 1, [(first_order.items[0].order_item_id, 1)],
                                                weight_lb=1.0, dims_in=(6.0, 4.0, 2.0), idempotency_key="k-1",
                                                status="open", now=iso(crew.clock.now()), by="pat")  # fmt: skip
        document = b"^XA^FO50,50^FD" + marker("labelname").encode() + b"^FS^XZ"
        station.store.packages.set_label(package, carrier="UPS", service="Ground", tracking="1Z", shipment_id="s-1",
                                         label_format="ZPL", label_document=document, cost=1.0,
                                         currency="USD")  # fmt: skip
        raw = _raw(station, "SELECT label_document FROM packages WHERE package_id = ?", (package,))[0][0]
        assert isinstance(raw, bytes) and marker("labelname").encode() not in raw
        assert station.store.packages.label_document(package) == document
        # A sealed value moved to another order (or column) does not open: it is bound to seller+order+field.
        first, second = orders[0][0].order_id, orders[1][0].order_id
        station.store.db.execute("UPDATE recipients SET name = (SELECT name FROM recipients WHERE order_id = ?) "
                                 "WHERE order_id = ?", (first, second))  # fmt: skip
        with pytest.raises(StationError, match="cannot be opened"):
            station.store.orders.recipient(second)
    finally:
        station.close()
