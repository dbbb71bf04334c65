"""The big screen's content as plain data: title, question, phase, countdown and the tables of
the round, one page at a time. No markup here - names go through unchanged and the page that
shows them escapes them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from matching.i18n import t
from matching.live.clock import LiveClock
from matching.live.links import table_link, validate_link_template
from matching.live.phase import Phase, phase_at
from matching.model import Event, Participant, Plan, Round

PAGE_SECONDS = 10  # every screen turns the page at the same second


@dataclass(frozen=True, slots=True)
class ScreenPerson:
    """One person at a table or resting. `label` is "Name (Organisation)", or the id of someone
    no longer on the list (`on_list` False)."""

    id: str
    label: str
    seated: bool = False
    on_list: bool = True


@dataclass(frozen=True, slots=True)
class ScreenRow:
    table: int
    members: tuple[ScreenPerson, ...]
    link: str = ""  # video link, "" without a link template


@dataclass(frozen=True, slots=True)
class Screen:
    """Everything the big screen shows at one moment.

    `round` is the round whose tables are shown: round 1 before the start, the next round while
    people change tables (when there is one), 0 after the end. `page` counts from 0; `page_text`
    is "" when everything fits on one page.
    """

    title: str
    question: str
    phase: Phase
    phase_text: str
    countdown: str
    round: int
    total_rounds: int
    rows: tuple[ScreenRow, ...]
    resting: tuple[ScreenPerson, ...]
    page: int
    pages: int
    page_text: str
    table_label: str  # "Tisch" / "Table", for the column heading
    seated_note: str  # shown next to someone who stays seated
    resting_title: str  # heading of the resting list


_PHASE_KEYS = {
    "not_started": "live.not_started",
    "first_asks": "live.first_asks",
    "second_asks": "live.swap",
    "change_tables": "live.change_tables",
    "paused": "live.paused",
    "ended": "live.ended",
}


def screen_for(
    event: Event,
    plan: Plan,
    participants: Iterable[Participant],
    clock: LiveClock,
    now: float,
    lang: str,
    *,
    page_size: int = 12,
    page: int | None = None,
    link_template: str = "",
) -> Screen:
    """The screen at `now`. With more than `page_size` tables the rows come in pages, turned
    every 10 seconds by the clock (`int(now // 10) % pages`) so all screens agree; a given
    `page` (taken modulo the number of pages) pins one. A bad `link_template` raises
    LinkTemplateError (a ValueError) before anything else."""
    template = validate_link_template(link_template)
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise ValueError(f"page_size must be a whole number of at least 1, got {page_size!r}.")
    phase = phase_at(clock, now)
    shown = _shown_round(phase)
    people = {p.id: p for p in participants}
    rnd = _round(plan, shown)

    tables = sorted(rnd.tables, key=lambda table: table.number) if rnd else []
    pages = max(1, math.ceil(len(tables) / page_size))
    index = (int(now // PAGE_SECONDS) if page is None else page) % pages
    rows = tuple(
        ScreenRow(
            table=table.number,
            members=tuple(_person(m, people) for m in table.members),
            link=table_link(template, event.title, shown, table.number) if template else "",
        )
        for table in tables[index * page_size : (index + 1) * page_size]
    )
    resting = tuple(_person(m, people) for m in rnd.resting) if rnd else ()

    total = clock.total_rounds
    title = t("live.title", lang, round=shown, total=total) if shown else event.title
    return Screen(
        title=title,
        question=question_for(event, shown),
        phase=phase,
        phase_text=_phase_text(phase, lang),
        countdown=countdown_text(_countdown_seconds(phase)),
        round=shown,
        total_rounds=clock.total_rounds,
        rows=rows,
        resting=resting,
        page=index,
        pages=pages,
        page_text=t("live.page", lang, page=index + 1, pages=pages) if pages > 1 else "",
        table_label=t("live.table", lang),
        seated_note=t("live.seated", lang),
        resting_title=t("live.resting", lang),
    )


def question_for(event: Event, round_number: int) -> str:
    """Round k gets question k, and after the last question they start again; "" without
    questions or outside the rounds."""
    if not event.questions or round_number < 1:
        return ""
    return event.questions[(round_number - 1) % len(event.questions)]


def countdown_text(seconds: float) -> str:
    """Whole seconds rounded up, as "mm:ss" ("00:00" only when the time is really up); more
    than 99 minutes just gets a longer minute part."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def person_label(person: Participant) -> str:
    """ "Name (Organisation)", or the name alone without an organisation."""
    organisation = person.organisation.strip()
    return f"{person.name} ({organisation})" if organisation else person.name


def _person(person_id: str, people: dict[str, Participant]) -> ScreenPerson:
    person = people.get(person_id)
    if person is None:
        return ScreenPerson(person_id, person_id, seated=False, on_list=False)
    return ScreenPerson(person_id, person_label(person), seated=person.stays_seated)


def _shown_round(phase: Phase) -> int:
    if phase.kind == "not_started":
        return 1
    if phase.kind == "ended":
        return 0
    if phase.kind == "change_tables" and phase.next_round is not None:
        return phase.next_round
    return phase.round


def _round(plan: Plan, number: int) -> Round | None:
    return next((r for r in plan.rounds if r.number == number), None) if number else None


def _phase_text(phase: Phase, lang: str) -> str:
    if phase.kind == "change_tables" and phase.next_round is None:
        return t("live.time_up", lang)
    return t(_PHASE_KEYS[phase.kind], lang)


def _countdown_seconds(phase: Phase) -> float:
    if phase.kind == "change_tables":
        return phase.break_remaining
    return phase.remaining
