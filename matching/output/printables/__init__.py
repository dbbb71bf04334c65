"""Printables as PDF bytes, German by default (`lang="en"` for English): personal cards, table
signs, the facilitator's run sheet and name badges. DejaVu Sans is embedded, so every umlaut,
"ß", "–" and "€" prints; QR codes are drawn as vectors (segno).

    cards_pdf(event, plan, participants, lang, links, start_time)   A6, four per A4
    table_signs_pdf(event, plan, lang, link_template)                A4 landscape, one per table
    run_sheet_pdf(event, plan, participants, lang, start_time, break_minutes)
    badges_pdf(participants, event, lang)                            90 x 55 mm, eight per A4

`render(kind, **arguments)` calls one of them by name ("cards", "signs", "run_sheet",
"badges"), for a page that offers all four as downloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matching.output.printables.badges import badges_pdf
from matching.output.printables.cards import cards_pdf
from matching.output.printables.runsheet import run_sheet_pdf
from matching.output.printables.signs import table_signs_pdf

KINDS: dict[str, Callable[..., bytes]] = {
    "cards": cards_pdf,
    "signs": table_signs_pdf,
    "run_sheet": run_sheet_pdf,
    "badges": badges_pdf,
}


def render(kind: str, /, **arguments: Any) -> bytes:
    """The printable `kind` (a key of KINDS) made with `arguments`; ValueError for an unknown
    kind."""
    try:
        make = KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown printable {kind!r}; choose one of {sorted(KINDS)}.") from None
    return make(**arguments)


__all__ = ["KINDS", "badges_pdf", "cards_pdf", "render", "run_sheet_pdf", "table_signs_pdf"]
