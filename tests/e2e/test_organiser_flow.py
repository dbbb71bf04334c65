"""The organiser's main flow in a real browser: demo event, participants, build plan, export.

Screenshots land in docs/screenshots/ (the README shows them) when PAARWEISE_SCREENSHOTS=1.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shot(page, name: str) -> None:
    if os.environ.get("PAARWEISE_SCREENSHOTS") == "1":
        page.wait_for_timeout(1500)  # tables draw on a canvas a moment after the page
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_idle(page) -> None:
    """Streamlit shows a running indicator while a script runs; wait until it is gone. (The
    indicator appears only a moment after a click: wait that moment first, or a click can
    land on an element the rerun is about to replace.)"""
    page.wait_for_timeout(700)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def test_demo_event_to_plan_and_export(page, app_server):
    """An organiser opens the app, sees the demo event, its people, builds a plan and exports."""
    page.goto(app_server)
    page.get_by_text("Demo", exact=False).first.wait_for()
    wait_idle(page)
    shot(page, "event")

    page.get_by_role("link", name="Teilnehmende").click()
    page.get_by_text("Gesamt").wait_for()
    wait_idle(page)
    assert page.get_by_text("41", exact=True).first.is_visible()
    shot(page, "participants")

    page.get_by_role("link", name="Plan").click()
    page.get_by_role("button", name="Plan erstellen").click()
    page.get_by_text("Alle Regeln eingehalten").wait_for(timeout=120_000)
    wait_idle(page)
    assert page.get_by_text("des bestmöglichen Ergebnisses").is_visible()
    shot(page, "plan")

    page.get_by_role("tab", name="Export").click()
    wait_idle(page)  # (choosing a tab reruns the page; it keeps the tab afterwards)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Plan als Excel-Datei").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Plan_Demo-Austausch")
    assert download.suggested_filename.endswith(".xlsx")
    assert Path(download.path()).stat().st_size > 2000
    wait_idle(page)  # a download does not rerun the page: the Export tab stays open
    assert page.get_by_role("button", name="Plan als JSON").is_visible()

    outside = [u for u in page.requests_seen if urlparse(u).hostname not in ("127.0.0.1", None)]
    assert not outside, f"the app requested something from outside: {outside[:5]}"


def test_hostile_names_are_shown_as_text(page, app_server, tmp_path):
    """A name like <img onerror> or a markdown link must appear literally, never as markup."""
    csv_text = (
        "Name;Organisation;Bereich\n"
        "<img src=x onerror=alert(1)>;AOK Test;Krankenkasse\n"
        "[klick](javascript:alert(2));KISS Test;Kontaktstelle\n"
        "Normal Person;Liga Test;SHO\n"
    )
    path = tmp_path / "feindlich.csv"
    path.write_text(csv_text, encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_server)
    page.get_by_role("link", name="Teilnehmende").click()
    page.get_by_role("tab", name="Datei importieren").click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="3 Personen übernehmen").wait_for()
    wait_idle(page)
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert not dialogs
