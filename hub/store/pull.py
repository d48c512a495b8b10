"""The order pull's rows: per-seller leases, page-by-page progress, shared rate buckets, and the one
locked read-decide-write step that stores a pulled order and its change events.

Every step is one statement (or one transaction) so that any number of hub processes share them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from hub.store.tables import order_changes, orders
from hub.store.tables_ledger import confirmations, labels
from hub.store.tables_pull import pull_leases, pull_progress, rate_buckets

# Our own label or confirmation for an order in these states means we ship it (or may have): not "elsewhere".
OUR_LABEL_STATES = ("buying", "bought", "unknown", "voiding")
OUR_CONFIRMATION_STATES = ("pending", "sending", "delivered")


@dataclass(frozen=True)
class Progress:
    cursor: str
    after: str
    before: str
    page_token: str
    token_at: float
    pages: int
    finished_at: str
    wanted: bool


@dataclass(frozen=True)
class StoredOrder:
    """What change detection needs of the order as the hub has it."""

    order_id: int
    status: str
    lines: list[dict[str, Any]]
    buyer_name_sealed: str | None
    address_sealed: str | None
    phone_sealed: str | None
    upstream_updated: str
    cancel_request: str
    shipped_here_at: str
    holder_station_id: int | None


@dataclass(frozen=True)
class Decision:
    """Columns to write (None: leave the order alone) and the change events (kind, detail) to log."""

    values: dict[str, Any] | None
    changes: list[tuple[str, dict[str, Any]]]


def _with_mark(decision: Decision, old: StoredOrder | None, ours: bool, now: str) -> Decision:
    """Store the "shipped here" mark of an order the ledger or the outbox ships, if the row lacks it."""
    if not ours or (old is not None and old.shipped_here_at and old.shipped_here_at != now):
        return decision
    return Decision({**(decision.values or {}), "shipped_here_at": now}, decision.changes)


def _insert(engine: Engine, table: Any) -> Any:
    """An INSERT that can ignore a conflict, in the engine's dialect."""
    return (postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert)(table)


class PullStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        pg = engine.dialect.name == "postgresql"
        self._least = func.least if pg else func.min  # SQLite's two-argument min() is LEAST
        self._greatest = func.greatest if pg else func.max

    # -- leases ---------------------------------------------------------------------------------
    def take_lease(self, seller_id: int, holder: str, now: float, ttl_s: float) -> bool:
        """Take or renew the seller's pull lease; False while another holder's lease runs."""
        with self.engine.begin() as conn:
            conn.execute(_insert(self.engine, pull_leases).values(seller_id=seller_id).on_conflict_do_nothing())
            got = conn.execute(
                update(pull_leases)
                .where(
                    pull_leases.c.seller_id == seller_id,
                    or_(pull_leases.c.holder == holder, pull_leases.c.expires_at < now),
                )  # fmt: skip
                .values(holder=holder, expires_at=now + ttl_s)
                .returning(pull_leases.c.seller_id)
            ).first()
        return got is not None

    def release_lease(self, seller_id: int, holder: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(pull_leases)
                .where(pull_leases.c.seller_id == seller_id, pull_leases.c.holder == holder)
                .values(expires_at=0)
            )

    def lease_holder(self, seller_id: int, now: float) -> str:
        """Who holds the seller's lease now ("" when nobody)."""
        with self.engine.connect() as conn:
            r = conn.execute(
                select(pull_leases.c.holder).where(
                    pull_leases.c.seller_id == seller_id, pull_leases.c.expires_at >= now
                )  # fmt: skip
            ).first()
        return str(r[0]) if r else ""

    # -- progress -------------------------------------------------------------------------------
    def progress(self, seller_id: int) -> Progress:
        with self.engine.connect() as conn:
            r = conn.execute(select(pull_progress).where(pull_progress.c.seller_id == seller_id)).first()
        if r is None:
            return Progress("", "", "", "", 0.0, 0, "", False)
        return Progress(r.cursor, r.after, r.before, r.page_token, float(r.token_at), int(r.pages),
                        r.finished_at, bool(r.wanted))  # fmt: skip

    def save_page(self, seller_id: int, holder: str, now: float, **values: Any) -> bool:
        """Save the pull's progress after a page, only while ``holder`` still holds the lease."""
        held = select(pull_leases.c.seller_id).where(
            pull_leases.c.seller_id == seller_id, pull_leases.c.holder == holder, pull_leases.c.expires_at >= now
        )
        with self.engine.begin() as conn:
            conn.execute(_insert(self.engine, pull_progress).values(seller_id=seller_id).on_conflict_do_nothing())
            done = conn.execute(
                update(pull_progress)
                .where(pull_progress.c.seller_id == seller_id, pull_progress.c.seller_id.in_(held))
                .values(**values)
            ).rowcount
        return bool(done)

    def want_pull(self, seller_id: int) -> None:
        """Ask for a pull as soon as possible (a notification said an order changed)."""
        with self.engine.begin() as conn:
            conn.execute(_insert(self.engine, pull_progress).values(seller_id=seller_id).on_conflict_do_nothing())
            conn.execute(update(pull_progress).where(pull_progress.c.seller_id == seller_id).values(wanted=1))

    # -- shared rate buckets --------------------------------------------------------------------
    def _refilled(self, now: float) -> ColumnElement[Any]:
        c = rate_buckets.c
        return self._least(c.burst, c.tokens + self._greatest(0.0, now - c.stamp) * c.rate)

    def ensure_bucket(self, seller: str, operation: str, rate: float, burst: float, now: float) -> None:
        """Create the bucket full on first use (a no-op when any process made it already)."""
        with self.engine.begin() as conn:
            conn.execute(
                _insert(self.engine, rate_buckets)
                .values(seller=seller, operation=operation, rate=rate, burst=burst, tokens=burst, stamp=now)
                .on_conflict_do_nothing()
            )

    def take_token(self, seller: str, operation: str, now: float, slack: float = 1e-9) -> float:
        """Take one token in ONE UPDATE ... RETURNING; returns 0 when taken, else the seconds to wait."""
        c = rate_buckets.c
        key = and_(c.seller == seller, c.operation == operation)
        refilled = self._refilled(now)
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(rate_buckets)
                .where(key, refilled >= 1.0 - slack)
                .values(tokens=refilled - 1.0, stamp=self._greatest(c.stamp, now))
                .returning(c.tokens)
            ).first()
            if taken is not None:
                return 0.0
            r = conn.execute(select(refilled, c.rate).where(key)).first()
        if r is None:
            return 0.0
        tokens, rate = float(r[0]), float(r[1])
        return (1.0 - tokens) / rate if rate > 0 else 3600.0

    def wait_time(self, seller: str, operation: str, now: float) -> float:
        """Seconds until the bucket holds a token (0 when it does now)."""
        c = rate_buckets.c
        with self.engine.connect() as conn:
            r = conn.execute(
                select(self._refilled(now), c.rate).where(c.seller == seller, c.operation == operation)
            ).first()
        if r is None or float(r[0]) >= 1.0 - 1e-9:
            return 0.0
        return (1.0 - float(r[0])) / float(r[1]) if float(r[1]) > 0 else 3600.0

    def set_rate(self, seller: str, operation: str, rate: float, now: float) -> None:
        """The server announced the bucket's rate (x-amzn-RateLimit-Limit): refill at the old rate, then switch."""
        c = rate_buckets.c
        with self.engine.begin() as conn:
            conn.execute(
                update(rate_buckets)
                .where(c.seller == seller, c.operation == operation)
                .values(tokens=self._refilled(now), stamp=self._greatest(c.stamp, now), rate=rate)
            )

    def drain(self, seller: str, operation: str, now: float) -> None:
        """A 429: the server's bucket is emptier than ours, so empty the shared one."""
        c = rate_buckets.c
        with self.engine.begin() as conn:
            conn.execute(
                update(rate_buckets)
                .where(c.seller == seller, c.operation == operation)
                .values(tokens=self._least(self._refilled(now), 0.0), stamp=self._greatest(c.stamp, now))
            )

    def bucket(self, seller: str, operation: str) -> tuple[float, float, float, float] | None:
        """(rate, burst, tokens, stamp) as stored, for tests and status."""
        c = rate_buckets.c
        with self.engine.connect() as conn:
            r = conn.execute(
                select(c.rate, c.burst, c.tokens, c.stamp).where(c.seller == seller, c.operation == operation)
            ).first()
        return (float(r[0]), float(r[1]), float(r[2]), float(r[3])) if r else None

    # -- orders and their change events ---------------------------------------------------------
    def apply_order(self, seller_id: int, amazon_order_id: str, now: str,
                    decide: Callable[[StoredOrder | None], Decision]) -> tuple[int, list[str]]:  # fmt: skip
        """Lock the order row, let ``decide`` compare it with Amazon's, write it and log each change."""
        return self.apply_orders(seller_id, [(amazon_order_id, decide)], now)[0]

    def apply_orders(self, seller_id: int, items: list[tuple[str, Callable[[StoredOrder | None], Decision]]],
                     now: str) -> list[tuple[int, list[str]]]:  # fmt: skip
        """A page of orders in ONE transaction: lock their rows, decide each, write, log the changes."""
        o = orders.c
        results: list[tuple[int, list[str]]] = []
        items = list({a: (a, d) for a, d in items}.values())  # an order twice on a page: its last view
        with self.engine.begin() as conn:
            query = (
                select(o.order_id, o.amazon_order_id, o.status, o.lines, o.buyer_name_sealed, o.address_sealed,
                       o.phone_sealed, o.upstream_updated, o.cancel_request, o.shipped_here_at, o.holder_station_id)
                .where(o.seller_id == seller_id, o.amazon_order_id.in_([a for a, _ in items]))
                .order_by(o.order_id)  # one lock order for every process: no deadlocks
            )  # fmt: skip
            if self.engine.dialect.name == "postgresql":
                query = query.with_for_update()
            known = {
                r[1]: StoredOrder(int(r[0]), r[2], json.loads(r[3] or "[]"), r[4], r[5], r[6], r[7], r[8], r[9],
                                  None if r[10] is None else int(r[10]))
                for r in conn.execute(query)
            }  # fmt: skip
            ours = self._shipped_here(conn, seller_id, [a for a, _ in items])
            for amazon_order_id in ours & set(known):  # queued or sent before the pull stored the order
                if not known[amazon_order_id].shipped_here_at:
                    known[amazon_order_id] = replace(known[amazon_order_id], shipped_here_at=now)
            decided = [(amazon_order_id, known.get(amazon_order_id),
                        _with_mark(decide(known.get(amazon_order_id)), known.get(amazon_order_id),
                                   amazon_order_id in ours, now))
                       for amazon_order_id, decide in items]  # fmt: skip
            ids = self._write(conn, seller_id, now, [(a, old, d) for a, old, d in decided if d.values is not None])
            changes: list[dict[str, Any]] = []
            for amazon_order_id, old, decision in decided:
                order_id = ids.get(amazon_order_id, old.order_id if old else 0)
                holder = old.holder_station_id if old else None
                changes += [{"order_id": order_id, "seller_id": seller_id, "at": now, "kind": kind,
                             "detail": json.dumps(detail, sort_keys=True), "station_id": holder}
                            for kind, detail in decision.changes]  # fmt: skip
                results.append((order_id, [kind for kind, _ in decision.changes]))
            if changes:
                conn.execute(insert(order_changes), changes)
        return results

    @staticmethod
    def _shipped_here(conn: Connection, seller_id: int, amazon_order_ids: list[str]) -> set[str]:
        """Orders of the page with a live label or confirmation of ours (the ledger and the outbox)."""
        found = conn.execute(select(labels.c.amazon_order_id).where(
            labels.c.seller_id == seller_id, labels.c.amazon_order_id.in_(amazon_order_ids),
            labels.c.state.in_(OUR_LABEL_STATES)))  # fmt: skip
        sent = conn.execute(select(confirmations.c.amazon_order_id).where(
            confirmations.c.seller_id == seller_id, confirmations.c.amazon_order_id.in_(amazon_order_ids),
            confirmations.c.state.in_(OUR_CONFIRMATION_STATES)))  # fmt: skip
        return {str(r[0]) for r in found} | {str(r[0]) for r in sent}

    @staticmethod
    def _write(conn: Connection, seller_id: int, now: str,
               rows: list[tuple[str, StoredOrder | None, Decision]]) -> dict[str, int]:  # fmt: skip
        """Insert the new orders and update the known ones, a statement per shape of row (executemany)."""
        o = orders.c
        ids: dict[str, int] = {}
        groups: dict[tuple[bool, tuple[str, ...]], list[dict[str, Any]]] = {}
        for amazon_order_id, old, decision in rows:
            values = dict(decision.values or {})
            if old is None:
                values.update(seller_id=seller_id, amazon_order_id=amazon_order_id, updated_at=now)
            else:
                ids[amazon_order_id] = old.order_id
                values.update(updated_at=now, b_order_id=old.order_id)
            groups.setdefault((old is None, tuple(sorted(values))), []).append(values)
        for (new, keys), batch in groups.items():
            if new:
                made = conn.execute(
                    insert(orders).returning(o.order_id, o.amazon_order_id, sort_by_parameter_order=True), batch
                )
                ids.update({str(r[1]): int(r[0]) for r in made})
            else:
                statement = (
                    update(orders)
                    .where(o.order_id == bindparam("b_order_id"))
                    .values({k: bindparam(k) for k in keys if k != "b_order_id"})
                )
                conn.execute(statement, batch)
        return ids

    def set_holder(self, order_id: int, station_id: int | None) -> None:
        """The station now holding the order (the claims of issue "stations through the hub" call this)."""
        with self.engine.begin() as conn:
            conn.execute(update(orders).where(orders.c.order_id == order_id).values(holder_station_id=station_id))

    def mark_shipped_here_of(self, seller_id: int, amazon_order_id: str, at: str) -> None:
        """``mark_shipped_here`` by the seller's Amazon order id (the first mark stays; unknown orders: none)."""
        o = orders.c
        with self.engine.begin() as conn:
            conn.execute(update(orders).where(o.seller_id == seller_id, o.amazon_order_id == amazon_order_id,
                                              o.shipped_here_at == "").values(shipped_here_at=at))  # fmt: skip

    def mark_shipped_here(self, order_id: int, at: str) -> None:
        """Our own label or confirmation shipped it (the label ledger / outbox call this)."""
        with self.engine.begin() as conn:
            conn.execute(update(orders).where(orders.c.order_id == order_id).values(shipped_here_at=at))
