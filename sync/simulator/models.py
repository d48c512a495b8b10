"""The official SP-API models as the simulator's rule book: request validation and the rate table.

The simulator reads Amazon's published Swagger models (``shared/spapi-models`` beside the repo, or
``PACIFIC_SPAPI_MODELS``) so that it checks what Amazon checks, not what our client happens to send.
Without the models it still runs, with validation off and a fallback rate of 1/s, burst 1.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

log = logging.getLogger(__name__)

ENV_VAR = "PACIFIC_SPAPI_MODELS"
FALLBACK_RATE = (1.0, 1)

# Simulator operation -> (model file, HTTP method, path template). The names are the simulator's
# own route names; several model files reuse an operationId (getOrder, getShipment), so the route
# is keyed by its path, as Amazon's gateway does.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "searchOrders": ("orders_2026-01-01.json", "get", "/orders/2026-01-01/orders"),
    "getOrder": ("orders_2026-01-01.json", "get", "/orders/2026-01-01/orders/{orderId}"),
    "confirmShipment": ("ordersV0.json", "post", "/orders/v0/orders/{orderId}/shipmentConfirmation"),
    "getRates": ("shippingV2.json", "post", "/shipping/v2/shipments/rates"),
    "purchaseShipment": ("shippingV2.json", "post", "/shipping/v2/shipments"),
    "getShipmentDocuments": ("shippingV2.json", "get", "/shipping/v2/shipments/{shipmentId}/documents"),
    "cancelShipment": ("shippingV2.json", "put", "/shipping/v2/shipments/{shipmentId}/cancel"),
    "getMarketplaceParticipations": ("sellers.json", "get", "/sellers/v1/marketplaceParticipations"),
    "getInventorySummaries": ("fbaInventory.json", "get", "/fba/inventory/v1/summaries"),
    "getLabels": ("fulfillmentInboundV0.json", "get", "/fba/inbound/v0/shipments/{shipmentId}/labels"),
}
_INBOUND = "fulfillmentInbound_2024-03-20.json"
_PLAN = "/inbound/fba/2024-03-20/inboundPlans/{inboundPlanId}"
OPERATIONS.update(
    {
        "createInboundPlan": (_INBOUND, "post", "/inbound/fba/2024-03-20/inboundPlans"),
        "getInboundPlan": (_INBOUND, "get", _PLAN),
        "getInboundOperationStatus": (_INBOUND, "get", "/inbound/fba/2024-03-20/operations/{operationId}"),
        "generatePackingOptions": (_INBOUND, "post", _PLAN + "/packingOptions"),
        "listPackingOptions": (_INBOUND, "get", _PLAN + "/packingOptions"),
        "confirmPackingOption": (_INBOUND, "post", _PLAN + "/packingOptions/{packingOptionId}/confirmation"),
        "setPackingInformation": (_INBOUND, "post", _PLAN + "/packingInformation"),
        "generatePlacementOptions": (_INBOUND, "post", _PLAN + "/placementOptions"),
        "listPlacementOptions": (_INBOUND, "get", _PLAN + "/placementOptions"),
        "confirmPlacementOption": (
            _INBOUND,
            "post",
            _PLAN + "/placementOptions/{placementOptionId}/confirmation",
        ),  # fmt: skip
        "getShipment": (_INBOUND, "get", _PLAN + "/shipments/{shipmentId}"),
        "listShipmentBoxes": (_INBOUND, "get", _PLAN + "/shipments/{shipmentId}/boxes"),
        "generateTransportationOptions": (_INBOUND, "post", _PLAN + "/transportationOptions"),
        "listTransportationOptions": (_INBOUND, "get", _PLAN + "/transportationOptions"),
        "confirmTransportationOptions": (_INBOUND, "post", _PLAN + "/transportationOptions/confirmation"),
        "listPrepDetails": (_INBOUND, "get", "/inbound/fba/2024-03-20/items/prepDetails"),
        "setPrepDetails": (_INBOUND, "post", "/inbound/fba/2024-03-20/items/prepDetails"),
    }
)

# "| Rate (requests per second) | Burst |\n| ---- | ---- |\n| 0.0056 | 20 |" in each description.
_RATE_ROW = re.compile(
    r"Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*(?:\\n|\n)\s*"
    r"\|[-\s|]+(?:\\n|\n)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|"
)


def models_dir() -> Path | None:
    """Where the models are: ``PACIFIC_SPAPI_MODELS``, else ``shared/spapi-models`` beside the repo."""
    env = os.environ.get(ENV_VAR, "").strip()
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "spapi-models")
    for path in candidates:
        if (path / "shippingV2.json").is_file():
            return path
    return None


@cache
def _load(folder: str, name: str) -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = json.loads((Path(folder) / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded


def parse_rate(description: str) -> tuple[float, int] | None:
    """The (rate, burst) of a model operation's usage-plan table; None when unpublished ("n | n")."""
    match = _RATE_ROW.search(description or "")
    if not match:
        return None
    try:
        return float(match.group(1)), int(float(match.group(2)))
    except ValueError:
        return None


