"""Renderers for a plan: by round, by person, sector heatmap, versions. Used by pages/plan.py."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from matching.evaluation import Metrics
from matching.i18n import TEXTS
from matching.model import Event, Participant, Plan, Sector
from matching.output.exports import person_rows, question_for_round
from ui.common import lang, md_escape, person_labels, sector_label, tr


def round_view(plan: Plan, participants: Sequence[Participant], event: Event) -> None:
    """The facilitator's view: one round at a time, each table a card with names and
    organisations (cards sit side by side on a wide screen and stack on a phone)."""
    people = {p.id: p for p in participants}
    numbers = [r.number for r in plan.rounds]
    chosen = st.selectbox(tr("plan.round"), numbers, format_func=lambda n: tr("plan.round_n", n=n))
    rnd = next((r for r in plan.rounds if r.number == chosen), None)
    if rnd is None:  # a plan without rounds (nothing to show)
        return
    question = question_for_round(event.questions, chosen)
    if question:
        st.markdown(f"**{tr('plan.question')}:** {md_escape(question)}")
    seated = {p.id for p in participants if p.stays_seated}

    def who(pid: str) -> str:
        p = people.get(pid)
        return f"**{md_escape(p.name)}** · {md_escape(p.organisation)}" if p else md_escape(pid)

    tables = sorted(rnd.tables, key=lambda tb: tb.number)
    per_row = 4
    for start in range(0, len(tables), per_row):
        columns = st.columns(per_row)
        for column, table in zip(columns, tables[start : start + per_row], strict=False):
            with column.container(border=True):
                mark = " · " + tr("plan.stays_seated_mark") if seated & set(table.members) else ""
                st.markdown(f"**{tr('plan.table')} {table.number}**{mark}")
                st.markdown("  \n".join(who(m) for m in table.members))
    if rnd.resting:
        st.info(tr("plan.resting", names=", ".join(who(p) for p in rnd.resting)))


def person_view(plan: Plan, participants: Sequence[Participant], event: Event) -> None:
    """One person's evening: their table, partners and question in every round."""
    if not participants:
        return
    people = {p.id: p for p in participants}
    ids = sorted(people, key=lambda i: people[i].name.casefold())
    labels = person_labels(participants)
    chosen = st.selectbox(tr("plan.person"), ids, format_func=labels.__getitem__)
    rows = person_rows(plan, participants, event.questions, lang()).get(chosen, [])
    if not rows:
        st.info(tr("plan.person_not_in_plan"))
        return
    # A break shows as text where other rounds have a number: one column type (text).
    frame = pd.DataFrame(rows).astype(str)
    st.dataframe(frame, hide_index=True, width="stretch")


def version_title(label: str, version_id: int) -> str:
    """A version's name in the current language: stored as what it is ("regenerate:3"),
    not as text; labels of older versions are shown as they were stored."""
    kind, _, value = (label or "").partition(":")
    key = f"version.{kind}"
    if key in TEXTS:
        return tr(key, n=value) if value else tr(key)
    return label or str(version_id)


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
        # Sector names are long ("Selbsthilfekontaktstelle"): room for them, not cut off.
        x=alt.X(
            "a:N",
            title=None,
            sort=[sector_label(s) for s in sectors],
            axis=alt.Axis(labelAngle=-20, labelLimit=260),
        ),
        y=alt.Y(
            "b:N",
            title=None,
            sort=[sector_label(s) for s in sectors],
            axis=alt.Axis(labelLimit=260),
        ),
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
