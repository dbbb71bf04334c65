"""One person's own page as data: before the start, who asks first in each half (also at a
table of three), breaks with the round they are back, the seated message, video rooms instead
of tables, the end, people who left the list, changes after a re-plan, English - and nothing
about anyone but the person and their partners."""

from __future__ import annotations

import pytest

from matching.live.clock import end, new_clock, pause, start_round
from matching.live.links import LinkTemplateError
from matching.live.my_plan import Partner, changed_since, my_view
from matching.model import Event, Participant, Plan, Round, Sector, Table

T0 = 1_750_000_000.0
EVENT = Event("Treffen Nord", rounds=4, minutes_per_round=8, questions=("Q1?", "Q2?"))
ROOMS = "https://meet.example.org/{event}-r{round}-t{table}"

PEOPLE = [
    Participant("a", "Anna", "AOK", Sector.HEALTH_INSURER, email="anna@aok.example"),
    Participant(
        "b", "Bernd", "KISS", Sector.CONTACT_OFFICE, email="b@x.example", stays_seated=True
    ),
    Participant("c", "Clara", "Rheuma-Liga", Sector.SELF_HELP_ORG, email="c@x.example"),
    Participant("d", "Dora", "", Sector.OTHER),
    Participant("e", "Emil", "SHG", Sector.SELF_HELP_ORG),
    Participant("z", "Zora", "TK", Sector.HEALTH_INSURER, email="zora@tk.example"),
]
PLAN = Plan(
    (
        Round(1, (Table(1, ("a", "b")), Table(2, ("c", "d", "e"))), resting=("z",)),
        Round(2, (Table(1, ("b", "c")), Table(2, ("d", "a")), Table(3, ("e", "z")))),
        Round(3, (Table(1, ("b", "d")), Table(2, ("c", "e", "z"))), resting=("a",)),
        Round(4, (Table(1, ("b", "c")), Table(2, ("d", "e")), Table(4, ("a", "gone")))),
    )
)


def clock():
    return new_clock(4, 480)


def in_round(number):
    return start_round(clock(), T0, number)


def view(pid, c=None, at=T0 + 10, lang="de", plan=PLAN, **kw):
    return my_view(EVENT, plan, PEOPLE, pid, c if c is not None else clock(), at, lang, **kw)


def test_before_the_start_previews_round_one():
    v = view("a")
    now = v.now
    assert (now.kind, now.round, now.total_rounds) == ("before", 1, 4)
    assert now.title == "Gleich geht es los"
    assert now.headline == "Tisch 1"
    assert now.where == "Zum Start gehen Sie bitte an Tisch 1."
    assert now.seat.partners == (Partner("b", "Bernd", "KISS", "Selbsthilfekontaktstelle"),)
    assert now.phase_text == "Sie fragen zuerst."
    assert now.you_ask is True
    assert now.question == "Q1?"
    assert [s.round for s in v.upcoming] == [2, 3, 4]
    assert v.earlier == ()
    assert v.name == "Anna"
    assert (v.upcoming_title, v.earlier_title) == ("Als Nächstes", "Bisher")


def test_before_the_start_without_a_plan_or_resting_first():
    empty = view("a", plan=Plan(()))
    assert empty.now.kind == "before"
    assert empty.now.headline == "Ihr Plan folgt"
    assert empty.now.where == "Sobald Ihr Platz feststeht, sehen Sie ihn hier."
    assert empty.upcoming == () and empty.now.phase_text == ""
    resting = view("z").now
    assert resting.headline == "Pause"
    assert resting.where == "In Runde 1 haben Sie Pause – ab Runde 2 sind Sie dabei."
    assert resting.back_in_round == 2
    assert resting.you_ask is None and resting.question == ""


def test_pair_first_listed_asks_first_then_the_other():
    first_a, first_b = view("a", in_round(1)).now, view("b", in_round(1)).now
    assert (first_a.kind, first_a.title, first_a.phase) == ("talk", "Runde 1 von 4", "first_asks")
    assert (first_a.phase_text, first_a.you_ask) == ("Sie fragen zuerst.", True)
    assert (first_b.phase_text, first_b.you_ask) == ("Ihr Gegenüber fragt zuerst.", False)
    late = T0 + 300  # half-time is at 240 s
    second_a = view("a", in_round(1), late).now
    second_b = view("b", in_round(1), late).now
    assert (second_a.phase_text, second_a.you_ask) == ("Jetzt fragt Ihr Gegenüber.", False)
    assert (second_b.phase_text, second_b.you_ask) == ("Jetzt fragen Sie.", True)
    assert second_a.where == "Sie sitzen an Tisch 1."
    assert second_a.question == "Q1?"
    round_two = view("a", in_round(2)).now  # listed second at table 2
    assert round_two.phase_text == "Ihr Gegenüber fragt zuerst."
    assert round_two.question == "Q2?"


