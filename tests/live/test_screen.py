"""The big screen as data: title, rotating question, phase text, countdown, tables in pages,
video links, resting people and people who left the list."""

from __future__ import annotations

import pytest

from matching.live.clock import end, new_clock, pause, start_round
from matching.live.links import LinkTemplateError, table_link, validate_link_template
from matching.live.screen import countdown_text, question_for, screen_for
from matching.model import Event, Participant, Plan, Round, Sector, Table

T0 = 1_750_000_020.0  # a multiple of 30: page 0 of 1, 2 or 3 time-driven pages
EVENT = Event("Treffen Nord", rounds=3, minutes_per_round=8, questions=("Q1?", "Q2?"))


def person(pid, name, org="", seated=False):
    return Participant(pid, name, org, Sector.OTHER, stays_seated=seated)


PEOPLE = [
    person("a", "Anna <b>Alt</b>", "AOK & Co", seated=True),
    person("b", "Bernd", "BKK"),
    person("c", "Clara", ""),
    person("d", "Dora", "DAK"),
    person("e", "Emil", "SHG"),
]
PLAN = Plan(
    (
        Round(1, (Table(2, ("c", "d")), Table(1, ("a", "b"))), resting=("e",)),
        Round(2, (Table(1, ("a", "c", "gone")),), resting=("b", "d", "e")),
        Round(3, (Table(1, ("a", "e")), Table(2, ("b", "d"))), resting=("c",)),
    )
)


def clock(**kw):
    return new_clock(3, 480, **kw)


def test_round_title_question_phase_and_countdown():
    s = screen_for(EVENT, PLAN, PEOPLE, start_round(clock(), T0), T0 + 59.5, "de")
    assert s.title == "Runde 1 von 3"
    assert s.question == "Q1?"
    assert s.phase.kind == "first_asks"
    assert s.phase_text == "Person A fragt, Person B antwortet"
    assert s.countdown == "07:01"  # 420.5 s rounded up
    later = screen_for(EVENT, PLAN, PEOPLE, start_round(clock(), T0), T0 + 300, "en")
    assert later.phase_text == "Swap – now the other person asks"
    assert later.title == "Round 1 of 3"
    assert later.countdown == "03:00"


def test_tables_in_order_with_labels_seated_marker_and_resting():
    s = screen_for(EVENT, PLAN, PEOPLE, start_round(clock(), T0), T0, "de")
    assert [row.table for row in s.rows] == [1, 2]
    first = s.rows[0].members
    assert [m.label for m in first] == ["Anna <b>Alt</b> (AOK & Co)", "Bernd (BKK)"]  # unchanged
    assert [m.seated for m in first] == [True, False]
    assert s.rows[1].members[0].label == "Clara"  # no organisation, no brackets
    assert [m.label for m in s.resting] == ["Emil (SHG)"]
    assert s.rows[0].link == ""
    assert (s.pages, s.page, s.page_text) == (1, 0, "")
    assert (s.seated_note, s.resting_title, s.table_label) == (
        "bleibt sitzen", "Diese Runde Pause", "Tisch",
    )  # fmt: skip


def test_people_no_longer_on_the_list_show_by_id():
    s = screen_for(EVENT, PLAN, PEOPLE[:3], start_round(clock(), T0, round=2), T0, "de")
    gone = s.rows[0].members[2]
    assert (gone.id, gone.label, gone.on_list, gone.seated) == ("gone", "gone", False, False)
    assert [m.label for m in s.resting] == ["Bernd (BKK)", "d", "e"]


def test_questions_rotate_from_round_to_round():
    assert [question_for(EVENT, k) for k in (1, 2, 3, 4)] == ["Q1?", "Q2?", "Q1?", "Q2?"]
    assert question_for(Event("Ohne"), 1) == ""
    assert question_for(EVENT, 0) == ""
    s = screen_for(EVENT, PLAN, PEOPLE, start_round(clock(), T0, round=3), T0, "de")
    assert s.question == "Q1?"
    assert screen_for(Event("Ohne", rounds=3), PLAN, PEOPLE, clock(), T0, "de").question == ""


def test_before_the_start_the_first_round_is_shown():
    s = screen_for(EVENT, PLAN, PEOPLE, clock(), T0, "de")
    assert (s.round, s.title, s.question) == (1, "Runde 1 von 3", "Q1?")
    assert s.phase_text == "Gleich geht es los"
    assert s.countdown == "08:00"
    assert len(s.rows) == 2


def test_changing_tables_shows_the_next_round_and_the_break():
    c = start_round(clock(auto_advance=True, break_seconds=60), T0)
    s = screen_for(EVENT, PLAN, PEOPLE, c, T0 + 500, "de")
    assert (s.phase.kind, s.round, s.title) == ("change_tables", 2, "Runde 2 von 3")
    assert (s.phase_text, s.countdown, s.question) == ("Tischwechsel", "00:40", "Q2?")
    assert [m.label for m in s.resting] == ["Bernd (BKK)", "Dora (DAK)", "Emil (SHG)"]
    manual = screen_for(EVENT, PLAN, PEOPLE, start_round(clock(), T0), T0 + 500, "de")
    assert (manual.round, manual.countdown) == (2, "00:00")


