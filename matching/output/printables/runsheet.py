"""The facilitator's run sheet: A4, one block per round with its start, half-time (the two swap
roles) and end on the clock, the question, every table with the names at it, and who rests.

Round k starts at `start_time + (k - 1) * (minutes_per_round + break_minutes)` - the clock the
personal cards print too. Without a start time the sheet counts from the start instead
("+0:16"). Tables run in two columns; a round that does not fit the page continues on the next,
its heading repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fpdf import FPDF

from matching.i18n import t
from matching.live.screen import question_for
from matching.model import Event, Participant, Plan, Round
from matching.output.printables._common import (
    FONT,
    GREY,
    Block,
    check_break,
    clean,
    clock,
    draw,
    ellipsize,
    event_line,
    fit,
    line_height,
    new_pdf,
    parse_clock,
    people_of,
    round_start,
    wrap,
)

MARGIN = 15.0
BOTTOM = 297.0 - 16.0  # the footer sits below
SIZE = 9.5
NUMBER_W = 9.0
COLUMN_GAP = 6.0


def run_sheet_pdf(
    event: Event,
    plan: Plan,
    participants: Iterable[Participant],
    lang: str = "de",
    start_time: str | None = None,
    break_minutes: int = 2,
) -> bytes:
    """The run sheet as PDF bytes (see the module text); `start_time` "HH:MM"."""
    who = people_of(plan, participants)
    gap = check_break(break_minutes)
    start = parse_clock(start_time) if start_time else None
    at: Callable[[float], str] = _elapsed if start is None else clock
    sheet = _Sheet(new_pdf(f"{t('print.runsheet_title', lang)} – {event.title}", lang), event, lang)
    minutes = event.minutes_per_round
    total = len(plan.rounds)
    begin = 0 if start is None else start
    last = plan.rounds[-1].number if plan.rounds else 1
    sheet.intro(
        t("print.runsheet_facts", lang, rounds=total, minutes=minutes, pause=gap),
        t("print.runsheet_span", lang, start=at(begin),
          end=at(round_start(begin, last, minutes, gap) + minutes)),
    )  # fmt: skip
    for rnd in plan.rounds:
        opens = round_start(begin, rnd.number, minutes, gap)
        times = t("print.runsheet_times", lang, start=at(opens), half=at(opens + minutes / 2),
                  end=at(opens + minutes))  # fmt: skip
        heading = t("print.runsheet_round", lang, round=rnd.number, total=total)
        sheet.round(rnd, heading, times, question_for(event, rnd.number), who)
    return bytes(sheet.pdf.output())


def _elapsed(minutes: float) -> str:
    """Minutes since the start as "+H:MM" ("+0:03:30" between minutes)."""
    seconds = round(minutes * 60)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"+{hours}:{mins:02d}:{secs:02d}" if secs else f"+{hours}:{mins:02d}"


class _Sheet:
    def __init__(self, pdf: FPDF, event: Event, lang: str) -> None:
        self.pdf, self.event, self.lang = pdf, event, lang
        self.width = pdf.w - 2 * MARGIN
        self.y = MARGIN
        self._page()

    def _page(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font(FONT, "", 8)
        footer = f"{t('print.runsheet_title', self.lang)} · {clean(self.event.title)}"
        page = t("print.page", self.lang, page=pdf.page_no())
        footer = ellipsize(pdf, footer, self.width - pdf.get_string_width(page) - 5)
        draw(pdf, Block((footer,), 8), MARGIN, pdf.h - 12, color=GREY)
        draw(pdf, Block((page,), 8), MARGIN, pdf.h - 12, width=self.width, align="R", color=GREY)
        self.y = MARGIN

    def _room_for(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self._page()

    def intro(self, facts: str, span: str) -> None:
        pdf = self.pdf
        title = fit(pdf, t("print.runsheet_title", self.lang), self.width, size=20, smallest=20,
                    max_lines=1, style="B")  # fmt: skip
        self.y = draw(pdf, title, MARGIN, self.y)
        line = fit(pdf, event_line(self.event, self.lang), self.width, size=11, smallest=9,
                   max_lines=3)  # fmt: skip
        self.y = draw(pdf, line, MARGIN, self.y + 1)
        pdf.set_font(FONT, "", 10)
        text = Block(tuple(wrap(pdf, f"{facts} {span}", self.width)), 10)
        self.y = draw(pdf, text, MARGIN, self.y + 1, color=GREY) + 5

    def _heading(self, heading: str, times: str, continued: bool) -> None:
        pdf = self.pdf
        if continued:
            heading = f"{heading} ({t('print.continued', self.lang)})"
        head = fit(pdf, heading, self.width * 0.45, size=13, smallest=10, max_lines=1, style="B")
        when = fit(pdf, times, self.width * 0.55 - 6, size=11, smallest=8, max_lines=1, style="B")
        height = head.height + 3
        pdf.set_fill_color(232, 232, 232)
        pdf.rect(MARGIN, self.y, self.width, height, "F")
        draw(pdf, head, MARGIN + 2, self.y + 1.5)
        shift = (head.height - when.height) / 2
        draw(pdf, when, MARGIN, self.y + 1.5 + shift, width=self.width - 2, align="R")
        self.y += height + 2

    def round(self, rnd: Round, heading: str, times: str, question: str, who: dict) -> None:
        pdf = self.pdf
        blocks = []
        if question:
            blocks.append(fit(pdf, t("print.question", self.lang, question=question), self.width,
                              size=10.5, smallest=10.5, max_lines=6))  # fmt: skip
        rows = self._table_rows(rnd, who)
        first_row = rows[0][2] if rows else 0
        self._room_for(line_height(13) + 5 + sum(b.height for b in blocks) + first_row)
        self._heading(heading, times, continued=False)
        for block in blocks:
            self.y = draw(pdf, block, MARGIN, self.y) + 1.5
        for row, height in ((r[:2], r[2]) for r in rows):
            if self.y + height > BOTTOM:
                self._page()
                self._heading(heading, times, continued=True)
            x = MARGIN
            for number, names in row:
                if number:
                    draw(pdf, number, x, self.y)
                    draw(pdf, names, x + NUMBER_W, self.y)
                x += (self.width + COLUMN_GAP) / 2
            self.y += height
        if rnd.resting:
            names = ", ".join(who[pid].name for pid in rnd.resting)
            block = fit(pdf, t("print.resting", self.lang, names=names), self.width,
                        size=SIZE, smallest=SIZE, max_lines=20)  # fmt: skip
            self._room_for(block.height + 1)
            self.y = draw(pdf, block, MARGIN, self.y + 1)
        self.y += 5

    def _table_rows(self, rnd: Round, who: dict) -> list[tuple]:
        """The tables two to a line: [(left, right, height)], each side (number, names)."""
        pdf = self.pdf
        column = (self.width - COLUMN_GAP) / 2 - NUMBER_W
        cells = []
        for table in sorted(rnd.tables, key=lambda tb: tb.number):
            pdf.set_font(FONT, "B", SIZE)
            number = Block((ellipsize(pdf, str(table.number), NUMBER_W - 1),), SIZE, "B")
            names = " · ".join(clean(who[m].name) for m in table.members)
            pdf.set_font(FONT, "", SIZE)
            cells.append((number, Block(tuple(wrap(pdf, names, column)), SIZE)))
        empty = (None, None)
        rows = []
        for i in range(0, len(cells), 2):
            pair = (cells[i], cells[i + 1] if i + 1 < len(cells) else empty)
            height = max(c[1].height for c in pair if c[1]) + 1.2
            rows.append((*pair, height))
        return rows
