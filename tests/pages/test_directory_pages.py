"""The directory and series, driven with AppTest: an import asks before it merges an
organisation, the directory page merges and takes aliases, a series' second event is planned
around who met last time and the network page shows the growth."""

from __future__ import annotations

from dataclasses import replace

from matching.lists.demo import load_demo
from matching.planning.planner import plan
from matching.storage.store import open_store
from tests.pages.test_app_pages import act, by_label, start, texts

LOOK_ALIKE_CSV = (
    b"Name;Institution;Bereich\n"
    b"Anna Beispiel;AOK Musterlnd;Krankenkasse\n"  # the directory knows "AOK Musterland"
    b"Clara Test;KISS Musterstadt;Kontaktstelle\n"
    b"Dora Probe;Rheuma-Liga;SHO\n"
    b"Emil Fiktiv;BKK Nord;Kasse\n"
)


def _import(at, store):
    at.switch_page("pages/participants.py").run()
    at.file_uploader[0].set_value(("liste.csv", LOOK_ALIKE_CSV, "text/csv"))
    at.run()
    assert not at.exception
    return at


def _confirm_button(at):
    return [b for b in at.button if "Personen übernehmen" in b.label]


def test_an_import_asks_before_merging_and_merges_only_on_yes(app_env, monkeypatch):
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    _import(at, store)
    question = by_label(at.radio, "„AOK Musterlnd“", prefix=True)
    assert "AOK Musterland" in question.label
    assert not _confirm_button(at)  # nothing can be taken over while a question is open
    # "Rheuma-Liga" looks like the demo's "Rheuma-Liga Musterland e.V.": asked too.
    assert "Noch 2 Fragen" in texts(at)
    question.set_value("same").run()
    assert "Noch 1 Frage zu" in texts(at) and not _confirm_button(at)
    by_label(at.radio, "„Rheuma\\-Liga“", prefix=True).set_value("other").run()
    _confirm_button(at)[0].click()
    act(at)
    assert not at.exception
    stored = {p.name: p.organisation for p in store.list_participants(event_id)}
    assert stored["Anna Beispiel"] == "AOK Musterland"
    assert stored["Dora Probe"] == "Rheuma-Liga"
    assert store.directory().find("AOK Musterlnd").name == "AOK Musterland"


def test_no_keeps_the_spelling_as_an_organisation_of_its_own(app_env, monkeypatch):
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    _import(at, store)
    by_label(at.radio, "„AOK Musterlnd“", prefix=True).set_value("other").run()
    by_label(at.radio, "„Rheuma\\-Liga“", prefix=True).set_value("other").run()
    _confirm_button(at)[0].click()
    act(at)
    stored = {p.name: p.organisation for p in store.list_participants(event_id)}
    assert stored["Anna Beispiel"] == "AOK Musterlnd"
    assert store.directory().find("AOK Musterlnd").name == "AOK Musterlnd"  # its own entry
    # Asked once: the next import of the same spelling is recognised without a question.
    _import(at, store)
    assert not [r for r in at.radio if r.label.startswith("„")]


def test_directory_page_merges_look_alikes_and_takes_an_alias(app_env, monkeypatch):
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    assert store.directory().organisations  # the demo's organisations are in it
    store.add_organisation("Selbsthilfekontaktstelle Halle", "Selbsthilfekontaktstelle")
    store.add_organisation("Selbsthilfe-Kontaktstelle Halle (Saale)")
    at.switch_page("pages/directory.py").run()
    assert not at.exception
    assert "Vielleicht doppelt?" in texts(at)
    by_label(at.button, "„Selbsthilfekontaktstelle Halle“ behalten").click()
    act(at)
    assert not at.exception
    org = store.directory().find("Selbsthilfe-Kontaktstelle Halle (Saale)")
    assert org.name == "Selbsthilfekontaktstelle Halle"
    assert org.sector == "Selbsthilfekontaktstelle"
    at.selectbox[0].set_value(org.id).run()
    alias_input = by_label(at.text_input, "Weitere Schreibweise", prefix=True)
    alias_input.input("KISS Halle")
    by_label(at.button, "Hinzufügen").click()
    act(at)
    assert store.directory().find("kiss halle").id == org.id
    # A spelling another organisation has is refused with a sentence, not a traceback.
    other = next(o for o in store.directory().organisations if o.id != org.id)
    at.selectbox[0].set_value(other.id).run()
    by_label(at.text_input, "Weitere Schreibweise", prefix=True).input("KISS-Halle")
    by_label(at.button, "Hinzufügen").click()
    at.run()
    assert not at.exception
    assert "gehört schon zu „Selbsthilfekontaktstelle Halle“" in texts(at)


