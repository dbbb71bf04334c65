"""Shared bits of the printables: an A4 document with DejaVu Sans embedded (so ä, ß, "–" and "€"
print), text wrapped or shrunk to a width, clock times and the names behind the ids of a plan.
Cutting guides and QR codes are in `_marks`.

Text is placed with `FPDF.text` at computed positions rather than with cells: every line is
measured with `get_string_width` first, so nothing a participant typed can run out of its box.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from matching.i18n import format_date
from matching.model import ROSTER_KEY, Event, Participant, Plan

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parents[1] / "fonts"
PT = 25.4 / 72  # millimetres per point
ASCENT = 0.78  # DejaVu Sans: baseline below the top of a line, in ems (ascent 0.93, leading)
INK = (20, 20, 20)
GREY = (85, 85, 85)  # 7.4:1 on white: small print stays readable
ELLIPSIS = "…"


def new_pdf(title: str, lang: str, orientation: str = "portrait") -> FPDF:
    """An A4 document in millimetres, both DejaVu styles embedded, no automatic page breaks."""
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(clean(title))
    pdf.set_creator("Paarweise")
    pdf.set_lang("en" if lang == "en" else "de")
    pdf.set_text_color(*INK)
    return pdf


_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, ...


def clean(text: str) -> str:
    """One line of printable text: composed characters (NFC), invisible ones (soft hyphen,
    zero-width space, byte order mark) dropped, line breaks, tabs and other control characters
    as single spaces, no spaces at the ends."""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    text = "".join(" " if not ch.isprintable() else ch for ch in text)
    return _SPACES.sub(" ", text).strip()


# --- measuring and wrapping -------------------------------------------------------------------


def line_height(size: float, leading: float = 1.2) -> float:
    return size * PT * leading


def width_of(pdf: FPDF, text: str) -> float:
    """The width of `text` in the current font, in mm: what `FPDF.get_string_width` gives for
    plain text (no markdown, no text shaping, no extra spacing), without its per-call set-up,
    which made measuring the slowest part of 300 cards."""
    return pdf.current_font.get_text_width(text, pdf.font_size_pt, None)[1] / pdf.k


def _longest_prefix(pdf: FPDF, word: str, width: float) -> int:
    """How many characters of `word` fit in `width` (at least one, so wrapping always ends)."""
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if width_of(pdf, word[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return low


_PIECES = re.compile(r"[^-]+-*|-+")  # "Multiple-", "Sklerose-", "Gesellschaft"


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` in the current font as lines no wider than `width`. Lines break at spaces and
    after hyphens; a piece longer than a line is split between characters."""
    lines: list[str] = []
    current = ""
    for word in clean(text).split(" "):
        for i, piece in enumerate(_PIECES.findall(word)):
            candidate = f"{current} {piece}" if current and not i else current + piece
            if width_of(pdf, candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while width_of(pdf, piece) > width:
                cut = _longest_prefix(pdf, piece, width)
                lines.append(piece[:cut])
                piece = piece[cut:]
            current = piece
    if current:
        lines.append(current)
    return lines


def ellipsize(pdf: FPDF, text: str, width: float) -> str:
    """`text` in the current font, cut and ended with "…" when it is wider than `width`."""
    if width_of(pdf, text) <= width:
        return text
    cut = _longest_prefix(pdf, text, max(0.0, width - width_of(pdf, ELLIPSIS)))
    return text[:cut].rstrip() + ELLIPSIS


@dataclass(frozen=True, slots=True)
class Block:
    """Lines of one font and size, ready to draw."""

    lines: tuple[str, ...]
    size: float
    style: str = ""
    leading: float = 1.2

    @property
    def height(self) -> float:
        return len(self.lines) * line_height(self.size, self.leading)


def fit(
    pdf: FPDF,
    text: str,
    width: float,
    *,
    size: float,
    smallest: float,
    max_lines: int,
    style: str = "",
    leading: float = 1.2,
    one_line_down_to: float | None = None,
) -> Block:
    """`text` wrapped to `width` at the largest size from `size` down to `smallest` (in half
    points) that needs at most `max_lines` lines; at `smallest` the last line ends in "…".
    With `one_line_down_to`, one line at any size down to that one comes first ("Kemal
    Erfunden" in one line at 22 pt rather than in two at 26)."""
    if one_line_down_to is not None:
        for step in range(int((size - one_line_down_to) * 2) + 1):
            pdf.set_font(FONT, style, size - step / 2)
            lines = wrap(pdf, text, width)
            if len(lines) <= 1:
                return Block(tuple(lines), size - step / 2, style, leading)
    while True:
        pdf.set_font(FONT, style, size)
        lines = wrap(pdf, text, width)
        if len(lines) <= max_lines or size <= smallest:
            break
        size = max(smallest, size - 0.5)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = ellipsize(pdf, lines[-1] + ELLIPSIS, width)
    return Block(tuple(lines), size, style, leading)


def draw(
    pdf: FPDF,
    block: Block,
    x: float,
    y: float,
    *,
    width: float = 0,
    align: str = "L",
    color: tuple[int, int, int] = INK,
) -> float:
    """Draw `block` with its first line's top at `y`; returns the y below the last line.
    `align` "C" or "R" needs `width`."""
    pdf.set_font(FONT, block.style, block.size)
    pdf.set_text_color(*color)
    step = line_height(block.size, block.leading)
    for line in block.lines:
        left = x
        if align != "L":
            spare = width - width_of(pdf, line)
            left = x + (spare / 2 if align == "C" else spare)
        pdf.text(left, y + block.size * PT * ASCENT + (step - block.size * PT) / 2, line)
        y += step
    return y


# --- clock times ------------------------------------------------------------------------------

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_clock(text: str) -> int:
    """ "HH:MM" as minutes after midnight; ValueError with the expected form otherwise."""
    match = _CLOCK.match(text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"A start time needs the form HH:MM (like 09:30), got {text!r}.")
    return int(match[1]) * 60 + int(match[2])


def clock(minutes: float) -> str:
    """Minutes after midnight as "HH:MM" (next day's times wrap round), "HH:MM:SS" when the
    time falls between minutes (half-time of an odd-length round)."""
    seconds = round(minutes * 60) % (24 * 3600)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}" if secs else f"{hours:02d}:{mins:02d}"


