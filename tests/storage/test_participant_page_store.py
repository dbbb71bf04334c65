"""Storage for the participant's own page: access codes of at least 128 bits that can be
re-issued, "In Kontakt bleiben" (an e-mail passes only when it is mutual and consented, and a
one-sided wish is never told), one idea per person and round, and migration 0004 giving
everyone of an older database a new long code."""

from __future__ import annotations

import dataclasses
import math
import pickle

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from matching.i18n import TEXTS, t
from matching.model import Event, Participant, Sector
from matching.storage.records import (
    CODE_ALPHABET,
    CODE_LENGTH,
    IDEA_MAX_LENGTH,
    grouped_code,
    new_access_code,
)
from matching.storage.store import MIGRATIONS, IdeaRecord, IdeaTooLongError, open_store


def person(pid: str, email: str = "") -> Participant:
    return Participant(pid, f"Person {pid}", f"Org {pid}", Sector.OTHER, email=email)


def people() -> list[Participant]:
    return [
        person("p001", "anna@example.test"),
        person("p002", "ben@example.test"),
        person("p003", "cleo@example.test"),
        person("p004"),  # no e-mail
    ]


def an_event(url: str):
    store = open_store(url)
    event_id = store.create_event(Event("Eigene Seite", "2026-11-20"))
    store.replace_participants(event_id, people())
    return store, event_id


def consent_all(store, event_id: int, *pids: str) -> None:
    for pid in pids:
        store.set_consent(event_id, pid, "contacts", True)


# access codes ---------------------------------------------------------------------------------
def test_codes_have_at_least_128_bits_from_the_card_alphabet(url):
    store, event_id = an_event(url)
    assert len(CODE_ALPHABET) == len(set(CODE_ALPHABET)) == 31
    assert not set(CODE_ALPHABET) & set("0O1lIi")  # nothing to mix up when typing
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) >= 128
    assert (CODE_LENGTH - 1) * math.log2(len(CODE_ALPHABET)) < 128  # no longer than needed
    for code in store.access_codes(event_id).values():
        assert len(code) == CODE_LENGTH == 26
        assert set(code) <= set(CODE_ALPHABET)
        assert len(code) * math.log2(len(CODE_ALPHABET)) >= 128


