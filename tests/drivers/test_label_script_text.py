"""Issue 15 item 11 (print): a buyer's name or address line in a script the printer font lacks is printed
as an image (^GFA) drawn with a Noto font, never "?" or "[non-Latin text - see order]"."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from PIL import Image

from drivers.labels import shipping_label_zpl
from drivers.labels.script_text import font_for, needs_image, text_image

SHIP_FROM = SimpleNamespace(name="Pacific Prep", address_line1="100 Harbor Way", city="Tacoma",
                            state_or_region="WA", postal_code="98421", country_code="US")  # fmt: skip


def _to(name: str, line1: str) -> SimpleNamespace:
    return SimpleNamespace(name=name, address_line1=line1, address_line2="", address_line3="", city="Austin",
                           state_or_region="TX", postal_code="73301", country_code="US")  # fmt: skip


def test_which_lines_need_an_image() -> None:
    assert not needs_image("Zoë Müller") and not needs_image("3874 Maple Dr") and not needs_image("Is it? yes")
    assert needs_image("山田太郎") and needs_image("Taro 山田") and needs_image("سارة أحمد") and needs_image("שלום")
    assert not needs_image("Zoë", "latin1")


@pytest.mark.parametrize("text", ["山田太郎", "سارة أحمد", "שלום עולם", "東京都港区六本木1-2-3"])
def test_a_noto_font_draws_it(text: str) -> None:
    assert font_for(text) is not None, "install fonts-noto-core and fonts-noto-cjk (scripts/bootstrap.sh)"
    img = text_image(text, 40, 700)
    assert img is not None and img.mode == "1" and img.height <= 60 and img.width <= 700
    assert img.convert("L").getextrema()[0] == 0  # ink on it


def test_label_prints_non_latin_ship_to_as_image() -> None:
    zpl = shipping_label_zpl(ship_to=_to("سارة أحمد", "東京都港区六本木1-2-3"), ship_from=SHIP_FROM, carrier="UPS",
                             service="Ground", tracking="1Z999AA10123456784")  # fmt: skip
    assert zpl.count(b"^GFA") == 2
    assert b"non-Latin" not in zpl and b"?" not in zpl.split(b"^GFA")[0].split(b"SHIP TO")[-1]
    assert b"Austin" in zpl  # the Latin lines stay printer text
    from drivers.labels.render import render_zpl_png

    try:
        png = render_zpl_png(zpl)
    except RuntimeError:
        pytest.skip("zplkit not installed")
    img = Image.open(io.BytesIO(png)).convert("L")
    ship_to_band = img.crop((40, 265, img.width - 40, 330))
    assert ship_to_band.getextrema()[0] < 80  # the name's image is printed there
