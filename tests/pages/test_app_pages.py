"""Each page driven like a user would with streamlit's AppTest (no browser needed)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from matching.model import OddMode, Sector
from matching.storage.store import open_store
from tests.conftest import ROOT

TIMEOUT = 90
GOOD_CSV = (
    b"Name;Institution;Bereich;Themen;Bleibt sitzen\n"
    b"Anna Beispiel;AOK Musterland;Krankenkasse;ePA;\n"
    b"Bernd Muster;AOK Musterland;KK;;\n"
    b"Clara Test;KISS Musterstadt;Kontaktstelle;ePA;ja\n"
    b"Dora Probe;Lupus Selbsthilfe Nord;SHO;;\n"
    b"Emil Fiktiv;BKK Nord;Kasse;;\n"
    b"Frieda Erfunden;Diabetes e.V.;Selbsthilfeorganisation;;\n"
)
BAD_CSV = "Name;Institution;Bereich\n;AOK;Krankenkasse\nBen;KISS;Bäckerei\n".encode()


def start(page: str | None = None, *, demo: bool = False, monkeypatch=None) -> AppTest:
    if demo and monkeypatch is not None:
        monkeypatch.setenv("PAARWEISE_SEED_DEMO", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    if page:
        at.switch_page(page).run()
    return at


def by_label(widgets, label: str, *, prefix: bool = False, last: bool = False):
    """The widget a user would find by its label (the last one when a form repeats it)."""
    found = [w for w in widgets if (w.label.startswith(label) if prefix else w.label == label)]
    assert found, f"no widget labelled {label!r}; there are {[w.label for w in widgets]}"
    return found[-1] if last else found[0]


def act(at: AppTest) -> AppTest:
    """Run after a click; a page that confirms with st.rerun() shows it on the next run."""
    at.run()
    if "_flash" in at.session_state:
        at.run()
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += [e.value for e in (*at.success, *at.info, *at.warning, *at.error)]
    parts += [h.value for h in (*at.header, *at.subheader)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", ["pages/event.py", "pages/participants.py", "pages/plan.py"])
def test_every_page_opens_without_error_on_an_empty_database(app_env, page):
    """A newcomer clicking anywhere before creating an event sees guidance, never a traceback."""
    at = start(page)
    assert not at.exception


def test_app_opens_on_the_demo_event(app_env, monkeypatch):
    """`make run` seeds the demo event into an empty database and shows it."""
    at = start(demo=True, monkeypatch=monkeypatch)
    assert not at.exception
    assert "Demo" in at.sidebar.selectbox[1].format_func(
        at.sidebar.selectbox[1].value
    ) or "Demo" in texts(at)
    store = open_store(app_env)
    events = store.list_events()
    assert len(events) == 1 and events[0].participant_count == 41


def test_event_create_edit_duplicate_delete(app_env):
    at = start()
    form_title = by_label(at.text_input, "Titel", last=True)
    form_title.input("Austausch Sachsen-Anhalt 2026")
    by_label(at.number_input, "Runden", last=True).set_value(5)
    by_label(at.text_area, "Fragen", prefix=True, last=True).input(
        "Was machen Sie?\nWas brauchen Sie?"
    )
    by_label(at.button, "Veranstaltung anlegen").click()
    act(at)
    assert not at.exception
    assert "Veranstaltung angelegt" in texts(at)
    store = open_store(app_env)
    (summary,) = store.list_events()
    assert summary.event.rounds == 5
    assert summary.event.questions == ("Was machen Sie?", "Was brauchen Sie?")

    by_label(at.button, "Kopie anlegen").click()
    act(at)
    assert len(store.list_events()) == 2
    assert "Kopie angelegt" in texts(at)

    by_label(at.checkbox, "Ja,", prefix=True).check()
    at.run()
    by_label(at.button, "Endgültig löschen").click()
    act(at)
    assert not at.exception
    assert len(store.list_events()) == 1


def test_event_without_title_gets_a_message_not_an_event(app_env):
    at = start()
    by_label(at.button, "Veranstaltung anlegen").click()
    act(at)
    assert not at.exception
    assert open_store(app_env).list_events() == []
    assert any("„Titel“" in e.value for e in at.error)
    assert not any("„title“" in e.value for e in at.error)  # the form's words, not the code's


def test_new_event_form_is_empty_again_and_duplicate_copies_the_selected_event(app_env):
    """A second click on "anlegen" must not make an identical event; "Kopie anlegen" copies
    the event that is selected, also after switching."""
    at = start()
    for title, rounds in (("Treffen A", 4), ("Treffen B", 7)):
        by_label(at.text_input, "Titel", last=True).input(title)
        by_label(at.number_input, "Runden", last=True).set_value(rounds)
        by_label(at.button, "Veranstaltung anlegen").click()
        act(at)
        assert not at.exception
        assert by_label(at.text_input, "Titel", last=True).value == ""
    store = open_store(app_env)
    assert sorted(e.event.title for e in store.list_events()) == ["Treffen A", "Treffen B"]
    first = next(e.id for e in store.list_events() if e.event.title == "Treffen A")
    at.session_state["event_id"] = first  # (what choosing it in the sidebar does)
    at.run()
    assert by_label(at.text_input, "Titel der Kopie", prefix=True).value == "Treffen A (Kopie)"
    by_label(at.button, "Kopie anlegen").click()
    act(at)
    copy = next(e for e in store.list_events() if e.event.title == "Treffen A (Kopie)")
    assert copy.event.rounds == 4


def _event_with(app_env, monkeypatch) -> AppTest:
    at = start(demo=True, monkeypatch=monkeypatch)
    return at


def test_import_good_file_only_after_confirmation(app_env, monkeypatch):
    """Nothing is stored until the organiser confirms; then the whole list is replaced."""
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/participants.py").run()
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    at.file_uploader[0].set_value(("liste.csv", GOOD_CSV, "text/csv"))
    at.run()
    assert not at.exception
    assert len(store.list_participants(event_id)) == 41  # not yet replaced
    confirm = [b for b in at.button if b.label.startswith("6 Personen übernehmen")]
    assert confirm, [b.label for b in at.button]
    # The file replaces the list: the button says who would go.
    assert confirm[0].label == "6 Personen übernehmen – 39 bisherige fallen weg"  # 2 stay
    confirm[0].click()
    act(at)
    assert not at.exception
    assert len(store.list_participants(event_id)) == 6
    assert "6 Personen übernommen" in texts(at)


def test_import_bad_file_lists_problems_with_rows_and_stores_nothing(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/participants.py").run()
    at.file_uploader[0].set_value(("kaputt.csv", BAD_CSV, "text/csv"))
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.label.endswith("übernehmen")]
    problems = "\n".join(e.value for e in at.error)
    assert "Zeile 2, Spalte „Name“" in problems  # Excel rows of the two bad lines
    assert "Zeile 3, Spalte „Bereich“" in problems and "Bäckerei" in problems
    event_id = open_store(app_env).list_events()[0].id
    assert len(open_store(app_env).list_participants(event_id)) == 41


def test_walk_in_is_added(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/participants.py").run()
    form_inputs = [t for t in at.text_input if t.label in ("Name", "Organisation")]
    form_inputs[0].input("Nele Nachzüglerin")
    form_inputs[1].input("IKK Test")
    by_label(at.button, "Person hinzufügen").click()
    act(at)
    assert any("Bitte einen Bereich wählen" in e.value for e in at.error)  # no silent default
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    assert len(store.list_participants(event_id)) == 41
    form_inputs = [t for t in at.text_input if t.label in ("Name", "Organisation")]
    form_inputs[0].input("Nele Nachzüglerin")
    form_inputs[1].input("IKK Test")
    by_label(at.selectbox, "Bereich").set_value(Sector.HEALTH_INSURER)
    by_label(at.button, "Person hinzufügen").click()
    act(at)
    assert not at.exception
    people = store.list_participants(event_id)
    assert people[-1].name == "Nele Nachzüglerin" and people[-1].sector is Sector.HEALTH_INSURER


def test_build_plan_shows_quality_views_and_versions(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/plan.py").run()
    by_label(at.slider, "Rechenzeit", prefix=True).set_value(5)
    by_label(at.button, "Plan erstellen").click()
    act(at)
    assert not at.exception
    page_text = texts(at)
    assert "Alle Regeln eingehalten" in page_text
    assert "des bestmöglichen Ergebnisses" in page_text
    round_select = by_label(at.selectbox, "Runde")
    round_select.set_value(2)
    at.run()
    assert not at.exception
    person_select = by_label(at.selectbox, "Person")
    person_select.select_index(3)
    at.run()
    assert not at.exception
    by_person = next(df for df in at.dataframe if "Gesprächspartner" in df.value.columns)
    assert len(by_person.value) == 8  # one row per round of the demo event
    labels = [d.proto.label for d in at.get("download_button")]
    assert [x for x in labels if x.startswith("Plan als")] == labels[:3] and len(labels) == 7

    by_label(at.button, "Plan erstellen").click()
    act(at)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    assert len(store.list_plans(event_id)) == 1  # a plan exists: asked first, nothing replaced
    assert any("Es gibt schon einen Plan" in w.value for w in at.warning)
    by_label(at.button, "Ja, neuen Plan erstellen").click()
    act(at)
    assert not at.exception
    versions = store.list_plans(event_id)
    assert len(versions) == 2 and all(v.label == "plan" for v in versions)
    version_table = next(df for df in at.dataframe if "Version" in df.value.columns)
    assert list(version_table.value["Version"]) == ["Neuer Plan", "Neuer Plan"]


def test_language_switch_to_english(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    at.sidebar.selectbox[0].set_value("en")
    at.run()
    assert not at.exception
    assert "Event" in [h.value for h in at.header]
    # Version names are stored as what they are and shown in the chosen language.
    store, event_id = open_store(app_env), open_store(app_env).list_events()[0].id
    from matching.planning.planner import plan

    made = plan(store.list_participants(event_id), 3, time_limit=3).plan
    store.save_plan(event_id, made, label="regenerate:2")
    at.switch_page("pages/plan.py").run()
    at.session_state["lang"] = "en"  # (AppTest runs the page alone: no sidebar switch)
    at.run()
    assert not at.exception
    version_table = next(df for df in at.dataframe if "Version" in df.value.columns)
    assert version_table.value["Version"].iloc[0] == "Round 2 regenerated"


@pytest.mark.slow
def test_plan_follows_a_changed_list(app_env, monkeypatch):
    """After planning, one person arrives and one leaves: the plan page says so, and one
    click re-plans from the chosen round, seating the newcomer and dropping the leaver."""
    from matching.model import Participant, Sector

    at = _event_with(app_env, monkeypatch)
    store, event_id = _planned(at, app_env)
    people = store.list_participants(event_id)
    leaver = people[5]
    store.replace_participants(event_id, [p for p in people if p.id != leaver.id])
    store.add_participant(
        event_id, Participant("late1", "Nele Nachzüglerin", "IKK Test", Sector.HEALTH_INSURER)
    )
    at.run()
    assert not at.exception
    assert "Die Liste hat sich seit dem Plan geändert" in texts(at)
    # Newcomers are ticked as arrived, the deleted person counts as absent: one click.
    assert by_label(at.multiselect, "Angekommen", prefix=True).value == ["late1"]
    by_label(at.selectbox, "Neu planen ab").set_value(3)
    by_label(at.button, "Neu planen").click()
    act(at)
    assert not at.exception
    versions = store.list_plans(event_id)
    newest_version = max(versions, key=lambda v: v.id)
    assert newest_version.label == "attendance:3"
    version_table = next(df for df in at.dataframe if "Version" in df.value.columns)
    assert version_table.value["Version"].iloc[0] == "Neu geplant ab Runde 3"
    newest = store.get_plan(newest_version.id)
    for rnd in newest.rounds[:2]:
        assert leaver.id in rnd.seated() or leaver.id in rnd.resting  # rounds 1-2 happened
        assert "late1" not in rnd.seated()
    for rnd in newest.rounds[2:]:
        assert "late1" in rnd.seated() or "late1" in rnd.resting
        assert leaver.id not in rnd.seated()
    assert "Liste hat sich seit dem Plan geändert" not in texts(at)
    assert any("Qualität" in m.value for m in (*at.info, *at.warning))  # before -> after
    # The newcomer without a seat in rounds 1-2 and the leaver in them break no rule.
    assert not at.error, texts(at)[-1500:]
    assert "Alle Regeln eingehalten" in texts(at)


def _edit_list(at: AppTest, app_env, edits: dict) -> tuple[AppTest, int]:
    """Open the list tab's editor with the given edit state (what a user typed), then save."""
    at.switch_page("pages/participants.py").run()
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    at.session_state[f"editor_{event_id}"] = {
        "edited_rows": {},
        "added_rows": [],
        "deleted_rows": [],
        **edits,
    }
    at.run()
    by_label(at.button, "Änderungen speichern", prefix=True).click()
    act(at)
    assert not at.exception
    return at, event_id


