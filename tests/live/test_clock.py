"""Every action of the live clock, with time passed in: start, pause, resume, extend, next,
end, auto-advance through breaks and past the last round, and the stored JSON form."""

from __future__ import annotations

import json

import pytest

from matching.live.clock import (
    LiveClock,
    advance,
    available_actions,
    configure,
    end,
    extend,
    new_clock,
    next_round,
    pause,
    resume,
    start_round,
)
from matching.model import Event

T0 = 1_750_000_000.0  # some moment, in epoch seconds


def clock(rounds=3, seconds=480, **kw):
    return new_clock(rounds, seconds, **kw)


def test_a_new_clock_waits_for_the_start():
    c = LiveClock.for_event(Event("Treffen", rounds=8, minutes_per_round=7))
    assert (c.round, c.status, c.total_rounds) == (0, "idle", 8)
    assert c.round_seconds == c.planned_seconds == 420
    assert c.paused_elapsed is None and c.auto_advance is False and c.break_seconds == 60


def test_start_begins_round_one_or_the_given_round():
    c = start_round(clock(), T0)
    assert (c.round, c.status, c.started_at, c.round_seconds) == (1, "running", T0, 480)
    assert c.elapsed(T0 + 30) == 30
    c = start_round(c, T0 + 100, round=3)
    assert (c.round, c.started_at) == (3, T0 + 100)
    with pytest.raises(ValueError, match="round must be between 1 and 3"):
        start_round(c, T0, round=4)
    with pytest.raises(ValueError, match="round"):
        start_round(c, T0, round=0)


def test_start_resets_an_extension_and_a_pause():
    c = pause(extend(start_round(clock(), T0), T0 + 10), T0 + 20)
    c = start_round(c, T0 + 50, round=2)
    assert (c.status, c.paused_elapsed, c.round_seconds) == ("running", None, 480)


def test_pause_freezes_and_resume_goes_on_where_it_stopped():
    c = start_round(clock(), T0)
    p = pause(c, T0 + 100)
    assert (p.status, p.paused_elapsed) == ("paused", 100)
    assert p.elapsed(T0 + 5000) == 100
    r = resume(p, T0 + 400)  # paused for 300 s
    assert r.status == "running" and r.paused_elapsed is None
    assert r.started_at == T0 + 300
    assert r.elapsed(T0 + 400) == 100


def test_actions_that_do_not_apply_change_nothing():
    idle = clock()
    assert pause(idle, T0) == idle
    assert resume(idle, T0) == idle
    assert extend(idle, T0) == idle
    running = start_round(idle, T0)
    assert resume(running, T0 + 5) == running
    paused = pause(running, T0 + 5)
    assert pause(paused, T0 + 50) == paused  # a double click does not move the pause
    ended = end(running, T0 + 10)
    assert pause(ended, T0 + 20) == ended
    assert next_round(ended, T0 + 20) == ended
    assert extend(ended, T0 + 20) == ended


def test_extend_adds_a_minute_to_the_running_round():
    c = extend(start_round(clock(), T0), T0 + 100)
    assert c.round_seconds == 540 and c.status == "running"
    assert extend(c, T0 + 100, seconds=30).round_seconds == 570


def test_extend_after_the_time_is_up_gives_exactly_that_much_from_now():
    c = start_round(clock(), T0)  # no auto-advance: the round stays, time is up
    c = extend(c, T0 + 500)
    assert c.round_seconds == 560
    assert c.round_seconds - c.elapsed(T0 + 500) == 60


def test_extend_while_paused_stays_paused():
    c = extend(pause(start_round(clock(), T0), T0 + 100), T0 + 200)
    assert (c.status, c.round_seconds, c.paused_elapsed) == ("paused", 540, 100)


