"""Label builders (ZPL, TSPL) and previews."""

from drivers.labels.layouts import fnsku_label_tspl, fnsku_label_zpl, shipping_label_tspl, shipping_label_zpl
from drivers.labels.render import render_zpl_png
from drivers.labels.text import fit_text, size_dots
from drivers.labels.tspl import TsplBuilder, tspl_string
from drivers.labels.zpl import ZplBuilder, fh_escape

__all__ = [
    "TsplBuilder",
    "ZplBuilder",
    "fh_escape",
    "fit_text",
    "fnsku_label_tspl",
    "fnsku_label_zpl",
    "render_zpl_png",
    "shipping_label_tspl",
    "shipping_label_zpl",
    "size_dots",
    "tspl_string",
]
