"""Issue 15 item 11 (documents): a buyer's name, address or gift message the PDF font can't draw as written
(Arabic and Hebrew need shaping and right-to-left order, DejaVu has no CJK or emoji) is printed as an image
of the field, in its place and at its size; never "?", a placeholder, empty boxes or reversed letters."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from station.domain import GiftMessage
from ui.reports import PickLine, packing_slip_pdf, pick_list_pdf
from ui.reports.common import styles
from ui.reports.fields import TextImage, drawable, field

from .conftest import ORDERS, make_order

NAMES = {"arabic": "محمد الأحمد", "japanese": "山田 太郎", "hebrew": "שרה כהן", "emoji": "Anna 🎁 Smith"}
CITY = "Austin TX 73301"
BLNS = Path("/work/shared/fixtures/blns.json")
FRAME_PX = round(7.3 * 300)  # the Letter page's text width at the image fields' 300 ppi


def _tool(name: str, *args: str, data: bytes) -> bytes:
    if shutil.which(name) is None:
        pytest.skip(f"{name} (poppler-utils) not installed")
    return subprocess.run([name, *args], input=data, capture_output=True, check=True, timeout=60).stdout


def pdf_words(data: bytes) -> list[tuple[str, float, float]]:
    """(word, top, bottom) in points from the page top, read back by pdftotext -bbox."""
    out = _tool("pdftotext", "-bbox", "-", "-", data=data).decode()
    found = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)
    return [(html.unescape(word), float(top), float(bottom)) for top, bottom, word in found]


def pdf_images(data: bytes) -> list[tuple[int, int]]:
    """(width, height) in pixels of each image XObject drawn on the pages (pdfimages -list)."""
    out = _tool("pdfimages", "-list", "-", data=data).decode().splitlines()[2:]
    return [(int(cols[3]), int(cols[4])) for cols in (line.split() for line in out) if cols[2] == "image"]


def page_png(data: bytes, dpi: int = 100) -> Image.Image:
    png = _tool("pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-", data=data)
    return Image.open(io.BytesIO(png)).convert("L")


def _slip(name: str, gift: str = "") -> bytes:
    order = make_order(ORDERS[0])
    gifts = (GiftMessage(order.items[0].order_item_id, gift),) if gift else ()
    return packing_slip_pdf(order, ship_to_name=name, ship_to_city=CITY, gifts=gifts)


def _top(words: list[tuple[str, float, float]], word: str) -> float:
    return next(top for w, top, _ in words if w == word)


@pytest.mark.parametrize("script", list(NAMES))
def test_slip_prints_the_buyer_name_as_an_image_in_its_place(script: str) -> None:
    name = NAMES[script]
    data = _slip(name)
    words = pdf_words(data)
    text = " ".join(w for w, _, _ in words)
    assert "?" not in text and "non-Latin" not in text and "see order" not in text
    assert CITY in text  # a field the font draws stays PDF text
    images = pdf_images(data)
    assert len(images) == 1, "the name is one image XObject"
    width, height = images[0]
    assert 20 <= height <= 90 and 60 <= width <= FRAME_PX  # 12 pt type at 300 ppi: about 50 px of ink
    # In its place: between the "Ship to" heading and the city, where the name's text line would be.
    heading_bottom = next(bottom for w, _, bottom in words if w == "to")
    city_top = _top(words, "Austin")
    assert 10 <= city_top - heading_bottom <= 30  # one 12 pt line (15 pt leading) and a little
    page = page_png(data)
    band = page.crop((50, round(heading_bottom * 100 / 72) + 2, 700, round(city_top * 100 / 72) - 2))
    assert band.getextrema()[0] < 100, "the name's image shows on the rendered page"
    # The rest of the slip stays where a Latin name leaves it.
    latin = pdf_words(_slip("Anna Smith"))
    assert abs(_top(words, "box") - _top(latin, "box")) <= 6


@pytest.mark.parametrize("script", list(NAMES))
def test_slip_prints_a_gift_message_in_any_script_as_an_image(script: str) -> None:
    data = _slip("Anna Smith", gift=f"{NAMES[script]}\nHappy birthday")
    text = _tool("pdftotext", "-", "-", data=data).decode()
    assert "?" not in text and "non-Latin" not in text
    assert "Happy birthday" in text and "Anna Smith" in text
    assert len(pdf_images(data)) == 1  # the message's first line; its Latin line stays text


def test_which_fields_the_pdf_font_draws_as_text() -> None:
    body = styles()["body"].fontName
    for text in ("Zoë Ångström", "Ελένη Παπαδοπούλου", "Иван Петров", "3874 Maple Dr", "O'Brien & <Sons>"):
        assert drawable(text, body), text
    for text in (*NAMES.values(), "Ana\u202eevil", "Zalgo Z\u0335\u0321"):
        assert not drawable(text, body), text
    assert not drawable("Zoë 山田", "Helvetica") and drawable("Zoë", "Helvetica")


def test_an_image_field_takes_the_space_of_a_text_line() -> None:
    st = styles()
    for style in (st["body"], st["big"], st["cell"]):
        image = field(NAMES["arabic"], style)
        assert isinstance(image, TextImage)
        _, height = image.wrap(500, 700)
        assert style.leading <= height <= 2 * style.leading


def test_long_fields_are_clipped_not_overflowing() -> None:
    long_name = "محمد الأحمد " * 100
    data = _slip(long_name, gift="山田 太郎のメッセージ" * 200)
    images = pdf_images(data)
    assert len(images) == 2 and all(w <= FRAME_PX for w, _ in images)
    name_h, gift_h = images[0][1], images[1][1]
    assert name_h <= 2 * 1.5 * 50 + 10  # two lines of 12 pt at 300 ppi
    assert gift_h <= 6 * 1.5 * 67 + 10  # six lines of 16 pt
    assert len(_tool("pdftotext", "-", "-", data=data).decode().split("\f")) == 2  # one page (and the end)


def _hostile() -> list[str]:
    if not BLNS.exists():
        return ["^XZ", '"', "\r\n", "山田太郎", "\u202eevil", "<script>", "Z\u0335\u0321" * 40, "\x00\x1b"]
    return [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if isinstance(s, str)]


def test_hostile_strings_never_break_a_document() -> None:
    hostile = _hostile()
    order = make_order(ORDERS[0])
    gifts = tuple(GiftMessage(order.items[0].order_item_id, s) for s in hostile)
    for data in (packing_slip_pdf(order, gifts=gifts, note="\n".join(hostile)),
                 pick_list_pdf([PickLine("A-01", "SKU", s, 1, ORDERS[0]) for s in hostile[::3]])):  # fmt: skip
        text = _tool("pdftotext", "-", "-", data=data).decode()
        assert "non-Latin" not in text
    for s in hostile[::25]:
        assert _slip(s, gift=s).startswith(b"%PDF-")
