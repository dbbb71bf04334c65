"""Property: any list written by Paarweise (CSV in every separator/encoding, or XLSX) reads back
equal - so export -> edit in Excel -> re-import never loses or changes a person."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.lists.participants import read_participants
from matching.model import Participant, Sector
from matching.output.exports import participants_to_csv, participants_to_xlsx

# Text German Excel (cp1252) can store, with the characters lists are full of.
LETTERS = "abcdefghijklmnopqrstuvwxyzäöüßÄÖÜABCXYZéèçñ"
word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
phrase = st.lists(word, min_size=1, max_size=3).map(" ".join)
free_text = st.builds(
    lambda lead, body: lead + body,
    st.sampled_from(["", "=", "+", "-", "@", "'", '"', "(", "e.V. "]),
    st.text(alphabet=LETTERS + " .,;\"'()&/-", min_size=1, max_size=20).map(
        lambda s: " ".join(s.split())
    ),
).filter(lambda s: s.strip() and s == " ".join(s.split()) and not s.startswith("'"))


def term_lists():
    return st.lists(phrase, max_size=3, unique_by=str.casefold).map(tuple)


@st.composite
def participant_lists(draw):
    n = draw(st.integers(1, 8))
    people = []
    for i in range(n):
        people.append(
            Participant(
                id=f"p{i + 1:03d}",
                name=draw(free_text),
                organisation=draw(free_text),
                sector=draw(st.sampled_from(list(Sector))),
                topics=draw(term_lists()),
                offers=draw(term_lists()),
                needs=draw(term_lists()),
                email=draw(st.sampled_from(["", "a@b.de", "kontakt@kiss-süd.de"])),
                stays_seated=draw(st.booleans()),
            )
        )
    ids = [p.id for p in people]
    final = []
    for p in people:
        others = [i for i in ids if i != p.id]
        wishes = (
            tuple(draw(st.lists(st.sampled_from(others), unique=True, max_size=2)))
            if others
            else ()
        )
        rest = [i for i in others if i not in wishes]
        avoid = (
            tuple(draw(st.lists(st.sampled_from(rest), unique=True, max_size=1))) if rest else ()
        )
        final.append(dataclasses.replace(p, wants_to_meet=wishes, avoid=avoid))
    return final


def comparable(people):
    return [dataclasses.replace(p, source_row=None) for p in people]


@settings(max_examples=60, deadline=None)
@given(
    participant_lists(),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_csv_round_trip(people, sep, encoding):
    data = participants_to_csv(people, sep=sep, encoding=encoding)
    result = read_participants(data, "liste.csv")
    assert not result.errors, result.errors
    assert comparable(result.participants) == comparable(people)


@settings(max_examples=25, deadline=None)
@given(participant_lists())
def test_xlsx_round_trip(people):
    result = read_participants(participants_to_xlsx(people), "liste.xlsx")
    assert not result.errors, result.errors
    assert comparable(result.participants) == comparable(people)