def test_extend_during_a_break_brings_the_round_back_for_one_minute():
    c = start_round(clock(auto_advance=True, break_seconds=60), T0)
    assert advance(c, T0 + 490).status == "break"
    e = extend(c, T0 + 490)
    assert (e.status, e.round) == ("running", 1)
    assert e.round_seconds - e.elapsed(T0 + 490) == 60


@pytest.mark.parametrize("seconds", [0, -60, 1.5, True, "60"])
def test_extend_needs_positive_whole_seconds(seconds):
    with pytest.raises(ValueError, match="seconds"):
        extend(start_round(clock(), T0), T0, seconds=seconds)


def test_next_starts_the_following_round_and_ends_after_the_last():
    c = next_round(clock(), T0)  # before the start: round 1
    assert (c.round, c.status) == (1, "running")
    c = next_round(extend(c, T0 + 10), T0 + 100)
    assert (c.round, c.started_at, c.round_seconds) == (2, T0 + 100, 480)
    c = next_round(pause(c, T0 + 150), T0 + 200)  # from a pause, too
    assert (c.round, c.status, c.paused_elapsed) == (3, "running", None)
    c = next_round(c, T0 + 300)
    assert (c.round, c.status) == (3, "ended")


def test_end_keeps_the_round_it_ended_in():
    c = end(pause(start_round(clock(), T0, round=2), T0 + 5), T0 + 10)
    assert (c.round, c.status, c.paused_elapsed) == (2, "ended", None)
    assert start_round(c, T0 + 20, round=2).status == "running"  # a mistaken end is undone


def test_without_auto_advance_the_round_waits_for_the_facilitator():
    c = start_round(clock(), T0)
    assert advance(c, T0 + 10_000) == c


def test_auto_advance_runs_a_break_then_the_next_round():
    c = start_round(clock(auto_advance=True, break_seconds=60), T0)
    assert advance(c, T0 + 479) == c
    b = advance(c, T0 + 480)
    assert (b.status, b.round) == ("break", 1)
    n = advance(c, T0 + 540)
    assert (n.status, n.round, n.started_at, n.round_seconds) == ("running", 2, T0 + 540, 480)
    # however late anyone looks, round 2 started when the break ended
    assert advance(c, T0 + 600).started_at == T0 + 540


def test_auto_advance_runs_through_the_last_round_to_the_end():
    c = start_round(clock(rounds=2, seconds=100, auto_advance=True, break_seconds=20), T0)
    assert advance(c, T0 + 219).round == 2
    assert advance(c, T0 + 219).status == "running"
    e = advance(c, T0 + 220)  # 100 + 20 + 100: no break after the last round
    assert (e.status, e.round) == ("ended", 2)
    assert advance(c, T0 + 10**6) == e


def test_auto_advance_without_a_break():
    c = start_round(clock(seconds=100, auto_advance=True, break_seconds=0), T0)
    assert advance(c, T0 + 100).round == 2
    assert advance(c, T0 + 100).started_at == T0 + 100


def test_advance_is_idempotent_and_the_same_in_steps_or_at_once():
    c = start_round(clock(rounds=5, seconds=100, auto_advance=True, break_seconds=30), T0)
    c = extend(c, T0 + 10)
    for later in (T0 + 50, T0 + 170, T0 + 200, T0 + 333, T0 + 1000):
        once = advance(c, later)
        assert advance(once, later) == once
        assert advance(advance(c, T0 + 120), later) == once


def test_a_pause_in_the_break_keeps_the_rest_of_the_break():
    c = start_round(clock(seconds=100, auto_advance=True, break_seconds=60), T0)
    p = pause(c, T0 + 120)  # 20 s into the break
    assert (p.status, p.round, p.paused_elapsed) == ("paused", 1, 120)
    r = resume(p, T0 + 1000)
    assert (r.status, r.round) == ("break", 1)
    assert advance(r, T0 + 1039).round == 1
    assert advance(r, T0 + 1040).round == 2


