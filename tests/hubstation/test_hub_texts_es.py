"""The hub's conflicts reach the packer in their language (issue 13): claim lost, taken, packing only held orders
offline, shipped elsewhere and cancelled after the label are marked in sync/ (station.i18n) and translated at
display like every other core message."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from station.domain import Order
from station.errors import Conflict
from sync.hubclient.errors import ClaimLost, ClaimTaken, HubUnreachable
from sync.hubmarket import RULE_BEST, HubMarketplace
from sync.hubsync import CANCELLED_AFTER_LABEL, HubClaims
from ui.i18n import tr_core, tr_error, use_language


@pytest.fixture
def spanish(qapp: Any) -> Iterator[None]:
    use_language("es")
    yield
    use_language("en")


class _Refusing:
    """A hub client whose every call answers with ``error`` (as HubClient raises it)."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.operator = None

    def claim(self, *_a: Any, **_k: Any) -> Any:
        raise self.error

    def buy_label(self, *_a: Any, **_k: Any) -> Any:
        raise self.error


def _claims(error: Exception) -> HubClaims:
    sync = SimpleNamespace(client=_Refusing(error), held=set(), hub_id=lambda _oid: 7)
    return HubClaims(sync)  # type: ignore[arg-type]


def _said(call: Any) -> str:
    with pytest.raises(Conflict) as caught:
        call()
    return tr_error(caught.value)


def test_hub_conflicts_reach_a_spanish_packer_in_spanish(spanish: None) -> None:
    offline = _said(lambda: _claims(HubUnreachable("down")).claim("111-1", "pat"))
    assert offline.startswith("No hay conexión con el hub: esta estación solo empaca") and "111-1" in offline
    taken = _said(lambda: _claims(ClaimTaken("Order 7 is being packed at station pack-1 (operator kim)"))
                  .claim("111-1", "pat"))  # fmt: skip
    assert taken == "El pedido 111-1 está tomado: se está empacando en station pack-1 (operator kim)"
    market = HubMarketplace(_Refusing(ClaimLost("Claim lost")), lambda: SimpleNamespace(dpi=203), lambda: "zpl")  # type: ignore[arg-type]
    rule = market.get_rates(
        "hub-1",
        Order("111-1", "hub-1", "ATVPDKIKX0DER", "UNSHIPPED", "", ""),
        None,  # type: ignore[arg-type]
        SimpleNamespace(items=(), weight_lb=1.0, length_in=1, width_in=1, height_in=1),
        {},
    )[0]  # type: ignore[arg-type]
    assert rule.rate_id == RULE_BEST
    lost = _said(lambda: market.purchase_shipment("hub-1", rule, idempotency_key="k" * 36, label_format="ZPL"))
    assert lost.startswith("Reserva perdida:")
    assert (
        tr_core(CANCELLED_AFTER_LABEL) == "Cancelado después de comprar la etiqueta: retire la caja y anule su etiqueta"
    )