def test_time_up_in_the_last_round_is_not_a_table_change():
    c = start_round(clock(), T0, round=3)
    s = screen_for(EVENT, PLAN, PEOPLE, c, T0 + 600, "en")
    assert (s.round, s.phase_text, s.countdown) == (3, "Time is up", "00:00")


def test_paused_and_ended():
    p = screen_for(EVENT, PLAN, PEOPLE, pause(start_round(clock(), T0), T0 + 80), T0 + 900, "de")
    assert (p.phase_text, p.countdown, p.round) == ("Pause", "06:40", 1)
    e = screen_for(EVENT, PLAN, PEOPLE, end(start_round(clock(), T0), T0 + 5), T0 + 9, "de")
    assert (e.title, e.phase_text, e.countdown, e.rows, e.resting, e.question) == (
        "Treffen Nord", "Ende – vielen Dank!", "00:00", (), (), "",
    )  # fmt: skip


def test_a_round_missing_from_the_plan_shows_no_tables():
    c = start_round(new_clock(5, 480), T0, round=5)
    s = screen_for(EVENT, PLAN, PEOPLE, c, T0, "de")
    assert (s.title, s.rows, s.resting, s.pages) == ("Runde 5 von 5", (), (), 1)


BIG = Plan((Round(1, tuple(Table(n, (f"p{n}a", f"p{n}b")) for n in range(25, 0, -1))),))


def test_many_tables_come_in_pages_turned_by_the_clock():
    c = start_round(new_clock(1, 480), T0)
    tables = [
        [r.table for r in screen_for(EVENT, BIG, [], c, T0 + 10 * k, "de", page_size=10).rows]
        for k in range(4)
    ]
    assert tables[0] == list(range(1, 11))
    assert tables[1] == list(range(11, 21))
    assert tables[2] == list(range(21, 26))
    assert tables[3] == tables[0]  # round and round
    same_second = screen_for(EVENT, BIG, [], c, T0 + 19.9, "de", page_size=10)
    assert (same_second.page, same_second.pages) == (1, 3)
    assert same_second.page_text == "Seite 2 von 3"


def test_a_given_page_wins_over_the_clock():
    c = start_round(new_clock(1, 480), T0)
    s = screen_for(EVENT, BIG, [], c, T0 + 10, "en", page_size=10, page=2)
    assert (s.rows[0].table, s.page, s.page_text) == (21, 2, "Page 3 of 3")
    assert screen_for(EVENT, BIG, [], c, T0, "de", page_size=10, page=3).page == 0


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_page_size_must_be_positive(size):
    with pytest.raises(ValueError, match="page_size"):
        screen_for(EVENT, PLAN, PEOPLE, clock(), T0, "de", page_size=size)


def test_video_links_fill_the_template_with_quoted_values():
    event = Event("Treffen Nord/Süd #2", rounds=3)
    template = "https://meet.example.org/{event}-r{round}-t{table}?x=1"
    s = screen_for(event, PLAN, PEOPLE, start_round(clock(), T0), T0, "de", link_template=template)
    assert s.rows[0].link == "https://meet.example.org/Treffen%20Nord%2FS%C3%BCd%20%232-r1-t1?x=1"
    assert s.rows[1].link.endswith("-r1-t2?x=1")
    assert table_link("http://v.example/{table}", "x", 1, 7) == "http://v.example/7"
    assert table_link("", "x", 1, 7) == ""


@pytest.mark.parametrize(
    ("template", "key"),
    [
        ("meet.example.org/{table}", "live.link_invalid"),
        ("javascript:alert(1)//{table}", "live.link_invalid"),
        ("ftp://files.example/{table}", "live.link_invalid"),
        ("https:///{table}", "live.link_invalid"),
        ("https://meet.example.org/a b", "live.link_invalid"),
        ("https://meet.example.org/{room}", "live.link_placeholder"),
        ("https://meet.example.org/{}", "live.link_placeholder"),
        ("https://meet.example.org/{table!r}", "live.link_placeholder"),
        ("https://meet.example.org/{event.__class__}", "live.link_placeholder"),
        ("https://meet.example.org/{table", "live.link_placeholder"),
    ],
)
def test_bad_link_templates_are_refused_clearly(template, key):
    with pytest.raises(LinkTemplateError) as caught:
        screen_for(EVENT, PLAN, PEOPLE, clock(), T0, "de", link_template=template)
    assert caught.value.key == key
    assert isinstance(caught.value, ValueError)
    assert "Videotische" in caught.value.message("de")
    assert "video table link" in str(caught.value)


def test_a_good_template_is_returned_stripped():
    assert validate_link_template("  HTTPS://meet.example.org/{event}/{round}  ") == (
        "HTTPS://meet.example.org/{event}/{round}"
    )
    assert validate_link_template("   ") == ""


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00"), (-5, "00:00"), (0.2, "00:01"), (59, "00:59"), (60, "01:00"), (7200, "120:00")],
)
def test_countdown_text(seconds, text):
    assert countdown_text(seconds) == text
