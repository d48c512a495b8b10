"""Write the committed OpenAPI document: ``python -m hub.openapi`` (a test fails when it drifts)."""

from __future__ import annotations

import json
from pathlib import Path

from hub.api.app import openapi_document

PATH = Path(__file__).resolve().parent / "openapi.json"


def render() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {PATH}")
