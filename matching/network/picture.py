"""The meeting network as a PNG picture (Pillow, no plotting library): for the report and the page.

Edges are lines, thicker for more conversations; nodes are circles, larger for more people
(`people`, 1 for a person), filled in their sector's colour. Colour is never the only signal:
every circle carries its sector's short mark (when it is large enough to hold it), the legend
below writes each sector's mark, colour and name, and the labels name the nodes.

The picture is drawn at twice its size and scaled down (smooth edges), always in the same order
(nodes and edges sorted), so the same graph and positions give the same bytes.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import networkx as nx
from PIL import Image, ImageDraw, ImageFont

from matching.i18n import t
from matching.model import Sector

FONT_DIR = Path(__file__).resolve().parents[1] / "output" / "fonts"
SUPERSAMPLE = 2
LABEL_CHARS = 24  # a longer name is cut and ends in "…"
WHITE = (255, 255, 255)
INK = (25, 25, 25)
EDGE = (95, 95, 95, 150)
NOTE = (70, 70, 70)
# Okabe-Ito colours (told apart also with the common colour-vision deficiencies), each dark
# enough for white text or light enough for black text: the mark's colour follows.
SECTOR_COLOURS: dict[str, tuple[int, int, int]] = {
    Sector.HEALTH_INSURER.value: (0, 114, 178),  # blue
    Sector.CONTACT_OFFICE.value: (230, 159, 0),  # orange
    Sector.SELF_HELP_ORG.value: (0, 158, 115),  # bluish green
    Sector.OTHER.value: (170, 170, 170),  # grey
}
UNKNOWN_COLOUR = (204, 121, 167)  # reddish purple, for a sector outside the four


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def sector_colour(sector: str) -> tuple[int, int, int]:
    return SECTOR_COLOURS.get(sector, UNKNOWN_COLOUR)


def _mark_colour(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever stands out more on `fill` (relative luminance)."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in fill)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else WHITE


def sector_mark(sector: str, lang: str = "de") -> str:
    """The sector's short mark in the circles and the legend ("KK", "KS", "SHO", "S")."""
    known = {s.value for s in Sector}
    return t(f"report.mark.{sector}", lang) if sector in known else "?"


def sector_name(sector: str, lang: str = "de") -> str:
    known = {s.value for s in Sector}
    return t(f"sector.{sector}", lang) if sector in known else sector


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _boxes_overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Overlapping area of two boxes (x0, y0, x1, y1)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def network_png(
    graph: nx.Graph,
    positions: Mapping[object, tuple[float, float]],
    *,
    width: int = 1200,
    height: int = 900,
    labels: bool = True,
    lang: str = "de",
) -> bytes:
    """The graph as PNG bytes of `width` x `height` pixels.

    `positions` gives every node's (x, y) (any scale, e.g. from `layout`; y points up); nodes
    carry `name`, `sector` and, for organisations, `people`; edges carry `weight`. `labels`
    writes each node's name (cut at 24 characters) beside it, moved where it hides no other
    label or circle when there is room. The legend names the sectors in `lang`."""
    if width < 200 or height < 150:
        raise ValueError(f"The picture needs at least 200 x 150 pixels, got {width} x {height}.")
    missing = [n for n in graph.nodes if n not in positions]
    if missing:
        raise ValueError(f"No position for node(s) {sorted(map(str, missing))[:5]}.")

    s = SUPERSAMPLE
    scale = min(width / 1200, height / 900) * s  # sizes below are for 1200 x 900
    big_w, big_h = width * s, height * s
    image = Image.new("RGB", (big_w, big_h), WHITE)
    draw = ImageDraw.Draw(image, "RGBA")

    nodes = sorted(graph.nodes, key=str)
    sectors = {n: str(graph.nodes[n].get("sector", "")) for n in nodes}
    radius = {n: _radius(graph.nodes[n].get("people", 1)) * scale for n in nodes}

    legend_h = 64 * scale
    pad = 22 * scale
    largest = max(radius.values(), default=0)
    label_room = (22 * scale) if labels else 0
    left, right = pad + largest, big_w - pad - largest
    top, bottom = pad + largest, big_h - legend_h - pad - largest - label_room
    xy = _placed(nodes, positions, (left, top, right, bottom))

    edges = [  # each edge drawn from its first end (by name), lighter ones first
        (*sorted((a, b), key=str), w) for a, b, w in graph.edges(data="weight", default=1)
    ]
    edges.sort(key=lambda e: (_edge_width(e[2]), str(e[0]), str(e[1])))
    for a, b, weight in edges:  # heavy lines stay on top
        if a == b:
            continue
        line = max(1, round(_edge_width(weight) * scale))
        draw.line((xy[a], xy[b]), fill=EDGE, width=line)

    taken: list[tuple[float, ...]] = []
    for n in nodes:
        x, y = xy[n]
        r = radius[n]
        fill = sector_colour(sectors[n])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=WHITE, width=round(2 * s))
        taken.append((x - r, y - r, x + r, y + r))
        _mark(draw, sector_mark(sectors[n], lang), (x, y), r, fill, round(12 * scale))

    if labels:
        _labels(draw, graph, nodes, xy, radius, taken, scale, (big_w, big_h - legend_h))

    _legend(draw, sorted(set(sectors.values()), key=_sector_rank), lang, scale, big_w, big_h)
    if not nodes:
        draw.text(
            (big_w / 2, (big_h - legend_h) / 2),
            t("report.picture_empty", lang),
            font=_font(round(18 * scale)),
            fill=INK,
            anchor="mm",
        )

    small = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _radius(people: object) -> float:
    """Circle radius (at 1200 x 900) for a node of `people`: area grows with the people."""
    try:
        n = max(1, int(people))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        n = 1
    return min(34.0, 8.0 + 5.0 * math.sqrt(n))