def round_start(start: int, round_number: int, minutes: int, break_minutes: int) -> int:
    """When round `round_number` (from 1) starts: rounds of `minutes` with `break_minutes`
    between them for changing tables."""
    return start + (round_number - 1) * (minutes + break_minutes)


def check_break(break_minutes: int) -> int:
    if isinstance(break_minutes, bool) or not isinstance(break_minutes, int) or break_minutes < 0:
        raise ValueError(f"break_minutes must be a whole number >= 0, got {break_minutes!r}.")
    return break_minutes


# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    organisation: str = ""
    stays_seated: bool = False


def people_of(plan: Plan, participants: Iterable[Participant]) -> dict[str, Who]:
    """Name and organisation by id: the list first, then the plan's roster (people since
    removed from the list), and an id nobody knows stands for itself."""
    out: dict[str, Who] = {}
    roster = plan.extra.get(ROSTER_KEY) if isinstance(plan.extra, Mapping) else None
    for pid, known in (roster or {}).items():
        if isinstance(known, Mapping) and str(known.get("name") or "").strip():
            out[str(pid)] = Who(str(known["name"]), str(known.get("organisation") or ""))
    for person in participants:
        out[person.id] = Who(person.name, person.organisation, person.stays_seated)
    for rnd in plan.rounds:
        for pid in (*rnd.seated(), *rnd.resting):
            out.setdefault(pid, Who(pid))
    return out


def event_date(event: Event, lang: str) -> str:
    """The event's date as the language writes it; a date that is not ISO shows as typed."""
    try:
        return format_date(event.date.strip(), lang)
    except ValueError:
        return clean(event.date)


def event_line(event: Event, lang: str) -> str:
    """Title, date and place in one line: "Austausch 2026 · 07.10.2026 · Musterstadt"."""
    parts = (event.title, event_date(event, lang), event.place)
    return " · ".join(clean(part) for part in parts if clean(part))
