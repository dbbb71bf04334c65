"""Showing what an import would change before anything is stored: how the file was read,
who is new, gone or changed, and what that does to the current plan."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from matching.evaluation import check
from matching.lists.recognition import FIELD_KEYS, recognition_lines
from matching.lists.reconcile import ListChange
from matching.model import OddMode, Participant, Plan
from ui.common import lang, md_escape, sector_label, tr


def show_recognition(recognised, matched: bool = False) -> None:
    """How the file was read. matched: the event has a list, so people without an id in
    the file are recognised by name and organisation (not numbered by row)."""
    lines = recognition_lines(recognised, lang())
    if matched and recognised is not None and recognised.ids_generated:
        lines = [*lines[:-1], tr("participants.ids_matched")]
    if lines:
        with st.expander(tr("participants.how_read"), expanded=True):
            st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))


def _names(people: Sequence[Participant], limit: int = 12) -> str:
    shown = [md_escape(f"{p.name} ({p.organisation})") for p in people[:limit]]
    if len(people) > limit:
        shown.append(f"… (+{len(people) - limit})")
    return ", ".join(shown)


def _field_change(item, field: str) -> str:
    """'Organisation: AOK Nord → AOK Sachsen' for one-value fields, else just the field."""
    label = tr(FIELD_KEYS[field])
    if field in ("name", "organisation", "email"):
        old, new = getattr(item.before, field), getattr(item.after, field)
        return f"{label}: {md_escape(old)} → {md_escape(new)}"
    if field == "sector":
        return f"{label}: {sector_label(item.before.sector)} → {sector_label(item.after.sector)}"
    return label


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
        fields = ", ".join(_field_change(item, f) for f in item.fields if f in FIELD_KEYS)
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

    # Seats (rule 1) are what "gone" and "new" already say; other rules broken by the
    # change (an organisation that now matches a partner's, a new "avoid") are counted.
    def other_rules(people) -> int:
        return sum(v.rule != 1 for v in check(people, plan, mode).violations)

    before, after = other_rules(existing), other_rules(change.people)
    last = set(plan.rounds[-1].seated()) | set(plan.rounds[-1].resting)
    ever = {m for r in plan.rounds for m in (*r.seated(), *r.resting)}
    gone = [p for p in change.removed if p.id in last]
    new = [p for p in change.people if p.id not in ever]
    if after > before or gone or new:
        text = tr("participants.change_plan", gone=len(gone), new=len(new))
        if after > before:
            text += " " + tr("participants.change_plan_rules", before=before, after=after)
        st.warning(text)
    else:
        st.info(tr("participants.change_plan_fine"))