def _edge_width(weight: object) -> float:
    try:
        w = max(1.0, float(weight))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        w = 1.0
    return min(12.0, 1.5 + 1.6 * (w - 1))


def _sector_rank(sector: str) -> tuple[int, str]:
    order = [s.value for s in Sector]
    return (order.index(sector) if sector in order else len(order), sector)


def _placed(nodes, positions, box) -> dict[object, tuple[float, float]]:
    """Positions scaled into `box` (x0, y0, x1, y1), y turned to point down; one node, or
    nodes all at one spot, sit in the middle."""
    left, top, right, bottom = box
    if not nodes:
        return {}
    xs = [float(positions[n][0]) for n in nodes]
    ys = [float(positions[n][1]) for n in nodes]
    x_span, y_span = max(xs) - min(xs), max(ys) - min(ys)
    x_low, y_high = min(xs), max(ys)
    out = {}
    for n, x, y in zip(nodes, xs, ys, strict=True):
        px = (left + right) / 2 if x_span < 1e-12 else left + (x - x_low) / x_span * (right - left)
        py = (top + bottom) / 2 if y_span < 1e-12 else top + (y_high - y) / y_span * (bottom - top)
        out[n] = (px, py)
    return out


def _labels(draw, graph, nodes, xy, radius, taken, scale, area) -> None:
    """Each name below its circle, or above, right or left of it where it covers less of the
    other labels and circles; kept inside the picture, on a white halo."""
    font = _font(max(8, round(15 * scale)))
    halo = max(1, round(2.5 * scale))
    gap = 4 * scale
    placed: list[tuple[float, ...]] = []
    for n in nodes:
        text = _short(graph.nodes[n].get("name") or str(n))
        if not text:
            continue
        x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
        w, h = x1 - x0, y1 - y0
        x, y = xy[n]
        r = radius[n]
        candidates = (
            (x - w / 2, y + r + gap),  # below
            (x - w / 2, y - r - gap - h),  # above
            (x + r + gap, y - h / 2),  # right
            (x - r - gap - w, y - h / 2),  # left
        )
        best, best_cost = None, math.inf
        for cx, cy in candidates:
            cx = min(max(cx, 2 * scale), area[0] - w - 2 * scale)
            cy = min(max(cy, 2 * scale), area[1] - h - 2 * scale)
            box = (cx, cy, cx + w, cy + h)
            cost = sum(_boxes_overlap(box, other) for other in placed)
            cost += sum(_boxes_overlap(box, other) for other in taken)
            if cost < best_cost:
                best, best_cost = box, cost
            if cost == 0:
                break
        placed.append(best)
        draw.text(
            (best[0] - x0, best[1] - y0),
            text,
            font=font,
            fill=INK,
            stroke_width=halo,
            stroke_fill=WHITE,
        )


def _mark(draw, mark: str, centre, r: float, fill, size: int) -> None:
    """The sector's mark in the middle of a circle of radius `r`, in the largest bold size up
    to `size` that fits inside (left out when even the smallest does not)."""
    smallest = max(7, round(size * 0.55))
    for px in range(max(size, smallest), smallest - 1, -1):
        font = _font(px, bold=True)
        x0, y0, x1, y1 = draw.textbbox((0, 0), mark, font=font)
        if x1 - x0 <= 1.6 * r and y1 - y0 <= 1.2 * r:
            draw.text(centre, mark, font=font, fill=_mark_colour(fill), anchor="mm")
            return


def _legend(draw, sectors, lang, scale, big_w, big_h) -> None:
    """One line at the bottom: per sector a circle with its mark and its name; then what the
    sizes mean."""
    font = _font(max(8, round(15 * scale)))
    y = big_h - 40 * scale
    draw.line((22 * scale, big_h - 64 * scale, big_w - 22 * scale, big_h - 64 * scale),
              fill=(200, 200, 200), width=max(1, round(scale)))  # fmt: skip
    x = 22 * scale
    r = 11 * scale
    for sector in sectors:
        fill = sector_colour(sector)
        draw.ellipse((x, y - r, x + 2 * r, y + r), fill=fill)
        _mark(draw, sector_mark(sector, lang), (x + r, y), r, fill, round(11 * scale))
        label = sector_name(sector, lang)
        draw.text((x + 2 * r + 6 * scale, y), label, font=font, fill=INK, anchor="lm")
        x += 2 * r + 6 * scale + draw.textlength(label, font=font) + 22 * scale
    note = t("report.picture_note", lang)
    note_font = _font(max(8, round(13 * scale)))
    width = draw.textlength(note, font=note_font)
    if x + width <= big_w - 22 * scale:  # on the same line, right-aligned
        draw.text((big_w - 22 * scale, y), note, font=note_font, fill=NOTE, anchor="rm")
    else:  # on a line of its own below
        draw.text((22 * scale, y + 22 * scale), note, font=note_font, fill=NOTE, anchor="lm")
