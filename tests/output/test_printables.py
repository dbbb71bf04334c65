"""Printables read back: pypdf extracts the text with its position (right tables and partners on
the right card, nothing outside its card or badge, umlauts, ß, "–" and "€" intact), poppler
renders pages and zxing-cpp decodes the QR codes (exactly the person's link, the table's room)."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from matching.i18n import t
from matching.lists.demo import load_demo
from matching.live.links import LinkTemplateError, table_link
from matching.model import ROSTER_KEY, Event, Participant, Plan, Round, Sector, Table
from matching.output.printables import (
    badges_pdf,
    cards_pdf,
    render,
    run_sheet_pdf,
    table_signs_pdf,
)
from matching.output.printables.badges import BADGE_H, BADGE_W, LEFT, SECTOR_COLOURS, TOP
from matching.output.printables.cards import CARD_H, CARD_W, PAD
from matching.planning.planner import plan

MM = 25.4 / 72
FONTS = Path(__file__).resolve().parents[2] / "matching" / "output" / "fonts"
BASE = "https://paarweise.example.org/mein-plan?code="
TEMPLATE = "https://meet.example.org/{event}-r{round}-t{table}"
LONG_NAME = "Maximiliane Friederike Auguste von und zu Hohenzollern-Sigmaringen-Wittelsbach"
LONG_NAME = (LONG_NAME + " Müller-Lüdenscheidt")[:80]


@dataclass(frozen=True)
class Item:
    x: float  # mm from the left
    y: float  # baseline, mm from the top
    text: str
    size: float
    bold: bool


@pytest.fixture(scope="module")
def demo():
    event, result, _ = load_demo()
    people = list(result.participants)
    return event, plan(people, 4, time_limit=3).plan, people


def links_for(people):
    return {p.id: f"{BASE}CODE{i:04d}XYZ" for i, p in enumerate(people)}


def pages(data: bytes) -> list[list[Item]]:
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        height = float(page.mediabox.height)
        items: list[Item] = []

        def visit(text, cm, tm, font, size, items=items, height=height):
            if text.strip():
                bold = "Bold" in str((font or {}).get("/BaseFont", ""))
                items.append(Item(tm[4] * MM, (height - tm[5]) * MM, text.strip(), size, bold))

        page.extract_text(visitor_text=visit)
        out.append(items)
    return out


def lines(items: list[Item]) -> list[list[Item]]:
    """Items grouped into printed lines, top to bottom, left to right."""
    out: list[list[Item]] = []
    for item in sorted(items, key=lambda i: (round(i.y, 1), i.x)):
        if out and abs(out[-1][0].y - item.y) < 0.3:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def card_of(data: bytes, name: str, *, starts=False) -> tuple[float, float, list[Item]]:
    """The left and top edge of the card with `name` in its largest print (partners' names
    are smaller), and the items on that card. `starts`: a line starting with `name`."""
    sheets = pages(data)
    found = [
        (item.size, n, item)
        for n, items in enumerate(sheets)
        for item in items
        if item.bold and (item.text == name or (starts and item.text.startswith(name)))
    ]
    if not found:
        raise AssertionError(f"no card for {name}")
    _, n, item = max(found, key=lambda f: f[0])
    left, top = (item.x + 0.05) // CARD_W * CARD_W, item.y // CARD_H * CARD_H
    return left, top, in_box(sheets[n], left, top, CARD_W, CARD_H)


def in_box(items: list[Item], left: float, top: float, width: float, height: float) -> list:
    return [i for i in items if left <= i.x + 0.05 < left + width and top <= i.y < top + height]


def rounds_on_card(left: float, items: list[Item]) -> dict[int, list[str]]:
    """Round number -> the texts of its lines (the first line starts with the number)."""
    out: dict[int, list[str]] = {}
    current = None
    for line in lines(items):
        starts_left = abs(line[0].x - left - PAD) < 0.5
        if starts_left:
            current = int(line[0].text) if line[0].text.isdigit() else None
        if current is not None:
            out.setdefault(current, []).append(" ".join(i.text for i in line))
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- cards ------------------------------------------------------------------------------------


def test_cards_show_each_rounds_time_table_and_partners(demo):
    event, the_plan, people = demo
    data = cards_pdf(event, the_plan, people, start_time="14:00")
    names = {p.id: p for p in people}
    trio = next(
        m for r in the_plan.rounds for tb in r.tables if len(tb.members) == 3 for m in tb.members
    )
    sample = ["p001", "p013", trio, *(p.id for p in people if p.stays_seated)]
    for pid in sample:
        person = names[pid]
        left, _, items = card_of(data, person.name)
        text = squeeze(" ".join(i.text for i in items))
        assert squeeze(person.organisation) in text
        rows = rounds_on_card(left, items)
        assert sorted(rows) == [r.number for r in the_plan.rounds]
        seated = t("print.seated_at", "de", table=the_plan.rounds[0].table_of(pid).number)
        assert text.count(squeeze(seated)) == (1 if person.stays_seated else 0)
        for rnd in the_plan.rounds:
            table = rnd.table_of(pid)
            partners = [names[m] for m in table.members if m != pid]
            minute = 14 * 60 + (rnd.number - 1) * (event.minutes_per_round + 2)
            first = f"{rnd.number} {minute // 60:02d}:{minute % 60:02d}"
            if not person.stays_seated:
                first += f" {table.number}"
            assert rows[rnd.number][0].split()[: len(first.split())] == first.split()
            assert squeeze(" ".join(rows[rnd.number])).startswith(
                squeeze(f"{first} {partners[0].name}")
            )
            block = squeeze(" ".join(rows[rnd.number]))
            for partner in partners:
                assert squeeze(partner.name) in block and squeeze(partner.organisation) in block


def test_cards_say_pause_and_work_without_times_and_in_english():
    people = [
        Participant("a", "Anna Alt", "AOK", Sector.HEALTH_INSURER),
        Participant("b", "Bea Berg", "KISS", Sector.CONTACT_OFFICE),
        Participant("c", "Cem Cakir", "Rheuma-Liga", Sector.SELF_HELP_ORG),
    ]
    rounds = (
        Round(1, (Table(1, ("a", "b")),), ("c",)),
        Round(2, (Table(1, ("a", "c")), Table(2, ("b", "gone")))),
        Round(3, (Table(2, ("b", "c")),)),  # "a" left before round 3
    )
    the_plan = Plan(
        rounds, extra={ROSTER_KEY: {"gone": {"name": "Gitta Gone", "organisation": "X"}}}
    )
    event = Event("Kurz", rounds=3)
    for lang, rest, absent in (("de", "Pause", "nicht eingeplant"), ("en", "Break", "not planned")):
        data = cards_pdf(event, the_plan, people, lang=lang)
        left, _, items = card_of(data, "Cem Cakir")
        assert rounds_on_card(left, items)[1] == [f"1 – {rest}"]
        left, _, items = card_of(data, "Anna Alt")
        assert rounds_on_card(left, items)[3] == [f"3 – {absent}"]
        left, _, items = card_of(data, "Bea Berg")
        assert rounds_on_card(left, items)[2][0] == "2 2 Gitta Gone"  # from the plan's roster
    assert "Talking with" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_a_long_event_continues_on_a_second_card():
    people = [Participant(f"p{i}", f"Person {i}", f"Org {i}", Sector.OTHER) for i in range(4)]
    pairs = [
        (("p0", "p1"), ("p2", "p3")),
        (("p0", "p2"), ("p1", "p3")),
        (("p0", "p3"), ("p1", "p2")),
    ]
    rounds = tuple(
        Round(k + 1, tuple(Table(n + 1, pair) for n, pair in enumerate(pairs[k % 3])))
        for k in range(40)
    )
    data = cards_pdf(Event("Marathon", rounds=40), Plan(rounds), people, start_time="08:00")
    sheets = pages(data)
    texts = " ".join(i.text for items in sheets for i in items)
    count = int(re.search(r"\b1/(\d)\b", texts)[1])
    assert count > 1 and all(f"{k}/{count}" in texts for k in range(1, count + 1))
    assert len(sheets) == count  # four people with `count` cards each, four to a page
    # Person 0's cards come first: top left on the first page, then top right, ...
    slots = [(n, left, top) for n in range(count) for top in (0, CARD_H) for left in (0, CARD_W)]
    rounds = []
    for n, left, top in slots[:count]:
        rounds += list(rounds_on_card(left, in_box(sheets[n], left, top, CARD_W, CARD_H)))
    assert rounds == list(range(1, 41))


def _measure():
    pdf = FPDF(unit="mm")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    return pdf


def _inside(items: list[Item], boxes, measure) -> None:
    """Every text item starts and ends inside the box (x0, y0, x1, y1) it starts in."""
    for item in items:
        box = next(b for b in boxes if b[0] - 0.05 <= item.x < b[2] and b[1] <= item.y < b[3])
        measure.set_font("DejaVu", "B" if item.bold else "", item.size)
        right = item.x + measure.get_string_width(item.text)
        assert box[0] - 0.05 <= item.x and right <= box[2] + 0.05, (item, right, box)
        assert box[1] <= item.y - item.size * MM * 0.8 and item.y <= box[3], (item, box)


def test_an_80_character_name_stays_inside_its_card_and_badge(demo):
    event, the_plan, people = demo
    assert len(LONG_NAME) == 80
    org = "Allgemeine Ortskrankenkasse – Die Gesundheitskasse für Niedersachsen, Bezirk Süd-Ost"
    people = [dataclasses.replace(people[0], name=LONG_NAME, organisation=org),
              dataclasses.replace(people[1], name="W" * 80), *people[2:]]  # fmt: skip
    measure = _measure()
    data = cards_pdf(event, the_plan, people, links=links_for(people), start_time="09:00")
    cards = [(c * CARD_W + PAD, r * CARD_H + PAD, (c + 1) * CARD_W - PAD, (r + 1) * CARD_H - PAD)
             for c in range(2) for r in range(2)]  # fmt: skip
    for items in pages(data):
        _inside(items, cards, measure)
    _, _, items = card_of(data, "Maximiliane", starts=True)
    headings = next(i.y for i in items if i.text == "Runde")
    name = "".join(i.text for i in items if i.bold and i.y < headings)
    assert squeeze(name) == squeeze(LONG_NAME)  # wrapped, shrunk, and all of it
    data = badges_pdf(people, event)
    badges = [(LEFT + c * BADGE_W, TOP + r * BADGE_H, LEFT + (c + 1) * BADGE_W,
               TOP + (r + 1) * BADGE_H) for c in range(2) for r in range(4)]  # fmt: skip
    sheets = pages(data)
    for items in sheets:
        _inside(items, badges, measure)
    first = in_box(sheets[0], LEFT, TOP, BADGE_W, BADGE_H)  # the first badge, top left
    assert squeeze("".join(i.text for i in first if i.bold and i.size >= 11)) == squeeze(
        LONG_NAME + t(f"sector.{people[0].sector.value}", "de")
    )  # the whole name on the badge too


def test_cards_carry_a_qr_code_of_exactly_the_persons_link(demo, tmp_path):
    event, the_plan, people = demo
    links = links_for(people)
    data = cards_pdf(event, the_plan, people, links=links, start_time="14:00")
    for page, first in ((1, 0), (3, 8)):
        codes = _decode(data, page, tmp_path)
        assert len(codes) == 4
        for text, (x, y) in codes:
            slot = int(y // CARD_H) * 2 + int(x // CARD_W)
            assert text == links[people[first + slot].id]
    text = squeeze(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert squeeze(links[people[0].id]) in text  # also as text


def _decode(data: bytes, page: int, folder: Path) -> list[tuple[str, tuple[float, float]]]:
    """The QR codes on one page rendered by poppler: text and centre in mm."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None and Path("/usr/bin/pdftoppm").exists():
        pdftoppm = "/usr/bin/pdftoppm"
    if pdftoppm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is missing on CI: QR codes cannot be checked")
        pytest.skip("pdftoppm (poppler-utils) is not installed: cannot render pages for QR codes")
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    source = folder / "doc.pdf"
    source.write_bytes(data)
    dpi = 150
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(source), str(folder / "page")], check=True)  # fmt: skip
    with Image.open(folder / "page.png") as image:
        found = zxingcpp.read_barcodes(image)
    out = []
    for code in found:
        p = code.position
        x = (p.top_left.x + p.bottom_right.x) / 2 / dpi * 25.4
        y = (p.top_left.y + p.bottom_right.y) / 2 / dpi * 25.4
        out.append((code.text, (x, y)))
    return out


