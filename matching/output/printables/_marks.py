"""Cutting guides and QR codes for the printables, drawn as vector graphics."""

from __future__ import annotations

from collections.abc import Sequence

import segno
from fpdf import FPDF

CUT = (150, 150, 150)


def cut_lines(pdf: FPDF, xs: Sequence[float], ys: Sequence[float], box: Sequence[float]) -> None:
    """Cutting guides for a grid inside `box` (x0, y0, x1, y1): light dashed lines along the
    inner cuts, and short solid marks outside the box (or, when the box is the whole page,
    just inside the printable edge) on every cut line."""
    x0, y0, x1, y1 = box
    pdf.set_draw_color(*CUT)
    pdf.set_line_width(0.15)
    pdf.set_dash_pattern(dash=2, gap=2)
    for x in xs:
        if x0 < x < x1:
            pdf.line(x, y0, x, y1)
    for y in ys:
        if y0 < y < y1:
            pdf.line(x0, y, x1, y)
    pdf.set_dash_pattern()
    pdf.set_line_width(0.3)
    near, far = 2.0, 9.0
    for x in xs:
        top = (5.0, 12.0) if y0 <= 0 else (y0 - far, y0 - near)
        bottom = (pdf.h - 12.0, pdf.h - 5.0) if y1 >= pdf.h else (y1 + near, y1 + far)
        pdf.line(x, top[0], x, top[1])
        pdf.line(x, bottom[0], x, bottom[1])
    for y in ys:
        left = (5.0, 12.0) if x0 <= 0 else (x0 - far, x0 - near)
        right = (pdf.w - 12.0, pdf.w - 5.0) if x1 >= pdf.w else (x1 + near, x1 + far)
        pdf.line(left[0], y, left[1], y)
        pdf.line(right[0], y, right[1], y)


def draw_qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    """A QR code of `data` (error correction M or better, segno's best mask) filling the square
    at (x, y) of side `size`, quiet zone of four modules included, as vector graphics: sharp at
    any zoom, nothing to embed.

    Each run of dark modules in a row is one rectangle, and all of them form one path filled
    once, so rows never show a seam. The path is written with `FPDF._out`, the call fpdf2's
    own shapes use (fpdf2 is pinned): one `rect` per run took a second for 300 cards and the
    public drawing API eight."""
    matrix = segno.make(data, error="m", micro=False).matrix
    module = size / (len(matrix) + 8)
    k, page_h = pdf.k, pdf.h
    height = -module * k
    ops = []
    for r, row in enumerate(matrix):
        top = (page_h - y - (r + 4) * module) * k
        c, n = 0, len(row)
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            left = (x + (start + 4) * module) * k
            ops.append(f"{left:.3f} {top:.3f} {(c - start) * module * k:.3f} {height:.3f} re")
    pdf.set_fill_color(0, 0, 0)
    pdf._out("\n".join(ops) + "\nf")  # see above
