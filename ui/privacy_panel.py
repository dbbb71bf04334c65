"""The participants page's privacy tab: consents per purpose, one person's data as a file
(GDPR Art. 15/20) and deleting one person's data (Art. 17)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from matching.model import Participant
from ui.common import flash, md_escape, person_labels, show_flash, tr

PLACE = "privacy"
PURPOSES = ("network", "contacts")  # matching.storage.store.CONSENT_PURPOSES


def privacy_panel(store, event_id: int, participants: Sequence[Participant]) -> None:
    show_flash(PLACE)
    st.caption(tr("privacy.panel_help"))
    if not participants:
        st.info(tr("participants.empty"))
        return
    _consents(store, event_id, participants)
    st.divider()
    _one_person(store, event_id, participants)


def _consents(store, event_id: int, participants: Sequence[Participant]) -> None:
    st.markdown(f"**{tr('privacy.consents_header')}**")
    st.caption(tr("privacy.consents_help"))
    given = store.consents(event_id)
    columns = {purpose: tr(f"privacy.consent_{purpose}") for purpose in PURPOSES}
    frame = pd.DataFrame(
        {
            "id": [p.id for p in participants],
            tr("col.name"): [p.name for p in participants],
            **{
                label: [given.get(p.id, {}).get(purpose, False) for p in participants]
                for purpose, label in columns.items()
            },
        }
    )
    edited = st.data_editor(
        frame,
        hide_index=True,
        disabled=["id", tr("col.name")],
        column_config={"id": None},
        key=f"consents_{event_id}",
        width="stretch",
    )
    if st.button(tr("privacy.save_consents")):
        changed = 0
        on_list = {p.id for p in participants}
        for _, row in edited.iterrows():
            if row["id"] not in on_list:
                continue
            for purpose, label in columns.items():
                now = bool(row[label])
                if now != given.get(row["id"], {}).get(purpose, False):
                    store.set_consent(event_id, row["id"], purpose, now)
                    changed += 1
        flash(tr("privacy.consents_saved", n=changed), "toast", place=PLACE)
        st.rerun()


def _one_person(store, event_id: int, participants: Sequence[Participant]) -> None:
    st.markdown(f"**{tr('privacy.person_header')}**")
    labels = person_labels(participants)
    ids = sorted(labels, key=lambda i: labels[i].casefold())
    chosen = st.selectbox(
        tr("privacy.person"),
        ids,
        index=None,
        format_func=labels.__getitem__,
        placeholder=tr("common.choose_people"),
        key=f"privacy_person_{event_id}",
    )
    if chosen is None:
        return
    st.download_button(
        tr("privacy.export_person"),
        lambda: json.dumps(store.export_person(event_id, chosen), ensure_ascii=False, indent=2),
        file_name=f"daten-{chosen}.json",
        mime="application/json",
        on_click="ignore",
        key=f"privacy_export_{chosen}",
    )
    sure = st.checkbox(
        tr("privacy.forget_confirm", name=md_escape(labels[chosen])), key=f"forget_{chosen}"
    )
    if st.button(tr("privacy.forget"), type="primary", disabled=not sure):
        store.forget_person(event_id, chosen)
        flash(tr("privacy.forgotten", name=md_escape(labels[chosen])), place=PLACE)
        st.rerun()
