"""The fictional demo event shipped in data/demo/ (no real people): `make run` opens on it."""

from __future__ import annotations

import json
from pathlib import Path

from matching.lists.participants import read_participants
from matching.model import Event, ImportResult

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"


def load_demo(lang: str = "de") -> tuple[Event, ImportResult, tuple[dict[str, str], ...]]:
    """The demo event (questions in `lang`), its participant list and the bilingual questions."""
    raw = json.loads((DEMO_DIR / "event.json").read_text(encoding="utf-8"))
    questions = tuple(raw["questions"])
    event = Event(
        title=raw["title"],
        date=raw["date"],
        place=raw["place"],
        rounds=int(raw["rounds"]),
        minutes_per_round=int(raw["minutes_per_round"]),
        questions=tuple(q.get(lang) or q["de"] for q in questions),
    )
    return event, read_participants(DEMO_DIR / "participants.csv"), questions
