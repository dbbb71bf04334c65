"""Renderers for a plan: by round, by person, sector heatmap, versions. Used by pages/plan.py."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from matching.evaluation import Metrics
from matching.model import Event, Participant, Plan, Sector
from matching.output.exports import person_rows, question_for_round
from ui.common import lang, md_escape, sector_label, tr


def round_view(plan: Plan, participants: Sequence[Participant], event: Event) -> None:
    """The facilitator's view: one round at a time, every table with names and organisations."""
    people = {p.id: p for p in participants}
    numbers = [r.number for r in plan.rounds]
    chosen = st.selectbox(tr("plan.round"), numbers, format_func=lambda n: tr("plan.round_n", n=n))
    rnd = next(r for r in plan.rounds if r.number == chosen)
    question = question_for_round(event.questions, chosen)
    if question:
        st.markdown(f"**{tr('plan.question')}:** {md_escape(question)}")

    def who(pid: str) -> str:
        p = people.get(pid)
        return f"{p.name} ({p.organisation})" if p else pid

    rows = [
        {
            tr("plan.table"): table.number,
            tr("plan.person_n", n=1): who(table.members[0]),
            tr("plan.person_n", n=2): who(table.members[1]) if len(table.members) > 1 else "",
            tr("plan.person_n", n=3): who(table.members[2]) if len(table.members) > 2 else "",
        }
        for table in sorted(rnd.tables, key=lambda tb: tb.number)
    ]
    frame = pd.DataFrame(rows)
    if not frame.empty and not frame[tr("plan.person_n", n=3)].any():
        frame = frame.drop(columns=[tr("plan.person_n", n=3)])
    st.dataframe(frame, hide_index=True, width="stretch")
    if rnd.resting:
        st.info(tr("plan.resting", names=", ".join(md_escape(who(p)) for p in rnd.resting)))


def person_view(plan: Plan, participants: Sequence[Participant], event: Event) -> None:
    """One person's evening: their table, partners and question in every round."""
    if not participants:
        return
    people = {p.id: p for p in participants}
    ids = sorted(people, key=lambda i: people[i].name.casefold())
    chosen = st.selectbox(
        tr("plan.person"), ids, format_func=lambda i: f"{people[i].name} ({people[i].organisation})"
    )
    rows = person_rows(plan, participants, event.questions, lang()).get(chosen, [])
    if not rows:
        st.info(tr("plan.person_not_in_plan"))
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def sector_heatmap(matrix: dict[tuple[Sector, Sector], int]) -> None:
    """How often each pair of sectors met: the point of the event is the off-diagonal."""
    sectors = list(Sector)
    records = []
    for a in sectors:
        for b in sectors:
            count = matrix.get((a, b), matrix.get((b, a), 0))
            records.append({"a": sector_label(a), "b": sector_label(b), "n": count})
    frame = pd.DataFrame(records)
    base = alt.Chart(frame).encode(
        x=alt.X("a:N", title=None, sort=[sector_label(s) for s in sectors]),
        y=alt.Y("b:N", title=None, sort=[sector_label(s) for s in sectors]),
    )
    heat = base.mark_rect().encode(
        color=alt.Color("n:Q", title=tr("plan.meetings"), scale=alt.Scale(scheme="blues")),
        tooltip=[
            alt.Tooltip("a:N"),
            alt.Tooltip("b:N"),
            alt.Tooltip("n:Q", title=tr("plan.meetings")),
        ],
    )
    text = base.mark_text(fontSize=16).encode(
        text="n:Q",
        color=alt.condition(
            alt.datum.n > frame["n"].max() / 2, alt.value("white"), alt.value("black")
        ),
    )
    st.altair_chart((heat + text).properties(height=320), width="stretch")


def metrics_table(metrics: Metrics) -> None:
    """The contract's metrics in the language's number format, in a fixed readable order."""
    rows = [
        {tr("plan.metric"): label, tr("plan.value"): text} for label, text in metrics.rows(lang())
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
