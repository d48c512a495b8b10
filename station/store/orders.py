"""Orders, their items and recipients (buyer PII in its own table), packages and pack events."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from station.domain import GiftMessage, Order, OrderItem, OrderStatus, Recipient
from station.errors import BuyerDataLocked, StationError
from station.i18n import N_
from station.logs import redactor
from station.ports import BuyerCodec
from station.store.db import Database

_ORDER_COLUMNS = (
    "order_id, seller_id, marketplace_id, upstream_status, status, purchase_date, last_updated, "
    "ship_by_earliest, ship_by_latest, deliver_by_earliest, deliver_by_latest, service_level, "
    "programs, fulfilled_by"
)
GIFT_MESSAGE_MAX = 1000  # characters kept of a gift message (Amazon's own limit is far lower)
_RECIPIENT_FIELDS = (
    "name",
    "address_line1",
    "address_line2",
    "address_line3",
    "city",
    "state_or_region",
    "postal_code",
    "country_code",
    "phone",
    "address_type",
)


def _guard_logs(recipient: Recipient) -> None:
    """Tell the log redactor this buyer's values: from now on no log line or error shows them."""
    r = recipient
    redactor.add_sensitive(r.name, r.address_line1, r.address_line2, r.address_line3, r.city, r.postal_code, r.phone)


@dataclass(frozen=True)
class OrderRow:
    """An order as the queue lists it: no PII."""

    order_id: str
    seller_id: str
    status: str
    ship_by_latest: str
    service_level: str
    programs: tuple[str, ...]
    held_by: str | None
    item_count: int
    unit_count: int
    started: bool = False  # units were scanned (since the last reset): the order was put back part-packed


def _order_from_row(row: Sequence[Any], items: tuple[OrderItem, ...], recipient: Recipient | None) -> Order:
    return Order(
        order_id=row[0],
        seller_id=row[1],
        marketplace_id=row[2],
        upstream_status=row[3],
        status=OrderStatus(row[4]),
        purchase_date=row[5],
        last_updated=row[6],
        ship_by_earliest=row[7],
        ship_by_latest=row[8],
        deliver_by_earliest=row[9],
        deliver_by_latest=row[10],
        service_level=row[11],
        programs=tuple(json.loads(row[12])),
        fulfilled_by=row[13],
        items=items,
        recipient=recipient,
    )


