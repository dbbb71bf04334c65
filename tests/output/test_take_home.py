"""Take-home for one person: their conversations with ideas and agreed contacts only, vCards that
escape and parse back, a PDF that survives any name, and the mail-merge CSV of personal links
(formula-safe, a checked base address)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from matching.model import Event, Participant, Plan, Round, Sector, Table
from matching.output.take_home import (
    BaseUrlError,
    Conversation,
    TalkPartner,
    check_base_url,
    links_csv,
    my_conversations,
    pdf_text,
    summary_pdf,
    vcard_escape,
    vcards,
)

EVENT = Event(
    "Austauschtreffen Nord",
    date="2026-03-14",
    place="Rathaus Kiel, Raum 3",
    rounds=4,
    questions=("Was läuft gut – und was nicht?", "Was wünschen Sie sich?"),
)
PEOPLE = [
    Participant("a", "Anna Alt", "AOK", Sector.HEALTH_INSURER, email="anna@aok.example"),
    Participant("b", "Łukasz Şahin", "Herz; Kreislauf, e.V.", Sector.SELF_HELP_ORG, email="l@x.de"),
    Participant("c", "Clara Berg", "KISS", Sector.CONTACT_OFFICE, email="clara@kiss.example"),
    Participant("d", "Dora", "", Sector.OTHER),
    Participant("z", "Zora Zett", "TK", Sector.HEALTH_INSURER, email="zora@tk.example"),
]
PLAN = Plan(
    (
        Round(1, (Table(1, ("a", "b")), Table(2, ("c", "d", "z")))),
        Round(2, (Table(3, ("c", "a", "gone")), Table(1, ("b", "z"))), resting=("d",)),
        Round(3, (Table(1, ("b", "c")), Table(2, ("d", "z"))), resting=("a",)),
        Round(4, (Table(2, ("d", "a")), Table(1, ("b", "c", "z")))),
    )
)
CONTACTS = {"b": "lukasz@herz.example", "gone": "gone@x.example", "z": "zora@tk.example"}


def conversations(contacts=CONTACTS, ideas=None):
    ideas = {1: "  Gemeinsamer Flyer;\nTermin im Mai ", 3: "(Pause)"} if ideas is None else ideas
    return my_conversations(EVENT, PLAN, PEOPLE, "a", ideas, contacts)


def test_conversations_per_round_with_idea_and_agreed_contacts_only():
    found = conversations()
    assert [(c.round, c.table) for c in found] == [(1, 1), (2, 3), (4, 2)]  # round 3: a break
    first = found[0]
    assert first.partners == (
        TalkPartner("b", "Łukasz Şahin", "Herz; Kreislauf, e.V.", Sector.SELF_HELP_ORG,
                    "lukasz@herz.example"),
    )  # fmt: skip
    assert first.idea == "Gemeinsamer Flyer;\nTermin im Mai"
    assert first.question == "Was läuft gut – und was nicht?"
    assert first.event_title == "Austauschtreffen Nord"
    second = found[1]
    assert [p.id for p in second.partners] == ["c", "gone"]
    assert second.partners[0].email == ""  # on the list with an e-mail, but no agreed contact
    assert second.partners[1] == TalkPartner("gone", "gone", email="gone@x.example", on_list=False)
    assert second.idea == "" and second.question == "Was wünschen Sie sich?"
    assert found[2].partners[0].sector is Sector.OTHER
    text = repr(found)
    assert "Zora" not in text and "zora@" not in text  # a contact who was never a partner
    assert "anna@aok.example" not in text and "clara@kiss.example" not in text


def _parse_vcards(text: str) -> list[dict[str, str]]:
    """Unfold (RFC 2425 5.8.1), then read NAME[;params]:value and unescape the value."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    cards, card = [], {}
    for line in unfolded.split("\r\n")[:-1]:
        name, value = line.split(":", 1)
        if name == "BEGIN":
            card = {}
        elif name == "END":
            cards.append(card)
        else:
            card[name.split(";")[0]] = value
    return cards


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_vcards_escape_fold_and_parse_back():
    text = vcards(conversations())
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    cards = _parse_vcards(text)
    assert len(cards) == 2  # b and the removed partner; c gave no contact
    b = cards[0]
    assert b["VERSION"] == "3.0"
    assert b["ORG"] == "Herz\\; Kreislauf\\, e.V."
    assert _unescape(b["ORG"]) == "Herz; Kreislauf, e.V."
    assert _unescape(b["FN"]) == "Łukasz Şahin"
    assert b["N"] == "Şahin;Łukasz;;;"
    assert _unescape(b["EMAIL"]) == "lukasz@herz.example"
    assert _unescape(b["NOTE"]) == "Paarweise: Austauschtreffen Nord, Runde 1"
    gone = cards[1]
    assert _unescape(gone["FN"]) == "gone" and "ORG" not in gone


