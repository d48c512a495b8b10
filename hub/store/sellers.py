"""Sellers, their onboarding links and OAuth states, and the app's LWA credentials."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from hub.store.tables import app_credentials, oauth_states, onboardings, order_changes, orders, sellers


@dataclass(frozen=True)
class SellerRow:
    seller_id: int
    name: str
    state: str
    selling_partner_id: str
    refresh_token_sealed: str | None
    marketplaces: str
    created_at: str
    verified_at: str


def _row(r: Any) -> SellerRow:
    return SellerRow(
        r.seller_id, r.name, r.state, r.selling_partner_id, r.refresh_token_sealed, r.marketplaces,
        r.created_at, r.verified_at,
    )  # fmt: skip


class Sellers:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, name: str, now: str) -> int:
        with self.engine.begin() as conn:
            r = conn.execute(insert(sellers).values(name=name, state="invited", created_at=now))
            return int(r.inserted_primary_key[0])  # type: ignore[index]

    def by_name(self, name: str) -> SellerRow | None:
        return self._one(sellers.c.name == name)

    def by_id(self, seller_id: int) -> SellerRow | None:
        return self._one(sellers.c.seller_id == seller_id)

    def _one(self, where: Any) -> SellerRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(sellers).where(where)).first()
        return _row(r) if r else None

    def list(self) -> list[SellerRow]:
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(select(sellers).order_by(sellers.c.name))]

    def update(self, seller_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(sellers).where(sellers.c.seller_id == seller_id).values(**values))

    def erase(self, seller_id: int) -> dict[str, int]:
        """Delete every row of the seller: changes, orders, onboarding, states, the seller itself."""
        counts: dict[str, int] = {}
        with self.engine.begin() as conn:
            counts["order_changes"] = conn.execute(
                delete(order_changes).where(order_changes.c.seller_id == seller_id)
            ).rowcount
            counts["orders"] = conn.execute(delete(orders).where(orders.c.seller_id == seller_id)).rowcount
            ids = select(onboardings.c.onboarding_id).where(onboardings.c.seller_id == seller_id)
            conn.execute(delete(oauth_states).where(oauth_states.c.onboarding_id.in_(ids)))
            conn.execute(delete(onboardings).where(onboardings.c.seller_id == seller_id))
            counts["sellers"] = conn.execute(delete(sellers).where(sellers.c.seller_id == seller_id)).rowcount
        return counts

    # -- onboarding ----------------------------------------------------------------------------
    def add_onboarding(self, seller_id: int, token_hash: str, expires: str) -> int:
        with self.engine.begin() as conn:
            r = conn.execute(
                insert(onboardings).values(seller_id=seller_id, token_hash=token_hash, expires_at=expires)
            )
            return int(r.inserted_primary_key[0])  # type: ignore[index]

    def onboarding(self, token_hash: str, now: str) -> tuple[int, int] | None:
        """(onboarding id, seller id) of an open, unexpired onboarding link."""
        with self.engine.connect() as conn:
            r = conn.execute(
                select(onboardings.c.onboarding_id, onboardings.c.seller_id).where(
                    onboardings.c.token_hash == token_hash,
                    onboardings.c.completed_at == "",
                    onboardings.c.expires_at > now,
                )
            ).first()
        return (int(r[0]), int(r[1])) if r else None

    def complete_onboarding(self, onboarding_id: int, now: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(onboardings).where(onboardings.c.onboarding_id == onboarding_id).values(completed_at=now)
            )

    def add_state(self, state_hash: str, onboarding_id: int, expires: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(oauth_states).values(state_hash=state_hash, onboarding_id=onboarding_id,
                                                     expires_at=expires))  # fmt: skip

    def use_state(self, state_hash: str, now: str) -> tuple[int, int] | None:
        """Spend the state once (atomically): (onboarding id, seller id), or None."""
        with self.engine.begin() as conn:
            r = conn.execute(
                update(oauth_states)
                .where(oauth_states.c.state_hash == state_hash, oauth_states.c.used_at == "",
                       oauth_states.c.expires_at > now)  # fmt: skip
                .values(used_at=now)
                .returning(oauth_states.c.onboarding_id)
            ).first()
            if r is None:
                return None
            seller = conn.execute(
                select(onboardings.c.seller_id).where(onboardings.c.onboarding_id == r[0])
            ).scalar_one()
        return int(r[0]), int(seller)

    def state_status(self, state_hash: str, now: str) -> str:
        with self.engine.connect() as conn:
            r = conn.execute(select(oauth_states).where(oauth_states.c.state_hash == state_hash)).first()
        if r is None:
            return "unknown"
        if r.used_at:
            return "reused"
        return "expired" if r.expires_at <= now else "open"

    # -- the app's LWA credentials ---------------------------------------------------------------
    def set_app_credentials(self, client_id: str, secret_sealed: str, now: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(app_credentials))
            conn.execute(
                insert(app_credentials).values(
                    credential_id=1, client_id=client_id, client_secret_sealed=secret_sealed, set_at=now
                )
            )

    def app_credentials(self) -> tuple[str, str, str] | None:
        """(client id, sealed secret, set at) or None."""
        with self.engine.connect() as conn:
            r = conn.execute(select(app_credentials)).first()
        return (r.client_id, r.client_secret_sealed, r.set_at) if r else None