class Orders:
    def __init__(self, db: Database):
        self.db = db
        # Seals and opens buyer data (station.services.seller_keys): a hub seller's values are stored as
        # sealed BLOBs in the same columns; every other seller's as text. None: everything as text.
        self.codec: BuyerCodec | None = None

    def upsert(self, order: Order, *, now: str) -> bool:
        """Insert or update an order from upstream; local status and holds are kept. True if new."""
        with self.db.transaction() as conn:
            existing = conn.execute(
                "SELECT status, pii_erased_at FROM orders WHERE order_id = ?", (order.order_id,)
            ).fetchone()
            values = (
                order.seller_id,
                order.marketplace_id,
                order.upstream_status,
                order.purchase_date,
                order.last_updated,
                order.ship_by_earliest,
                order.ship_by_latest,
                order.deliver_by_earliest,
                order.deliver_by_latest,
                order.service_level,
                json.dumps(list(order.programs)),
                order.fulfilled_by,
            )
            if existing is None:
                conn.execute(
                    f"INSERT INTO orders ({_ORDER_COLUMNS}, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (order.order_id, values[0], values[1], values[2], order.status.value, *values[3:], now),
                )
            else:
                conn.execute(
                    "UPDATE orders SET seller_id=?, marketplace_id=?, upstream_status=?, purchase_date=?, "
                    "last_updated=?, ship_by_earliest=?, ship_by_latest=?, deliver_by_earliest=?, "
                    "deliver_by_latest=?, service_level=?, programs=?, fulfilled_by=? WHERE order_id=?",
                    (*values, order.order_id),
                )
            self._put_items(conn, order.order_id, order.items)
            # Erased buyer data is never stored again (a trigger holds the same rule for any writer).
            erased = existing is not None and existing[1] is not None
            if order.recipient is not None and not erased:
                self._put_recipient(conn, order.seller_id, order.order_id, order.recipient)
            if not erased:
                self._put_gifts(conn, order.seller_id, order.order_id, order.gifts)
            return existing is None

    def upsert_many(self, orders: Iterable[Order], *, now: str) -> int:
        """Upsert several orders in one transaction; returns how many were new."""
        created = 0
        with self.db.transaction():
            for order in orders:
                created += self.upsert(order, now=now)
        return created

    @staticmethod
    def _put_items(conn: Any, order_id: str, items: Iterable[OrderItem]) -> None:
        conn.executemany(
            "INSERT INTO order_items (order_id, order_item_id, sku, asin, title, quantity, condition, "
            "serial_required, quantity_shipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (order_id, order_item_id) DO UPDATE SET sku=excluded.sku, asin=excluded.asin, "
            "title=excluded.title, quantity=excluded.quantity, condition=excluded.condition, "
            "serial_required=excluded.serial_required, quantity_shipped=excluded.quantity_shipped",
            [
                (
                    order_id,
                    i.order_item_id,
                    i.sku,
                    i.asin,
                    i.title,
                    i.quantity,
                    i.condition,
                    int(i.serial_required),
                    i.quantity_shipped,
                )
                for i in items
            ],
        )

    def _sealer(self, seller_id: str) -> Callable[[str, str, str], str | bytes]:
        """How this seller's buyer values are written: sealed (field, order, text -> bytes) or as text."""
        codec = self.codec
        if codec is None or not codec.seals(seller_id):
            return lambda _order, _field, text: text
        return lambda order_id, name, text: codec.seal(seller_id, order_id, name, text)

    def _opened(self, seller_id: str, order_id: str, name: str, value: str | bytes) -> str:
        """A stored buyer value as text: sealed ones (BLOBs) are opened by the codec, whoever reads."""
        if isinstance(value, str):
            return value
        if self.codec is None:
            raise BuyerDataLocked(N_("This order's buyer data is sealed and this program holds no seller keys"))
        return self.codec.open(seller_id, order_id, name, bytes(value))

    def _put_recipient(self, conn: Any, seller_id: str, order_id: str, recipient: Recipient) -> None:
        _guard_logs(recipient)
        seal = self._sealer(seller_id)
        values = [seal(order_id, f, getattr(recipient, f)) for f in _RECIPIENT_FIELDS]
        conn.execute(
            f"INSERT INTO recipients (order_id, {', '.join(_RECIPIENT_FIELDS)}) "
            f"VALUES (?, {', '.join('?' * len(_RECIPIENT_FIELDS))}) "
            "ON CONFLICT (order_id) DO UPDATE SET " + ", ".join(f"{f}=excluded.{f}" for f in _RECIPIENT_FIELDS),
            (order_id, *values),
        )

    def _put_gifts(self, conn: Any, seller_id: str, order_id: str, gifts: Iterable[GiftMessage]) -> None:
        gifts = list(gifts)
        redactor.add_sensitive(*(g.message[:GIFT_MESSAGE_MAX] for g in gifts))
        seal = self._sealer(seller_id)
        rows = [(order_id, g.order_item_id,
                 seal(order_id, f"gift.{g.order_item_id}.message", g.message[:GIFT_MESSAGE_MAX]),
                 seal(order_id, f"gift.{g.order_item_id}.wrap_level", g.wrap_level[:40])) for g in gifts]  # fmt: skip
        conn.executemany(
            "INSERT INTO gift_messages (order_id, order_item_id, message, wrap_level) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (order_id, order_item_id) DO UPDATE SET message=excluded.message, "
            "wrap_level=excluded.wrap_level",
            rows,
        )

    def gift_messages(self, order_id: str) -> tuple[GiftMessage, ...]:
        """The buyer's gift messages of the order (buyer data: callers audit the view)."""
        rows = self.db.query(
            "SELECT g.order_item_id, g.message, g.wrap_level, o.seller_id FROM gift_messages g "
            "JOIN orders o ON o.order_id = g.order_id WHERE g.order_id = ? ORDER BY g.order_item_id",
            (order_id,),
        )
        gifts = tuple(GiftMessage(str(r[0]), self._opened(r[3], order_id, f"gift.{r[0]}.message", r[1]),
                                  self._opened(r[3], order_id, f"gift.{r[0]}.wrap_level", r[2]))
                      for r in rows)  # fmt: skip
        redactor.add_sensitive(*(g.message for g in gifts))
        return gifts

    def get(self, order_id: str, *, with_recipient: bool = False) -> Order | None:
        """The order with its items; the recipient only when asked (callers audit that view)."""
        row = self.db.query_one(f"SELECT {_ORDER_COLUMNS} FROM orders WHERE order_id = ?", (order_id,))
        if row is None:
            return None
        return _order_from_row(row, self.items(order_id), self.recipient(order_id) if with_recipient else None)

    def items(self, order_id: str) -> tuple[OrderItem, ...]:
        rows = self.db.query(
            "SELECT order_item_id, sku, asin, title, quantity, condition, serial_required, quantity_shipped "
            "FROM order_items WHERE order_id = ? ORDER BY order_item_id",
            (order_id,),
        )
        return tuple(OrderItem(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows)

    def recipient(self, order_id: str) -> Recipient | None:
        """The order's recipient (buyer data: callers audit the view); BuyerDataLocked when it is sealed and
        the seller's key is not held."""
        row = self.db.query_one(
            f"SELECT o.seller_id, {', '.join('r.' + f for f in _RECIPIENT_FIELDS)} FROM recipients r "
            "JOIN orders o ON o.order_id = r.order_id WHERE r.order_id = ?",
            (order_id,),
        )
        if row is None:
            return None
        recipient = Recipient(*(self._opened(row[0], order_id, f, v) for f, v in zip(_RECIPIENT_FIELDS, row[1:],
                                                                                     strict=True)))  # fmt: skip
        _guard_logs(recipient)
        return recipient

    def guard_logs(self) -> int:
        """Tell the log redactor every buyer value held, so a fresh process masks them from its first line:
        the readable ones, and the sealed ones whose seller's key this station still holds (the others cannot
        be read, so nothing here can log them until a new lease opens them, which tells the redactor)."""
        rows = self.db.query(
            f"SELECT o.seller_id, r.order_id, {', '.join('r.' + f for f in _RECIPIENT_FIELDS)} FROM recipients r "
            "JOIN orders o ON o.order_id = r.order_id"
        )
        told = 0
        for seller_id, order_id, *values in rows:
            try:
                pairs = zip(_RECIPIENT_FIELDS, values, strict=True)
                opened = [self._opened(seller_id, order_id, f, v) for f, v in pairs]
            except StationError:  # sealed under a key not held (lease ran out, seller forgotten)
                continue
            _guard_logs(Recipient(*opened))
            told += 1
        return told

    def seal_readable(self, seller_id: str) -> int:
        """Seal a seller's buyer data still stored as text (a cache from before sealing); returns rows sealed."""
        if self.codec is None or not self.codec.seals(seller_id):
            return 0
        seal = self._sealer(seller_id)
        with self.db.transaction() as conn:
            rows = conn.execute(
                f"SELECT r.order_id, {', '.join('r.' + f for f in _RECIPIENT_FIELDS)} FROM recipients r "
                "JOIN orders o ON o.order_id = r.order_id WHERE o.seller_id = ? AND typeof(r.name) = 'text'",
                (seller_id,),
            ).fetchall()
            for row in rows:
                self._put_recipient(conn, seller_id, row[0], Recipient(*row[1:]))
            gifts = conn.execute(
                "SELECT g.order_id, g.order_item_id, g.message, g.wrap_level FROM gift_messages g JOIN orders o "
                "ON o.order_id = g.order_id WHERE o.seller_id = ? AND typeof(g.message) = 'text'",
                (seller_id,),
            ).fetchall()
            for order_id, item, message, wrap in gifts:
                conn.execute(
                    "UPDATE gift_messages SET message = ?, wrap_level = ? WHERE order_id = ? AND order_item_id = ?",
                    (seal(order_id, f"gift.{item}.message", message), seal(order_id, f"gift.{item}.wrap_level", wrap),
                     order_id, item),
                )  # fmt: skip
            sealed = len(rows) + len(gifts)
        return sealed

    def ids_of_seller(self, seller_id: str) -> list[str]:
        """Every cached order id of the seller (what a forget erases)."""
        return [r[0] for r in self.db.query("SELECT order_id FROM orders WHERE seller_id = ?", (seller_id,))]

    def last_updated(self, order_id: str) -> str | None:
        row = self.db.query_one("SELECT last_updated FROM orders WHERE order_id = ?", (order_id,))
        return None if row is None else str(row[0])

    def status(self, order_id: str) -> str | None:
        row = self.db.query_one("SELECT status FROM orders WHERE order_id = ?", (order_id,))
        return None if row is None else str(row[0])

    def set_status(self, order_id: str, status: OrderStatus, *, now: str, reason: str | None = None) -> None:
        closed = now if status in (OrderStatus.SHIPPED, OrderStatus.CANCELLED) else None
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE orders SET status = ?, exception_reason = ?, "
                "shipped_at = CASE WHEN ? = 'shipped' THEN ? ELSE shipped_at END, "
                "closed_at = COALESCE(?, closed_at), "
                "held_by = CASE WHEN ? IN ('shipped', 'cancelled', 'exception') THEN NULL ELSE held_by END "
                "WHERE order_id = ?",
                (status.value, reason, status.value, now, closed, status.value, order_id),
            )

    def hold(self, order_id: str, operator: str, *, now: str) -> str | None:
        """Hold the order for an operator; returns who holds it afterwards."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE orders SET held_by = ?, held_at = ? WHERE order_id = ? AND held_by IS NULL",
                (operator, now, order_id),
            )
            row = conn.execute("SELECT held_by FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        return None if row is None else row[0]

    def release(self, order_id: str) -> None:
        self.db.execute("UPDATE orders SET held_by = NULL, held_at = NULL WHERE order_id = ?", (order_id,))

    def holder(self, order_id: str) -> str | None:
        row = self.db.query_one("SELECT held_by FROM orders WHERE order_id = ?", (order_id,))
        return None if row is None else row[0]

    def held_by(self, operator: str) -> list[str]:
        return [r[0] for r in self.db.query("SELECT order_id FROM orders WHERE held_by = ?", (operator,))]

    def exception_reason(self, order_id: str) -> str | None:
        row = self.db.query_one("SELECT exception_reason FROM orders WHERE order_id = ?", (order_id,))
        return None if row is None else row[0]

    def queue(
        self,
        *,
        statuses: Sequence[str] = ("unshipped", "in_progress"),
        seller_id: str | None = None,
        prime_only: bool = False,
        search: str = "",
        limit: int = 500,
    ) -> list[OrderRow]:
        """Orders to work, by ship-by; no PII. ``search`` matches order id, SKU or tracking."""
        where = [f"o.status IN ({', '.join('?' * len(statuses))})"]
        params: list[Any] = list(statuses)
        if seller_id:
            where.append("o.seller_id = ?")
            params.append(seller_id)
        if prime_only:
            where.append("o.programs LIKE '%\"PRIME\"%'")
        if search:
            where.append(
                "(o.order_id = ? OR EXISTS (SELECT 1 FROM order_items s WHERE s.order_id = o.order_id "
                "AND s.sku = ?) OR EXISTS (SELECT 1 FROM packages p WHERE p.order_id = o.order_id "
                "AND p.tracking = ?))"
            )
            params += [search, search, search]
        params.append(limit)
        rows = self.db.query(
            "SELECT o.order_id, o.seller_id, o.status, o.ship_by_latest, o.service_level, o.programs, "
            "o.held_by, (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id), "
            "(SELECT coalesce(sum(quantity), 0) FROM order_items i WHERE i.order_id = o.order_id), "
            "EXISTS (SELECT 1 FROM pack_events e WHERE e.order_id = o.order_id AND e.result IN ('good', 'complete') "
            "AND e.event_id > (SELECT coalesce(max(r.event_id), 0) FROM pack_events r "
            "WHERE r.order_id = o.order_id AND r.result = 'reset')) "
            f"FROM orders o WHERE {' AND '.join(where)} ORDER BY o.ship_by_latest, o.order_id LIMIT ?",
            tuple(params),
        )
        return [OrderRow(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6], r[7], r[8], bool(r[9]))
                for r in rows]  # fmt: skip

    def counts_by_status(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.query("SELECT status, count(*) FROM orders GROUP BY status")}

    def items_by_code(self, order_id: str, skus: Sequence[str]) -> list[OrderItem]:
        """The order's lines whose SKU is one of ``skus``."""
        if not skus:
            return []
        rows = self.db.query(
            "SELECT order_item_id, sku, asin, title, quantity, condition, serial_required, quantity_shipped "
            f"FROM order_items WHERE order_id = ? AND sku IN ({', '.join('?' * len(skus))})",
            (order_id, *skus),
        )
        return [OrderItem(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows]


class PackEvents:
    def __init__(self, db: Database):
        self.db = db

    def record(self, order_id: str, operator: str, code: str, result: str, *, at: str, detail: str = "") -> int:
        cur = self.db.execute(
            "INSERT INTO pack_events (order_id, operator, at, code, result, detail) VALUES (?, ?, ?, ?, ?, ?)",
            (order_id, operator, at, code, result, detail),
        )
        return int(cur.lastrowid)

    def for_order(self, order_id: str) -> list[tuple[str, str, str, str, str]]:
        """(at, operator, code, result, detail) in order."""
        rows = self.db.query(
            "SELECT at, operator, code, result, detail FROM pack_events WHERE order_id = ? ORDER BY event_id",
            (order_id,),
        )
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def count(self) -> int:
        return int(self.db.query_one("SELECT count(*) FROM pack_events")[0])
