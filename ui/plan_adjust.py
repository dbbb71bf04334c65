"""Adjusting a plan by hand: who is here, pins, regenerate one round.

Every adjustment is a re-plan that keeps as many tables as it can and is saved as a new plan
version (the organiser can always go back); its result - and the quality before -> after -
is shown in this tab, where the organiser acted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import streamlit as st

from matching.evaluation import check
from matching.evaluation.metrics import compare_quality
from matching.model import OddMode, Participant, Plan
from matching.planning.planner import PlanStatus
from matching.replanning.replan import Pin, apply_pins, regenerate_round, replan
from matching.scoring import History
from ui.common import (
    flash,
    flash_problems,
    lang,
    md_escape,
    person_labels,
    show_flash,
    show_problems,
    tr,
)
from ui.series import judged_by

PLACE = "adjust"


def pins_of(plan: Plan) -> list[Pin]:
    raw = plan.extra.get("pins") or []
    return [
        Pin(int(p["round"]), tuple(p["members"]), bool(p.get("whole_table", False)))
        for p in raw
        if isinstance(p, dict)
    ]


def pins_to_extra(pins: Sequence[Pin]) -> list[dict]:
    """The plan file's form of pins (read back by `pins_of`)."""
    return [
        {"round": p.round, "members": list(p.members), "whole_table": p.whole_table} for p in pins
    ]


def _odd(plan: Plan) -> OddMode | None:
    odd = plan.extra.get("odd")
    return OddMode(odd) if odd in ("trio", "rest") else None


def _save(store, event_id, participants, old: Plan, outcome, pins, kind: str, history) -> None:
    """Store the re-plan as a new version; say what changed and whether quality dropped."""
    extra = dict(outcome.plan.extra)
    extra["pins"] = pins_to_extra(pins)
    new_plan = dataclasses.replace(outcome.plan, extra=extra)
    store.save_plan(event_id, new_plan, label=kind, source="adjust")
    before = check(participants, old, _odd(old), history=judged_by(history, old)).metrics
    after = check(
        participants, new_plan, _odd(new_plan), history=judged_by(history, new_plan)
    ).metrics
    change = compare_quality(before, after, lang())
    flash_problems(outcome.problems, PLACE)
    flash(tr("adjust.done", kept=outcome.tables_kept, changed=outcome.tables_changed), place=PLACE)
    if change.worse:
        flash(tr("adjust.quality_dropped", change=change.text), "warning", PLACE)
    else:
        flash(tr("adjust.quality", change=change.text), "info", PLACE)
    st.rerun()


def _failed(outcome) -> bool:
    if outcome.status is PlanStatus.INFEASIBLE:
        show_problems(outcome.problems, "plan")
        return True
    return False


def adjust_panel(
    store,
    event_id,
    participants: Sequence[Participant],
    plan: Plan,
    history: History | None = None,
) -> None:
    """Re-plan around absences and arrivals, pin pairs, regenerate a round; with a history
    (series), pairs who met at earlier events stay avoided in every re-plan."""
    show_flash(PLACE)
    people = {p.id: p for p in participants}
    by_name = sorted(people, key=lambda i: people[i].name.casefold())

    labels = person_labels(participants)

    def label(pid: str) -> str:
        return labels.get(pid, pid)

    rounds = [r.number for r in plan.rounds]
    pins = pins_of(plan)
    _attendance(store, event_id, participants, plan, pins, label, history)
    st.divider()
    _pins(store, event_id, participants, plan, pins, by_name, label, rounds, history)
    st.divider()
    st.markdown(f"**{tr('adjust.regenerate_header')}**")
    st.caption(tr("adjust.regenerate_help"))
    col_round, col_button = st.columns([1, 3])
    regen_round = col_round.selectbox(
        tr("plan.round"), rounds, key="regen_round", format_func=lambda n: tr("plan.round_n", n=n)
    )
    if col_button.button(tr("adjust.regenerate_button")):
        with st.spinner(tr("plan.working")):
            kept = [p for p in pins if p.round == regen_round]
            outcome = regenerate_round(
                plan, participants, int(regen_round), pins=kept, history=history
            )
        if not _failed(outcome):
            kind = f"regenerate:{regen_round}"
            _save(store, event_id, participants, plan, outcome, pins, kind, history)


