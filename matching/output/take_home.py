"""What one person takes home after the event ("Meine Gespräche"): their conversations round by
round with the idea they noted and the e-mails of people who agreed to stay in touch; the same
as vCards for the phone's address book and as a printable PDF summary. Plus, for the
organisers, the CSV of everyone's personal link for a mail merge.

Privacy: a conversation names only the person's own partners (name, organisation, sector). An
e-mail appears only when `contacts` holds it for that partner - the page passes the agreed
(mutual) contacts - never from the participant list.

PDF: fpdf2's core font (Helvetica) holds Latin-1 only, and nothing is embedded or fetched, so
all text is made Latin-1 first: typographic dashes, quotes, the ellipsis and special spaces
become their plain forms, control characters become spaces, and every other character outside
Latin-1 becomes "?" ("Łukasz" prints as "?ukasz", "Şahin" as "?ahin"). A name never stops the
download; the vCards and the page keep every character.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from matching.i18n import DEFAULT_LANGUAGE, format_date, t
from matching.model import Event, Participant, Plan, Sector
from matching.output.exports import question_for_round, safe_cell

PLAN_PATH = "/mein-plan"  # the participant page, relative to the app's address
VCARD_LINE_OCTETS = 75  # RFC 2425 5.8.1: lines longer than this are folded


@dataclass(frozen=True, slots=True)
class TalkPartner:
    """Someone the person talked to. `email` only for an agreed contact; `sector` None (and the
    id as name) for someone no longer on the list."""

    id: str
    name: str
    organisation: str = ""
    sector: Sector | None = None
    email: str = ""
    on_list: bool = True


@dataclass(frozen=True, slots=True)
class Conversation:
    """One round at a table: partners in table order, the round's question, the person's idea."""

    event_title: str
    round: int
    table: int
    partners: tuple[TalkPartner, ...]
    question: str = ""
    idea: str = ""


def my_conversations(
    event: Event,
    plan: Plan,
    participants: Iterable[Participant],
    person_id: str,
    ideas: Mapping[int, str],
    contacts: Mapping[str, str],
) -> list[Conversation]:
    """Every round in which `person_id` sat at a table, in round order (breaks are left out).
    `ideas` maps a round to what the person noted; `contacts` maps a partner's id to the e-mail
    they agreed to share (ids that were not the person's partners are ignored)."""
    people = {p.id: p for p in participants}
    out: list[Conversation] = []
    for rnd in sorted(plan.rounds, key=lambda r: r.number):
        table = rnd.table_of(person_id)
        if table is None:
            continue
        partners = tuple(
            _partner(pid, people, contacts) for pid in table.members if pid != person_id
        )
        out.append(
            Conversation(
                event_title=event.title,
                round=rnd.number,
                table=table.number,
                partners=partners,
                question=question_for_round(event.questions, rnd.number),
                idea=(ideas.get(rnd.number) or "").strip(),
            )
        )
    return out


def _partner(
    pid: str, people: Mapping[str, Participant], contacts: Mapping[str, str]
) -> TalkPartner:
    email = (contacts.get(pid) or "").strip()
    person = people.get(pid)
    if person is None:
        return TalkPartner(pid, pid, email=email, on_list=False)
    return TalkPartner(pid, person.name, person.organisation, person.sector, email)


# --- vCard ------------------------------------------------------------------------------------


def vcards(conversations: Sequence[Conversation], lang: str = DEFAULT_LANGUAGE) -> str:
    """vCard 3.0 (RFC 2426), one card per partner with an agreed contact, in the order first
    met: N, FN, ORG, EMAIL and NOTE "Paarweise: <event title>, Runde n" (all rounds they met).
    Text is escaped (backslash, comma, semicolon, line breaks), lines end in CRLF and are folded
    at 75 octets. N takes the last word of the name as family name. "" when nobody agreed."""
    order: list[str] = []
    found: dict[str, tuple[TalkPartner, str, list[int]]] = {}
    for conversation in conversations:
        for partner in conversation.partners:
            if not partner.email:
                continue
            if partner.id not in found:
                order.append(partner.id)
                found[partner.id] = (partner, conversation.event_title, [])
            rounds = found[partner.id][2]
            if conversation.round not in rounds:
                rounds.append(conversation.round)
    cards = []
    for pid in order:
        partner, title, rounds = found[pid]
        key = "mine.vcard_note" if len(rounds) == 1 else "mine.vcard_note_many"
        note = t(key, lang, title=title, rounds=", ".join(str(n) for n in sorted(rounds)))
        family, given = _name_parts(partner.name)
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{vcard_escape(family)};{vcard_escape(given)};;;",
            f"FN:{vcard_escape(partner.name)}",
        ]
        if partner.organisation.strip():
            lines.append(f"ORG:{vcard_escape(partner.organisation.strip())}")
        lines.append(f"EMAIL;TYPE=INTERNET:{vcard_escape(partner.email)}")
        lines.append(f"NOTE:{vcard_escape(note)}")
        lines.append("END:VCARD")
        cards.append("".join(_fold(line) + "\r\n" for line in lines))
    return "".join(cards)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def vcard_escape(text: str) -> str:
    """A text value per RFC 2426 5 (and 4.4 for ORG's single component): backslash, comma and
    semicolon get a backslash, every line break becomes \\n; other control characters go."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\n", "\\n")


def _name_parts(name: str) -> tuple[str, str]:
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def _fold(line: str) -> str:
    """Split a line into pieces of at most 75 octets of UTF-8 (never inside a character); each
    continuation starts with a space, which unfolding removes with the line break."""
    pieces, current, size = [], "", 0
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > VCARD_LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += ch
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


# --- PDF --------------------------------------------------------------------------------------

_PLAIN = str.maketrans(
    {
        "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-",
        "„": '"', "“": '"', "”": '"', "‟": '"', "‚": "'", "‘": "'", "’": "'", "‛": "'",
        "…": "...", "•": "*", "€": "EUR",
        "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": "", "\ufeff": "", "\xad": "",
    }
)  # fmt: skip


def pdf_text(text: str) -> str:
    """Text as the PDF's core font can print it (see the module text): Latin-1, "?" for the
    rest; line breaks are kept, other control characters become spaces."""
    text = unicodedata.normalize("NFC", text).translate(_PLAIN)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch if ch == "\n" or (ch.isprintable() and ord(ch) < 256) else
        (" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Zs") else "?")
        for ch in text
    )  # fmt: skip


class _Summary(FPDF):
    def __init__(self, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang_code = lang

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(120, 120, 120)
        text = pdf_text(t("mine.pdf_footer", self.lang_code, page=self.page_no()))
        self.cell(0, 5, text, align="C")


def summary_pdf(
    event: Event, person_name: str, conversations: Sequence[Conversation], lang: str
) -> bytes:
    """An A4 PDF: title, the person's name, the event with date and place, then one block per
    conversation (round and table, question, partners with organisation, sector and agreed
    e-mail, the person's idea). Core font only: no images, no embedded or fetched fonts."""
    pdf = _Summary(lang)
    pdf.set_title(pdf_text(f"{t('mine.pdf_title', lang)} - {event.title}"))
    pdf.set_creator("Paarweise")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def line(text: str, size: float, style: str = "", height: float = 6, grey: bool = False):
        pdf.set_font("Helvetica", style, size)
        pdf.set_text_color(*((95, 95, 95) if grey else (20, 20, 20)))
        pdf.multi_cell(0, height, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    line(t("mine.pdf_title", lang), 20, "B", 10)
    line(person_name, 13, "B", 7)
    line(event.title, 12, "", 6)
    facts = [f for f in (_date(event, lang), event.place.strip()) if f]
    if facts:
        line(" · ".join(facts), 10, "", 5, grey=True)
    pdf.ln(3)
    _rule(pdf)
    if not conversations:
        pdf.ln(3)
        line(t("mine.pdf_none", lang), 11)
    for conversation in conversations:
        if pdf.will_page_break(32):
            pdf.add_page()
        pdf.ln(3)
        heading = t("mine.pdf_round", lang, round=conversation.round, table=conversation.table)
        line(heading, 12, "B", 7)
        if conversation.question:
            line(t("mine.pdf_question", lang, question=conversation.question), 10, "I", 5, True)
            pdf.ln(1)
        for i, partner in enumerate(conversation.partners):
            if i:
                pdf.ln(1.5)
            line(partner.name, 11, "B", 5.5)
            about = [partner.organisation.strip()]
            if partner.sector is not None:
                about.append(t(f"sector.{partner.sector.value}", lang))
            about = [a for a in about if a]
            if about:
                line(" · ".join(about), 10, "", 5)
            if partner.email:
                line(t("mine.pdf_email", lang, email=partner.email), 10, "", 5)
        if conversation.idea:
            pdf.ln(1)
            line(t("mine.pdf_idea", lang, idea=conversation.idea), 10, "", 5)
        pdf.ln(2)
        _rule(pdf)
    return bytes(pdf.output())


def _rule(pdf: FPDF) -> None:
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())


def _date(event: Event, lang: str) -> str:
    try:
        return format_date(event.date.strip(), lang)
    except ValueError:  # not an ISO date: shown as typed
        return event.date.strip()


# --- personal links for a mail merge ----------------------------------------------------------


class BaseUrlError(ValueError):
    """The app's address for personal links cannot be used; `message(lang)` says why."""

    def __init__(self) -> None:
        super().__init__(t("mine.base_url_invalid", "en"))

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t("mine.base_url_invalid", lang)


def check_base_url(base_url: str) -> str:
    """The app's address without trailing "/", if it is http(s):// with a server name, no
    spaces, no user name, no "?" and no "#"; otherwise BaseUrlError (a ValueError)."""
    if not isinstance(base_url, str):
        raise BaseUrlError
    url = base_url.strip()
    if not url or any(ch.isspace() or not ch.isprintable() for ch in url):
        raise BaseUrlError
    if "?" in url or "#" in url or not url.lower().startswith(("https://", "http://")):
        raise BaseUrlError
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise BaseUrlError from None
    if not host or "@" in parts.netloc:
        raise BaseUrlError
    return url.rstrip("/")


def personal_link(base_url: str, code: str) -> str:
    """base_url + "/mein-plan?code=" + the code (URL-quoted, so it cannot break the address)."""
    return f"{check_base_url(base_url)}{PLAN_PATH}?code={quote(code, safe='')}"


def links_csv(participants: Iterable[Participant], codes: Mapping[str, str], base_url: str) -> str:
    """Columns id, name, email, link, one row per participant with a code (people without a
    code have no page and are left out; codes of people not listed are ignored), in list order.
    Semicolons, CRLF, every text cell formula-safe (`safe_cell`), and a leading UTF-8 byte
    order mark: the text starts with "\\ufeff", so encoded as UTF-8 German Excel and Word's
    mail merge read the umlauts. A bad `base_url` raises BaseUrlError before anything else."""
    check_base_url(base_url)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "name", "email", "link"])
    for person in participants:
        code = (codes.get(person.id) or "").strip()
        if not code:
            continue
        row = [person.id, person.name, person.email, personal_link(base_url, code)]
        writer.writerow([safe_cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()