def test_editing_the_list_renames_adds_and_deletes(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    before = open_store(app_env).list_participants(open_store(app_env).list_events()[0].id)
    at, event_id = _edit_list(
        at,
        app_env,
        {
            "edited_rows": {0: {"Name": "Anna Umbenannt"}},
            "added_rows": [
                {
                    "Name": "Zoe Neu",
                    "Organisation": "BKK Süd",
                    "Bereich": "Krankenkasse",
                    "Bleibt sitzen": False,
                }
            ],
            "deleted_rows": [1],
        },
    )
    after = open_store(app_env).list_participants(event_id)
    names = [p.name for p in after]
    assert len(after) == len(before)  # one added, one deleted
    assert names[0] == "Anna Umbenannt" and "Zoe Neu" in names
    assert before[1].name not in names
    assert after[0].id == before[0].id  # renaming keeps the person (and their code)
    # Wishes naming the renamed person follow the rename; those naming the deleted one go,
    # with a note saying so.
    wishing = [p for p in before if before[0].id in p.wants_to_meet]
    assert wishing, "the demo list should have a wish for its first person"
    assert all(before[0].id in q.wants_to_meet for q in after if q.id == wishing[0].id)
    assert not any(before[1].id in q.avoid + q.wants_to_meet for q in after)
    notes = "\n".join(w.value for w in at.warning)
    assert before[1].name in notes and "entfällt" in notes


def test_editing_the_list_with_an_empty_name_saves_nothing(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    before = open_store(app_env).list_participants(open_store(app_env).list_events()[0].id)
    at, event_id = _edit_list(at, app_env, {"edited_rows": {2: {"Name": ""}}})
    shown = "\n".join(e.value for e in at.error)
    assert "Zeile 3, Spalte „Name“" in shown and "in der Tabelle korrigieren" in shown
    assert open_store(app_env).list_participants(event_id) == before


def test_break_mode_shows_who_rests(app_env, monkeypatch):
    """41 people with "one person rests": every round names the person on a break, and no
    table seats three."""
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/plan.py").run()
    by_label(at.radio, "Bei ungerader Zahl").set_value(OddMode.REST)
    by_label(at.slider, "Rechenzeit", prefix=True).set_value(5)
    by_label(at.button, "Plan erstellen").click()
    act(at)
    assert not at.exception
    assert any(i.value.startswith("Pause: ") for i in at.info)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    newest = store.get_plan(max(store.list_plans(event_id), key=lambda v: v.id).id)
    assert all(len(r.resting) == 1 for r in newest.rounds)
    assert all(len(t.members) == 2 for r in newest.rounds for t in r.tables)
    # The person view of someone who rests: table numbers and "Pause" in one text column
    # (mixed types made Arrow log a type error on every rerun).
    resting = newest.rounds[0].resting[0]
    by_label(at.selectbox, "Person").set_value(resting)
    at.run()
    table = next(df for df in at.dataframe if "Gesprächspartner" in df.value.columns)
    column = table.value["Tisch"]
    assert column.map(type).eq(str).all() and (column == "Pause").any()


def _planned(at: AppTest, app_env):
    at.switch_page("pages/plan.py").run()
    by_label(at.slider, "Rechenzeit", prefix=True).set_value(5)
    by_label(at.button, "Plan erstellen").click()
    act(at)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    return store, event_id


def _unmet_pair(people, plan) -> tuple[str, str]:
    """Two people who may sit together and have not met yet: a pin the planner can honour."""
    met = {frozenset((a, b)) for _, a, b in plan.meetings()}
    return next(
        (p.id, q.id)
        for p in people
        for q in people
        if p.id < q.id
        and frozenset((p.id, q.id)) not in met
        and p.organisation != q.organisation
        and not (p.stays_seated and q.stays_seated)
    )


def _newest(store, event_id):
    version = max(store.list_plans(event_id), key=lambda v: v.id)
    return version, store.get_plan(version.id)


@pytest.mark.slow
def test_pin_a_pair_and_regenerate_a_round(app_env, monkeypatch):
    """Adjust tab: a pinned pair sits together in its round; a regenerated round changes
    while every other round stays exactly as it was; each step is a new version."""
    at = _event_with(app_env, monkeypatch)
    store, event_id = _planned(at, app_env)
    _, before = _newest(store, event_id)
    people = store.list_participants(event_id)
    by_id = {p.id: p for p in people}
    a, b = _unmet_pair(people, before)
    # "Runde" and "Person" also label the round and person views: the pin form's come later.
    [s for s in at.selectbox if s.label == "Runde" and s.key != "regen_round"][-1].set_value(3)
    by_label(at.selectbox, "Person", last=True).set_value(a)
    by_label(at.selectbox, "trifft").set_value(b)
    by_label(at.button, "Festlegen").click()
    act(at)
    assert not at.exception and not at.error, [e.value for e in at.error]
    version, pinned = _newest(store, event_id)
    assert version.label == "pin"
    assert pinned.rounds[2].table_of(a).members == pinned.rounds[2].table_of(b).members
    listed = [m.value for m in at.markdown if m.value.startswith("- Runde 3: ")]
    assert listed and by_id[a].name in listed[0] and by_id[b].name in listed[0]

    at.selectbox(key="regen_round").set_value(2)
    by_label(at.button, "Runde neu verteilen").click()
    act(at)
    assert not at.exception and not at.error, [e.value for e in at.error]
    version, regenerated = _newest(store, event_id)
    assert version.label == "regenerate:2"
    assert regenerated.rounds[1] != pinned.rounds[1]
    for n in (0, 2, 3, 4, 5, 6, 7):
        assert regenerated.rounds[n] == pinned.rounds[n]
    assert "Alle Regeln eingehalten" in texts(at)


def test_walk_in_twice_warns_with_the_name_escaped(app_env, monkeypatch):
    """The "already on the list" note quotes the name: markdown in it must stay text."""
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/participants.py").run()
    for _ in range(2):
        form_inputs = [t for t in at.text_input if t.label in ("Name", "Organisation")]
        form_inputs[0].input("[Klick](javascript:alert(1)) **Fett**")
        form_inputs[1].input("IKK Test")
        by_label(at.selectbox, "Bereich").set_value(Sector.HEALTH_INSURER)
        by_label(at.button, "Person hinzufügen").click()
        act(at)
    assert not at.exception
    notes = [w.value for w in at.warning if "steht schon auf der Liste" in w.value]
    assert notes and r"\[Klick\]\(javascript" in notes[0] and r"\*\*Fett\*\*" in notes[0]
    # The second one waits for a yes: not saved without confirmation.
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    twins = [p for p in store.list_participants(event_id) if p.organisation == "IKK Test"]
    assert len(twins) == 1
    by_label(at.button, "Ja, trotzdem hinzufügen").click()
    act(at)
    twins = [p for p in store.list_participants(event_id) if p.organisation == "IKK Test"]
    assert len(twins) == 2 and twins[0].id != twins[1].id


def test_export_downloads_are_the_real_files(app_env, monkeypatch):
    """The Export tab's buttons hand out the plan as Excel and CSV that read back: every
    round, every seated person, formula-safe. (AppTest keeps downloads in an in-memory
    store; the test keeps a handle on its manager to read the bytes a browser would get.)"""
    import csv
    import io
    import json

    import openpyxl
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.media_file_manager import MediaFileManager

    from matching.model import Plan

    managers: list[MediaFileManager] = []

    class Keeping(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Keeping)
    at = _event_with(app_env, monkeypatch)
    store, event_id = _planned(at, app_env)
    _, current = _newest(store, event_id)

    def download(label: str) -> bytes:
        """The bytes a click gives: a file built on click runs its callable first."""
        proto = by_label(at.get("download_button"), label, prefix=True).proto
        manager = managers[-1]
        url = (
            manager.execute_deferred(proto.deferred_file_id)
            if proto.deferred_file_id
            else proto.url
        )
        return manager._storage.get_file(url.rsplit("/", 1)[-1]).content

    workbook = openpyxl.load_workbook(io.BytesIO(download("Plan als Excel")))
    assert len(workbook.sheetnames) >= len(current.rounds)
    text = download("Plan als CSV").decode("utf-8-sig")
    seated = {pid for rnd in current.rounds for pid in rnd.seated()}
    people = {p.id: p for p in store.list_participants(event_id)}
    assert all(people[pid].name in text for pid in seated)
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    from_json = Plan.from_dict(json.loads(download("Plan als JSON")))
    assert from_json.rounds == current.rounds


@pytest.mark.slow
def test_attendance_after_a_pin_in_a_past_round_and_removing_pins(app_env, monkeypatch):
    """A pin in round 2 does not block re-planning from round 3 ("round 2 is not re-planned"
    was the old answer); the quality before -> after is shown in the tab; pins can be removed."""
    at = _event_with(app_env, monkeypatch)
    store, event_id = _planned(at, app_env)
    _, before = _newest(store, event_id)
    people = store.list_participants(event_id)
    a, b = _unmet_pair(people, before)
    [s for s in at.selectbox if s.label == "Runde" and s.key != "regen_round"][-1].set_value(2)
    by_label(at.selectbox, "Person", last=True).set_value(a)
    by_label(at.selectbox, "trifft").set_value(b)
    by_label(at.button, "Festlegen").click()
    act(at)
    assert not at.error, [e.value for e in at.error]
    absent = next(p for p in people if p.id not in (a, b))
    by_label(at.multiselect, "Abwesend").set_value([absent.id])
    by_label(at.selectbox, "Neu planen ab").set_value(3)
    by_label(at.button, "Neu planen").click()
    act(at)
    assert not at.exception and not at.error, [e.value for e in at.error]
    version, replanned = _newest(store, event_id)
    assert version.label == "attendance:3"
    assert all(absent.id not in r.seated() for r in replanned.rounds[2:])
    assert any("Qualität" in m.value for m in (*at.info, *at.warning))
    # The absent person is not "new on the list": nothing pre-ticked, but they can come back.
    arrived = by_label(at.multiselect, "Angekommen", prefix=True)
    assert arrived.value == [] and f"{absent.name} ({absent.organisation})" in arrived.options
    assert "Die Liste hat sich seit dem Plan geändert" not in texts(at)
    pinned_again = dict(replanned.extra)
    pinned_again["pins"] = [{"round": 4, "members": [a, b]}]
    from dataclasses import replace

    store.save_plan(event_id, replace(replanned, extra=pinned_again), label="pin")
    at.run()
    by_label(at.button, "Lösen").click()
    act(at)
    assert not at.exception
    version, unpinned = _newest(store, event_id)
    assert version.label == "unpin" and unpinned.extra["pins"] == []
    assert "Festlegung entfernt." in texts(at)


@pytest.mark.slow
def test_reimporting_the_list_sorted_by_name_keeps_every_person_and_the_plan(app_env, monkeypatch):
    """The same 41 people sorted by name, without ids: once every pairing moved to someone
    else (8 broken rules, seated people at wrong tables). Now people are matched by name and
    organisation, the preview says nothing changes, and the plan stays valid."""
    import csv
    import io

    from matching.evaluation import check
    from matching.output.exports import participants_to_csv

    at = _event_with(app_env, monkeypatch)
    store, event_id = _planned(at, app_env)
    before = {p.name: p.id for p in store.list_participants(event_id)}
    rows = list(
        csv.reader(
            io.StringIO(participants_to_csv(store.list_participants(event_id)).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    header, body = rows[0], sorted(rows[1:], key=lambda r: r[1])
    id_col = header.index("ID")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([h for i, h in enumerate(header) if i != id_col])
    writer.writerows([[c for i, c in enumerate(r) if i != id_col] for r in body])
    at.switch_page("pages/participants.py").run()
    at.file_uploader[0].set_value(("sortiert.csv", out.getvalue().encode(), "text/csv"))
    at.run()
    assert not at.exception
    page = texts(at)
    assert "41 Personen bleiben" in page and "Neu:" not in page and "Semikolon" in page
    assert "Der aktuelle Plan bleibt gültig." in page
    by_label(at.button, "41 Personen übernehmen").click()
    act(at)
    after = {p.name: p.id for p in store.list_participants(event_id)}
    assert after == before
    _, current = store.current_plan(event_id)
    assert check(store.list_participants(event_id), current).ok


def test_switching_events_drops_a_pending_upload(app_env, monkeypatch):
    """A file chosen for one event is not offered for import into another."""
    at = _event_with(app_env, monkeypatch)
    store = open_store(app_env)
    from matching.model import Event

    other = store.create_event(Event("Anderes Treffen", "2026-11-11", "Halle", 4, 8, ()))
    at.switch_page("pages/participants.py").run()
    at.file_uploader[0].set_value(("liste.csv", GOOD_CSV, "text/csv"))
    at.run()
    assert [b for b in at.button if b.label.startswith("6 Personen übernehmen")]
    at.session_state["event_id"] = other  # (what choosing it in the sidebar does)
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.label.endswith("übernehmen")]


def test_a_save_based_on_an_old_list_asks_instead_of_overwriting(app_env, monkeypatch):
    """Two organisers edit the list; the second save is refused with a choice: reload
    (theirs stays) or keep mine (overwrites knowingly). Never a silent overwrite."""
    mine = _event_with(app_env, monkeypatch)
    mine.switch_page("pages/participants.py").run()
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    people = store.list_participants(event_id)
    mine.session_state[f"editor_{event_id}"] = {
        "edited_rows": {0: {"Name": "Anna Meine"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    mine.run()
    # Meanwhile the other organiser saves a change of their own.
    theirs = [replace(people[1], name="Bernd Deren"), *people[2:], people[0]]
    store.replace_participants(event_id, theirs)
    by_label(mine.button, "Änderungen speichern", prefix=True).click()
    act(mine)
    assert "inzwischen von jemand anderem geändert" in " ".join(e.value for e in mine.error)
    names = [p.name for p in store.list_participants(event_id)]
    assert "Bernd Deren" in names and "Anna Meine" not in names  # nothing overwritten
    by_label(mine.button, "Meine Fassung behalten", prefix=True).click()
    act(mine)
    names = [p.name for p in store.list_participants(event_id)]
    assert "Anna Meine" in names and "Bernd Deren" not in names  # knowingly mine


def test_privacy_tab_records_consent_and_forgets_one_person(app_env, monkeypatch):
    at = _event_with(app_env, monkeypatch)
    at.switch_page("pages/participants.py").run()
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    first = store.list_participants(event_id)[0]
    at.session_state[f"consents_{event_id}"] = {
        "edited_rows": {0: {"Name im Netzwerk und Bericht": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    by_label(at.button, "Einwilligungen speichern").click()
    act(at)
    assert store.consents(event_id)[first.id]["network"] is True
    by_label(at.selectbox, "Person").set_value(first.id)
    act(at)
    by_label(at.checkbox, "Ja, alle Daten", prefix=True).check()
    act(at)
    by_label(at.button, "Daten löschen").click()
    act(at)
    assert first.id not in {p.id for p in store.list_participants(event_id)}
    assert "sind gelöscht" in " ".join(s.value for s in at.success)