def test_vcard_escaping_rules_and_repeat_meetings():
    assert vcard_escape("a,b;c\\d\r\ne\nf\rg\x07") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    partner = TalkPartner("x", "Dr. Eva, Maria", "A\nB", Sector.OTHER, "eva@x.example")
    talks = [
        Conversation("Treffen; Nord, 2026", 2, 1, (partner,)),
        Conversation("Treffen; Nord, 2026", 5, 4, (partner, TalkPartner("y", "Yan"))),
    ]
    cards = _parse_vcards(vcards(talks, "en"))
    assert len(cards) == 1
    assert _unescape(cards[0]["FN"]) == "Dr. Eva, Maria"
    assert _unescape(cards[0]["ORG"]) == "A\nB"
    assert _unescape(cards[0]["NOTE"]) == "Paarweise: Treffen; Nord, 2026, rounds 2, 5"
    assert vcards([]) == "" and vcards(conversations(contacts={})) == ""


def test_pdf_is_a_pdf_and_survives_any_name():
    data = summary_pdf(EVENT, "Łukasz Şahin 🙂", conversations(), "de")
    assert data.startswith(b"%PDF")
    assert b"/Helvetica" in data
    assert b"/FontFile" not in data and b"/XObject" not in data  # no font file, no image
    odd = [Conversation("T", 1, 1, (TalkPartner("q", "Ş\x00ł\u202e" + "x" * 300),), "?", "😀\n")]
    assert summary_pdf(Event("Ω – Treffen"), "ł", odd, "en").startswith(b"%PDF")
    assert summary_pdf(EVENT, "Anna", [], "en").startswith(b"%PDF")
    many = [Conversation("T", n, n, (TalkPartner("p", "Paul", "Org", Sector.OTHER, "p@x.de"),),
                         "Frage?", "Idee " * 40) for n in range(1, 30)]  # fmt: skip
    assert summary_pdf(EVENT, "Anna", many, "de").count(b"/Type /Page\n") > 1


def test_pdf_text_keeps_latin1_and_replaces_the_rest():
    assert pdf_text("Jörg Groß, Ætna") == "Jörg Groß, Ætna"
    assert pdf_text("Łukasz Şahin") == "?ukasz ?ahin"
    assert pdf_text("„Herz“ – ‚so‘ …") == "\"Herz\" - 'so' ..."
    assert pdf_text("a\tb\x00c\nd") == "a b c\nd"
    assert pdf_text("e\u0301") == "é"  # decomposed accents are composed first
    assert all(ord(ch) < 256 for ch in pdf_text("漢字 🙂 \u202e"))


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_links_csv_columns_links_and_formula_guard():
    people = [
        Participant("p1", '=HYPERLINK("http://x")', "AOK", Sector.OTHER, email="+a@x.de"),
        Participant("p2", "Jörg; Groß", "", Sector.OTHER, email="jg@x.de"),
        Participant("p3", "Ohne Code", "", Sector.OTHER),
        Participant("-p4", "@Ben", "", Sector.OTHER),
    ]
    codes = {"p1": "K7Q2", "p2": "a b/c", "-p4": "X9", "stranger": "S1"}
    text = links_csv(people, codes, "https://paarweise.example.org/")
    assert "\r\n" in text
    rows = _rows(text)
    assert rows[0] == ["id", "name", "email", "link"]
    assert rows[1] == [
        "p1",
        '\'=HYPERLINK("http://x")',
        "'+a@x.de",
        "https://paarweise.example.org/mein-plan?code=K7Q2",
    ]
    assert rows[2] == [
        "p2",
        "Jörg; Groß",
        "jg@x.de",
        "https://paarweise.example.org/mein-plan?code=a%20b%2Fc",
    ]
    assert rows[3] == ["'-p4", "'@Ben", "", "https://paarweise.example.org/mein-plan?code=X9"]
    assert len(rows) == 4  # p3 has no code; the stranger's code is not on the list
    assert "S1" not in text
    empty = _rows(links_csv([], {}, "http://10.0.0.5:8501/app"))
    assert empty == [["id", "name", "email", "link"]]
    assert check_base_url(" http://10.0.0.5:8501/app// ") == "http://10.0.0.5:8501/app"


@pytest.mark.parametrize(
    "base",
    [
        "",
        "paarweise.example.org",
        "ftp://paarweise.example.org",
        "https://",
        "https://paarweise.example.org/?x=1",
        "https://paarweise.example.org/#top",
        "https://paar weise.example.org",
        "https://user:pw@paarweise.example.org",
        "https://[::1",
        "javascript:alert(1)//https://",
        None,
    ],
)
def test_links_csv_refuses_a_base_url_that_is_not_http(base):
    with pytest.raises(ValueError) as caught:
        links_csv(PEOPLE, {"a": "K1"}, base)
    assert isinstance(caught.value, BaseUrlError)
    assert "https://" in str(caught.value)
    assert caught.value.message("de").startswith("Die Adresse der App muss mit https://")
