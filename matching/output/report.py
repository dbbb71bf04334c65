"""The event report for the organiser and the funders (Krankenkassen fund self-help under § 20h
SGB V), as PDF (`report_pdf`) and as XLSX (`report_xlsx`): the event, who took part (per sector
and organisation), the rounds held, the conversations (counted as for the network: a pair at a
table is one conversation, a table of three is three), the share between sectors, the sector
coverage, the network picture of the organisations, the sector mixing matrix, and the questions
with the ideas collected for them.

An idea's author is named only when the person allowed it for that idea (`show_name`) and the
caller lists them in `names_allowed` (e.g. those with an active "network" consent); otherwise
the text stands alone. `report_data` gathers everything once, so both files say the same.

The PDF is A4 with DejaVu Sans embedded (umlauts, "ß", "–" and "€" print); a heading never
ends a page (it moves to the next page with what follows it), tables repeat their header row
after a page break, and every page says "Seite x von y".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, XPos, YPos
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from matching.evaluation import compute_metrics
from matching.i18n import format_date, format_number, format_percent, t
from matching.live.screen import question_for
from matching.model import Event, Participant, Plan, Sector, organisation_key
from matching.network import (
    layout,
    measures,
    missing_people,
    organisation_graph,
    person_graph,
    plain_words,
)
from matching.network.graphs import collapse, counted_rounds
from matching.network.picture import network_png, sector_mark
from matching.network.series import SeriesStep
from matching.output.exports import (
    _fit_columns,
    _print_setup,
    _put,
    _save,
    _sheet_title,
)
from matching.output.report_series import (
    series_header,
    series_rows,
    series_sentence,
    series_values,
)

if TYPE_CHECKING:
    from matching.storage.records import IdeaRecord

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
INK = (20, 20, 20)
GREY = (85, 85, 85)  # 7.4:1 on white
RULE = (190, 190, 190)
TILE = (238, 243, 248)
HEAD_FILL = (225, 233, 241)
ZEBRA = (246, 246, 246)
MARGIN = 18.0
PICTURE_PX = (1500, 1125)  # 4:3, about 220 dpi across the text width


# --- the numbers --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectorRow:
    sector: str  # the German word (Sector value)
    people: int
    organisations: int


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    name: str
    sector: str
    people: int
    conversations: int  # conversations its people had (one within it counts once)
    met: int  # other organisations its people talked to


@dataclass(frozen=True, slots=True)
class IdeaLine:
    round: int
    text: str
    author: str = ""  # "" = not to be named


@dataclass(frozen=True, slots=True)
class QuestionBlock:
    number: int  # 1.. in the order the questions were asked; 0 = rounds without a question
    question: str
    rounds: tuple[int, ...]
    ideas: tuple[IdeaLine, ...]


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report states, computed once for the PDF and the workbook."""

    event: Event
    lang: str
    rounds_held: int
    rounds_planned: int
    after_round: int | None
    numbers: dict[str, Any]  # matching.network.measures
    sector_coverage: float
    sentences: tuple[str, ...]
    sectors: tuple[SectorRow, ...]  # the sectors somebody took part from (all four if nobody)
    organisations: tuple[OrganisationRow, ...]
    questions: tuple[QuestionBlock, ...]
    missing: int  # people in the counted rounds who are no longer on the list
    picture: bytes  # PNG of the organisation network

    @property
    def people(self) -> int:
        return self.numbers["people"]

    @property
    def conversations(self) -> int:
        return self.numbers["conversations"]


