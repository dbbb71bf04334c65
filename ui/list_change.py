"""Showing what an import would change before anything is stored: how the file was read,
who is new, gone or changed, and what that does to the current plan."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from matching.evaluation import check
from matching.lists.recognition import recognition_lines
from matching.lists.reconcile import ListChange
from matching.model import OddMode, Participant, Plan
from ui.common import lang, md_escape, tr

FIELD_KEYS = {
    "name": "col.name",
    "organisation": "col.organisation",
    "sector": "col.sector",
    "topics": "col.topics",
    "offers": "col.offers",
    "needs": "col.needs",
    "email": "col.email",
    "stays_seated": "col.stays_seated",
    "wants_to_meet": "col.wants_to_meet",
    "avoid": "col.avoid",
}


def show_recognition(recognised) -> None:
    lines = recognition_lines(recognised, lang())
    if lines:
        with st.expander(tr("participants.how_read"), expanded=True):
            st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))


def _names(people: Sequence[Participant], limit: int = 12) -> str:
    shown = [md_escape(f"{p.name} ({p.organisation})") for p in people[:limit]]
    if len(people) > limit:
        shown.append(f"… (+{len(people) - limit})")
    return ", ".join(shown)


def show_change(change: ListChange, existing: Sequence[Participant], plan: Plan | None) -> None:
    """New / gone / changed people, then what the change does to the plan."""
    if not existing:
        return
    st.markdown(f"**{tr('participants.change_header')}**")
    lines = [tr("participants.change_same", n=change.unchanged)]
    if change.added:
        lines.append(
            tr("participants.change_added", n=len(change.added), names=_names(change.added))
        )
    if change.removed:
        lines.append(
            tr("participants.change_removed", n=len(change.removed), names=_names(change.removed))
        )
    for item in change.changed[:20]:
        fields = ", ".join(tr(FIELD_KEYS[f]) for f in item.fields if f in FIELD_KEYS)
        lines.append(
            tr("participants.change_changed", name=md_escape(item.after.name), fields=fields)
        )
    if len(change.changed) > 20:
        lines.append(f"… (+{len(change.changed) - 20})")
    for old, new, whose in change.renumbered:
        lines.append(tr("participants.change_renumbered", old=old, new=new, whose=md_escape(whose)))
    st.markdown("\n".join(f"- {line}" for line in lines))
    if plan is None or not plan.rounds:
        return
    odd = plan.extra.get("odd")
    mode = OddMode(odd) if odd in ("trio", "rest") else None
    before = len(check(existing, plan, mode).violations)
    after = len(check(change.people, plan, mode).violations)
    in_plan = set(plan.rounds[-1].seated()) | set(plan.rounds[-1].resting)
    gone = [p for p in change.removed if p.id in in_plan]
    new = [p for p in change.people if p.id not in in_plan]
    if after > before or gone or new:
        st.warning(
            tr(
                "participants.change_plan",
                before=before,
                after=after,
                gone=len(gone),
                new=len(new),
            )
        )
    else:
        st.info(tr("participants.change_plan_fine"))
