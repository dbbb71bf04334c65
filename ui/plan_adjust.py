"""Adjusting a plan by hand: pin a pair, regenerate one round, follow a changed list.

Every adjustment is a re-plan that keeps as many tables as it can and is saved as a new plan
version, so the organiser can always go back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import streamlit as st

from matching.model import Participant, Plan
from matching.replanning.replan import Pin, apply_pins, regenerate_round, replan
from ui.common import flash, flash_problems, md_escape, show_problems, tr


def _pins_of(plan: Plan) -> list[Pin]:
    raw = plan.extra.get("pins") or []
    return [Pin(int(p["round"]), tuple(p["members"])) for p in raw if isinstance(p, dict)]


def _save(store, event_id, outcome, pins: list[Pin], label: str) -> None:
    extra = dict(outcome.plan.extra)
    extra["pins"] = [{"round": p.round, "members": list(p.members)} for p in pins]
    new_plan = dataclasses.replace(outcome.plan, extra=extra)
    store.save_plan(event_id, new_plan, label=label, source="adjust")
    flash_problems(outcome.problems)
    flash(tr("adjust.done", kept=outcome.tables_kept, changed=outcome.tables_changed))
    st.rerun()


def adjust_panel(store, event_id, participants: Sequence[Participant], plan: Plan) -> None:
    people = {p.id: p for p in participants}
    ids = sorted(people, key=lambda i: people[i].name.casefold())

    def label(pid: str) -> str:
        p = people[pid]
        return f"{p.name} ({p.organisation})"

    rounds = [r.number for r in plan.rounds]
    pins = _pins_of(plan)

    st.markdown(f"**{tr('adjust.pin_header')}**")
    st.caption(tr("adjust.pin_help"))
    if pins:
        for pin in pins:
            names = " + ".join(md_escape(label(m)) if m in people else m for m in pin.members)
            st.markdown(f"- {tr('plan.round_n', n=pin.round)}: {names}")
    with st.form("pin_pair"):
        col_round, col_a, col_b = st.columns([1, 2, 2])
        pin_round = col_round.selectbox(tr("plan.round"), rounds)
        first = col_a.selectbox(tr("adjust.person_a"), ids, format_func=label)
        second = col_b.selectbox(
            tr("adjust.person_b"), ids, index=min(1, len(ids) - 1), format_func=label
        )
        submitted = st.form_submit_button(tr("adjust.pin_button"))
    if submitted:
        if first == second:
            st.error(tr("adjust.same_person"))
        else:
            new_pins = [*pins, Pin(int(pin_round), (first, second))]
            with st.spinner(tr("plan.working")):
                outcome = apply_pins(plan, participants, new_pins)
            if outcome.status.name == "INFEASIBLE":
                show_problems(outcome.problems, "plan")
            else:
                _save(store, event_id, outcome, new_pins, tr("adjust.pin_label"))

    st.divider()
    st.markdown(f"**{tr('adjust.regenerate_header')}**")
    st.caption(tr("adjust.regenerate_help"))
    col_round, col_button = st.columns([1, 3])
    regen_round = col_round.selectbox(tr("plan.round"), rounds, key="regen_round")
    if col_button.button(tr("adjust.regenerate_button")):
        with st.spinner(tr("plan.working")):
            outcome = regenerate_round(plan, participants, int(regen_round), pins=pins)
        if outcome.status.name == "INFEASIBLE":
            show_problems(outcome.problems, "plan")
        else:
            _save(store, event_id, outcome, pins, tr("adjust.regenerate_label", n=regen_round))

    # Who the last round seats is who the plan expects now (earlier rounds may have happened
    # with people who have left since).
    planned = set(plan.rounds[-1].seated()) | set(plan.rounds[-1].resting) if plan.rounds else set()
    new_people = [p.id for p in participants if p.id not in planned]
    gone = sorted(planned - set(people))
    if new_people or gone:
        st.divider()
        st.markdown(f"**{tr('adjust.list_changed_header')}**")
        st.warning(tr("adjust.list_changed", new=len(new_people), gone=len(gone)))
        after = st.number_input(
            tr("adjust.after_round"),
            0,
            max(rounds) - 1,
            value=0,
            help=tr("adjust.after_round_help"),
        )
        if st.button(tr("adjust.follow_list"), type="primary"):
            with st.spinner(tr("plan.working")):
                outcome = replan(
                    plan, participants, int(after), absent=gone, arrived=new_people, pins=pins
                )
            if outcome.status.name == "INFEASIBLE":
                show_problems(outcome.problems, "plan")
            else:
                _save(store, event_id, outcome, pins, tr("adjust.follow_label"))
