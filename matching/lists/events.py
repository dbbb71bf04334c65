"""Turning what an organiser typed into an Event, with bilingual problems instead of exceptions."""

from __future__ import annotations

import datetime as dt
import re

from matching.model import (
    DEFAULT_HISTORY_WEIGHT,
    MAX_HISTORY_WEIGHT,
    Event,
    Problem,
    Severity,
)

MAX_ROUNDS = 40
MAX_MINUTES = 120
MAX_SERIES_LENGTH = 300


def parse_questions(text: str) -> tuple[str, ...]:
    """One question per line; blank lines and surrounding spaces are dropped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def build_event(
    title: str,
    date: dt.date | str | None,
    place: str,
    rounds: int,
    minutes_per_round: int,
    questions: str | tuple[str, ...],
    series: str | None = "",
    history_weight: int = DEFAULT_HISTORY_WEIGHT,
) -> tuple[Event | None, list[Problem]]:
    """An Event when the input is usable, else None and one problem per field that is not."""
    problems: list[Problem] = []

    def bad(column: str, de: str, en: str) -> None:
        problems.append(Problem(Severity.ERROR, f"event_{column}", de, en, column=column))

    title = (title or "").strip()
    if not title:
        bad("title", "Bitte geben Sie einen Titel ein.", "Please enter a title.")
    if not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
        bad(
            "rounds",
            f"Die Zahl der Runden muss zwischen 1 und {MAX_ROUNDS} liegen.",
            f"The number of rounds must be between 1 and {MAX_ROUNDS}.",
        )
    if not isinstance(minutes_per_round, int) or not 1 <= minutes_per_round <= MAX_MINUTES:
        bad(
            "minutes_per_round",
            f"Die Minuten pro Runde müssen zwischen 1 und {MAX_MINUTES} liegen.",
            f"Minutes per round must be between 1 and {MAX_MINUTES}.",
        )
    series = " ".join((series or "").split())
    if len(series) > MAX_SERIES_LENGTH:
        bad(
            "series",
            f"Der Name der Reihe ist zu lang (höchstens {MAX_SERIES_LENGTH} Zeichen).",
            f"The series name is too long (at most {MAX_SERIES_LENGTH} characters).",
        )
    if not isinstance(history_weight, int) or not 0 <= history_weight <= MAX_HISTORY_WEIGHT:
        bad(
            "history_weight",
            f"Das Gewicht für frühere Begegnungen muss zwischen 0 und {MAX_HISTORY_WEIGHT} liegen.",
            f"The weight of earlier meetings must be between 0 and {MAX_HISTORY_WEIGHT}.",
        )
    iso_date = ""
    if isinstance(date, dt.date):
        iso_date = date.isoformat()
    elif date:
        try:
            iso_date = dt.date.fromisoformat(str(date).strip()).isoformat()
        except ValueError:
            bad(
                "date",
                f"„{date}“ ist kein Datum. Bitte im Format JJJJ-MM-TT angeben.",
                f"“{date}” is not a date. Please use the format YYYY-MM-DD.",
            )
    if problems:
        return None, problems
    question_list = parse_questions(questions) if isinstance(questions, str) else questions
    event = Event(
        title=title,
        date=iso_date,
        place=(place or "").strip(),
        rounds=rounds,
        minutes_per_round=minutes_per_round,
        questions=tuple(question_list),
        series=series,
        history_weight=history_weight,
    )
    return event, []


def series_name_from(title: str) -> str:
    """A series name for an event's follow-up: its title without a trailing year
    ("Austausch Selbsthilfe 2026" -> "Austausch Selbsthilfe"); the title itself when nothing
    would be left."""
    name = re.sub(r"[\s,–—-]*\b(19|20)\d{2}\s*$", "", title).strip()
    return name or title.strip()
