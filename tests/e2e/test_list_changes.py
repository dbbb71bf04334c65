"""An organiser changes the list after planning, in a real browser: a re-imported list
(sorted by name, one person less), a walk-in, a re-plan from round 3, then every view and the
Excel export show the right people - the one who left by name in rounds 1-2, the newcomer from
round 3. Then the same plan on a phone-sized screen."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.test_organiser_flow import shot, wait_idle

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox the way a user does: open it, click the text."""
    page.get_by_label(label, exact=True).filter(visible=True).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def demo_without(name: str, folder: Path) -> Path:
    text = (ROOT / "data" / "demo" / "participants.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], sorted((r for r in rows[1:] if r[0] != name), key=lambda r: r[0])
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([header, *body])
    path = folder / "liste-neu.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_list_change_replan_and_export(page, app_server, tmp_path, browser):
    page.goto(app_server)
    page.get_by_role("button", name="Demo-Veranstaltung anlegen").click()
    page.get_by_text("Demo-Veranstaltung angelegt", exact=False).wait_for()
    page.get_by_role("link", name="Plan").click()
    page.get_by_role("button", name="Plan erstellen").click()
    page.get_by_text("Alle Regeln eingehalten").wait_for(timeout=120_000)
    wait_idle(page)

    leaver = "Carla Vorlage"
    page.get_by_role("link", name="Teilnehmende").click()
    page.get_by_role("tab", name="Datei importieren").click()
    page.locator("input[type=file]").set_input_files(str(demo_without(leaver, tmp_path)))
    page.get_by_text("Nicht mehr dabei: 1 –", exact=False).wait_for()
    assert page.get_by_text("40 Personen bleiben", exact=False).is_visible()
    assert page.get_by_text("Trennzeichen: Semikolon", exact=False).is_visible()
    page.get_by_role("button", name="40 Personen übernehmen").click()
    page.get_by_text("40 Personen übernommen").wait_for()
    wait_idle(page)
    # The page stays on the import tab and says so there.
    assert (
        page.get_by_role("tab", name="Datei importieren").get_attribute("aria-selected") == "true"
    )

    page.get_by_role("tab", name="Nachmeldung").click()
    page.get_by_label("Name", exact=True).fill("Nele Nachzüglerin")
    page.get_by_label("Organisation", exact=True).fill("IKK Test")
    choose(page, "Bereich", "Krankenkasse")
    page.get_by_role("button", name="Person hinzufügen").click()
    page.get_by_text("Hinzugefügt: Nele Nachzüglerin", exact=False).wait_for()
    wait_idle(page)

    page.get_by_role("link", name="Plan").click()
    page.get_by_role("tab", name="Anpassen").click()
    page.get_by_text("Die Liste hat sich seit dem Plan geändert", exact=False).wait_for()
    choose(page, "Neu planen ab", "Runde 3")
    page.get_by_role("button", name="Neu planen", exact=True).click()
    page.get_by_text("Plan angepasst", exact=False).wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_role("tab", name="Anpassen").get_attribute("aria-selected") == "true"
    assert page.get_by_text("Alle Regeln eingehalten").is_visible()
    shot(page, "adjust")

    page.get_by_role("tab", name="Nach Runde").click()
    wait_idle(page)
    round_cards = page.locator("[data-testid=stTabPanel]").first
    assert round_cards.get_by_text(leaver, exact=False).count() == 1  # round 1, by name
    choose(page, "Runde", "Runde 3")
    assert round_cards.get_by_text("Nele Nachzüglerin", exact=False).count() == 1
    assert round_cards.get_by_text(leaver, exact=False).count() == 0

    page.get_by_role("tab", name="Export").click()
    wait_idle(page)  # (choosing a tab reruns the page; it keeps the tab afterwards)
    button = page.get_by_role("button", name="Plan als Excel-Datei")
    button.wait_for()
    with page.expect_download() as download_info:
        button.click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    people = workbook["Personen"]
    rows = [[c.value for c in row] for row in people.iter_rows(values_only=False)]
    header = next(r for r in rows if "Runde" in r)
    name_col, round_col = header.index("Person"), header.index("Runde")
    rounds_of = {}
    for row in rows[rows.index(header) + 1 :]:
        rounds_of.setdefault(row[name_col], []).append(row[round_col])
    assert rounds_of[leaver] == [1, 2]
    assert rounds_of["Nele Nachzüglerin"] == [3, 4, 5, 6, 7, 8]

    # The same plan on a phone: cards stacked, nothing to scroll sideways.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    mobile = phone.new_page()
    mobile.goto(app_server)
    mobile.get_by_role("heading", name="Veranstaltung").first.wait_for()
    wait_idle(mobile)
    # The page's small script that closes the sidebar after a tap on a page is in place.
    mobile.wait_for_function("() => window.__paarweiseNavClose === true", timeout=10_000)
    opener = mobile.locator(
        "[data-testid=stExpandSidebarButton], [data-testid=stSidebarCollapsedControl] button"
    ).first
    opener.click()
    sidebar = mobile.locator("[data-testid=stSidebar]")
    mobile.get_by_role("link", name="Plan").first.click()
    mobile.get_by_text("Qualität").wait_for()
    wait_idle(mobile)
    mobile.wait_for_timeout(800)
    # The sidebar closes by itself after choosing a page: the plan is not hidden behind it.
    assert sidebar.get_attribute("data-collapsed") == "true"
    assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    mobile.get_by_text("Frage:", exact=False).first.scroll_into_view_if_needed()
    shot(mobile, "plan-phone")
    phone.close()