def test_a_series_second_event_avoids_last_years_pairs(app_env, monkeypatch):
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    first_id = store.list_events()[0].id
    first = store.get_event(first_id)
    store.update_event(first_id, replace(first, series="Austausch", date="2025-05-05"))
    _event, listed, _ = load_demo()
    store.save_plan(first_id, plan(listed.participants, 4, time_limit=3).plan, label="plan")
    second_id = store.duplicate_event(first_id, "Austausch 2026")
    second = store.get_event(second_id)
    store.update_event(second_id, replace(second, date="2026-05-04"))
    at.session_state["event_id"] = second_id
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    assert "gehört zur Reihe „Austausch“" in texts(at)
    by_label(at.number_input, "Runden").set_value(4)
    build = [b for b in at.button if b.label == "Plan erstellen"]
    build[0].click()
    act(at)
    assert not at.exception
    made = store.current_plan(second_id)[1]
    assert made.metrics["known_pairs"] <= 3  # of the ~80 pairs who met last time
    assert "kannte" in texts(at)  # "… Paare kannten sich schon …" in the plan quality
    at.switch_page("pages/network.py").run()
    assert not at.exception
    assert "Die Reihe „Austausch“" in texts(at)
    growth = at.dataframe[-1].value
    so_far, new = list(growth["Organisationspaare bisher"]), list(growth["davon neu"])
    assert len(so_far) == 2 and so_far[1] == so_far[0] + new[1] and new[1] > 0


ALIAS_CSV = (
    b"Name;Institution;Bereich\n"
    b"Anna Alt;AOK LSA;Krankenkasse\n"
    b"Clara Test;KISS Musterstadt;Kontaktstelle\n"
    b"Emil Fiktiv;BKK Nord;Kasse\n"
)


def test_a_re_import_after_a_merge_keeps_everyones_id_and_code(app_env, monkeypatch):
    """Review finding: the list is written the directory's way, so a merge made since the
    last import must not turn the merged organisation's people into new people."""
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    at.switch_page("pages/participants.py").run()
    at.file_uploader[0].set_value(("liste.csv", ALIAS_CSV, "text/csv"))
    at.run()
    _confirm_button(at)[0].click()
    act(at)
    anna = next(p for p in store.list_participants(event_id) if p.name == "Anna Alt")
    code = store.access_code(event_id, anna.id)
    directory = store.directory()
    store.merge_organisations(directory.find("AOK LSA").id, directory.find("AOK Musterland").id)
    at.file_uploader[0].set_value(("liste2.csv", ALIAS_CSV + b"\n", "text/csv"))
    at.run()
    assert not at.exception
    _confirm_button(at)[0].click()
    act(at)
    again = next(p for p in store.list_participants(event_id) if p.name == "Anna Alt")
    assert again.id == anna.id and again.organisation == "AOK Musterland"
    assert store.find_by_code(code) == (event_id, anna.id)


def test_a_walk_in_with_a_known_alias_or_a_look_alike(app_env, monkeypatch):
    """A confirmed alias becomes the directory's name (so colleagues never meet); a mere
    look-alike is kept as typed and the organiser is told at once."""
    from matching.model import Sector

    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    store.add_alias(store.directory().find("AOK Musterland").id, "AOK ML")
    at.switch_page("pages/participants.py").run()
    for name, organisation in (("Nele Neu", "aok ml"), ("Otto Neu", "AOK Musterlnd")):
        fields = [t for t in at.text_input if t.label in ("Name", "Organisation")]
        fields[0].input(name)
        fields[1].input(organisation)
        by_label(at.selectbox, "Bereich").set_value(Sector.HEALTH_INSURER)
        by_label(at.button, "Person hinzufügen").click()
        act(at)
        assert not at.exception
    stored = {p.name: p.organisation for p in store.list_participants(event_id)}
    assert stored["Nele Neu"] == "AOK Musterland"
    assert stored["Otto Neu"] == "AOK Musterlnd"
    assert any("ähnelt „AOK Musterland“" in w.value for w in at.warning)
    # The look-alike did not become a directory entry (the next import still asks about it).
    assert store.directory().find("AOK Musterlnd") is None


def test_the_network_counts_organisations_as_the_directory_names_them(app_env, monkeypatch):
    """Found in the walkthrough: a merge on the directory page must count on the network
    page (and in its report) too."""
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    event_id = store.list_events()[0].id
    _event, listed, _ = load_demo()
    store.save_plan(event_id, plan(listed.participants, 4, time_limit=3).plan, label="plan")
    at.switch_page("pages/network.py").run()
    before = at.dataframe[0].value
    count = dict(zip(before.iloc[:, 0], before.iloc[:, 1], strict=True))["Organisationen"]
    directory = store.directory()
    store.merge_organisations(directory.find("KISS Westfeld").id, directory.find("KISS Seeufer").id)
    at.switch_page("pages/network.py").run()
    assert not at.exception
    after = at.dataframe[0].value
    merged = dict(zip(after.iloc[:, 0], after.iloc[:, 1], strict=True))["Organisationen"]
    assert int(merged) == int(count) - 1


def test_look_alikes_can_be_kept_apart_on_the_directory_page(app_env, monkeypatch):
    at = start(demo=True, monkeypatch=monkeypatch)
    store = open_store(app_env)
    store.add_organisation("Selbsthilfekontaktstelle Halle")
    store.add_organisation("Selbsthilfe-Kontaktstelle Halle (Saale)")
    at.switch_page("pages/directory.py").run()
    by_label(at.button, "Verschieden").click()
    act(at)
    assert not at.exception
    assert "bleiben zwei Organisationen" in texts(at)
    assert "Vielleicht doppelt?" not in texts(at)