def _attendance(store, event_id, participants, plan, pins, label, history) -> None:
    """Who is absent, who arrived, from which round: one re-plan. People deleted from the
    list are absent, people added to it are ticked as arrived, so following a changed list
    is the same action."""
    people = {p.id: p for p in participants}
    last = plan.rounds[-1] if plan.rounds else None
    planned = set(last.seated()) | set(last.resting) if last else set()
    ever = {m for r in plan.rounds for m in (*r.seated(), *r.resting)}
    gone = sorted(planned - set(people))
    # New on the list: in no round of the plan (ticked). Someone absent since an earlier
    # re-plan can be ticked back in; they are not new.
    newcomers = sorted((pid for pid in people if pid not in ever), key=label)
    returning = sorted((pid for pid in people if pid in ever and pid not in planned), key=label)
    st.markdown(f"**{tr('adjust.attendance_header')}**")
    st.caption(tr("adjust.attendance_help"))
    if gone or newcomers:
        st.warning(tr("adjust.list_changed", new=len(newcomers), gone=len(gone)))
    here = sorted((pid for pid in planned if pid in people), key=label)
    with st.form("attendance"):
        absent = st.multiselect(
            tr("adjust.absent"), here, format_func=label, placeholder=tr("common.choose_people")
        )
        arrived = st.multiselect(
            tr("adjust.arrived"),
            [*newcomers, *returning],
            default=newcomers,
            format_func=label,
            placeholder=tr("adjust.nobody_new")
            if not (newcomers or returning)
            else tr("common.choose_people"),
        )
        numbers = [r.number for r in plan.rounds]
        start = st.selectbox(
            tr("adjust.from_round"),
            numbers,
            format_func=lambda n: tr("plan.round_n", n=n),
            help=tr("adjust.from_round_help"),
        )
        submitted = st.form_submit_button(tr("adjust.replan_button"), type="primary")
    if not submitted:
        return
    after = int(start) - 1
    if not (absent or arrived or gone):
        st.info(tr("adjust.nothing_to_do"))
        return
    # Pins of rounds that are over are history; they no longer steer anything.
    future_pins = [p for p in pins if p.round > after]
    with st.spinner(tr("plan.working")):
        outcome = replan(
            plan,
            participants,
            after,
            absent=[*absent, *gone],
            arrived=list(arrived),
            pins=future_pins,
            history=history,
        )
    if not _failed(outcome):
        kind = f"attendance:{start}"
        _save(store, event_id, participants, plan, outcome, future_pins, kind, history)


def _pins(store, event_id, participants, plan, pins, by_name, label, rounds, history) -> None:
    st.markdown(f"**{tr('adjust.pin_header')}**")
    st.caption(tr("adjust.pin_help"))
    for index, pin in enumerate(pins):
        col_text, col_button = st.columns([5, 1])
        names = " + ".join(md_escape(label(m)) for m in pin.members)
        col_text.markdown(f"- {tr('plan.round_n', n=pin.round)}: {names}")
        if col_button.button(tr("adjust.unpin"), key=f"unpin_{index}"):
            remaining = [p for i, p in enumerate(pins) if i != index]
            extra = dict(plan.extra)
            extra["pins"] = pins_to_extra(remaining)
            store.save_plan(
                event_id, dataclasses.replace(plan, extra=extra), label="unpin", source="adjust"
            )
            flash(tr("adjust.unpinned"), place=PLACE)
            st.rerun()
    with st.form("pin_pair"):
        col_round, col_a, col_b = st.columns([1, 2, 2])
        pin_round = col_round.selectbox(
            tr("plan.round"), rounds, format_func=lambda n: tr("plan.round_n", n=n)
        )
        first = col_a.selectbox(tr("adjust.person_a"), by_name, format_func=label)
        second = col_b.selectbox(
            tr("adjust.person_b"), by_name, index=min(1, len(by_name) - 1), format_func=label
        )
        submitted = st.form_submit_button(tr("adjust.pin_button"))
    if submitted:
        if first == second:
            st.error(tr("adjust.same_person"))
            return
        new_pins = [*pins, Pin(int(pin_round), (first, second))]
        with st.spinner(tr("plan.working")):
            outcome = apply_pins(plan, participants, new_pins, history=history)
        if not _failed(outcome):
            _save(store, event_id, participants, plan, outcome, new_pins, "pin", history)
