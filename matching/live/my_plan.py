"""One person's own page on their phone, as plain data: where they sit now, with whom, who asks
first, the round's question, and their rounds before and after.

Privacy: a view holds the person's own name and, of everyone else, only the name, organisation
and sector of the people at the person's own tables - never an e-mail, never anyone else. (The
page adds e-mails of mutual contacts itself.) Someone no longer on the list shows by id.

Who asks first (the big screen says "Person A fragt, Person B antwortet"): the member listed
first at the table is person A. At a table of two, A asks in the first half and the other asks
in the second half. At a table of three (or more), A asks the others in the first half; in the
second half the others take turns asking and A answers.

Which round "now" is, as the person experiences it: round 1 as a preview before the start
(kind "before"), the running or paused round, the next round while people change tables (so the
phone says where to go), and after the end kind "ended". Like the big screen, "x of y" counts
the clock's rounds. No markup here: the page escapes names when it shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from matching.i18n import t
from matching.live.clock import LiveClock
from matching.live.links import table_link, validate_link_template
from matching.live.phase import Phase, PhaseKind, phase_at
from matching.live.screen import question_for
from matching.model import Event, Participant, Plan, Round

SeatKind = Literal["talk", "resting", "not_planned"]
NowKind = Literal["before", "talk", "resting", "not_planned", "ended"]


@dataclass(frozen=True, slots=True)
class Partner:
    """Someone at the person's table: name, organisation and the sector's label in the view's
    language. Someone no longer on the list has their id as name and nothing else."""

    id: str
    name: str
    organisation: str = ""
    sector: str = ""
    on_list: bool = True

    @property
    def label(self) -> str:
        """ "Name (Organisation)", or the name alone."""
        return f"{self.name} ({self.organisation})" if self.organisation.strip() else self.name


@dataclass(frozen=True, slots=True)
class MySeat:
    """The person's place in one round.

    kind "talk": `table` (also the video room's number), `link` ("" without a link template),
    `partners` in table order, `asks_first` (True when the person is listed first at the
    table), the round's `question`. "resting": a break this round. "not_planned": the plan does
    not name the person in this round (e.g. marked missing before a re-plan). `text` is one line
    for a list: "Runde 3: Tisch 4 mit Bernd (BKK)"."""

    round: int
    kind: SeatKind
    table: int | None = None
    link: str = ""
    partners: tuple[Partner, ...] = ()
    asks_first: bool | None = None
    question: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Now:
    """What the phone shows big.

    `round` is the round shown (see the module text; after the end the round the event ended
    in), `title` "Runde 2 von 6" (before the start "Gleich geht es los"), `headline` the place
    ("Tisch 4", "Videoraum 4", "Pause", "Ihr Plan folgt"; "" after the end), `where` one
    sentence about the place, `phase_text` what to do at this moment (who asks, where to go
    next; "" when there is nothing to say). `you_ask` says whether the person asks in the
    current half (before the start: in the first half), None when they are not talking.
    `back_in_round` is the next round with a table after a break (None if there is none)."""

    kind: NowKind
    round: int
    total_rounds: int
    title: str
    seat: MySeat | None
    headline: str
    where: str
    question: str
    phase: PhaseKind
    phase_text: str
    you_ask: bool | None = None
    back_in_round: int | None = None


@dataclass(frozen=True, slots=True)
class MyView:
    """The whole page for one person: `now`, then `upcoming` and `earlier` rounds (each in round
    order, the round shown in `now` in neither) with their headings."""

    person_id: str
    name: str
    lang: str
    now: Now
    upcoming: tuple[MySeat, ...]
    earlier: tuple[MySeat, ...]
    upcoming_title: str
    earlier_title: str

    def seats(self) -> tuple[MySeat, ...]:
        """Every round the view knows, in round order."""
        current = (self.now.seat,) if self.now.seat is not None else ()
        return tuple(sorted((*self.earlier, *current, *self.upcoming), key=lambda s: s.round))


def my_view(
    event: Event,
    plan: Plan,
    participants: Iterable[Participant],
    person_id: str,
    clock: LiveClock,
    now: float,
    lang: str,
    *,
    link_template: str = "",
) -> MyView:
    """The page of `person_id` at `now`. A bad `link_template` raises LinkTemplateError (a
    ValueError). With a template every talk seat gets its video link and the "stays seated"
    wording is not used (nobody sits in a video room)."""
    template = validate_link_template(link_template)
    people = {p.id: p for p in participants}
    me = people.get(person_id)
    seated = bool(me and me.stays_seated) and not template
    seats: dict[int, MySeat] = {}
    for rnd in sorted(plan.rounds, key=lambda r: r.number):
        seats.setdefault(rnd.number, _seat(event, rnd, person_id, people, template, lang))

    phase = phase_at(clock, now)
    shown = _shown_round(phase)
    if phase.kind == "ended":
        current = _ended(phase, lang)
        earlier = tuple(seats.values())
        upcoming: tuple[MySeat, ...] = ()
    else:
        seat = seats.get(shown) or _not_planned(shown, lang)
        back = next((s.round for s in seats.values() if s.round > shown and s.kind == "talk"), None)
        current = _current(phase, shown, seat, back, seated, lang)
        earlier = tuple(s for s in seats.values() if s.round < shown)
        upcoming = tuple(s for s in seats.values() if s.round > shown)
    return MyView(
        person_id=person_id,
        name=me.name if me else person_id,
        lang=lang,
        now=current,
        upcoming=upcoming,
        earlier=earlier,
        upcoming_title=t("mine.upcoming", lang),
        earlier_title=t("mine.earlier", lang),
    )


def changed_since(old: MyView | None, new: MyView) -> str | None:
    """A sentence when the person's table, room or partners changed for the round shown now or
    the next one (after a re-plan), comparing the same round number in both views - so moving
    on to the next round as planned is no change. None when nothing changed, without an old
    view, and after the end. Both rounds changed: both sentences."""
    if old is None or new.now.kind == "ended":
        return None
    before = {s.round: s for s in old.seats()}
    candidates = []
    if new.now.seat is not None:
        candidates.append((new.now.seat, new.now.kind != "before"))
    if new.upcoming:
        candidates.append((new.upcoming[0], False))
    sentences = []
    for seat, is_now in candidates:
        previous = before.get(seat.round)
        if previous is not None and _identity(previous) != _identity(seat):
            sentences.append(_change_sentence(seat, is_now, new.lang))
    return " ".join(sentences) or None


# --- building blocks --------------------------------------------------------------------------


def _partner(person_id: str, people: Mapping[str, Participant], lang: str) -> Partner:
    person = people.get(person_id)
    if person is None:
        return Partner(person_id, person_id, on_list=False)
    sector = t(f"sector.{person.sector.value}", lang)
    return Partner(person.id, person.name, person.organisation, sector)


def _join(names: list[str], lang: str) -> str:
    """ "A", "A und B", "A, B und C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('mine.and', lang)} {names[-1]}"


def _partners_text(partners: tuple[Partner, ...], lang: str) -> str:
    return _join([p.label for p in partners], lang) or "–"


def _seat(
    event: Event,
    rnd: Round,
    person_id: str,
    people: Mapping[str, Participant],
    template: str,
    lang: str,
) -> MySeat:
    table = rnd.table_of(person_id)
    if table is None:
        if person_id in rnd.resting:
            return MySeat(
                rnd.number, "resting", text=t("mine.seat_resting", lang, round=rnd.number)
            )
        return _not_planned(rnd.number, lang)
    partners = tuple(_partner(m, people, lang) for m in table.members if m != person_id)
    link = table_link(template, event.title, rnd.number, table.number) if template else ""
    key = "mine.seat_room" if link else "mine.seat_talk"
    text = t(
        key, lang, round=rnd.number, table=table.number, partners=_partners_text(partners, lang)
    )
    return MySeat(
        round=rnd.number,
        kind="talk",
        table=table.number,
        link=link,
        partners=partners,
        asks_first=table.members[0] == person_id,
        question=question_for(event, rnd.number),
        text=text,
    )


def _not_planned(round_number: int, lang: str) -> MySeat:
    return MySeat(
        round_number, "not_planned", text=t("mine.seat_not_planned", lang, round=round_number)
    )


def _shown_round(phase: Phase) -> int:
    if phase.kind == "not_started":
        return 1
    if phase.kind == "change_tables" and phase.next_round is not None:
        return phase.next_round
    return phase.round


def _ended(phase: Phase, lang: str) -> Now:
    return Now(
        kind="ended",
        round=phase.round,
        total_rounds=phase.total_rounds,
        title=t("mine.ended_title", lang),
        seat=None,
        headline="",
        where=t("mine.ended", lang),
        question="",
        phase=phase.kind,
        phase_text="",
    )


def _headline(seat: MySeat, lang: str) -> str:
    if seat.kind == "talk":
        return t("mine.room" if seat.link else "mine.table", lang, table=seat.table)
    if seat.kind == "resting":
        return t("mine.break", lang)
    return t("mine.not_planned_title", lang)


def _where(seat: MySeat, before: bool, back: int | None, seated: bool, lang: str) -> str:
    if seat.kind == "talk":
        if seat.link:
            return t("mine.before_room" if before else "mine.in_room", lang, table=seat.table)
        if seated:
            return t("mine.stay_seated", lang, table=seat.table)
        return t("mine.before_table" if before else "mine.at_table", lang, table=seat.table)
    if seat.kind == "resting":
        if before:
            if back is None:
                return t("mine.before_resting", lang, round=seat.round)
            return t("mine.before_resting_back", lang, round=seat.round, back=back)
        return t("mine.resting_back", lang, back=back) if back else t("mine.resting", lang)
    return t("mine.plan_follows_hint" if before else "mine.not_planned", lang)


def _roles(seat: MySeat, first_half: bool, lang: str) -> str:
    """Who asks in this half, from the person's side (see the module text)."""
    if len(seat.partners) <= 1:
        if seat.asks_first == first_half:
            return t("mine.first_you" if first_half else "mine.second_you", lang)
        return t("mine.first_partner" if first_half else "mine.second_partner", lang)
    if seat.asks_first:
        others = _join([p.name for p in seat.partners], lang)
        return t(
            "mine.trio_first_you" if first_half else "mine.trio_second_you", lang, others=others
        )
    first, *rest = seat.partners  # partners keep the table's order: the first one asks first
    others = _join([p.name for p in rest], lang)
    key = "mine.trio_first_other" if first_half else "mine.trio_second_other"
    return t(key, lang, first=first.name, others=others)


def _moving(seat: MySeat, seated: bool, lang: str) -> str:
    """Where to go while people change tables (`seat` is the next round's)."""
    if seat.kind == "talk":
        if seat.link:
            return t("mine.go_to_room", lang)
        return t("mine.stay_next" if seated else "mine.go_to_table", lang, table=seat.table)
    return t("mine.rest_next" if seat.kind == "resting" else "mine.not_planned_next", lang)


def _current(
    phase: Phase,
    shown: int,
    seat: MySeat,
    back: int | None,
    seated: bool,
    lang: str,
) -> Now:
    before = phase.kind == "not_started"
    talking = seat.kind == "talk"
    you_ask: bool | None = None
    if before:
        phase_text = _roles(seat, True, lang) if talking else ""
        you_ask = seat.asks_first
        title = t("mine.before_title", lang)
        not_yet = seat.kind == "not_planned"
        headline = t("mine.plan_follows", lang) if not_yet else _headline(seat, lang)
    else:
        title = t("mine.title", lang, round=shown, total=phase.total_rounds)
        headline = _headline(seat, lang)
        if phase.kind in ("first_asks", "second_asks"):
            first_half = phase.kind == "first_asks"
            phase_text = _roles(seat, first_half, lang) if talking else ""
            if talking:
                you_ask = seat.asks_first == first_half
        elif phase.kind == "paused":
            phase_text = t("mine.paused", lang)
        elif phase.next_round is not None:  # change_tables, `seat` is the next round's
            phase_text = _moving(seat, seated, lang)
        else:
            phase_text = t("mine.time_up", lang)
    return Now(
        kind="before" if before else seat.kind,
        round=shown,
        total_rounds=phase.total_rounds,
        title=title,
        seat=seat,
        headline=headline,
        where=_where(seat, before, back, seated, lang),
        question=seat.question if talking else "",
        phase=phase.kind,
        phase_text=phase_text,
        you_ask=you_ask,
        back_in_round=back if seat.kind != "talk" else None,
    )


def _identity(seat: MySeat) -> tuple[object, ...]:
    return (seat.kind, seat.table, seat.link, tuple(p.id for p in seat.partners))


def _change_sentence(seat: MySeat, is_now: bool, lang: str) -> str:
    when = "now" if is_now else "next"
    if seat.kind == "talk":
        key = f"mine.changed_{when}_room" if seat.link else f"mine.changed_{when}"
        partners = _partners_text(seat.partners, lang)
        return t(key, lang, round=seat.round, table=seat.table, partners=partners)
    kind = "resting" if seat.kind == "resting" else "not_planned"
    return t(f"mine.changed_{when}_{kind}", lang, round=seat.round)