def test_table_of_three_says_who_asks_whom():
    def text(pid, at):
        return view(pid, in_round(1), at).now.phase_text

    assert text("c", T0) == "Sie fragen zuerst, Dora und Emil antworten."
    assert text("d", T0) == "Clara fragt zuerst, Sie und Emil antworten."
    assert text("e", T0) == "Clara fragt zuerst, Sie und Dora antworten."
    assert text("c", T0 + 300) == "Jetzt fragen Dora und Emil abwechselnd, Sie antworten."
    assert text("e", T0 + 300) == "Jetzt fragen Sie und Dora abwechselnd, Clara antwortet."
    assert view("d", in_round(1), T0 + 300).now.you_ask is True
    assert view("c", in_round(1), T0 + 300).now.you_ask is False


def test_resting_says_kindly_when_they_are_back():
    now = view("a", in_round(3)).now
    assert (now.kind, now.headline) == ("resting", "Pause")
    assert now.where == "Diese Runde haben Sie Pause – ab Runde 4 geht es weiter."
    assert now.back_in_round == 4
    assert (now.phase_text, now.question, now.you_ask) == ("", "", None)
    last = Plan((Round(1, (Table(1, ("b", "c")),), resting=("a",)),))
    alone = my_view(EVENT, last, PEOPLE, "a", start_round(new_clock(1, 480), T0), T0, "de")
    assert alone.now.where == "Diese Runde haben Sie Pause."
    assert alone.now.back_in_round is None


def test_seated_person_stays_and_the_others_come():
    now = view("b", in_round(2)).now
    assert now.where == "Sie bleiben an Tisch 1 – Ihre Gesprächspartner kommen zu Ihnen."
    moving = view("b", in_round(1), T0 + 490).now  # time up, changing tables
    assert moving.phase_text == (
        "Bitte bleiben Sie an Tisch 1 sitzen – Ihre nächsten Gesprächspartner kommen zu Ihnen."
    )


def test_changing_tables_shows_where_to_go_next():
    v = view("a", in_round(1), T0 + 490)
    assert (v.now.phase, v.now.round, v.now.kind) == ("change_tables", 2, "talk")
    assert v.now.phase_text == "Bitte gehen Sie jetzt zu Tisch 2."
    assert v.now.headline == "Tisch 2"
    assert [s.round for s in v.earlier] == [1] and [s.round for s in v.upcoming] == [3, 4]
    to_break = view("a", in_round(2), T0 + 490).now
    assert to_break.phase_text == "In der nächsten Runde haben Sie Pause."
    last = view("a", in_round(4), T0 + 490).now
    assert (last.round, last.phase_text) == (4, "Die Zeit ist um.")
    paused = view("a", pause(in_round(1), T0 + 30), T0 + 600).now
    assert paused.phase_text == "Die Zeit ist kurz angehalten."


def test_video_room_link_instead_of_a_table():
    v = view("a", in_round(1), link_template=ROOMS)
    assert v.now.seat.link == "https://meet.example.org/Treffen%20Nord-r1-t1"
    assert v.now.headline == "Videoraum 1"
    assert v.now.where == "Bitte öffnen Sie den Link zu Ihrem Videoraum."
    assert v.upcoming[0].link == "https://meet.example.org/Treffen%20Nord-r2-t2"
    assert v.upcoming[0].text == "Runde 2: Videoraum 2 mit Dora"
    seated = view("b", in_round(1), link_template=ROOMS).now
    assert seated.where == "Bitte öffnen Sie den Link zu Ihrem Videoraum."  # no one stays seated
    moving = view("b", in_round(1), T0 + 490, link_template=ROOMS).now
    assert moving.phase_text == "Bitte wechseln Sie jetzt in Ihren nächsten Videoraum."
    assert view("a", in_round(1)).now.seat.link == ""
    with pytest.raises(LinkTemplateError):
        view("a", link_template="meet.example.org/{room}")