def test_switching_auto_advance_on_late_starts_the_break_now():
    c = start_round(clock(seconds=100, break_seconds=60), T0)
    c = configure(c, T0 + 500, auto_advance=True)  # time was up 400 s ago
    assert (c.status, c.round) == ("break", 1)
    assert advance(c, T0 + 559).round == 1
    assert advance(c, T0 + 560).round == 2


def test_switching_auto_advance_off_in_a_break_waits_for_the_facilitator():
    c = start_round(clock(seconds=100, auto_advance=True), T0)
    c = configure(c, T0 + 110, auto_advance=False)
    assert (c.status, c.round) == ("running", 1)
    assert advance(c, T0 + 10_000) == c


def test_configure_checks_its_values():
    c = start_round(clock(rounds=5), T0, round=4)
    assert configure(c, T0, total_rounds=6, break_seconds=0).total_rounds == 6
    with pytest.raises(ValueError, match="total_rounds"):
        configure(c, T0, total_rounds=3)  # round 4 is running
    with pytest.raises(ValueError, match="break_seconds"):
        configure(c, T0, break_seconds=-1)
    with pytest.raises(ValueError, match="auto_advance"):
        configure(c, T0, auto_advance="yes")


def test_available_actions_follow_the_status():
    c = clock()
    assert available_actions(c, T0) == {"start", "next", "end"}
    c = start_round(c, T0)
    assert "pause" in available_actions(c, T0) and "resume" not in available_actions(c, T0)
    assert "resume" in available_actions(pause(c, T0), T0)
    assert available_actions(end(c, T0), T0) == {"start"}


@pytest.mark.parametrize("now", [float("nan"), float("inf"), None, "1", True])
def test_now_must_be_a_finite_number(now):
    with pytest.raises(ValueError, match="now"):
        advance(start_round(clock(auto_advance=True), T0), now)


def test_to_dict_is_json_and_comes_back_the_same():
    states = [
        clock(),
        start_round(clock(auto_advance=True, break_seconds=45), T0 + 0.25),
        pause(extend(start_round(clock(), T0, round=2), T0 + 5), T0 + 9.5),
        advance(start_round(clock(auto_advance=True), T0), T0 + 500),
        end(start_round(clock(), T0), T0 + 1),
    ]
    for c in states:
        text = json.dumps(c.to_dict(), allow_nan=False)
        assert LiveClock.from_dict(json.loads(text)) == c
    assert states[1].to_dict()["version"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, "unknown key"),
        ({"round": None}, "round must be a whole number"),
        ({"round": 9}, "round must be between 0 and 3"),
        ({"round": 1.0}, "round must be a whole number"),
        ({"status": "sleeping"}, "unknown status"),
        ({"status": "running"}, "does not fit round 0"),
        ({"round": 2}, "does not fit round 2"),  # idle at round 2
        ({"started_at": "yesterday"}, "started_at must be a finite number"),
        ({"round_seconds": 0}, "round_seconds must be positive"),
        ({"auto_advance": 1}, "auto_advance must be true or false"),
        ({"paused_elapsed": 3.0}, "paused_elapsed"),
        ({"status": "break", "round": 1}, "needs auto_advance"),
        ({"status": "paused", "round": 1}, "paused_elapsed must be a finite number"),
        ({"total_rounds": 0}, "total_rounds"),
        ({"version": 2}, "format version"),
    ],
)
def test_from_dict_refuses_what_it_did_not_write(change, message):
    data = {**clock().to_dict(), **change}
    with pytest.raises(ValueError, match=message):
        LiveClock.from_dict(data)


def test_from_dict_names_missing_keys_and_wrong_shapes():
    data = clock().to_dict()
    del data["status"]
    with pytest.raises(ValueError, match=r"missing key.*status"):
        LiveClock.from_dict(data)
    with pytest.raises(ValueError, match="expected an object"):
        LiveClock.from_dict([1, 2])  # type: ignore[arg-type]