def report_data(
    event: Event,
    plan: Plan,
    participants: Sequence[Participant],
    *,
    lang: str = "de",
    after_round: int | None = None,
    ideas: Iterable[IdeaRecord] = (),
    names_allowed: Collection[str] = frozenset(),
    picture: bool = True,
) -> ReportData:
    """The report's content. `after_round` counts rounds 1..K only (None: every planned round);
    `ideas` are IdeaRecords (round, person_id, text, show_name); `names_allowed` the ids whose
    name may be printed next to their ideas. Raises ValueError for a negative `after_round`."""
    held_rounds = counted_rounds(plan, after_round)
    numbers = measures(plan, participants, after_round=after_round)
    people = person_graph(plan, participants, after_round=after_round)
    orgs = collapse(people)
    held_plan = Plan(held_rounds)
    coverage = compute_metrics(participants, held_plan).sector_coverage if held_rounds else 0.0

    sentences = list(plain_words(numbers, lang))
    if numbers["conversations"]:
        sentences.append(
            t("report.coverage_sentence", lang, share=format_percent(coverage, lang, 0))
        )

    people_per = Counter(data["sector"] for _, data in people.nodes(data=True))
    orgs_per = Counter(data["sector"] for _, data in orgs.nodes(data=True))
    shown = [s.value for s in Sector if people_per[s.value]] or [s.value for s in Sector]
    sectors = tuple(SectorRow(s, people_per[s], orgs_per[s]) for s in shown)

    talks: Counter[str] = Counter()
    for a, b, weight in people.edges(data="weight"):
        oa = organisation_key(people.nodes[a]["organisation"])
        ob = organisation_key(people.nodes[b]["organisation"])
        talks[oa] += weight
        if ob != oa:
            talks[ob] += weight
    organisations = tuple(
        sorted(
            (
                OrganisationRow(
                    data["name"], data["sector"], data["people"], talks[org], orgs.degree(org)
                )
                for org, data in orgs.nodes(data=True)
            ),
            key=lambda row: (row.name.casefold(), row.name),
        )
    )

    png = b""
    if picture:
        graph = organisation_graph(plan, participants, after_round=after_round)
        png = network_png(graph, layout(graph, 0), width=PICTURE_PX[0], height=PICTURE_PX[1],
                          lang=lang)  # fmt: skip

    return ReportData(
        event=event,
        lang=lang,
        rounds_held=len(held_rounds),
        rounds_planned=len(plan.rounds),
        after_round=after_round,
        numbers=numbers,
        sector_coverage=coverage,
        sentences=tuple(sentences),
        sectors=sectors,
        organisations=organisations,
        questions=_question_blocks(
            event, [r.number for r in held_rounds], participants, ideas, names_allowed
        ),
        missing=len(missing_people(plan, participants, after_round=after_round)),
        picture=png,
    )


def _moment(value: object) -> float:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).timestamp()
    return 0.0


def _question_blocks(
    event: Event,
    held: Sequence[int],
    participants: Sequence[Participant],
    ideas: Iterable[IdeaRecord],
    names_allowed: Collection[str],
) -> tuple[QuestionBlock, ...]:
    """One block per question asked (a question asked in several rounds is one block), in the
    order first asked; rounds without a question get one block each. Ideas of a round go to
    its question, oldest first; empty ideas are left out."""
    people = {p.id: p for p in participants}
    allowed = set(names_allowed)
    by_round: dict[int, list[tuple[float, str, IdeaLine]]] = {}
    for idea in ideas:
        text = clean(idea.text)
        if not text or idea.round < 1:
            continue
        person = people.get(idea.person_id)
        author = ""
        if idea.show_name and idea.person_id in allowed and person is not None:
            author = clean(person.name)
            if clean(person.organisation):
                author += f" ({clean(person.organisation)})"
        line = IdeaLine(idea.round, text, author)
        by_round.setdefault(idea.round, []).append((_moment(idea.updated_at), idea.person_id, line))
    blocks: dict[object, QuestionBlock] = {}
    for number in sorted({*held, *by_round}):
        question = clean(question_for(event, number))
        found = tuple(line for *_, line in sorted(by_round.get(number, []), key=lambda x: x[:2]))
        group: object = question or ("round", number)
        if group in blocks:
            block = blocks[group]
            blocks[group] = replace(
                block, rounds=(*block.rounds, number), ideas=(*block.ideas, *found)
            )
        else:
            blocks[group] = QuestionBlock(0, question, (number,), found)
    out, n = [], 0
    for block in blocks.values():
        if block.question:
            n += 1
            block = replace(block, number=n)
        out.append(block)
    return tuple(out)


def clean(text: object) -> str:
    """One line of text: line breaks, tabs and control characters as single spaces."""
    value = "".join(" " if not ch.isprintable() else ch for ch in str(text or ""))
    return " ".join(value.split())


def _event_date(event: Event, lang: str) -> str:
    try:
        return format_date(event.date.strip(), lang)
    except ValueError:  # not an ISO date: shown as typed
        return clean(event.date)


def _state(data: ReportData) -> str:
    lang, planned = data.lang, data.rounds_planned
    if data.after_round is None or data.rounds_held >= planned:
        return t("report.state_all", lang, planned=planned)
    if data.rounds_held == 0:
        return t("report.state_none", lang, planned=planned)
    return t("report.state_after", lang, held=data.rounds_held, planned=planned)