def test_after_the_end_every_round_is_earlier():
    v = view("a", end(in_round(4), T0 + 100), T0 + 200)
    assert (v.now.kind, v.now.title, v.now.seat, v.now.headline) == (
        "ended", "Ende – vielen Dank!", None, "",
    )  # fmt: skip
    assert v.now.where == "Die Veranstaltung ist zu Ende. Vielen Dank fürs Mitmachen!"
    assert [s.round for s in v.earlier] == [1, 2, 3, 4]
    assert v.upcoming == ()
    assert changed_since(view("a", in_round(4)), v) is None


def test_someone_no_longer_on_the_list_shows_by_id():
    seat = view("a", in_round(4)).now.seat
    assert seat.partners == (Partner("gone", "gone", on_list=False),)
    assert seat.text == "Runde 4: Tisch 4 mit gone"
    assert seat.asks_first is True
    gone = view("gone", in_round(4))
    assert gone.name == "gone"
    assert gone.now.seat.partners[0].name == "Anna"
    assert [s.kind for s in gone.earlier] == ["not_planned"] * 3
    assert gone.earlier[0].text == "Runde 1: nicht eingeplant"
    assert view("gone", in_round(1)).now.where.startswith("Für diese Runde sind Sie nicht")


def test_list_lines_for_every_round():
    v = view("a")
    assert [s.text for s in v.seats()] == [
        "Runde 1: Tisch 1 mit Bernd (KISS)",
        "Runde 2: Tisch 2 mit Dora",
        "Runde 3: Pause",
        "Runde 4: Tisch 4 mit gone",
    ]
    trio = view("c").now.seat.text
    assert trio == "Runde 1: Tisch 2 mit Dora und Emil (SHG)"


def test_only_the_person_and_their_partners_are_in_the_view():
    for at in (T0, T0 + 300, T0 + 490):
        for c in (clock(), in_round(1), in_round(3), end(in_round(4), T0)):
            text = repr(view("a", c, at, link_template=ROOMS))
            assert "@" not in text  # no e-mail at all, not even the person's own
            for stranger in ("Clara", "Emil", "Zora", "Rheuma-Liga", "TK"):
                assert stranger not in text


def test_changed_since_after_a_replan():
    replanned = Plan(
        (
            *PLAN.rounds[:2],
            Round(3, (Table(1, ("b", "d")), Table(7, ("z", "a")), Table(2, ("c", "e")))),
            PLAN.rounds[3],
        )
    )
    old = view("a", in_round(2))
    new = view("a", in_round(2), plan=replanned)
    assert changed_since(old, new) == "Neu: In Runde 3 sitzen Sie an Tisch 7 mit Zora (TK)."
    moving_old = view("a", in_round(2), T0 + 490)
    moving_new = view("a", in_round(2), T0 + 490, plan=replanned)
    assert changed_since(moving_old, moving_new) == (
        "Neu: Sie sitzen jetzt an Tisch 7 mit Zora (TK)."
    )
    assert changed_since(new, old) == "Neu: In Runde 3 haben Sie Pause."
    assert changed_since(None, new) is None
    assert changed_since(old, old) is None
    assert changed_since(view("a", in_round(1)), view("a", in_round(2))) is None  # as planned
    english = view("a", in_round(2), lang="en", plan=replanned)
    assert changed_since(old, english) == "New: in round 3 you sit at table 7 with Zora (TK)."


def test_english():
    v = view("a", in_round(1), lang="en")
    assert v.now.title == "Round 1 of 4"
    assert v.now.phase_text == "You ask first."
    assert v.now.headline == "Table 1"
    assert v.now.seat.partners[0].sector == "Self-help contact office"
    assert v.upcoming_title == "Coming up"
    assert view("a", in_round(3), lang="en").now.where == (
        "You have a break this round – you are back from round 4."
    )
    assert view("b", in_round(1), lang="en").now.where == (
        "You stay at table 1 – your partners come to you."
    )
    assert (
        view("c", in_round(1), lang="en").now.phase_text == "You ask first; Dora and Emil answer."
    )
    assert view("a", lang="en").now.title == "Starting soon"
