"""Table signs: one A4 landscape page per table number of the plan, readable across the room.

Each sign shows "Tisch" and the number as large as the page allows. A table where someone stays
seated all event (the table of a seated person in `participants`) says "bleibt besetzt" in a
black band, so nobody clears that chair.

Online and hybrid events (a link template): the sign carries the table's video room as QR code
and as text. When the template has no {round}, a table keeps its room all event and that one
link is printed. With {round} every round has its own room, which a printed sign cannot follow:
the sign shows the room of the first round the table is used in, labelled with that round, and
says that the big screen and the personal page show the room of every round.
"""

from __future__ import annotations

from collections.abc import Iterable

from fpdf import FPDF

from matching.i18n import t
from matching.live.links import table_link, validate_link_template
from matching.model import Event, Participant, Plan
from matching.output.printables._common import (
    FONT,
    GREY,
    PT,
    Block,
    draw,
    ellipsize,
    event_line,
    fit,
    line_height,
    new_pdf,
    wrap,
)
from matching.output.printables._marks import draw_qr

MARGIN = 15.0
QR_SIZE = 78.0
DIGIT_HEIGHT = 0.73  # DejaVu Sans Bold: height of a digit, in ems


def table_signs_pdf(
    event: Event,
    plan: Plan,
    lang: str = "de",
    link_template: str = "",
    *,
    participants: Iterable[Participant] | None = None,
) -> bytes:
    """The table signs as PDF bytes (see the module text), in table order. "bleibt besetzt"
    needs `participants` (who stays seated): a plan alone cannot tell, as a short plan may keep
    anyone at one table by chance. A bad template raises LinkTemplateError (a ValueError whose
    `message(lang)` says why)."""
    template = validate_link_template(link_template)
    first_round: dict[int, int] = {}
    for rnd in plan.rounds:
        for table in rnd.tables:
            first_round.setdefault(table.number, rnd.number)
    kept = _kept_tables(plan, participants)
    pdf = new_pdf(f"{t('print.signs_title', lang)} – {event.title}", lang, "landscape")
    for number in sorted(first_round):
        pdf.add_page()
        link = ""
        if template:
            link = table_link(template, event.title, first_round[number], number)
        per_round = "{round}" in template
        _sign(pdf, event, number, number in kept, link, per_round, first_round[number], lang)
    if not first_round:
        pdf.add_page()
    return bytes(pdf.output())


def _kept_tables(plan: Plan, participants: Iterable[Participant] | None) -> set[int]:
    """Tables of people who stay seated (every table they sit at, if a re-plan moved them)."""
    seated = {p.id for p in participants or () if p.stays_seated}
    return {
        table.number for rnd in plan.rounds for table in rnd.tables if seated & set(table.members)
    }


def _sign(
    pdf: FPDF,
    event: Event,
    number: int,
    kept: bool,
    link: str,
    per_round: bool,
    round_number: int,
    lang: str,
) -> None:
    width = pdf.w - 2 * MARGIN
    pdf.set_font(FONT, "", 13)
    head = Block((ellipsize(pdf, event_line(event, lang), width),), 13)
    top = draw(pdf, head, MARGIN, MARGIN, width=width, align="C", color=GREY) + 4
    bottom = pdf.h - MARGIN
    if kept:
        bottom = _kept_band(pdf, bottom, width, lang) - 6
    area = width
    if link:
        area = width - QR_SIZE - 10
        _room(pdf, link, per_round, round_number, pdf.w - MARGIN - QR_SIZE, top, bottom, lang)
    label = Block((t("print.col_table", lang),), 44, "B")
    y = draw(pdf, label, MARGIN, top, width=area, align="C")
    text = str(number)
    pdf.set_font(FONT, "B", 100)
    size = min(400.0, 100 * area / pdf.get_string_width(text), (bottom - y - 6) / DIGIT_HEIGHT / PT)
    pdf.set_font(FONT, "B", size)
    height = size * PT * DIGIT_HEIGHT
    baseline = y + (bottom - y + height) / 2
    pdf.set_text_color(0, 0, 0)
    pdf.text(MARGIN + (area - pdf.get_string_width(text)) / 2, baseline, text)


def _kept_band(pdf: FPDF, bottom: float, width: float, lang: str) -> float:
    """The black band at the bottom with "bleibt besetzt" and why; returns its top."""
    big = fit(pdf, t("print.sign_kept", lang), width - 20, size=40, smallest=20, max_lines=1,
              style="B")  # fmt: skip
    pdf.set_font(FONT, "", 15)
    note = Block(tuple(wrap(pdf, t("print.sign_kept_note", lang), width - 20)), 15)
    height = big.height + note.height + 10
    top = bottom - height
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(MARGIN, top, width, height, "F")
    y = draw(pdf, big, MARGIN, top + 4, width=width, align="C", color=(255, 255, 255))
    draw(pdf, note, MARGIN, y + 1, width=width, align="C", color=(255, 255, 255))
    return top


def _room(
    pdf: FPDF,
    link: str,
    per_round: bool,
    round_number: int,
    x: float,
    top: float,
    bottom: float,
    lang: str,
) -> None:
    """The video room at the right: a caption, the QR code, the link as text, for a room per
    round the note where the other rounds' rooms are."""
    key = "print.sign_room_round" if per_round else "print.sign_room"
    caption = fit(pdf, t(key, lang, round=round_number), QR_SIZE, size=15, smallest=10,
                  max_lines=2, style="B")  # fmt: skip
    y = draw(pdf, caption, x, top + 2, width=QR_SIZE, align="C")
    draw_qr(pdf, link, x, y + 1, QR_SIZE)
    y += QR_SIZE + 3
    pdf.set_font(FONT, "", 9)
    lines = wrap(pdf, link, QR_SIZE)
    y = draw(pdf, Block(tuple(lines[:5]), 9), x, y, width=QR_SIZE, align="C")
    if per_round:
        room = bottom - y - 3
        note = fit(pdf, t("print.sign_room_note", lang), QR_SIZE, size=11, smallest=7,
                   max_lines=max(1, int(room // line_height(7))))  # fmt: skip
        draw(pdf, note, x, y + 3, width=QR_SIZE, align="C", color=GREY)