def _rounds_text(rounds: Sequence[int], lang: str) -> str:
    listed = ", ".join(str(r) for r in rounds)
    return t("report.in_rounds" if len(rounds) > 1 else "report.in_round", lang, rounds=listed)


def _sector_label(sector: str, lang: str) -> str:
    known = {s.value for s in Sector}
    return t(f"sector.{sector}", lang) if sector in known else sector


# --- PDF ----------------------------------------------------------------------------------


class _Document(FPDF):
    """A4 portrait with a footer: the report's title left, "Seite x von y" right."""

    def __init__(self, footer_text: str, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.lang = lang
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        page = t("report.page", self.lang, page=self.page_no(), pages="{nb}")
        width = self.epw - self.get_string_width(page) - 40  # room for "Seite 10 von 10"
        self.cell(width, 5, _ellipsized(self, self.footer_text, width))
        self.set_x(self.l_margin)
        self.cell(self.epw, 5, page, align="R")
        self.set_text_color(*INK)

    # --- flowing text ---

    def height_of(self, text: str, size: float, style: str = "", width: float = 0) -> float:
        self.set_font(FONT, style, size)
        return self.multi_cell(
            width or self.epw, size * 0.5, text, dry_run=True, output=MethodReturnValue.HEIGHT
        )

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def paragraph(
        self, text: str, size: float = 10, style: str = "", color=INK, after: float = 2.0
    ) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.set_x(self.l_margin)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(after)

    def heading(self, text: str, follow: float) -> None:
        """A section heading, moved to the next page together with the `follow` mm after it
        when they would not fit here (no heading alone at a page's foot)."""
        self.ln(3)
        self.keep(self.height_of(text, 13, "B") + 3 + follow)
        self.paragraph(text, 13, "B", after=1.5)
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
        self.ln(2.5)


def _ellipsized(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _table(
    pdf: _Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    aligns: Sequence[str],
    *,
    bold_first_column: bool = False,
    size: float = 9,
) -> None:
    """A table across the text width; the header row repeats after a page break."""
    pdf.set_font(FONT, "", size)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    first = FontFace(emphasis="BOLD") if bold_first_column else None
    with pdf.table(
        width=pdf.epw,
        col_widths=tuple(widths),
        text_align=tuple(aligns),
        align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        cell_fill_color=ZEBRA,
        cell_fill_mode="ROWS",
        line_height=size * 0.5,
        padding=(1.2, 1.5),
        repeat_headings=1,
    ) as table:
        head = table.row()
        for text in header:
            head.cell(text)
        for values in rows:
            row = table.row()
            for i, text in enumerate(values):
                row.cell(text, style=first if i == 0 else None)
    pdf.ln(2)


def _tiles(pdf: _Document, tiles: Sequence[tuple[str, str]]) -> None:
    """Key figures as tiles, three to a row: a big number above a short label."""
    per_row, gap, height = 3, 4.0, 21.0
    width = (pdf.epw - gap * (per_row - 1)) / per_row
    for start in range(0, len(tiles), per_row):
        pdf.keep(height + gap)
        top = pdf.get_y()
        for i, (value, label) in enumerate(tiles[start : start + per_row]):
            x = pdf.l_margin + i * (width + gap)
            pdf.set_fill_color(*TILE)
            pdf.rect(x, top, width, height, style="F")
            pdf.set_xy(x + 3, top + 3)
            pdf.set_font(FONT, "B", 17)
            pdf.cell(width - 6, 8, _ellipsized(pdf, value, width - 6))
            pdf.set_xy(x + 3, top + 12)
            pdf.set_font(FONT, "", 8.5)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(width - 6, 3.8, label, align="L", max_line_height=3.8)
            pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, top + height + gap)


def report_pdf(
    event: Event,
    plan: Plan,
    participants: Sequence[Participant],
    *,
    lang: str = "de",
    after_round: int | None = None,
    ideas: Iterable[IdeaRecord] = (),
    names_allowed: Collection[str] = frozenset(),
    series: Sequence[SeriesStep] = (),
    series_name: str = "",
) -> bytes:
    """The report as A4 PDF bytes (see the module text)."""
    data = report_data(event, plan, participants, lang=lang, after_round=after_round,
                       ideas=ideas, names_allowed=names_allowed)  # fmt: skip
    title = t("report.title", lang, title=clean(event.title))
    pdf = _Document(title, lang)
    pdf.set_title(title)
    pdf.set_creator("Paarweise")
    pdf.set_lang("en" if lang == "en" else "de")
    pdf.add_page()
    _pdf_intro(pdf, data, title)
    _pdf_sectors(pdf, data)
    _pdf_network(pdf, data)
    _pdf_mixing(pdf, data)
    _pdf_organisations(pdf, data)
    if len(series) >= 2:
        _pdf_series(pdf, series, series_name, lang)
    _pdf_ideas(pdf, data)
    return bytes(pdf.output())


def _pdf_series(pdf: _Document, steps: Sequence[SeriesStep], name: str, lang: str) -> None:
    """How the network grew over the series (its own module: report_series)."""
    pdf.heading(t("report.series_heading", lang, series=clean(name)), follow=40)
    pdf.paragraph(series_sentence(steps, lang))
    _table(pdf, series_header(lang), series_rows(steps, lang), (48, 20, 31, 37, 18, 20),
           ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"), size=8.5)  # fmt: skip


def _pdf_intro(pdf: _Document, data: ReportData, title: str) -> None:
    lang, event, n = data.lang, data.event, data.numbers
    pdf.paragraph(title, 18, "B", after=2)
    facts = []
    if event.date.strip():
        facts.append(f"{t('report.date', lang)}: {_event_date(event, lang)}")
    if clean(event.place):
        facts.append(f"{t('report.place', lang)}: {clean(event.place)}")
    if facts:
        pdf.paragraph(" · ".join(facts), 10.5, after=1)
    created = t("report.created", lang, date=format_date(dt.date.today(), lang))
    pdf.paragraph(f"{_state(data)} · {created}", 9, color=GREY, after=3)
    pdf.paragraph(t("report.intro", lang), 10, after=3)

    pdf.heading(t("report.summary_heading", lang), follow=25)
    held = (
        format_number(data.rounds_held, lang)
        if data.rounds_held == data.rounds_planned
        else t("report.rounds_of", lang, held=data.rounds_held, planned=data.rounds_planned)
    )
    _tiles(
        pdf,
        [
            (format_number(n["people"], lang), t("report.fig_people", lang)),
            (format_number(n["organisations"], lang), t("report.fig_organisations", lang)),
            (format_number(n["conversations"], lang), t("report.fig_conversations", lang)),
            (format_percent(n["cross_sector_share"], lang, 0), t("report.fig_cross", lang)),
            (format_percent(data.sector_coverage, lang, 0), t("report.fig_coverage", lang)),
            (held, t("report.fig_rounds", lang)),
        ],
    )
    for sentence in data.sentences:
        pdf.keep(pdf.height_of(sentence, 10, width=pdf.epw - 5) + 1.5)
        y = pdf.get_y()
        pdf.set_font(FONT, "", 10)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(5, 5, "•")
        pdf.set_xy(pdf.l_margin + 5, y)
        pdf.multi_cell(pdf.epw - 5, 5, sentence, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    pdf.ln(1)
    pdf.paragraph(t("report.counting", lang), 8.5, color=GREY, after=1)
    if data.missing:
        pdf.paragraph(t("report.missing", lang, n=data.missing), 8.5, color=GREY, after=1)


def _pdf_sectors(pdf: _Document, data: ReportData) -> None:
    lang = data.lang
    pdf.heading(t("report.sectors_heading", lang), follow=30)
    total = sum(row.people for row in data.sectors)
    rows = [
        (
            f"{_sector_label(row.sector, lang)} ({sector_mark(row.sector, lang)})",
            format_number(row.people, lang),
            format_number(row.organisations, lang),
            format_percent(row.people / total, lang, 0) if total else "–",
        )
        for row in data.sectors
    ]
    rows.append(
        (
            t("report.total", lang),
            format_number(total, lang),
            format_number(sum(row.organisations for row in data.sectors), lang),
            format_percent(1.0, lang, 0) if total else "–",
        )
    )
    header = (
        t("report.col_sector", lang),
        t("report.col_people", lang),
        t("report.col_organisations", lang),
        t("report.col_share", lang),
    )
    _table(pdf, header, rows, (70, 30, 36, 38), ("LEFT", "RIGHT", "RIGHT", "RIGHT"))


def _pdf_network(pdf: _Document, data: ReportData) -> None:
    lang = data.lang
    if not data.numbers["organisations"]:  # nobody in a round yet: no picture to show
        pdf.heading(t("report.network_heading", lang), follow=10)
        pdf.paragraph(t("report.picture_empty", lang), 10, after=2)
        return
    text = t("report.network_text", lang)
    height = pdf.epw * PICTURE_PX[1] / PICTURE_PX[0]
    pdf.heading(t("report.network_heading", lang), follow=pdf.height_of(text, 9) + 2 + height)
    pdf.paragraph(text, 9, color=GREY, after=2)
    alt = t("report.network_alt", lang, organisations=data.numbers["organisations"],
            pairs=data.numbers["organisation_pairs"])  # fmt: skip
    pdf.image(data.picture, x=pdf.l_margin, w=pdf.epw, h=height, alt_text=alt)
    pdf.ln(2)


def _pdf_mixing(pdf: _Document, data: ReportData) -> None:
    lang = data.lang
    text = t("report.mixing_text", lang)
    sectors = [row.sector for row in data.sectors]
    pdf.heading(t("report.mixing_heading", lang), follow=pdf.height_of(text, 9) + 30)
    pdf.paragraph(text, 9, color=GREY, after=2)
    mixing = data.numbers["sector_mixing"]
    header = ("", *(sector_mark(s, lang) for s in sectors))
    rows = [
        (
            f"{_sector_label(a, lang)} ({sector_mark(a, lang)})",
            *(format_number(mixing[a][b], lang) for b in sectors),
        )
        for a in sectors
    ]
    first = 70.0
    rest = (pdf.epw - first) / max(1, len(sectors))
    _table(pdf, header, rows, (first, *([rest] * len(sectors))),
           ("LEFT", *(["RIGHT"] * len(sectors))), bold_first_column=True)  # fmt: skip


def _pdf_organisations(pdf: _Document, data: ReportData) -> None:
    lang = data.lang
    if not data.organisations:
        return
    pdf.heading(t("report.organisations_heading", lang), follow=30)
    header = (
        t("report.col_organisation", lang),
        t("report.col_sector", lang),
        t("report.col_people", lang),
        t("report.col_conversations", lang),
        t("report.col_met", lang),
    )
    rows = [
        (
            clean(row.name),
            _sector_label(row.sector, lang),
            format_number(row.people, lang),
            format_number(row.conversations, lang),
            format_number(row.met, lang),
        )
        for row in data.organisations
    ]
    _table(pdf, header, rows, (56, 40, 20, 28, 30),
           ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"), size=8.5)  # fmt: skip


def _pdf_ideas(pdf: _Document, data: ReportData) -> None:
    lang = data.lang
    if not data.questions:
        return
    intro = t("report.ideas_text", lang)
    first_block = _lead_height(pdf, data.questions[0], lang)
    pdf.heading(t("report.ideas_heading", lang), follow=pdf.height_of(intro, 9) + 3 + first_block)
    pdf.paragraph(intro, 9, color=GREY, after=0)
    for block in data.questions:
        label, question = _block_label(block, lang), _block_question(block, lang)
        pdf.keep(_lead_height(pdf, block, lang))
        pdf.ln(3)
        pdf.paragraph(label, 9, color=GREY, after=0.5)
        pdf.paragraph(question, 11, "B", after=2)
        if not block.ideas:
            pdf.paragraph(t("report.no_ideas", lang), 9.5, color=GREY, after=1)
            continue
        for idea in block.ideas:
            pdf.keep(_idea_height(pdf, idea))
            y = pdf.get_y()
            pdf.set_font(FONT, "", 10)
            pdf.set_xy(pdf.l_margin + 1.5, y)
            pdf.cell(IDEA_INDENT - 1.5, 5, "•")
            pdf.set_xy(pdf.l_margin + IDEA_INDENT, y)
            pdf.multi_cell(pdf.epw - IDEA_INDENT, 5, idea.text, align="L",
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
            if idea.author:
                pdf.set_x(pdf.l_margin + IDEA_INDENT)
                pdf.set_font(FONT, "", 8.5)
                pdf.set_text_color(*GREY)
                pdf.multi_cell(pdf.epw - IDEA_INDENT, 4.25, f"– {idea.author}", align="L",
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
                pdf.set_text_color(*INK)
            pdf.ln(1.8)


IDEA_INDENT = 6.0


def _block_label(block: QuestionBlock, lang: str) -> str:
    """ "Frage 2 · Runden 2, 9", or just the rounds for rounds without a question."""
    rounds = _rounds_text(block.rounds, lang)
    return f"{t('report.question_n', lang, n=block.number)} · {rounds}" if block.number else rounds


def _block_question(block: QuestionBlock, lang: str) -> str:
    return block.question or t("report.no_question", lang)


def _lead_height(pdf: _Document, block: QuestionBlock, lang: str) -> float:
    """What must fit on a page for a question to start there: its label, the question and the
    first idea (or the "no ideas" line), so a question never ends a page."""
    first = (
        _idea_height(pdf, block.ideas[0])
        if block.ideas
        else pdf.height_of(t("report.no_ideas", lang), 9.5) + 1
    )
    label = pdf.height_of(_block_label(block, lang), 9) + 0.5
    return 3 + label + pdf.height_of(_block_question(block, lang), 11, "B") + 2 + first


def _idea_height(pdf: _Document, idea: IdeaLine) -> float:
    height = pdf.height_of(idea.text, 10, width=pdf.epw - IDEA_INDENT) + 1.8
    if idea.author:
        height += pdf.height_of(f"– {idea.author}", 8.5, width=pdf.epw - IDEA_INDENT)
    return height


# --- XLSX ---------------------------------------------------------------------------------


def report_xlsx(
    event: Event,
    plan: Plan,
    participants: Sequence[Participant],
    *,
    lang: str = "de",
    after_round: int | None = None,
    ideas: Iterable[IdeaRecord] = (),
    names_allowed: Collection[str] = frozenset(),
    series: Sequence[SeriesStep] = (),
    series_name: str = "",
) -> bytes:
    """The report's numbers as a workbook: "Überblick", "Organisationen", "Mischung", "Ideen"
    ("Overview", "Organisations", "Mixing", "Ideas" in English). Text goes into string cells
    (never a formula); numbers stay numbers, shares are formatted as percent."""
    data = report_data(event, plan, participants, lang=lang, after_round=after_round,
                       ideas=ideas, names_allowed=names_allowed, picture=False)  # fmt: skip
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    sheets = {
        key: workbook.create_sheet(_sheet_title(t(f"report.sheet_{key}", lang), used))
        for key in ("overview", "organisations", "mixing", "ideas")
    }
    if len(series) >= 2:
        ws = workbook.create_sheet(_sheet_title(t("report.sheet_series", lang), used))
        widths: dict[int, int] = {}
        _header(ws, 1, series_header(lang), widths)
        for r, step in enumerate(series, start=2):
            for col, value in enumerate(series_values(step, lang), start=1):
                _put(ws, r, col, value)
                widths[col] = max(widths[col], len(str(value)))
        _fit_columns(ws, widths)
        ws.freeze_panes = "A2"
    _xlsx_overview(sheets["overview"], data)
    _xlsx_organisations(sheets["organisations"], data)
    _xlsx_mixing(sheets["mixing"], data)
    _xlsx_ideas(sheets["ideas"], data)
    return _save(workbook)


BOLD = Font(bold=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _header(ws, row: int, names: Sequence[str], widths: dict[int, int]) -> None:
    for col, name in enumerate(names, start=1):
        _put(ws, row, col, name).font = BOLD
        widths[col] = max(widths.get(col, 0), len(name))


def _xlsx_overview(ws, data: ReportData) -> None:
    lang, event, n = data.lang, data.event, data.numbers
    title = t("report.title", lang, title=clean(event.title))
    _put(ws, 1, 1, title).font = Font(bold=True, size=14)
    _put(ws, 2, 1, _state(data))
    facts: list[tuple[str, object, str | None]] = []
    if event.date.strip():
        facts.append((t("report.date", lang), _event_date(event, lang), None))
    if clean(event.place):
        facts.append((t("report.place", lang), clean(event.place), None))
    facts += [
        (t("report.rounds_held", lang), data.rounds_held, None),
        (t("report.rounds_planned", lang), data.rounds_planned, None),
        (t("report.minutes", lang), event.minutes_per_round, None),
        (t("report.fig_people", lang), n["people"], None),
        (t("report.fig_organisations", lang), n["organisations"], None),
        (t("report.fig_conversations", lang), n["conversations"], None),
        (t("report.cross_share", lang), round(n["cross_sector_share"], 4), "0%"),
        (t("report.coverage", lang), round(data.sector_coverage, 4), "0%"),
        (t("report.org_pairs", lang), n["organisation_pairs"], None),
        (t("report.density", lang), round(n["density"], 4), "0%"),
        (t("report.components", lang), n["components"], None),
        (t("report.bridges", lang), ", ".join(n["bridges"]), None),
    ]
    widths = {1: 0, 2: 12, 3: 14, 4: 14}
    row = 4
    for label, value, number_format in facts:
        _put(ws, row, 1, label).font = BOLD
        cell = _put(ws, row, 2, value)
        cell.alignment = Alignment(horizontal="left", vertical="top")
        if number_format:
            cell.number_format = number_format
        widths[1] = max(widths[1], len(label))
        row += 1

    row += 1
    _put(ws, row, 1, t("report.sectors_heading", lang)).font = Font(bold=True, size=13)
    row += 1
    columns = ("col_sector", "col_people", "col_organisations", "col_share")
    _header(ws, row, [t(f"report.{c}", lang) for c in columns], widths)
    total = sum(s.people for s in data.sectors)
    for sector in data.sectors:
        row += 1
        _put(ws, row, 1, _sector_label(sector.sector, lang))
        _put(ws, row, 2, sector.people)
        _put(ws, row, 3, sector.organisations)
        _put(ws, row, 4, round(sector.people / total, 4) if total else 0).number_format = "0%"

    row += 2
    _put(ws, row, 1, t("report.summary_heading", lang)).font = Font(bold=True, size=13)
    for sentence in (*data.sentences, t("report.counting", lang)):
        row += 1
        _put(ws, row, 1, sentence)
    if data.missing:
        row += 1
        _put(ws, row, 1, t("report.missing", lang, n=data.missing))
    _fit_columns(ws, widths)
    _print_setup(ws, None)
    ws.page_setup.orientation = "portrait"


def _xlsx_organisations(ws, data: ReportData) -> None:
    lang = data.lang
    header = (
        t("report.col_organisation", lang),
        t("report.col_sector", lang),
        t("report.col_people", lang),
        t("report.col_conversations", lang),
        t("report.col_met", lang),
    )
    widths: dict[int, int] = {}
    _header(ws, 1, header, widths)
    for r, org in enumerate(data.organisations, start=2):
        values = (org.name, _sector_label(org.sector, lang), org.people, org.conversations, org.met)
        for col, value in enumerate(values, start=1):
            _put(ws, r, col, value)
            widths[col] = max(widths[col], len(str(value)))
    _fit_columns(ws, widths)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(data.organisations) + 1}"
    _print_setup(ws, (1, 1))


def _xlsx_mixing(ws, data: ReportData) -> None:
    lang = data.lang
    sectors = [row.sector for row in data.sectors]
    _put(ws, 1, 1, t("report.mixing_heading", lang)).font = Font(bold=True, size=13)
    _put(ws, 2, 1, t("report.mixing_text", lang))
    widths: dict[int, int] = {1: 0}
    _header(ws, 4, ("", *(_sector_label(s, lang) for s in sectors)), widths)
    mixing = data.numbers["sector_mixing"]
    for r, a in enumerate(sectors, start=5):
        label = _sector_label(a, lang)
        _put(ws, r, 1, label).font = BOLD
        widths[1] = max(widths[1], len(label))
        for col, b in enumerate(sectors, start=2):
            _put(ws, r, col, mixing[a][b])
    _fit_columns(ws, widths)
    _print_setup(ws, None)


def _xlsx_ideas(ws, data: ReportData) -> None:
    lang = data.lang
    header = (
        t("report.col_round", lang),
        t("report.col_question", lang),
        t("report.col_idea", lang),
        t("report.col_author", lang),
    )
    widths: dict[int, int] = {}
    _header(ws, 1, header, widths)
    r = 1
    for block in data.questions:
        for idea in block.ideas:
            r += 1
            values = (idea.round, block.question, idea.text, idea.author)
            for col, value in enumerate(values, start=1):
                _put(ws, r, col, value).alignment = TOP_LEFT
                widths[col] = max(widths[col], len(str(value)))
    _fit_columns(ws, widths)
    ws.freeze_panes = "A2"
    _print_setup(ws, (1, 1))
