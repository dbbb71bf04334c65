"""Personal cards: one A6 card per person, four to an A4 page with cutting guides.

A card shows the event, the person's name (large) and organisation, then one line per round:
round number, start time (only with a start time), table and the partner(s) with their
organisation, or "Pause". Someone who stays seated at one table all event reads "Sie bleiben an
Tisch 4" once at the top instead of the table in every line. With a personal link the card ends
in a QR code of it (bottom right) and the link as small text.

Nothing overflows: names and organisations wrap and shrink (an ellipsis only for text that does
not fit even at the smallest size), the round lines shrink as a whole to fit, and when a long
event does not fit even then, the person gets a second card ("1/2", "2/2").

Cards come in the order of `participants`; people who are in no round of the plan get none.
Round k starts at `start_time + (k - 1) * (minutes_per_round + break_minutes)`, the same clock
as the run sheet's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fpdf import FPDF

from matching.i18n import t
from matching.model import Event, Participant, Plan
from matching.output.printables._common import (
    FONT,
    GREY,
    INK,
    Block,
    Who,
    check_break,
    clean,
    clock,
    draw,
    ellipsize,
    event_date,
    fit,
    line_height,
    new_pdf,
    parse_clock,
    people_of,
    round_start,
    wrap,
)
from matching.output.printables._marks import cut_lines, draw_qr

CARD_W, CARD_H = 105.0, 148.5  # A6: four fill an A4 page
PAD = 9.0  # inside the card: clear of the cut and of a printer's unprintable edge
QR_SIZE = 22.0  # quiet zone included: modules of 0.5 mm, read by any phone camera
QR_SINK = 2.0  # the quiet zone may lie in the card's padding
ROW_SIZES = (13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
HEAD_SIZE = 7.5
ROW_GAP = 1.4
COLUMNS = {"round": 8.5, "time": 15.0, "table": 10.0}


@dataclass(frozen=True, slots=True)
class _Row:
    round: int
    time: str
    table: str  # "" on a seated person's card (the table is said once at the top)
    note: str  # "Pause" / "nicht eingeplant"; "" when there are partners
    partners: tuple[Who, ...]


def cards_pdf(
    event: Event,
    plan: Plan,
    participants: Iterable[Participant],
    lang: str = "de",
    links: Mapping[str, str] | None = None,
    start_time: str | None = None,
    *,
    break_minutes: int = 2,
) -> bytes:
    """The personal cards as PDF bytes (see the module text). `links` maps a person's id to
    their personal link (QR code); `start_time` "HH:MM" adds each round's start time."""
    people = list(participants)
    who = people_of(plan, people)
    start = parse_clock(start_time) if start_time else None
    gap = check_break(break_minutes)
    pdf = new_pdf(f"{t('print.cards_title', lang)} – {event.title}", lang)
    planned = {pid for rnd in plan.rounds for pid in (*rnd.seated(), *rnd.resting)}
    slot = 0
    for person in people:
        if person.id not in planned:
            continue
        seated_at = _seated_table(plan, person)
        rows = _rows(plan, person.id, who, seated_at, event, start, gap, lang)
        link = clean((links or {}).get(person.id) or "")
        card = _Card(pdf, event, person, seated_at, link, lang, bool(start is not None))
        parts = card.split(rows)
        for part, chunk in enumerate(parts, start=1):
            if slot % 4 == 0:
                pdf.add_page()
                cut_lines(pdf, [CARD_W], [CARD_H], (0, 0, pdf.w, pdf.h))
            card.draw((slot % 2) * CARD_W, (slot // 2 % 2) * CARD_H, chunk, part, len(parts))
            slot += 1
    if not slot:
        pdf.add_page()
    return bytes(pdf.output())


def _seated_table(plan: Plan, person: Participant) -> int | None:
    """The one table a seated person keeps all event, None when they move (or are not seated)."""
    if not person.stays_seated:
        return None
    numbers = {rnd.table_of(person.id).number for rnd in plan.rounds if rnd.table_of(person.id)}
    return numbers.pop() if len(numbers) == 1 else None


def _rows(
    plan: Plan,
    pid: str,
    who: Mapping[str, Who],
    seated_at: int | None,
    event: Event,
    start: int | None,
    gap: int,
    lang: str,
) -> list[_Row]:
    rows = []
    for rnd in plan.rounds:
        time = (
            ""
            if start is None
            else clock(round_start(start, rnd.number, event.minutes_per_round, gap))
        )
        table = rnd.table_of(pid)
        if table is not None:
            partners = tuple(who[m] for m in table.members if m != pid)
            number = "" if seated_at is not None else str(table.number)
            rows.append(_Row(rnd.number, time, number, "", partners))
        else:
            note = t("print.rest" if pid in rnd.resting else "print.not_planned", lang)
            rows.append(_Row(rnd.number, time, "" if seated_at is not None else "–", note, ()))
    return rows


class _Card:
    """Lays out and draws one person's card; `split` decides how many cards the rounds need."""

    def __init__(
        self,
        pdf: FPDF,
        event: Event,
        person: Participant,
        seated_at: int | None,
        link: str,
        lang: str,
        timed: bool,
    ) -> None:
        self.pdf, self.event, self.person, self.lang = pdf, event, person, lang
        self.seated_at, self.link, self.timed = seated_at, link, timed
        self.width = CARD_W - 2 * PAD
        head = " · ".join(part for part in (event_date(event, lang), clean(event.title)) if part)
        self.head = fit(pdf, head, self.width, size=HEAD_SIZE, smallest=HEAD_SIZE, max_lines=1)
        self.name = fit(pdf, person.name, self.width, size=20, smallest=12, max_lines=3,
                        style="B", one_line_down_to=16)  # fmt: skip
        org = clean(person.organisation)
        self.org = (
            fit(pdf, org, self.width, size=11, smallest=8, max_lines=2) if org else Block((), 11)
        )
        self.banner = self._banner() if seated_at is not None else None
        columns = [c for c in ("round", "time", "table") if c != "time" or timed]
        if seated_at is not None:
            columns.remove("table")
        self.columns = columns
        self.text_x = sum(COLUMNS[c] for c in columns)
        head = self.head.height + 1.0 + self.name.height + self.org.height + 2.0
        if self.banner:
            head += self.banner[2] + 2.0
        foot = QR_SIZE - QR_SINK if link else 0.0  # the quiet zone keeps the rounds clear
        self.rows_height = CARD_H - 2 * PAD - head - foot - line_height(HEAD_SIZE) - 1.0

    def _banner(self) -> tuple[Block, Block, float]:
        pdf, width = self.pdf, self.width - 6
        text = t("print.seated_at", self.lang, table=self.seated_at)
        big = fit(pdf, text, width, size=13, smallest=9, max_lines=2, style="B")
        pdf.set_font(FONT, "", 8)
        note = Block(tuple(wrap(pdf, t("print.seated_note", self.lang), width)), 8, leading=1.1)
        return big, note, big.height + note.height + 2.6

    # --- the rounds -----------------------------------------------------------------------

    def _row_blocks(self, row: _Row, size: float) -> tuple[list[tuple[Block, tuple]], float]:
        """The partner column of one row as (block, colour) pieces, and the row's height."""
        pdf, width = self.pdf, self.width - self.text_x
        pieces: list[tuple[Block, tuple]] = []
        if not row.partners:
            pieces.append((fit(pdf, row.note, width, size=size, smallest=size, max_lines=2), INK))
        small = max(6.5, size * 0.8)
        for partner in row.partners:
            name = fit(pdf, partner.name, width, size=size, smallest=size, max_lines=2, style="B")
            pieces.append((name, INK))
            if clean(partner.organisation):
                org = fit(pdf, partner.organisation, width, size=small, smallest=small, max_lines=3)
                pieces.append((org, GREY))
        height = sum(block.height for block, _ in pieces) + ROW_GAP
        return pieces, max(height, line_height(size) + ROW_GAP)

    def split(self, rows: list[_Row]) -> list[tuple[float, list[tuple[_Row, list, float]]]]:
        """The rounds at the largest size that fits one card; at the smallest size spread over
        as many cards as they need. Each part is (size, [(row, pieces, height)])."""

        def layout(size: float) -> list[tuple[_Row, list, float]]:
            return [(row, *self._row_blocks(row, size)) for row in rows]

        def fits(laid: list[tuple[_Row, list, float]]) -> bool:
            return sum(height for _, _, height in laid) <= self.rows_height

        best = None  # binary search: heights only grow with the size
        low, high = 0, len(ROW_SIZES) - 1
        while low <= high:
            middle = (low + high) // 2
            laid = layout(ROW_SIZES[middle])
            if fits(laid):
                best, high = (ROW_SIZES[middle], laid), middle - 1
            else:
                low = middle + 1
        if best is not None:
            return [best]
        size = ROW_SIZES[-1]
        laid = layout(size)
        parts: list[tuple[float, list]] = [(size, [])]
        used = 0.0
        for item in laid:
            if parts[-1][1] and used + item[2] > self.rows_height:
                parts.append((size, []))
                used = 0.0
            parts[-1][1].append(item)
            used += item[2]
        return parts

    # --- drawing --------------------------------------------------------------------------

    def draw(self, x: float, y: float, part: tuple, number: int, count: int) -> None:
        pdf, left, width = self.pdf, x + PAD, self.width
        cur = draw(pdf, self.head, left, y + PAD, color=GREY)
        cur = draw(pdf, self.name, left, cur + 1.0)
        cur = draw(pdf, self.org, left, cur) + 2.0
        if self.banner:
            big, note, height = self.banner
            pdf.set_fill_color(235, 235, 235)
            pdf.rect(left, cur, width, height, "F")
            below = draw(pdf, big, left + 3, cur + 1.3)
            draw(pdf, note, left + 3, below, color=GREY)
            cur += height + 2.0
        size, laid = part
        cur = self._headings(left, cur, f"{number}/{count}" if count > 1 else "")
        for row, pieces, height in laid:
            self._row(left, cur, row, pieces, size)
            cur += height
        if self.link:
            self._footer(left, y + CARD_H - PAD - QR_SIZE + QR_SINK)

    def _headings(self, left: float, y: float, part: str) -> float:
        pdf = self.pdf
        pdf.set_font(FONT, "", HEAD_SIZE)
        x = left
        for column in self.columns:
            label = fit(pdf, t(f"print.col_{column}", self.lang), COLUMNS[column] - 0.8,
                        size=HEAD_SIZE, smallest=5.5, max_lines=1)  # fmt: skip
            draw(pdf, label, x, y, color=GREY)
            x += COLUMNS[column]
        label = ellipsize(pdf, t("print.col_partners", self.lang), self.width - self.text_x - 12)
        draw(pdf, Block((label,), HEAD_SIZE), x, y, color=GREY)
        if part:  # "1/2" when the rounds need a second card
            draw(pdf, Block((part,), HEAD_SIZE, "B"), left, y, width=self.width, align="R")
        y += line_height(HEAD_SIZE) + 0.6
        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.3)
        pdf.line(left, y, left + self.width, y)
        return y + 0.6

    def _row(self, left: float, y: float, row: _Row, pieces: list, size: float) -> None:
        pdf = self.pdf
        cells = {"round": (str(row.round), ""), "time": (row.time, ""), "table": (row.table, "B")}
        x = left
        for column in self.columns:
            text, style = cells[column]
            pdf.set_font(FONT, style, size)
            draw(pdf, Block((ellipsize(pdf, text, COLUMNS[column] - 1),), size, style), x, y)
            x += COLUMNS[column]
        cur = y
        for block, colour in pieces:
            cur = draw(pdf, block, x, cur, color=colour)
        bottom = y + max(cur - y, line_height(size)) + ROW_GAP / 2
        pdf.set_draw_color(200, 200, 200)
        pdf.set_line_width(0.15)
        pdf.line(left, bottom, left + self.width, bottom)

    def _footer(self, left: float, top: float) -> None:
        pdf = self.pdf
        draw_qr(pdf, self.link, left + self.width - QR_SIZE + QR_SINK, top, QR_SIZE)
        width = self.width - QR_SIZE - 1
        hint = fit(pdf, t("print.card_qr", self.lang), width, size=9, smallest=7, max_lines=3)
        cur = draw(pdf, hint, left, top + 3, color=INK) + 1
        pdf.set_font(FONT, "", 6.5)
        link = Block(tuple(wrap(pdf, self.link, width)[:4]), 6.5)
        draw(pdf, link, left, cur, color=GREY)
