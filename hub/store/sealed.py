"""Walk every sealed column (key rotation re-wraps them in batches)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, select, update

from hub.store.tables import SEALED_COLUMNS, seal_context


class SealedColumns:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def rewrap(self, change: Callable[[str, str], str], *, batch: int = 500) -> int:
        """Replace each sealed value by change(value, context) where it differs; returns how many changed."""
        changed = 0
        for table, pk, column in SEALED_COLUMNS:
            context = seal_context(table, column)
            key, col = table.c[pk], table.c[column]
            last = None
            while True:
                query = select(key, col).where(col.is_not(None)).order_by(key).limit(batch)
                if last is not None:
                    query = query.where(key > last)
                with self.engine.begin() as conn:
                    rows = conn.execute(query).all()
                    for row_key, value in rows:
                        fresh = change(value, context)
                        if fresh != value:
                            # Compare-and-set: a value re-sealed meanwhile by a live hub is left as it is.
                            conn.execute(update(table).where(key == row_key, col == value).values({column: fresh}))
                            changed += 1
                if len(rows) < batch:
                    break
                last = rows[-1][0]
        return changed

    def key_ids(self) -> dict[str, int]:
        """How many sealed values each master key id holds."""
        counts: dict[str, int] = {}
        with self.engine.connect() as conn:
            for table, _pk, column in SEALED_COLUMNS:
                for (value,) in conn.execute(select(table.c[column]).where(table.c[column].is_not(None))):
                    kid = str(value).split(".")[1]
                    counts[kid] = counts.get(kid, 0) + 1
        return counts