def test_codes_are_unique_across_a_thousand(url):
    assert len({new_access_code() for _ in range(1000)}) == 1000
    store = open_store(url)
    event_id = store.create_event(Event("Groß"))
    store.replace_participants(event_id, [person(f"p{i:04d}") for i in range(1000)])
    codes = store.access_codes(event_id)
    assert len(codes) == 1000 and len(set(codes.values())) == 1000
    # Every symbol turns up in every position about equally often (1000/31 = 32 each).
    for position in (0, CODE_LENGTH // 2, CODE_LENGTH - 1):
        counts = [sum(c[position] == s for c in codes.values()) for s in CODE_ALPHABET]
        assert min(counts) > 5 and max(counts) < 75, counts


def test_reissue_stops_the_old_code_at_once(url):
    store, event_id = an_event(url)
    before = store.access_codes(event_id)
    version = store.list_version(event_id)
    new = store.reissue_code(event_id, "p002")
    assert new != before["p002"] and len(new) == CODE_LENGTH
    assert store.find_by_code(before["p002"]) is None
    assert store.find_by_code(new) == (event_id, "p002")
    after = store.access_codes(event_id)
    assert after == {**before, "p002": new}  # nobody else's changed
    assert store.list_version(event_id) == version  # the list itself did not change
    store.replace_participants(event_id, people())  # a re-import keeps the new code
    assert store.access_code(event_id, "p002") == new
    with pytest.raises(KeyError):
        store.reissue_code(event_id, "p999")
    with pytest.raises(KeyError):
        store.reissue_code(9999, "p001")


def test_find_by_code_is_tolerant_but_neutral_for_anything_wrong(url):
    store, event_id = an_event(url)
    code = store.access_code(event_id, "p003")
    for typed in (
        code,
        code.lower(),
        f"  {code}\n",
        grouped_code(code),  # as printed on the card
        grouped_code(code).lower().replace(" ", "-"),
        " ".join(code),
    ):
        assert store.find_by_code(typed) == (event_id, "p003"), typed
    for wrong in (
        None,
        "",
        "   ",
        code[:-1],
        code + "A",
        code[:8],
        "NOPE0000",
        "Ä" * 26,
        code.replace(code[0], "0"),
        "x" * 10_000,
        "' OR 1=1 --",
    ):
        assert store.find_by_code(wrong) is None, wrong


def test_codes_are_created_with_the_list(url):
    """Every way onto the list brings a code: the import, one more person, a walk-in."""
    store, event_id = an_event(url)
    store.add_participant(event_id, person("p005"))
    store.add_walk_in(event_id, lambda used: person("p006"))
    codes = store.access_codes(event_id)
    assert set(codes) == {f"p00{i}" for i in range(1, 7)}
    assert all(len(c) == CODE_LENGTH for c in codes.values())


# "In Kontakt bleiben" -------------------------------------------------------------------------
def test_mutual_and_consented_contact_shows_the_email(url):
    store, event_id = an_event(url)
    consent_all(store, event_id, "p001", "p002")
    store.set_keep_in_touch(event_id, "p001", "p002", True)
    assert store.keep_in_touch(event_id, "p001") == {"p002"}
    assert store.keep_in_touch(event_id, "p002") == set()  # B is not told that A ticked
    assert store.mutual_contacts(event_id, "p001") == {}
    assert store.mutual_contacts(event_id, "p002") == {}
    store.set_keep_in_touch(event_id, "p002", "p001", True)
    assert store.mutual_contacts(event_id, "p001") == {"p002": "ben@example.test"}
    assert store.mutual_contacts(event_id, "p002") == {"p001": "anna@example.test"}
    store.set_keep_in_touch(event_id, "p002", "p001", True)  # ticked again: still one wish
    assert store.keep_in_touch(event_id, "p002") == {"p001"}
    store.set_keep_in_touch(event_id, "p002", "p001", False)  # taken back: gone both ways
    assert store.mutual_contacts(event_id, "p001") == {}
    assert store.mutual_contacts(event_id, "p002") == {}
    assert store.keep_in_touch(event_id, "p001") == {"p002"}


@pytest.mark.parametrize(
    "missing", ["a_did_not_tick", "b_did_not_tick", "a_no_consent", "b_no_consent", "b_no_email"]
)
def test_a_missing_condition_reveals_nothing(url, missing):
    """A = p001 looks at their page; B = p002 (or p004 without an e-mail). With any one
    condition missing B is simply absent, exactly as if B had never ticked."""
    store, event_id = an_event(url)
    a, b = "p001", "p004" if missing == "b_no_email" else "p002"
    if missing != "a_no_consent":
        consent_all(store, event_id, a)
    if missing != "b_no_consent":
        consent_all(store, event_id, b)
    if missing != "a_did_not_tick":
        store.set_keep_in_touch(event_id, a, b, True)
    if missing != "b_did_not_tick":
        store.set_keep_in_touch(event_id, b, a, True)
    assert store.mutual_contacts(event_id, a) == {}
    assert store.keep_in_touch(event_id, a) == (set() if missing == "a_did_not_tick" else {b})
    if missing == "b_no_email":  # B still sees A's address: A has one and agreed to all
        assert store.mutual_contacts(event_id, b) == {a: "anna@example.test"}
    else:
        assert store.mutual_contacts(event_id, b) == {}


def test_withdrawn_consent_hides_the_contact_again(url):
    store, event_id = an_event(url)
    consent_all(store, event_id, "p001", "p002", "p003")
    for x, y in (("p001", "p002"), ("p002", "p001"), ("p001", "p003"), ("p003", "p001")):
        store.set_keep_in_touch(event_id, x, y, True)
    assert store.mutual_contacts(event_id, "p001") == {
        "p002": "ben@example.test",
        "p003": "cleo@example.test",
    }
    store.set_consent(event_id, "p002", "contacts", False)
    assert store.mutual_contacts(event_id, "p001") == {"p003": "cleo@example.test"}
    assert store.mutual_contacts(event_id, "p002") == {}
    store.set_consent(event_id, "p001", "contacts", False)  # own consent withdrawn: nothing
    assert store.mutual_contacts(event_id, "p001") == {}
    assert store.mutual_contacts(event_id, "p003") == {}
    store.set_consent(event_id, "p001", "contacts", True)
    store.set_consent(event_id, "p002", "contacts", True)
    assert set(store.mutual_contacts(event_id, "p001")) == {"p002", "p003"}
    store.set_consent(event_id, "p001", "network", False)  # the other purpose: no effect
    assert set(store.mutual_contacts(event_id, "p001")) == {"p002", "p003"}


def test_contact_wishes_only_between_people_on_the_list(url):
    store, event_id = an_event(url)
    with pytest.raises(KeyError):
        store.set_keep_in_touch(event_id, "p001", "p999", True)
    with pytest.raises(KeyError):
        store.set_keep_in_touch(event_id, "p999", "p001", True)
    with pytest.raises(KeyError):
        store.set_keep_in_touch(9999, "p001", "p002", True)
    with pytest.raises(ValueError):
        store.set_keep_in_touch(event_id, "p001", "p001", True)
    store.set_keep_in_touch(event_id, "p001", "p999", False)  # unticking nobody: nothing
    assert store.keep_in_touch(event_id, "p001") == set()
    assert store.mutual_contacts(event_id, "p999") == {}
    # somebody who leaves the list takes their wishes along, both ways
    consent_all(store, event_id, "p001", "p002")
    store.set_keep_in_touch(event_id, "p001", "p002", True)
    store.set_keep_in_touch(event_id, "p002", "p001", True)
    store.remove_participant(event_id, "p002")
    assert store.keep_in_touch(event_id, "p001") == set()
    store.add_participant(event_id, person("p002", "ben@example.test"))  # back: a fresh start
    consent_all(store, event_id, "p002")
    store.set_keep_in_touch(event_id, "p002", "p001", True)
    assert store.mutual_contacts(event_id, "p002") == {}
    assert store.count_rows(event_id)["contact_wishes"] == 1


def test_an_address_added_later_is_passed_on(url):
    store, event_id = an_event(url)
    consent_all(store, event_id, "p001", "p004")
    store.set_keep_in_touch(event_id, "p001", "p004", True)
    store.set_keep_in_touch(event_id, "p004", "p001", True)
    assert store.mutual_contacts(event_id, "p001") == {}
    now = [p if p.id != "p004" else person("p004", " dora@example.test ") for p in people()]
    store.replace_participants(event_id, now)
    assert store.mutual_contacts(event_id, "p001") == {"p004": "dora@example.test"}


# ideas ----------------------------------------------------------------------------------------
def test_ideas_save_replace_delete(url):
    store, event_id = an_event(url)
    assert store.idea(event_id, "p001", 1) is None
    store.save_idea(event_id, "p001", 1, "  Gemeinsame Sprechstunde \n", show_name=False)
    assert store.idea(event_id, "p001", 1) == ("Gemeinsame Sprechstunde", False)
    store.save_idea(event_id, "p001", 1, "Sprechstunde im Rathaus\r\nmit Dolmetsch\x00", True)
    assert store.idea(event_id, "p001", 1) == ("Sprechstunde im Rathaus\nmit Dolmetsch", True)
    store.save_idea(event_id, "p001", 2, "Zweite Runde", False)
    assert [(i.round, i.text) for i in store.ideas(event_id)] == [
        (1, "Sprechstunde im Rathaus\nmit Dolmetsch"),
        (2, "Zweite Runde"),
    ]
    store.save_idea(event_id, "p001", 1, "   \n ", True)  # empty deletes
    assert store.idea(event_id, "p001", 1) is None
    store.save_idea(event_id, "p001", 1, "", False)  # deleting nothing: nothing to do
    assert [i.round for i in store.ideas(event_id)] == [2]
    assert store.count_rows(event_id)["ideas"] == 1


def test_ideas_limit_is_500_characters_after_trimming(url):
    store, event_id = an_event(url)
    assert IDEA_MAX_LENGTH == 500
    store.save_idea(event_id, "p001", 1, "  " + "ä" * 500 + "\n\n", False)
    assert store.idea(event_id, "p001", 1) == ("ä" * 500, False)
    with pytest.raises(ValueError, match="at most 500 characters; this one has 501") as error:
        store.save_idea(event_id, "p001", 1, "x" * 501, True)
    assert isinstance(error.value, IdeaTooLongError)
    assert (error.value.length, error.value.limit) == (501, 500)
    assert store.idea(event_id, "p001", 1) == ("ä" * 500, False)  # nothing written
    assert error.value.message_key == "store.idea_too_long"
    assert "500" in t(error.value.message_key, "de", limit=500, length=501)
    assert TEXTS["store.idea_too_long"]["en"]
    again = pickle.loads(pickle.dumps(error.value))  # noqa: S301 - our own bytes
    assert (again.length, again.limit) == (501, 500)


def test_ideas_only_from_people_on_the_list_and_for_real_rounds(url):
    store, event_id = an_event(url)
    with pytest.raises(KeyError):
        store.save_idea(event_id, "p999", 1, "Fremd", False)
    with pytest.raises(KeyError):
        store.save_idea(9999, "p001", 1, "Fremd", False)
    for bad_round in (0, -1, True, 1.5, "1"):
        with pytest.raises(ValueError):
            store.save_idea(event_id, "p001", bad_round, "Idee", False)
    store.save_idea(event_id, "p001", 1, "Idee", False)
    store.remove_participant(event_id, "p001")  # leaving the list takes ideas along
    assert store.ideas(event_id) == []


def test_ideas_sorted_by_round_then_time(url):
    store, event_id = an_event(url)
    store.save_idea(event_id, "p003", 2, "C2", True)
    store.save_idea(event_id, "p002", 1, "B1", False)
    store.save_idea(event_id, "p001", 1, "A1", True)
    store.save_idea(event_id, "p001", 2, "A2", False)
    store.save_idea(event_id, "p002", 1, "B1 geändert", False)  # a change counts as later
    listed = store.ideas(event_id)
    assert [(i.round, i.person_id, i.text) for i in listed] == [
        (1, "p001", "A1"),
        (1, "p002", "B1 geändert"),
        (2, "p003", "C2"),
        (2, "p001", "A2"),
    ]
    assert all(isinstance(i, IdeaRecord) and i.updated_at.tzinfo for i in listed)
    assert [i.show_name for i in listed] == [True, False, True, False]
    assert [i.text for i in store.ideas(event_id, round=2)] == ["C2", "A2"]
    with pytest.raises(dataclasses.FrozenInstanceError):  # records are frozen
        listed[0].text = "anders"
    moment = listed[0].updated_at
    store.save_idea(event_id, "p001", 1, "A1", True)  # the same again: not a new time
    assert store.ideas(event_id)[0].updated_at == moment


# migration 0004 -------------------------------------------------------------------------------
def database_at(url: str, revision: str):
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine, config


def test_migration_gives_existing_participants_new_long_codes(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine, _ = database_at(url, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO events (id, title, date, place, rounds, minutes_per_round, "
                "questions, created_at, updated_at, list_version) VALUES (7, 'Alt', '', '', 6, "
                "8, '[]', '2026-01-01 10:00:00', '2026-01-01 10:00:00', 1)"
            )
        )
        for row_id, pid, code in ((1, "p001", "ABCD2345"), (2, "p002", "WXYZ6789")):
            connection.execute(
                text(
                    "INSERT INTO participants (id, event_id, person_id, position, name, "
                    "organisation, sector, topics, offers, needs, email, stays_seated, "
                    "wants_to_meet, avoid, source_row, access_code) VALUES (:id, 7, :pid, "
                    ":pos, :name, 'Org', 'Sonstige', '[]', '[]', '[]', '', 0, '[]', '[]', NULL, "
                    ":code)"
                ),
                {"id": row_id, "pid": pid, "pos": row_id - 1, "name": f"Alt {pid}", "code": code},
            )
    engine.dispose()

    store = open_store(url)  # upgrades to the newest migration
    codes = store.access_codes(7)
    assert set(codes) == {"p001", "p002"} and len(set(codes.values())) == 2
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes.values())
    assert store.find_by_code("ABCD2345") is None and store.find_by_code("WXYZ6789") is None
    assert store.find_by_code(codes["p001"]) == (7, "p001")
    assert [p.name for p in store.list_participants(7)] == ["Alt p001", "Alt p002"]
    assert store.list_version(7) == 1
    store.save_idea(7, "p001", 1, "Geht jetzt", True)
    store.set_keep_in_touch(7, "p001", "p002", True)
    assert store.idea(7, "p001", 1) == ("Geht jetzt", True)
    store.dispose()


def test_migration_0004_goes_back_with_old_style_codes(tmp_path):
    url = f"sqlite:///{tmp_path / 'back.db'}"
    store = open_store(url)
    event_id = store.create_event(Event("Zurück"))
    store.replace_participants(event_id, people())
    store.save_idea(event_id, "p001", 1, "Weg damit", False)
    store.dispose()
    engine, config = database_at(url, "head")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
        codes = connection.execute(text("SELECT access_code FROM participants")).scalars().all()
        tables = set(
            connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
            .scalars()
            .all()
        )
    assert len(codes) == 4 and all(len(c) == 8 for c in codes)
    assert not tables & {"ideas", "contact_wishes"}
    engine.dispose()
    again = open_store(url)  # and forward again
    assert all(len(c) == CODE_LENGTH for c in again.access_codes(event_id).values())
    assert again.ideas(event_id) == []


def test_the_page_poll_stamp_changes_exactly_when_plan_or_list_do(tmp_path):
    """The participant pages share plan and list by this stamp (ui.my_page): it must change
    with every list write and every plan version, and carry the live data along."""
    import json

    from matching.model import Event, Participant, Plan, Round, Sector, Table

    store = open_store(f"sqlite:///{tmp_path / 'poll.db'}")
    event_id = store.create_event(Event("Poll"))
    first, live = store.page_poll(event_id)
    assert live == "" and first[3] is None  # no plan yet
    people = [Participant(i, i.upper(), f"Org {i}", Sector.OTHER) for i in "ab"]
    store.replace_participants(event_id, people)
    after_list, _ = store.page_poll(event_id)
    assert after_list != first
    one = Plan((Round(1, (Table(1, ("a", "b")),)),))
    plan_id = store.save_plan(event_id, one)
    after_plan, _ = store.page_poll(event_id)
    assert after_plan[3] == plan_id and after_plan != after_list
    assert store.page_poll(event_id)[0] == after_plan  # nothing changed: the same stamp
    second = store.save_plan(event_id, one)
    store.set_current_plan(event_id, plan_id)  # back to the first version
    assert store.page_poll(event_id)[0] == after_plan
    store.set_current_plan(event_id, second)
    assert store.page_poll(event_id)[0][3] == second
    store.set_live_data(event_id, {"mode": "online"})
    assert json.loads(store.page_poll(event_id)[1]) == {"mode": "online"}
    with pytest.raises(KeyError):
        store.page_poll(event_id + 99)