@dataclass
class OperationSpec:
    """One operation as the model defines it: parameters, body schema, published rate."""

    name: str
    model: str
    method: str
    path: str
    parameters: list[dict[str, Any]] = field(default_factory=list)
    body_schema: dict[str, Any] | None = None
    body_required: bool = False
    rate: tuple[float, int] | None = None
    definitions: dict[str, Any] = field(default_factory=dict, repr=False)


class ModelBook:
    """The models the simulator needs, loaded once; ``available`` is False when they are missing."""

    def __init__(self, folder: Path | None = None, *, strict: bool = True) -> None:
        self.folder = folder if folder is not None else models_dir()
        self.strict = strict
        self.specs: dict[str, OperationSpec] = {}
        self._validators: dict[str, jsonschema.Draft4Validator] = {}
        if self.folder is None:
            log.warning("SP-API models not found (set %s): request validation is off", ENV_VAR)
            return
        for name, (model, method, path) in OPERATIONS.items():
            spec = self._spec(name, model, method, path)
            if spec is not None:
                self.specs[name] = spec

    @property
    def available(self) -> bool:
        return bool(self.specs)

    def _spec(self, name: str, model: str, method: str, path: str) -> OperationSpec | None:
        assert self.folder is not None
        root = _load(str(self.folder), model)
        item = (root or {}).get("paths", {}).get(path)
        if not isinstance(item, dict) or method not in item:
            log.warning("model %s has no %s %s", model, method.upper(), path)
            return None
        op = item[method]
        params = [*item.get("parameters", []), *op.get("parameters", [])]
        spec = OperationSpec(name, model, method, path, definitions=(root or {}).get("definitions", {}))
        for param in params:
            if param.get("in") == "body":
                spec.body_schema = param.get("schema")
                spec.body_required = bool(param.get("required"))
            else:
                spec.parameters.append(param)
        spec.rate = parse_rate(op.get("description", ""))
        if spec.rate is None:  # unpublished ("n | n"): the same path's sibling operation's plan
            for other, sibling in item.items():
                if other != method and isinstance(sibling, dict):
                    spec.rate = parse_rate(sibling.get("description", "")) or spec.rate
        return spec

    # --- rates -----------------------------------------------------------------------------------
    def rate_table(self) -> dict[str, tuple[float, int]]:
        """(rate per second, burst) for every simulated operation, as the models publish them."""
        return {name: spec.rate or FALLBACK_RATE for name, spec in self.specs.items()}

    # --- validation ------------------------------------------------------------------------------
    def validate(
        self, name: str, params: dict[str, list[str]], headers: dict[str, str], raw: bytes
    ) -> list[tuple[str, str]]:
        """Problems with a request as (kind, text): kind is missing, enum, invalid or body."""
        spec = self.specs.get(name)
        if spec is None:
            return []
        problems: list[tuple[str, str]] = []
        for param in spec.parameters:
            where, pname = param.get("in"), str(param.get("name", ""))
            if where == "query":
                problems += _check_query(param, params.get(pname))
            elif where == "header":
                value = headers.get(pname.lower())
                if value is None:
                    if param.get("required"):
                        problems.append(("missing", pname))
                elif param.get("enum") and value not in param["enum"]:
                    problems.append(("enum", _enum_text(pname, param["enum"])))
        # Unknown query parameters are ignored, as Amazon does: python-amazon-sp-api sends MarketplaceId,
        # MarketplaceIds and marketplace_ids beside marketplaceIds on every call, and works in production.
        if spec.body_schema is not None:
            problems += self._check_body(spec, raw)
        return problems

    def _check_body(self, spec: OperationSpec, raw: bytes) -> list[tuple[str, str]]:
        if not raw.strip():
            return [("body", "request body is missing")] if spec.body_required else []
        try:
            body = json.loads(raw)
        except ValueError:
            return [("body", "request body is not valid JSON")]
        validator = self._validators.get(spec.name)
        if validator is None:
            defs = _strict(spec.definitions) if self.strict else spec.definitions
            schema = {**copy.deepcopy(spec.body_schema or {}), "definitions": defs}
            validator = self._validators[spec.name] = jsonschema.Draft4Validator(schema)
        found = []
        for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
            found.append(("body", _describe(error)))
            if len(found) >= 5:
                break
        return found

    def validate_response(self, name: str, status: int, body: Any) -> list[str]:
        """Problems with one of the simulator's own answers (for tests): the model's response schema,
        strict like requests (a field the model does not define is a problem)."""
        spec = self.specs.get(name)
        if spec is None or self.folder is None:
            return []
        root = _load(str(self.folder), spec.model) or {}
        op = root["paths"][spec.path][spec.method]
        schema = (op.get("responses", {}).get(str(status)) or {}).get("schema")
        if schema is None:
            return []
        defs = root.get("definitions", {})
        full = {**schema, "definitions": _strict(defs) if self.strict else defs}
        return [_describe(e) for e in jsonschema.Draft4Validator(full).iter_errors(body)]