def test_bad_start_time_and_break_are_refused(demo):
    event, the_plan, people = demo
    for bad in ("9 Uhr", "24:00", "12:60", "1230"):
        with pytest.raises(ValueError, match="HH:MM"):
            cards_pdf(event, the_plan, people, start_time=bad)
    with pytest.raises(ValueError, match="break_minutes"):
        run_sheet_pdf(event, the_plan, people, start_time="09:00", break_minutes=-1)


# --- table signs ------------------------------------------------------------------------------


def test_one_sign_per_table_with_the_number_and_bleibt_besetzt(demo):
    event, the_plan, people = demo
    numbers = sorted({tb.number for r in the_plan.rounds for tb in r.tables})
    kept = {the_plan.rounds[0].table_of(p.id).number for p in people if p.stays_seated}
    assert kept
    for known in (None, people):  # without the list nobody is known to stay seated
        signs = pages(table_signs_pdf(event, the_plan, participants=known))
        assert len(signs) == len(numbers)
        for number, items in zip(numbers, signs, strict=True):
            texts = [i.text for i in items]
            assert "Tisch" in texts
            assert max(items, key=lambda i: i.size).text == str(number)
            assert ("bleibt besetzt" in texts) == (known is not None and number in kept)
    signs = pages(table_signs_pdf(event, the_plan, "en", participants=people))
    english = " ".join(i.text for i in signs[numbers.index(min(kept))])
    assert "Table" in english and "stays occupied" in english


