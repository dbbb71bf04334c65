"""All UI texts in German (default) and English, plus German number and date formats.

Pages look texts up by key with `t(key, lang, **values)`; a missing key is a test failure,
never a blank label. Problem messages from the import carry both languages themselves.
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = {"de": "Deutsch", "en": "English"}
DEFAULT_LANGUAGE = "de"

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"de": "Paarweise", "en": "Paarweise"},
    "app.tagline": {
        "de": "Fast Networking für Krankenkassen, Selbsthilfekontaktstellen und "
        "Selbsthilfeorganisationen",
        "en": "Fast networking for health insurers, self-help contact offices and "
        "self-help organisations",
    },
    "app.language": {"de": "Sprache", "en": "Language"},
    "sector.Krankenkasse": {"de": "Krankenkasse", "en": "Health insurer"},
    "sector.Selbsthilfekontaktstelle": {
        "de": "Selbsthilfekontaktstelle",
        "en": "Self-help contact office",
    },
    "sector.Selbsthilfeorganisation": {
        "de": "Selbsthilfeorganisation",
        "en": "Self-help organisation",
    },
    "sector.Sonstige": {"de": "Sonstige", "en": "Other"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def format_number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in German, '1,234.5' in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(share: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """0.987 -> '98,7 %' in German, '98.7%' in English."""
    number = format_number(share * 100, lang, decimals)
    return f"{number} %" if lang == "de" else f"{number}%"


def format_date(value: dt.date | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """ISO date -> '07.10.2025' in German, '7 Oct 2025' in English; '' stays ''."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if lang == "de":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {day.strftime('%b %Y')}"
