"""The whole live state of an event as one value: which round, running or paused, since when.

Nothing here reads the clock. Every action takes `now` (epoch seconds) from the caller, so one
state gives the same answer on every screen, in every test and after a reload. The app stores
the value as JSON (`to_dict`/`from_dict`) and replaces it with what an action returns.

Time model: the current round counts from `started_at`, moved forward by the length of every
pause, so `elapsed = now - started_at` always; it lasts `round_seconds` (the planned length plus
any "one more minute"). With `auto_advance`, the end of a round is followed by a break of
`break_seconds`, and the next round starts at exactly `started_at + round_seconds +
break_seconds` - however late anyone looks - so all screens agree and `advance` may be applied
as often as the app likes. An action that does not apply (pause while paused, a double click,
two devices pressing at once) returns the clock as it is at `now` instead of failing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from matching.model import Event

Status = Literal["idle", "running", "paused", "break", "ended"]
STATUSES: tuple[str, ...] = ("idle", "running", "paused", "break", "ended")
FORMAT_VERSION = 1
MAX_ROUNDS = 1000


@dataclass(frozen=True, slots=True)
class LiveClock:
    """The live state. `round` 0 means not started; `status` "break" only with auto-advance
    (between the end of a round and the automatic start of the next); `paused_elapsed` is set
    exactly while paused. `planned_seconds` is every round's length before extensions."""

    total_rounds: int
    planned_seconds: int
    round_seconds: float
    round: int = 0
    status: Status = "idle"
    started_at: float = 0.0
    paused_elapsed: float | None = None
    auto_advance: bool = False
    break_seconds: int = 60

    def __post_init__(self) -> None:
        _whole("total_rounds", self.total_rounds, 1, MAX_ROUNDS)
        _whole("planned_seconds", self.planned_seconds, 1)
        _whole("round", self.round, 0, self.total_rounds)
        _whole("break_seconds", self.break_seconds, 0)
        _number("round_seconds", self.round_seconds)
        _number("started_at", self.started_at)
        if self.round_seconds <= 0:
            raise ValueError(
                f"Live clock: round_seconds must be positive, not {self.round_seconds}."
            )
        _flag("auto_advance", self.auto_advance)
        if self.status not in STATUSES:
            expected = ", ".join(STATUSES)
            raise ValueError(f"Live clock: unknown status {self.status!r} (one of {expected}).")
        if (self.status == "idle") != (self.round == 0) and self.status != "ended":
            raise ValueError(
                f"Live clock: status {self.status!r} does not fit round {self.round} "
                "(round 0 means not started)."
            )
        if self.status == "paused":
            _number("paused_elapsed", self.paused_elapsed)
            if self.paused_elapsed < 0:  # type: ignore[operator]
                raise ValueError("Live clock: paused_elapsed cannot be negative.")
        elif self.paused_elapsed is not None:
            raise ValueError(f"Live clock: paused_elapsed set, but status is {self.status}.")
        if self.status == "break" and not self.auto_advance:
            raise ValueError("Live clock: a break between rounds needs auto_advance.")

    @classmethod
    def for_event(
        cls, event: Event, *, auto_advance: bool = False, break_seconds: int = 60
    ) -> LiveClock:
        """A clock that has not started, with the event's rounds and minutes per round."""
        return new_clock(
            event.rounds, event.minutes_per_round * 60, auto_advance=auto_advance,
            break_seconds=break_seconds,
        )  # fmt: skip

    @property
    def half_seconds(self) -> float:
        """When the two people swap roles, counted from the round's start: half of the planned
        length. An extension does not move it - the second asker gets the extra time, and a swap
        once shown on the screen never turns back."""
        return min(self.planned_seconds, self.round_seconds) / 2

    def elapsed(self, now: float) -> float:
        """Seconds of the current round so far (frozen while paused); 0 before the start."""
        if self.status == "idle":
            return 0.0
        if self.status == "paused":
            return self.paused_elapsed  # type: ignore[return-value]
        return now - self.started_at

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: numbers, strings, booleans and null only."""
        data: dict[str, Any] = {"version": FORMAT_VERSION}
        for f in fields(self):
            data[f.name] = getattr(self, f.name)
        for key in ("round_seconds", "started_at"):
            data[key] = float(data[key])
        if data["paused_elapsed"] is not None:
            data["paused_elapsed"] = float(data["paused_elapsed"])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LiveClock:
        """The clock `to_dict` wrote; anything else raises ValueError with a clear sentence."""
        if not isinstance(data, Mapping):
            raise ValueError(f"Live clock: expected an object, got {type(data).__name__}.")
        names = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in data if k not in names | {"version"})
        if unknown:
            raise ValueError(f"Live clock: unknown key(s) {', '.join(unknown)}.")
        missing = sorted(names - set(data))
        if missing:
            raise ValueError(f"Live clock: missing key(s) {', '.join(missing)}.")
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION or isinstance(version, bool):
            raise ValueError(f"Live clock: unknown format version {version!r}.")
        return cls(**{name: data[name] for name in names})


def new_clock(
    total_rounds: int, planned_seconds: int, *, auto_advance: bool = False, break_seconds: int = 60
) -> LiveClock:
    """A clock that has not started."""
    _whole("planned_seconds", planned_seconds, 1)
    return LiveClock(
        total_rounds=total_rounds,
        planned_seconds=planned_seconds,
        round_seconds=float(planned_seconds),
        auto_advance=auto_advance,
        break_seconds=break_seconds,
    )


def start_round(clock: LiveClock, now: float, round: int | None = None) -> LiveClock:
    """Start round 1, or the given round, at `now` with its planned length (also to restart a
    round or to go back after the end)."""
    _check_now(now)
    number = 1 if round is None else round
    _whole("round", number, 1, clock.total_rounds)
    return replace(
        clock, round=number, status="running", started_at=float(now), paused_elapsed=None,
        round_seconds=float(clock.planned_seconds),
    )  # fmt: skip


def pause(clock: LiveClock, now: float) -> LiveClock:
    """Freeze the running round (or the break) where it is."""
    current = advance(clock, now)
    if current.status not in ("running", "break"):
        return current
    return replace(current, status="paused", paused_elapsed=max(0.0, now - current.started_at))


def resume(clock: LiveClock, now: float) -> LiveClock:
    """Go on from where the pause froze the round: the pause does not count."""
    _check_now(now)
    if clock.status != "paused":
        return advance(clock, now)
    running = replace(
        clock,
        status="running",
        started_at=now - clock.paused_elapsed,
        paused_elapsed=None,  # type: ignore[operator]
    )
    return advance(running, now)


def extend(clock: LiveClock, now: float, seconds: int = 60) -> LiveClock:
    """ "One more minute": `seconds` more for the current round. When its time is already up
    (also during a break) the round continues with exactly `seconds` left. Stays paused if
    paused."""
    _whole("seconds", seconds, 1)
    current = advance(clock, now)
    if current.status in ("idle", "ended"):
        return current
    elapsed = current.elapsed(now)
    longer = max(current.round_seconds, elapsed) + seconds
    status = "paused" if current.status == "paused" else "running"
    return replace(current, round_seconds=longer, status=status)


def next_round(clock: LiveClock, now: float) -> LiveClock:
    """End the current round and start the next one now; after the last round, end the event.
    Before the start this starts round 1."""
    current = advance(clock, now)
    if current.status == "ended":
        return current
    if current.round >= current.total_rounds:
        return end(current, now)
    return start_round(current, now, current.round + 1)


def end(clock: LiveClock, now: float) -> LiveClock:
    """End the event (the round it ended in is kept)."""
    current = advance(clock, now)
    return replace(current, status="ended", paused_elapsed=None)


def configure(
    clock: LiveClock,
    now: float,
    *,
    auto_advance: bool | None = None,
    break_seconds: int | None = None,
    total_rounds: int | None = None,
) -> LiveClock:
    """Change the settings from `now` on; what happened before stays as it was. Switching
    auto-advance on when a round's time is already up ends that round now (the break starts
    now, not back when the time ran out)."""
    current = advance(clock, now)
    changes: dict[str, Any] = {}
    if break_seconds is not None:
        _whole("break_seconds", break_seconds, 0)
        changes["break_seconds"] = break_seconds
    if total_rounds is not None:
        _whole("total_rounds", total_rounds, max(1, current.round), MAX_ROUNDS)
        changes["total_rounds"] = total_rounds
    if auto_advance is not None:
        _flag("auto_advance", auto_advance)
        changes["auto_advance"] = auto_advance
        if auto_advance and not current.auto_advance and current.status in ("running", "paused"):
            changes["round_seconds"] = max(current.round_seconds, current.elapsed(now))
        if not auto_advance and current.status == "break":
            changes["status"] = "running"  # time is up; the facilitator moves on by hand
    return advance(replace(current, **changes), now)


def advance(clock: LiveClock, now: float) -> LiveClock:
    """The clock as it should be at `now` when auto-advance is on: a round whose time is up
    becomes a break of `break_seconds`, then the next round starts by itself; after the last
    round the event ends. Without auto-advance (or when paused, idle, ended) nothing changes.
    Idempotent, and advancing to t1 and then to t2 equals advancing to t2 at once."""
    _check_now(now)
    current = clock
    if not current.auto_advance or current.status not in ("running", "break"):
        return current
    while True:
        round_end = current.started_at + current.round_seconds
        if now < round_end:
            return current if current.status == "running" else replace(current, status="running")
        if current.round >= current.total_rounds:
            return replace(current, status="ended")
        next_start = round_end + current.break_seconds
        if now < next_start:
            return current if current.status == "break" else replace(current, status="break")
        current = replace(
            current, round=current.round + 1, status="running", started_at=next_start,
            round_seconds=float(current.planned_seconds),
        )  # fmt: skip


def available_actions(clock: LiveClock, now: float) -> frozenset[str]:
    """Which buttons make sense at `now`: names among start, pause, resume, extend, next, end."""
    status = advance(clock, now).status
    return frozenset(
        {
            "idle": ("start", "next", "end"),
            "running": ("start", "pause", "extend", "next", "end"),
            "break": ("start", "pause", "extend", "next", "end"),
            "paused": ("start", "resume", "extend", "next", "end"),
            "ended": ("start",),
        }[status]
    )


def _whole(name: str, value: Any, lowest: int, highest: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"Live clock: {name} must be a whole number, got {value!r}.")
    if value < lowest or (highest is not None and value > highest):
        upper = f" and {highest}" if highest is not None else ""
        where = f"between {lowest}{upper}" if upper else f"at least {lowest}"
        raise ValueError(f"Live clock: {name} must be {where}, got {value}.")


def _number(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"Live clock: {name} must be a finite number, got {value!r}.")


def _flag(name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"Live clock: {name} must be true or false, not {value!r}.")


def _check_now(now: Any) -> None:
    _number("now", now)