def test_online_signs_carry_the_room_link_as_text_and_qr(demo, tmp_path):
    event, the_plan, _ = demo
    data = table_signs_pdf(event, the_plan, link_template=TEMPLATE)
    first = min(tb.number for tb in the_plan.rounds[0].tables)
    link = table_link(TEMPLATE, event.title, the_plan.rounds[0].number, first)
    text = squeeze(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert squeeze(link) in text and "VideorauminRunde1" in text and "Großbildschirm" in text
    assert [c[0] for c in _decode(data, 1, tmp_path)] == [link]
    fixed = "https://meet.example.org/tisch-{table}"
    text = (
        PdfReader(io.BytesIO(table_signs_pdf(event, the_plan, "de", fixed))).pages[0].extract_text()
    )
    assert "Videoraum dieses Tisches" in text and "Großbildschirm" not in text
    with pytest.raises(LinkTemplateError):
        table_signs_pdf(event, the_plan, link_template="ftp://x/{room}")


# --- run sheet --------------------------------------------------------------------------------


def test_run_sheet_has_times_question_tables_and_who_rests(demo):
    event, the_plan, people = demo
    data = run_sheet_pdf(event, the_plan, people, start_time="14:00", break_minutes=2)
    half = 105.0  # the tables run in two columns: read each column on its own
    text = "\n".join(
        " ".join(
            i.text for line in lines([i for i in items if (i.x >= half) == right]) for i in line
        )
        for items in pages(data)
        for right in (False, True)
    )
    assert "Runde 2 von 4" in text
    assert "Beginn 14:10 · Wechsel 14:14 · Ende 14:18" in text
    assert f"Frage: {event.questions[1]}" in text
    names = {p.id: p.name for p in people}
    for rnd in the_plan.rounds:
        for table in rnd.tables:
            assert f"{table.number} {' · '.join(names[m] for m in table.members)}" in text
    odd = Event("Ungerade", rounds=1, minutes_per_round=7, questions=("Was – und warum?",))
    rest = Plan((Round(1, (Table(1, ("a", "b")),), ("c",)),))
    trio = [Participant(x, f"Person {x.upper()}", "Org", Sector.OTHER) for x in "abc"]
    text = PdfReader(io.BytesIO(run_sheet_pdf(odd, rest, trio, "en"))).pages[0].extract_text()
    assert "Start +0:00 · swap +0:03:30 · end +0:07" in text
    assert "Resting: Person C" in text and "Question: Was – und warum?" in text


# --- badges -----------------------------------------------------------------------------------


def test_badges_show_name_organisation_and_the_sector_word(demo):
    event, _, people = demo
    for lang in ("de", "en"):
        sheets = pages(badges_pdf(people, event, lang))
        assert len(sheets) == -(-len(people) // 8)
        for index, person in enumerate(people):
            items = sheets[index // 8]
            slot = index % 8
            x0, y0 = LEFT + (slot % 2) * BADGE_W, TOP + (slot // 2) * BADGE_H
            mine = [i.text for i in items if x0 <= i.x < x0 + BADGE_W and y0 <= i.y < y0 + BADGE_H]
            assert person.name in mine and t(f"sector.{person.sector.value}", lang) in mine


def _luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_sector_colours_are_distinct_and_their_text_reads_at_4_5_to_1():
    assert set(SECTOR_COLOURS) == set(Sector)
    assert len({band for band, _ in SECTOR_COLOURS.values()}) == 4
    for band, ink in SECTOR_COLOURS.values():
        light, dark = sorted((_luminance(band), _luminance(ink)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (band, ink)


# --- all four ---------------------------------------------------------------------------------


def test_special_characters_survive_and_every_pdf_reopens():
    people = [
        Participant("a", "Jürgen Weiß", "Straße – 5 € Fonds", Sector.HEALTH_INSURER),
        Participant(
            "b", "Özlem Çelik", "Bündnis „Gesundheit“", Sector.SELF_HELP_ORG, stays_seated=True
        ),
    ]
    event = Event("Größe – Maß · 10 €", date="2026-03-14", place="Köln", rounds=1,
                  questions=("Was kostet Öffentlichkeit – in €?",))  # fmt: skip
    the_plan = Plan((Round(1, (Table(1, ("a", "b")),)),))
    made = {
        "cards": cards_pdf(event, the_plan, people, links={"a": BASE + "Ä"}, start_time="09:00"),
        "signs": table_signs_pdf(event, the_plan, link_template=TEMPLATE),
        "run_sheet": run_sheet_pdf(event, the_plan, people, start_time="09:00"),
        "badges": badges_pdf(people, event),
    }
    for kind, data in made.items():
        assert data.startswith(b"%PDF-") and b"/FontFile2" in data  # DejaVu embedded
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
        assert "Größe – Maß" in text and "10 €" in text, kind
        if kind != "signs":
            assert "Jürgen Weiß" in text and "Özlem Çelik" in text, kind
        if kind in ("cards", "badges"):
            assert "Straße – 5 € Fonds" in text and "Bündnis „Gesundheit“" in text, kind
        assert reader.metadata.title.endswith("Größe – Maß · 10 €")
        assert PdfReader(io.BytesIO(data)).pages[0].mediabox.width > 0


def test_render_picks_the_printable_by_name(demo):
    event, _, people = demo
    assert render("badges", participants=people[:2], event=event).startswith(b"%PDF-")
    with pytest.raises(ValueError, match="Unknown printable"):
        render("posters", event=event)
