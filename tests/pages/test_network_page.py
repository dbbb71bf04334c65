"""The network page, driven with AppTest: measures in words, people named only with consent."""

from __future__ import annotations

from tests.pages.test_live_pages import planned  # noqa: F401 (fixture)


def test_network_page_shows_measures_and_hides_names_without_consent(planned):  # noqa: F811
    at, store, event_id = planned
    people = store.list_participants(event_id)
    store.set_consent(event_id, people[0].id, "network", True)
    at.switch_page("pages/network.py").run()
    assert not at.exception
    words = " ".join(m.value for m in at.markdown)
    assert "Personen aus" in words and "Gespräche" in words
    at.radio[1].set_value("person").run()
    assert not at.exception
    assert "1 von 41 Personen haben zugestimmt" in " ".join(c.value for c in at.caption)


def test_the_page_offers_the_report_and_the_graph_as_downloads(planned):  # noqa: F811
    at, _store, _event_id = planned
    at.switch_page("pages/network.py").run()
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == [
        "Netzwerk als GraphML (z. B. für Gephi)",
        "Netzwerk als Bild (PNG)",
        "Bericht als PDF",
        "Bericht als Excel",
    ]
