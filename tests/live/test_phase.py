"""The phase of the room at chosen moments, and the payload of the browser countdown."""

from __future__ import annotations

import json

import pytest

from matching.live.clock import advance, end, extend, new_clock, pause, start_round
from matching.live.phase import countdown_payload, phase_at

T0 = 1_750_000_000.0


def running(seconds=480, **kw):
    return start_round(new_clock(3, seconds, **kw), T0)


def test_before_the_start():
    p = phase_at(new_clock(3, 480), T0)
    assert (p.kind, p.round, p.remaining, p.half_remaining, p.fraction) == (
        "not_started", 0, 480, 240, 0.0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("at", "kind", "remaining", "half_remaining", "fraction"),
    [
        (0, "first_asks", 480, 240, 0.0),
        (120, "first_asks", 360, 120, 0.25),
        (239.5, "first_asks", 240.5, 0.5, 239.5 / 480),
        (240, "second_asks", 240, 0, 0.5),
        (479, "second_asks", 1, 0, 479 / 480),
        (480, "change_tables", 0, 0, 1.0),
        (9999, "change_tables", 0, 0, 1.0),
    ],
)
def test_a_round_at_chosen_moments(at, kind, remaining, half_remaining, fraction):
    p = phase_at(running(), T0 + at)
    assert (p.kind, p.round, p.total_rounds) == (kind, 1, 3)
    assert p.remaining == pytest.approx(remaining)
    assert p.half_remaining == pytest.approx(half_remaining)
    assert p.fraction == pytest.approx(fraction)


def test_time_up_without_auto_advance_points_to_the_next_round_without_a_countdown():
    p = phase_at(running(), T0 + 600)
    assert (p.kind, p.next_round, p.break_remaining) == ("change_tables", 2, 0)
    last = start_round(new_clock(3, 480), T0, round=3)
    assert phase_at(last, T0 + 600).next_round is None


def test_a_paused_round_keeps_its_remaining_time():
    p = pause(running(), T0 + 100)
    first, later = phase_at(p, T0 + 101), phase_at(p, T0 + 5000)
    assert first == later
    assert (first.kind, first.remaining, first.half_remaining) == ("paused", 380, 140)


def test_half_time_stays_at_the_original_half_when_extended():
    """An extension gives the second asker the extra minute; the swap does not move."""
    c = extend(running(), T0 + 60)  # 540 s now
    assert c.round_seconds == 540
    assert phase_at(c, T0 + 239).kind == "first_asks"
    assert phase_at(c, T0 + 240).kind == "second_asks"
    assert phase_at(c, T0 + 60).half_remaining == 180
    assert phase_at(c, T0 + 500).remaining == 40


def test_the_break_counts_down_to_the_next_round():
    c = running(auto_advance=True, break_seconds=60)
    p = phase_at(c, T0 + 500)  # the stored clock need not be advanced
    assert (p.kind, p.round, p.next_round, p.remaining) == ("change_tables", 1, 2, 0)
    assert p.break_remaining == 40
    q = phase_at(c, T0 + 540)
    assert (q.kind, q.round, q.remaining) == ("first_asks", 2, 480)


def test_after_the_end():
    p = phase_at(end(running(), T0 + 10), T0 + 20)
    assert (p.kind, p.round, p.remaining, p.fraction) == ("ended", 1, 0, 1.0)
    auto = running(seconds=60, auto_advance=True, break_seconds=0)
    assert phase_at(auto, T0 + 180).kind == "ended"


def test_a_clock_behind_the_start_never_shows_more_than_the_round():
    p = phase_at(running(), T0 - 30)  # a screen whose server clock lags
    assert p.remaining == 480 and p.fraction == 0.0 and p.kind == "first_asks"


def test_countdown_payload_has_what_the_timer_needs():
    c = pause(extend(running(auto_advance=True, break_seconds=30), T0 + 5), T0 + 100)
    payload = countdown_payload(c, T0 + 130)
    assert payload == {
        "now": T0 + 130,
        "status": "paused",
        "round": 1,
        "total_rounds": 3,
        "started_at": T0,
        "round_seconds": 540.0,
        "half_seconds": 240.0,
        "paused_elapsed": 100.0,
        "break_seconds": 30,
    }
    json.dumps(payload, allow_nan=False)


def test_the_browser_formula_gives_the_server_remaining_time():
    """remaining = round_seconds - ((browser_now - offset) - started_at), offset = the
    browser's clock minus the server's `now` when the payload arrived."""
    c = running()
    payload = countdown_payload(c, T0 + 100)
    browser_skew = 7.25  # the browser's clock runs ahead
    offset = (T0 + 100 + browser_skew) - payload["now"]
    browser_now = T0 + 150 + browser_skew
    elapsed = (browser_now - offset) - payload["started_at"]
    remaining = payload["round_seconds"] - elapsed
    assert remaining == pytest.approx(phase_at(c, T0 + 150).remaining)


def test_countdown_payload_is_advanced_and_knows_the_last_round():
    c = start_round(new_clock(2, 100, auto_advance=True, break_seconds=10), T0)
    p = countdown_payload(c, T0 + 115)
    assert (p["round"], p["status"], p["started_at"], p["break_seconds"]) == (
        2, "running", T0 + 110, None,
    )  # fmt: skip
    assert countdown_payload(advance(c, T0 + 500), T0 + 500)["status"] == "ended"
    assert countdown_payload(new_clock(2, 100), T0)["break_seconds"] is None
