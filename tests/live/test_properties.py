"""Any sequence of actions at increasing times keeps the clock sane: time left never negative
and never above the round's length, the round never beyond the last, the JSON form exact, and
auto-advance the same however often the app looks."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.live import clock as live
from matching.live.clock import LiveClock, advance
from matching.live.phase import countdown_payload, phase_at

T0 = 1_750_000_000.0
TOTAL = 4

actions = st.one_of(
    st.tuples(st.just("start"), st.none() | st.integers(1, TOTAL)),
    st.tuples(st.sampled_from(["pause", "resume", "next", "end", "advance"]), st.none()),
    st.tuples(st.just("extend"), st.integers(1, 600)),
    st.tuples(st.just("auto"), st.booleans()),
    st.tuples(st.just("break"), st.integers(0, 300)),
)
steps = st.lists(
    st.tuples(st.floats(0, 1500, allow_nan=False) | st.integers(0, 1500), actions),
    max_size=25,
)


def apply(c: LiveClock, now: float, action: tuple) -> LiveClock:
    name, value = action
    if name == "start":
        return live.start_round(c, now, value)
    if name == "extend":
        return live.extend(c, now, value)
    if name == "auto":
        return live.configure(c, now, auto_advance=value)
    if name == "break":
        return live.configure(c, now, break_seconds=value)
    return {
        "pause": live.pause,
        "resume": live.resume,
        "next": live.next_round,
        "end": live.end,
        "advance": live.advance,
    }[name](c, now)


def check(c: LiveClock, now: float) -> None:
    current = advance(c, now)
    phase = phase_at(c, now)
    assert 0 <= phase.remaining <= current.round_seconds
    assert 0 <= phase.half_remaining <= current.half_seconds
    assert 0 <= phase.fraction <= 1
    assert 0 <= phase.break_remaining <= current.break_seconds
    assert 0 <= current.round <= current.total_rounds
    assert phase.round == (0 if current.status == "idle" else current.round)
    assert phase == phase_at(current, now)
    assert advance(current, now) == current  # idempotent
    data = json.loads(json.dumps(c.to_dict(), allow_nan=False))
    assert LiveClock.from_dict(data) == c
    json.dumps(countdown_payload(c, now), allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    steps=steps,
    auto=st.booleans(),
    pause_seconds=st.integers(0, 120),
    seconds=st.integers(1, 900),
)
def test_any_sequence_of_actions_keeps_the_clock_sane(steps, auto, pause_seconds, seconds):
    c = live.new_clock(TOTAL, seconds, auto_advance=auto, break_seconds=pause_seconds)
    now = T0
    for gap, action in steps:
        now += gap
        c = apply(c, now, action)
        check(c, now)
        check(c, now + gap / 2)  # and a moment later, before anyone acts again


@settings(max_examples=200, deadline=None)
@given(
    steps=steps,
    probes=st.lists(st.floats(0, 5000, allow_nan=False), min_size=2, max_size=6),
)
def test_looking_often_or_once_gives_the_same_clock(steps, probes):
    c = live.new_clock(TOTAL, 300, auto_advance=True, break_seconds=45)
    now = T0
    for gap, action in steps:
        now += gap
        c = apply(c, now, action)
    times = sorted(now + p for p in probes)
    stepped = c
    for moment in times:
        stepped = advance(stepped, moment)
        assert stepped == advance(c, moment)


@settings(max_examples=100, deadline=None)
@given(
    before=st.floats(0, 2000, allow_nan=False),
    later=st.lists(st.floats(0, 10_000, allow_nan=False), min_size=1, max_size=5),
    auto=st.booleans(),
)
def test_a_paused_clock_stands_still(before, later, auto):
    c = live.start_round(live.new_clock(TOTAL, 480, auto_advance=auto), T0)
    c = live.pause(c, T0 + before)
    first = phase_at(c, T0 + before)
    for extra in later:
        assert phase_at(c, T0 + before + extra) == first
