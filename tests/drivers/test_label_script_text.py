"""Issue 15 item 11 (print): a buyer's name or address line in a script the printer font lacks is printed
as an image (^GFA on ZPL, BITMAP on TSPL) drawn by Qt with the Noto fonts, never "?" or
"[non-Latin text - see order]"."""

from __future__ import annotations

import io
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from drivers.labels import shipping_label_tspl, shipping_label_zpl
from drivers.labels.script_text import needs_image, text_image
from drivers.labels.text import NON_LATIN_FALLBACK

from .conftest import blns

SHIP_FROM = SimpleNamespace(name="Pacific Prep", address_line1="100 Harbor Way", city="Tacoma",
                            state_or_region="WA", postal_code="98421", country_code="US")  # fmt: skip


def _to(name: str, line1: str) -> SimpleNamespace:
    return SimpleNamespace(name=name, address_line1=line1, address_line2="", address_line3="", city="Austin",
                           state_or_region="TX", postal_code="73301", country_code="US")  # fmt: skip


def test_which_lines_need_an_image() -> None:
    assert not needs_image("Zoë Müller") and not needs_image("3874 Maple Dr") and not needs_image("Is it? yes")
    assert needs_image("山田太郎") and needs_image("Taro 山田") and needs_image("سارة أحمد") and needs_image("שלום")
    assert not needs_image("Zoë", "latin1")


@pytest.mark.parametrize("text", ["山田太郎", "سارة أحمد", "שלום עולם", "東京都港区六本木1-2-3", "Anna 🎁"])
def test_a_noto_font_draws_it(text: str) -> None:
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


NAMES = {"arabic": "محمد الأحمد", "japanese": "山田 太郎", "hebrew": "שרה כהן", "emoji": "Anna 🎁 Smith"}


def _tspl(name: str, line1: str = "3874 Maple Dr") -> bytes:
    return shipping_label_tspl(ship_to=_to(name, line1), ship_from=SHIP_FROM, carrier="UPS", service="Ground",
                               tracking="1Z999AA10123456784", order_id="113-4827711-0093312")  # fmt: skip


def _bitmaps(job: bytes) -> list[Image.Image]:
    """The BITMAP fields of a TSPL job, decoded (TSPL prints 0 bits black; shown black on white)."""
    out = []
    for part in job.split(b"\r\nBITMAP ")[1:]:
        head, _, rest = part.partition(b",0,")
        _x, _y, row, height = (int(v) for v in head.split(b","))
        out.append(Image.frombytes("1", (row * 8, height), rest[: row * height]))
    return out


@pytest.mark.parametrize("script", list(NAMES))
def test_tspl_label_prints_the_buyer_name_as_a_bitmap(script: str) -> None:
    job = _tspl(NAMES[script])
    assert NON_LATIN_FALLBACK.encode() not in job and b"non-Latin" not in job
    texts = [line for line in job.split(b"\r\n") if line.startswith(b"TEXT ")]
    assert not any(b"?" in line for line in texts)
    assert b'"3874 Maple Dr"' in job and b'"Austin, TX 73301"' in job  # the Latin lines stay printer text
    images = _bitmaps(job)
    assert len(images) == 1
    assert b"BITMAP 60,260," in job  # where the name's TEXT would have been
    img = images[0]
    assert 20 <= img.height <= 56 and 30 <= img.width <= 732
    assert img.convert("L").getextrema() == (0, 255)  # ink on paper
    assert job.endswith(b"\r\nPRINT 1,1\r\n")


def test_tspl_ship_to_lines_stay_inside_their_band_and_the_label() -> None:
    long_line = "شارع الملك فهد " * 20
    ship_to = SimpleNamespace(name="山田 太郎" * 30, address_line1=long_line, address_line2="Suite " + "9" * 200,
                              address_line3="Bldg 7", city="Austin", state_or_region="TX", postal_code="73301",
                              country_code="SA")  # fmt: skip
    job = shipping_label_tspl(ship_to=ship_to, ship_from=SHIP_FROM, carrier="UPS", service="Ground",
                              tracking="1Z999AA10123456784")  # fmt: skip
    for line in job.split(b"\r\n"):
        if line.startswith(b"TEXT 60,"):
            assert len(line.split(b",", 6)[6]) <= 2 + 732 // 16
    images = _bitmaps(job)
    assert len(images) == 2 and all(img.width <= 732 for img in images)
    ys = [int(part.split(b",")[1]) for part in job.split(b"\r\nBITMAP ")[1:]]
    assert all(y >= 260 and y + img.height <= 560 for y, img in zip(ys, images, strict=True))


def test_hostile_strings_never_break_a_tspl_or_zpl_label() -> None:
    for text in blns():
        job = _tspl(text, text)
        assert job.count(b"\r\nPRINT 1,1\r\n") == 1 and NON_LATIN_FALLBACK.encode() not in job
        zpl = shipping_label_zpl(ship_to=_to(text, text), ship_from=SHIP_FROM, carrier="UPS", service="Ground",
                                 tracking="1Z999AA10123456784")  # fmt: skip
        assert zpl.count(b"^XZ") == 1


def test_fields_render_off_the_gui_thread(qapp: Any) -> None:
    """The station builds slips and labels in a worker thread: Qt draws text into an image there too."""
    from ui.text_image import render

    out: list[Any] = []
    worker = threading.Thread(target=lambda: out.append(render(NAMES["japanese"], px=40, max_width=700)))
    worker.start()
    worker.join(timeout=30)
    assert out and out[0] is not None and out[0].complete and out[0].image.getextrema()[0] == 0


def test_without_a_renderer_a_label_keeps_folded_text(text_renderer: None) -> None:
    """drivers import no GUI toolkit: a program that installed no renderer still prints (folded text)."""
    from drivers.labels import script_text

    script_text.use_renderer(None)
    assert text_image("山田太郎", 40, 700) is None
    job = _tspl(NAMES["japanese"])
    assert b"BITMAP" not in job and b'"3874 Maple Dr"' in job and job.endswith(b"\r\nPRINT 1,1\r\n")
