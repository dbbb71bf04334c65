"""Every UI text exists in German and English, and numbers/dates use German formats."""

import datetime as dt
import re
from pathlib import Path

import pytest

from matching.i18n import TEXTS, format_date, format_number, format_percent, t
from matching.model import OddMode, Sector

ROOT = Path(__file__).resolve().parents[1]
KEY_CALL = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z_]+\.[A-Za-z_.]+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for folder in ("pages", "ui", "matching"):
        for path in (ROOT / folder).rglob("*.py"):
            keys |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    keys |= set(KEY_CALL.findall((ROOT / "app.py").read_text(encoding="utf-8")))
    return keys


def test_every_used_key_has_both_languages():
    """A key used by a page but missing here would show a crash instead of a label."""
    dynamic = {f"sector.{s.value}" for s in Sector} | {f"plan.odd_{m.value}" for m in OddMode}
    missing = sorted(k for k in used_keys() | dynamic if k not in TEXTS)
    assert not missing, f"UI texts missing: {missing}"
    incomplete = sorted(k for k, v in TEXTS.items() if not v.get("de") or not v.get("en"))
    assert not incomplete, f"texts without German or English: {incomplete}"


def test_placeholders_match_between_languages():
    """German and English take the same {values}, so switching language never breaks."""
    field = re.compile(r"{(\w+)}")
    for key, entry in TEXTS.items():
        assert set(field.findall(entry["de"])) == set(field.findall(entry["en"])), key


def test_german_number_and_date_formats():
    assert format_number(1234.5, "de", 1) == "1.234,5"
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_percent(0.987, "de") == "98,7 %"
    assert format_percent(0.987, "en") == "98.7%"
    assert format_date("2025-10-07", "de") == "07.10.2025"
    assert format_date(dt.date(2025, 10, 7), "en") == "7 Oct 2025"
    assert format_date("", "de") == ""


def test_t_fills_values_and_falls_back_to_german():
    assert t("plan.round_n", "en", n=3) == "Round 3"
    assert t("plan.round_n", "fr", n=3) == "Runde 3"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_moments_show_on_the_organisers_clock(monkeypatch):
    import datetime as dt

    from matching.i18n import format_moment

    winter = dt.datetime(2026, 11, 24, 13, 5, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 1, 13, 5)  # naive: stored UTC
    assert format_moment(winter, "de") == "24.11.2026 14:05"
    assert format_moment(summer, "de") == "01.07.2026 15:05"
    assert format_moment(winter, "en") == "24 Nov 2026, 14:05"
    monkeypatch.setenv("PAARWEISE_TIMEZONE", "Nowhere/Nothing")  # a typo falls back
    assert format_moment(winter, "de") == "24.11.2026 14:05"


def test_planner_messages_come_from_the_texts_in_both_languages():
    """Progress stages are text keys the page translates; problems carry both languages
    made from the same entry, with the values filled in."""
    from matching.i18n import problem
    from matching.model import Participant
    from matching.planning.planner import plan

    people = [
        Participant("a", "Anna", "AOK", Sector.HEALTH_INSURER),
        Participant("b", "Bea", "AOK", Sector.HEALTH_INSURER),
        Participant("c", "Cem", "KISS", Sector.CONTACT_OFFICE),
        Participant("d", "Dana", "Liga", Sector.SELF_HELP_ORG),
    ]
    stages = []
    outcome = plan(people, 3, time_limit=2, progress=lambda _share, stage: stages.append(stage))
    assert stages and all(stage in TEXTS for stage in stages)
    assert {p.code for p in outcome.problems} >= {"too_few_partners", "fewer_rounds"}
    message = problem("pin_absent", label="A + B", name="Anna", round=3)
    assert message.message("de") == "Festlegung A + B: Anna ist in Runde 3 nicht da."
    assert message.message("en") == "Pin A + B: Anna is not present in round 3."