def _strict(definitions: dict[str, Any]) -> dict[str, Any]:
    """A copy where every object with listed properties refuses properties it does not list."""
    out = copy.deepcopy(definitions)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(out)
    return out


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "body"
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        if missing:
            return f"{missing[0]} cannot be null" if where == "body" else f"{where}/{missing[0]} cannot be null"
    if error.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        return f"{where}: unknown field {', '.join(extra) if extra else ''}".strip()
    return f"{where}: {error.message}"[:300]


def _enum_text(name: str, values: list[Any]) -> str:
    # Amazon's published wording (ordersV0 examples): "Invalid request parameter `status`. Must be one of [...]".
    return f"Invalid request parameter `{name}`. Must be one of [{', '.join(str(v) for v in values)}]."


def _check_query(param: dict[str, Any], values: list[str] | None) -> list[tuple[str, str]]:
    name = str(param.get("name", ""))
    if not values:
        return [("missing", name)] if param.get("required") else []
    kind = param.get("type")
    items: list[str] = values
    if kind == "array":
        items = [v for value in values for v in value.split(",")]  # collectionFormat csv (the default)
        if "maxItems" in param and len(items) > int(param["maxItems"]):
            return [("invalid", f"Invalid request parameter `{name}`: at most {param['maxItems']} values.")]
        if "minItems" in param and len(items) < int(param["minItems"]):
            return [("invalid", f"Invalid request parameter `{name}`: at least {param['minItems']} values.")]
        item_spec = param.get("items") or {}
    else:
        item_spec = param
        if len(values) > 1:
            return [("invalid", f"Invalid request parameter `{name}`: one value expected.")]
    problems = []
    for value in items:
        problem = _check_scalar(name, item_spec, value)
        if problem:
            problems.append(problem)
            break
    return problems


def _check_scalar(name: str, spec: dict[str, Any], value: str) -> tuple[str, str] | None:
    bad = ("invalid", f"Invalid request parameter `{name}`.")
    kind = spec.get("type")
    number: float | None = None
    if kind in ("integer", "number"):
        try:
            number = int(value) if kind == "integer" else float(value)
        except ValueError:
            return bad
        if "maximum" in spec and number > spec["maximum"]:
            return bad
        if "minimum" in spec and number < spec["minimum"]:
            return bad
    if spec.get("enum") and value not in [str(v) for v in spec["enum"]]:
        return ("enum", _enum_text(name, spec["enum"]))
    if "maxLength" in spec and len(value) > int(spec["maxLength"]):
        return bad
    if "minLength" in spec and len(value) < int(spec["minLength"]):
        return bad
    if spec.get("pattern") and not re.search(str(spec["pattern"]), value):
        return bad
    if spec.get("format") == "date-time" and _parse_datetime(value) is None:
        return bad
    return None


def _parse_datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


@cache
def default_book() -> ModelBook:
    """The process-wide model book (loading and compiling the models once)."""
    return ModelBook()
