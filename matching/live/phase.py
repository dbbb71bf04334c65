"""What a round looks like at a given moment: who asks, how long is left, and the few numbers a
browser countdown needs to tick on its own between two page updates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from matching.live.clock import LiveClock, advance

PhaseKind = Literal["not_started", "first_asks", "second_asks", "change_tables", "paused", "ended"]


@dataclass(frozen=True, slots=True)
class Phase:
    """The state of the room at one moment.

    `remaining` is what is left of the round (never negative, never above its length; frozen
    while paused), `half_remaining` what is left until the two swap roles (0 after), `fraction`
    how much of the round is done (0 to 1). During "change_tables" `next_round` is the round
    people move to (None after the last round) and `break_remaining` the seconds until it starts
    by itself (0 when the facilitator starts it by hand).

    Half-time stays at half of the planned length: an extension gives the second asker the extra
    time, so the swap never moves while people are talking.
    """

    kind: PhaseKind
    round: int
    total_rounds: int
    remaining: float
    half_remaining: float
    fraction: float
    break_remaining: float = 0.0
    next_round: int | None = None


def phase_at(clock: LiveClock, now: float) -> Phase:
    """The phase at `now`, auto-advance applied (the stored clock need not be up to date)."""
    c = advance(clock, now)
    total = c.total_rounds
    if c.status == "idle":
        return Phase("not_started", 0, total, c.round_seconds, c.half_seconds, 0.0)
    if c.status == "ended":
        return Phase("ended", c.round, total, 0.0, 0.0, 1.0)
    elapsed = c.elapsed(now)
    remaining = min(c.round_seconds, max(0.0, c.round_seconds - elapsed))
    half_remaining = min(c.half_seconds, max(0.0, c.half_seconds - elapsed))
    fraction = min(1.0, max(0.0, elapsed / c.round_seconds))
    if c.status == "paused":
        return Phase("paused", c.round, total, remaining, half_remaining, fraction)
    if elapsed >= c.round_seconds:
        following = c.round + 1 if c.round < total else None
        break_left = 0.0
        if c.status == "break":
            break_left = max(0.0, c.started_at + c.round_seconds + c.break_seconds - now)
        return Phase("change_tables", c.round, total, 0.0, 0.0, 1.0, break_left, following)
    kind: PhaseKind = "first_asks" if elapsed < c.half_seconds else "second_asks"
    return Phase(kind, c.round, total, remaining, half_remaining, fraction)


def countdown_payload(clock: LiveClock, now: float) -> dict[str, Any]:
    """JSON for a small browser timer that runs on its own between page updates.

    On receipt the script notes `offset = browser_now - payload.now` (its clock minus the
    server's). Then at any moment `elapsed = (browser_now - offset) - started_at`, or
    `paused_elapsed` while paused; `remaining = max(0, round_seconds - elapsed)`; the roles swap
    when `elapsed` reaches `half_seconds`; with `break_seconds` set (auto-advance, not the last
    round) the next round starts when `elapsed` reaches `round_seconds + break_seconds`, which is
    the moment to fetch a new payload. "idle" shows `round_seconds` in full; "ended" shows 0.
    """
    c = advance(clock, now)
    auto_break = c.auto_advance and c.round < c.total_rounds and c.status != "ended"
    return {
        "now": float(now),
        "status": c.status,
        "round": c.round,
        "total_rounds": c.total_rounds,
        "started_at": float(c.started_at),
        "round_seconds": float(c.round_seconds),
        "half_seconds": float(c.half_seconds),
        "paused_elapsed": None if c.paused_elapsed is None else float(c.paused_elapsed),
        "break_seconds": c.break_seconds if auto_break else None,
    }
