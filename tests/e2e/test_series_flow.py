"""Next year's meeting in a real browser: the demo event is planned, copied into a series, the
copy is planned around last year's pairs; an import asks about a look-alike organisation; the
directory page shows it. Screenshots with PAARWEISE_SCREENSHOTS=1 (docs/screenshots/)."""

import os

import pytest

from tests.e2e.test_organiser_flow import SHOTS, shot, wait_idle

pytestmark = pytest.mark.e2e

LOOK_ALIKE_CSV = (
    "Name;Institution;Bereich\n"
    "Anna Beispiel;AOK Musterlnd;Krankenkasse\n"
    "Clara Test;KISS Musterstadt;Kontaktstelle\n"
    "Dora Probe;Herzkinder Musterland e.V.;SHO\n"
    "Emil Fiktiv;BKK Nord;Kasse\n"
)


def build_plan(page) -> None:
    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_role("button", name="Plan erstellen").click()
    wait_idle(page)
    replace = page.get_by_role("button", name="Ja, neuen Plan erstellen")
    if replace.count():
        replace.click()
    page.get_by_text("Alle Regeln eingehalten").wait_for(timeout=120_000)
    wait_idle(page)


def test_a_series_plans_around_last_years_pairs(page, app_server):
    page.goto(app_server)
    page.get_by_text("Demo", exact=False).first.wait_for()
    wait_idle(page)
    build_plan(page)

    page.get_by_role("link", name="Veranstaltung").click()
    wait_idle(page)
    page.get_by_text("Duplizieren (z. B. für das nächste Jahr)").click()
    title = page.get_by_label("Titel der Kopie")
    title.fill("Demo-Austausch 2027")
    title.press("Enter")
    wait_idle(page)
    assert page.get_by_text("Als nächstes Treffen derselben Reihe anlegen").is_visible()
    page.get_by_role("button", name="Kopie anlegen").click()
    page.get_by_text("Kopie angelegt").wait_for()
    wait_idle(page)
    assert page.get_by_text(
        "Reihe: Demo: Austausch Krankenkassen und Selbsthilfe"
    ).first.is_visible()

    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_text("gehört zur Reihe").wait_for()
    build_plan(page)
    page.get_by_text("kannten sich schon").or_(
        page.get_by_text("kannte sich schon")
    ).first.wait_for()
    shot(page, "plan-series")

    page.get_by_role("link", name="Netzwerk").click()
    series = page.get_by_text("Die Reihe „Demo: Austausch Krankenkassen und Selbsthilfe“")
    series.wait_for(timeout=60_000)
    wait_idle(page)
    series.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # the chart draws a moment after the page
    if os.environ.get("PAARWEISE_SCREENSHOTS") == "1":  # the series part, not the page top
        page.screenshot(path=str(SHOTS / "network-series.png"))


def test_an_import_asks_about_a_look_alike_organisation(page, app_server, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(LOOK_ALIKE_CSV, encoding="utf-8")
    page.goto(app_server)
    page.get_by_text("Demo", exact=False).first.wait_for()
    wait_idle(page)
    page.get_by_role("link", name="Teilnehmende").click()
    wait_idle(page)
    page.get_by_role("tab", name="Importieren").click()
    wait_idle(page)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("Bekannte Organisationen?").wait_for()
    wait_idle(page)
    assert page.get_by_role("button", name="4 Personen übernehmen").count() == 0
    shot(page, "import-question")
    page.get_by_text("Ja – als „AOK Musterland“ übernehmen").click()
    wait_idle(page)
    page.get_by_role("button", name="4 Personen übernehmen").click()
    page.get_by_text("4 Personen übernommen").wait_for()

    page.get_by_role("link", name="Organisationen").click()
    page.get_by_text("Verzeichnis (").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the sidebar folds away
    page.reload()
    page.get_by_text("Verzeichnis (").wait_for()
    wait_idle(page)
    shot(page, "directory-phone")
