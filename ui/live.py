"""What the live pages share: the event's live clock and settings as stored, the texts of the
big screen, and the re-plan in the room with its preview (who moves where)."""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass

from matching.live.clock import LiveClock, configure
from matching.live.links import LinkTemplateError, validate_link_template
from matching.model import Event, Participant, Plan
from ui.common import tr

MODES = ("in_person", "hybrid", "online")


@dataclass(frozen=True)
class LiveSettings:
    """Stored with the clock: how the event meets and the video-room link template."""

    mode: str = "in_person"
    link_template: str = ""


def load_live(
    store, event_id: int, event: Event, plan: Plan | None = None, data: dict | None = None
) -> tuple[LiveClock, LiveSettings]:
    """The stored clock (a fresh one for the event when there is none or it is unreadable)
    and the settings (`data`: the stored live data when the caller read it already). The
    clock's number of rounds follows the plan (it may have fewer rounds than the event
    asked for)."""
    if data is None:
        data = store.get_live_data(event_id) or {}
    try:
        clock = LiveClock.from_dict(data["clock"])
    except (KeyError, TypeError, ValueError):
        clock = LiveClock.for_event(event)
    if plan is not None and plan.rounds and clock.total_rounds != len(plan.rounds):
        clock = configure(clock, time.time(), total_rounds=len(plan.rounds))
    settings = LiveSettings(
        mode=data.get("mode") if data.get("mode") in MODES else "in_person",
        link_template=_valid_template(data.get("link_template", "")),
    )
    return clock, settings


def _valid_template(template: object) -> str:
    try:
        return validate_link_template(template if isinstance(template, str) else "")
    except LinkTemplateError:
        return ""


def save_live(store, event_id: int, clock: LiveClock, settings: LiveSettings) -> None:
    """Clock and settings; other keys stored beside them (the address phones use, the big
    screen's key) stay."""
    data = store.get_live_data(event_id) or {}
    data.update(
        {"clock": clock.to_dict(), "mode": settings.mode, "link_template": settings.link_template}
    )
    store.set_live_data(event_id, data)


def now() -> float:
    return time.time()


def screen_texts() -> dict[str, str]:
    keys = ("first_asks", "swap", "change_tables", "time_up", "paused", "ended", "not_started")
    texts = {k: tr(f"live.{k}") for k in keys}
    texts["sound"] = tr("live.sound_on")
    texts["fullscreen"] = tr("live.fullscreen")
    return texts


def moves(old: Plan, new: Plan, round_number: int, participants: Sequence[Participant]):
    """(name, old table, new table) for everyone whose table in `round_number` changes; a
    table number 0 means "not seated" (absent or new)."""
    names = {p.id: p.name for p in participants}

    def tables(plan: Plan) -> dict[str, int]:
        rnd = next((r for r in plan.rounds if r.number == round_number), None)
        if rnd is None:
            return {}
        return {m: t.number for t in rnd.tables for m in t.members}

    before, after = tables(old), tables(new)
    changed = [
        (names.get(pid, pid), before.get(pid, 0), after.get(pid, 0))
        for pid in sorted(set(before) | set(after))
        if before.get(pid, 0) != after.get(pid, 0)
    ]
    return sorted(changed, key=lambda item: item[0].casefold())


def screen_key(store, event_id: int) -> str:
    """The big screen's own key (128 bits): /screen?key=… opens the projector's page without
    the login, so a reload in front of the room never shows the password form."""
    data = store.get_live_data(event_id) or {}
    if not isinstance(data.get("screen_key"), str) or len(data["screen_key"]) < 20:
        data["screen_key"] = secrets.token_urlsafe(16)
        store.set_live_data(event_id, data)
    return data["screen_key"]


def event_of_screen_key(store, key: str) -> int | None:
    if not key or len(key) > 100:
        return None
    for summary in store.list_events():
        stored = (store.get_live_data(summary.id) or {}).get("screen_key")
        if isinstance(stored, str) and hmac.compare_digest(stored, key):
            return summary.id
    return None
