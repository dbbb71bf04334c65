"""Name badges: 90 x 55 mm (fits the usual badge holders), eight to an A4 page with cutting
guides, in the order of the list.

A badge shows the event (small), the name (large, wrapping and shrinking to fit) and the
organisation, and at the bottom a band in the sector's colour with the sector written out -
the colour helps to spot a sector across the room, the word says it, so colour is never the
only signal. The four colours come from the Okabe-Ito palette (told apart with every common
colour-vision deficiency); the band's text is white or black, whichever reads at 4.5:1 or
better on that colour.
"""

from __future__ import annotations

from collections.abc import Iterable

from fpdf import FPDF

from matching.i18n import t
from matching.model import Event, Participant, Sector
from matching.output.printables._common import (
    FONT,
    GREY,
    Block,
    clean,
    draw,
    ellipsize,
    fit,
    new_pdf,
)
from matching.output.printables._marks import cut_lines

BADGE_W, BADGE_H = 90.0, 55.0
COLUMNS, ROWS = 2, 4
LEFT = (210.0 - COLUMNS * BADGE_W) / 2
TOP = (297.0 - ROWS * BADGE_H) / 2
PAD = 5.0
BAND_H = 11.0
BAND_INSET = 2.5  # clear of the cut: a slightly crooked cut leaves no colour on the next badge

# sector: (band colour, text colour)
SECTOR_COLOURS: dict[Sector, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    Sector.HEALTH_INSURER: ((0, 114, 178), (255, 255, 255)),  # blue
    Sector.CONTACT_OFFICE: ((230, 159, 0), (0, 0, 0)),  # orange
    Sector.SELF_HELP_ORG: ((0, 158, 115), (0, 0, 0)),  # bluish green
    Sector.OTHER: ((204, 121, 167), (0, 0, 0)),  # reddish purple
}


def badges_pdf(participants: Iterable[Participant], event: Event, lang: str = "de") -> bytes:
    """The name badges as PDF bytes (see the module text)."""
    pdf = new_pdf(f"{t('print.badges_title', lang)} – {event.title}", lang)
    per_page = COLUMNS * ROWS
    xs = [LEFT + i * BADGE_W for i in range(COLUMNS + 1)]
    ys = [TOP + i * BADGE_H for i in range(ROWS + 1)]
    pdf.set_font(FONT, "", 6.5)
    head = Block((ellipsize(pdf, clean(event.title), BADGE_W - 2 * PAD),), 6.5)
    count = 0
    for count, person in enumerate(participants, start=1):
        slot = (count - 1) % per_page
        if slot == 0:
            pdf.add_page()
            cut_lines(pdf, xs, ys, (xs[0], ys[0], xs[-1], ys[-1]))
        x = LEFT + (slot % COLUMNS) * BADGE_W
        y = TOP + (slot // COLUMNS) * BADGE_H
        _badge(pdf, x, y, person, head, lang)
    if not count:
        pdf.add_page()
    return bytes(pdf.output())


def _badge(pdf: FPDF, x: float, y: float, person: Participant, head: Block, lang: str) -> None:
    width = BADGE_W - 2 * PAD
    draw(pdf, head, x + PAD, y + 3.5, color=GREY)
    name = fit(pdf, person.name, width, size=26, smallest=11, max_lines=3, style="B",
               one_line_down_to=18)  # fmt: skip
    organisation = clean(person.organisation)
    org = fit(pdf, organisation, width, size=12, smallest=8, max_lines=2) if organisation else None
    content = name.height + (org.height + 1 if org else 0)
    top = y + BADGE_H - BAND_INSET - BAND_H
    free_top, free_bottom = y + 8, top - 1.5
    cur = free_top + max(0.0, (free_bottom - free_top - content) / 2)
    cur = draw(pdf, name, x + PAD, cur, width=width, align="C")
    if org:
        draw(pdf, org, x + PAD, cur + 1, width=width, align="C")
    band, ink = SECTOR_COLOURS[person.sector]
    pdf.set_fill_color(*band)
    pdf.rect(x + BAND_INSET, top, BADGE_W - 2 * BAND_INSET, BAND_H, "F", round_corners=True,
             corner_radius=1.5)  # fmt: skip
    word = fit(pdf, t(f"sector.{person.sector.value}", lang), width, size=13, smallest=8,
               max_lines=1, style="B")  # fmt: skip
    draw(pdf, word, x + PAD, top + (BAND_H - word.height) / 2, width=width, align="C", color=ink)
