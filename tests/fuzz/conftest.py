"""Fuzzing fixtures: the station crew, and the hostile strings every generator mixes in."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

from tests.station.conftest import crew  # noqa: F401 - re-exported fixture

BLNS = (
    [s for s in json.loads(Path("/work/shared/fixtures/blns.json").read_text()) if isinstance(s, str)]
    if Path("/work/shared/fixtures/blns.json").exists()
    else ["^XZ~JA", '"\r\nPRINT 9', "\x00", "𝕏" * 40]
)


def hostile_text() -> st.SearchStrategy[str]:
    """Arbitrary Unicode, or a known-nasty string, or both glued together."""
    nasty = st.sampled_from(BLNS)
    return st.one_of(st.text(), nasty, st.builds(lambda a, b: a + b, nasty, st.text(max_size=20)))
