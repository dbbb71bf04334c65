"""Participants page: import a list (nothing stored until confirmed), edit, add walk-ins, export."""

import hashlib
from collections import Counter
from dataclasses import replace

import pandas as pd
import streamlit as st

from matching.lists.directory import apply_answers, suggestions
from matching.lists.participants import read_participants
from matching.lists.reconcile import reconcile
from matching.lists.roster import (
    EDITOR_COLUMNS,
    editor_rows,
    next_free_id,
    read_editor_rows,
    walk_in,
)
from matching.model import Sector, organisation_key
from matching.output.exports import (
    export_file_name,
    participants_to_csv,
    participants_to_xlsx,
)
from matching.storage.errors import StaleListError
from ui.common import (
    flash,
    flash_problems,
    get_store,
    keyed_tabs,
    lang,
    md_escape,
    page_header,
    participants_frame,
    require_event,
    sector_label,
    show_flash,
    show_problems,
    tr,
)
from ui.directory_check import organisation_questions
from ui.links_panel import links_panel
from ui.list_change import show_change, show_recognition
from ui.privacy_panel import privacy_panel

store = get_store()
event_id, event = require_event(store)
version = store.list_version(event_id)  # read first: a save based on it is never too new
participants = store.list_participants(event_id)

page_header("participants.header")
st.caption(md_escape(event.title))


def sector_counts(people) -> None:
    """One short line (it takes little room on a phone): total, then each sector."""
    per_sector = Counter(p.sector for p in people)
    parts = [f"{tr('participants.total')} **{len(people)}**"]
    parts += [f"{sector_label(s)} **{per_sector.get(s, 0)}**" for s in Sector]
    st.markdown(" · ".join(parts))


sector_counts(participants)

tab_list, tab_import, tab_walk_in, tab_export, tab_links, tab_privacy = keyed_tabs(
    [
        tr("participants.tab_list"),
        tr("participants.tab_import"),
        tr("participants.tab_walk_in"),
        tr("participants.tab_export"),
        tr("participants.tab_links"),
        tr("participants.tab_privacy"),
    ],
    key="participants_tabs",
)


def with_free_id(person, used: set[str]):
    """The walk-in with an id nobody in the event has had, chosen inside the write (two
    walk-ins at the same moment never get the same one)."""
    return person if person.id not in used else replace(person, id=next_free_id(used))


# Every id this event has ever used (plans remember removed people): never handed out again.
# Read when an id is handed out (it reads every plan version), not on every rerun.
def known_people() -> dict[str, dict[str, str]]:
    return store.known_people(event_id)


def stale_choice() -> None:
    """Somebody else saved the list while these edits were made: reload (drop them) or keep
    them (overwrite, knowingly) - never a silent overwrite."""
    waiting = st.session_state.get("list_stale")
    if not waiting or waiting[0] != event_id:
        return
    st.error(tr("store.stale_list"))
    reload, keep = st.columns(2)
    if reload.button(tr("participants.reload"), icon=":material/refresh:"):
        forget_edits()
        st.rerun()
    if keep.button(tr("participants.keep_mine")):
        store.replace_participants(event_id, waiting[1], expected_version=version)
        forget_edits()
        flash(tr("participants.saved", n=len(waiting[1])), place="list")
        st.rerun()


def forget_edits() -> None:
    for name in ("list_stale", f"list_snapshot_{event_id}", f"editor_{event_id}"):
        st.session_state.pop(name, None)


with tab_list:
    show_flash("list")
    stale_choice()
    # The editor works on the list as it was when editing began (its version): if somebody
    # else saves meanwhile, this save is refused instead of undoing theirs.
    editor_key = f"editor_{event_id}"
    edits = st.session_state.get(editor_key) or {}
    dirty = any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))
    snapshot = st.session_state.get(f"list_snapshot_{event_id}")
    if snapshot is None or (not dirty and snapshot[0] != version):
        snapshot = (version, participants)
        st.session_state[f"list_snapshot_{event_id}"] = snapshot
    base_version, base_people = snapshot
    if base_version != version:
        st.warning(tr("participants.changed_meanwhile"))
    if not base_people:
        st.info(tr("participants.empty"))
    else:
        st.caption(tr("participants.edit_help"))
        frame = pd.DataFrame(editor_rows(base_people), columns=EDITOR_COLUMNS)
        frame.index = range(1, len(frame) + 1)
        edited = st.data_editor(
            frame,
            num_rows="dynamic",
            width="stretch",
            key=editor_key,
            # Columns keep the importer's German names inside; people see their language.
            column_config={
                # Ids are given by the app (never reused); typing one could take over
                # someone else's seats.
                "ID": st.column_config.TextColumn("ID", disabled=True),
                "Name": st.column_config.TextColumn(tr("col.name"), required=True),
                "Organisation": st.column_config.TextColumn(tr("col.organisation"), required=True),
                "Bereich": st.column_config.SelectboxColumn(
                    tr("col.sector"),
                    options=[s.value for s in Sector],
                    format_func=sector_label,
                    required=True,
                ),
                "Themen": st.column_config.TextColumn(tr("col.topics")),
                "Ich biete": st.column_config.TextColumn(tr("col.offers")),
                "Ich suche": st.column_config.TextColumn(tr("col.needs")),
                "E-Mail": st.column_config.TextColumn(tr("col.email")),
                "Bleibt sitzen": st.column_config.CheckboxColumn(
                    tr("col.stays_seated"), default=False
                ),
                "Möchte treffen": st.column_config.TextColumn(tr("col.wants_to_meet")),
                "Nicht mit": st.column_config.TextColumn(tr("col.avoid")),
            },
        )
        if st.button(tr("participants.save_edits"), type="primary"):
            rows = edited.to_dict(orient="records")
            result = read_editor_rows(
                rows, tr("participants.table_label"), base_people, used_ids=known_people()
            )
            if result.ok:
                # Confirmed aliases ("AOK LSA") become the directory's name, so the rule
                # "never two of one organisation" sees them as one.
                directory = store.directory()
                edited = apply_answers(result.participants, directory, {})
                try:
                    store.replace_participants(event_id, edited, expected_version=base_version)
                except StaleListError:
                    st.session_state["list_stale"] = (event_id, edited)
                    st.rerun()
                # Not what only looks like a known organisation: that stays a question.
                alike = {organisation_key(a.spelling) for a in suggestions(edited, directory)}
                store.register_list(
                    [p for p in edited if organisation_key(p.organisation) not in alike]
                )
                forget_edits()
                flash_problems(result.problems, "list")
                flash(tr("participants.saved", n=len(result.participants)), place="list")
                st.rerun()
            else:
                show_problems(result.problems, "table")

with tab_import:
    st.write(tr("participants.import_help"))
    show_flash("import")
    # Per event: switching events drops a pending upload of another event.
    upload_key = f"upload_{event_id}_{st.session_state.get('upload_generation', 0)}"
    uploaded = st.file_uploader(
        tr("participants.upload"), type=["csv", "xlsx", "txt"], key=upload_key
    )
    if uploaded is not None:
        data = uploaded.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        cached = st.session_state.get("import_preview")
        if not cached or cached[0] != digest:
            cached = (digest, read_participants(data, filename=uploaded.name))
            st.session_state["import_preview"] = cached
        result = cached[1]
        change = None
        imported, confirmed, different = None, {}, []
        if result.ok and result.participants:
            # Organisations the directory knows under another spelling: asked, never merged
            # silently (nothing below until every question is answered).
            imported, confirmed, different = organisation_questions(
                result.participants, store.directory(), key=f"org_{digest[:12]}"
            )
        if imported is not None:
            # Matched to the list the event has: same people keep their ids (and seats).
            seen = result.recognised
            generated = set(seen.ids_generated) if seen else {p.id for p in result.participants}
            # Matched through the directory too: people of an organisation just confirmed as
            # another's spelling ("AOK LSA") keep their ids, codes and seats.
            directory = store.directory()
            existing = apply_answers(participants, directory, confirmed)
            remembered = {
                pid: {**who, "organisation": directory.canonical(who.get("organisation", ""))}
                for pid, who in known_people().items()
            }
            change = reconcile(existing, imported, generated=generated, known=remembered)
        show_recognition(result.recognised, matched=bool(participants))
        show_problems(result.problems)
        if result.participants:
            # The ids that will be stored (a matched person's own, a new person's fresh one).
            shown = change.people if change else result.participants
            preview = participants_frame(shown)
            by_row: dict[int, list[str]] = {}
            for problem in result.problems:
                if problem.row is not None:
                    by_row.setdefault(problem.row, []).append(problem.message(lang()))
            preview.insert(0, tr("problems.row"), [p.source_row for p in shown])
            preview[tr("participants.notes")] = [
                " · ".join(by_row.get(p.source_row, [])) for p in shown
            ]
            st.dataframe(preview, hide_index=True, width="stretch")
        if change is not None:
            current = store.current_plan(event_id)
            show_change(change, participants, current[1] if current else None)
            # The button says it when the file would take people off the list (an import
            # replaces the list): nobody wipes 41 people thinking they add 10.
            label = tr("participants.confirm_import", n=len(change.people))
            if change.removed:
                label += tr("participants.confirm_import_removed", n=len(change.removed))
            if st.button(label, type="primary"):
                try:
                    store.replace_participants(event_id, change.people, expected_version=version)
                except StaleListError:
                    # The preview compared with a list that has changed since: show it anew.
                    flash(tr("participants.import_stale"), "warning", place="import")
                    st.rerun()
                store.register_list(change.people, confirmed, different)
                st.session_state.pop("import_preview", None)
                st.session_state["upload_generation"] = (
                    st.session_state.get("upload_generation", 0) + 1
                )
                flash(tr("participants.imported", n=len(change.people)), place="import")
                st.rerun()
        elif not result.ok:
            st.info(tr("participants.fix_and_upload"))

with tab_walk_in:
    show_flash("walk_in")
    with st.form("walk_in", clear_on_submit=True):
        name = st.text_input(tr("col.name"))
        organisation = st.text_input(tr("col.organisation"))
        # No silent default: a walk-in's sector decides whom they meet.
        sector = st.selectbox(
            tr("col.sector"),
            list(Sector),
            index=None,
            format_func=sector_label,
            placeholder=tr("participants.choose_sector"),
        )
        topics = st.text_input(tr("col.topics"), help=tr("participants.list_help"))
        seated = st.checkbox(tr("col.stays_seated"))
        added = st.form_submit_button(tr("participants.add"), type="primary")
    if added:
        person, problems = walk_in(
            participants, name, organisation, sector or "", topics, seated, used_ids=known_people()
        )
        # The form's own words for its fields ("Sector" in English, not "Bereich").
        form_names = {"Name": tr("col.name"), "Organisation": tr("col.organisation")}
        form_names["Bereich"] = tr("col.sector")
        problems = [replace(p, column=form_names.get(p.column or "", p.column)) for p in problems]
        if person is None:
            show_problems(problems, "form")
        elif any(p.code == "duplicate_person" for p in problems):
            # Already on the list: kept aside until the organiser says it is someone else.
            st.session_state["walk_in_pending"] = (event_id, person)
            show_problems(problems, "form")
        else:
            directory = store.directory()
            person = replace(person, organisation=directory.canonical(person.organisation))
            person = store.add_walk_in(event_id, lambda used: with_free_id(person, used))
            # Nothing merged without a yes, but said at once: a typo of a known organisation
            # would seat the walk-in with its own colleagues.
            alike = suggestions([person], directory)
            for suggestion in alike:
                flash(
                    tr(
                        "directory.walk_in_alike",
                        spelling=md_escape(suggestion.spelling),
                        candidate=md_escape(suggestion.candidate),
                    ),
                    "warning",
                    place="walk_in",
                )
            if not alike:  # a typo of a known organisation does not become an entry of its own
                store.register_list([person])
            flash_problems(problems, "walk_in")
            flash(
                tr("participants.added", name=md_escape(person.name), id=person.id),
                place="walk_in",
            )
            st.rerun()
    # A walk-in waiting for "add anyway" belongs to the event it was typed for.
    waiting = st.session_state.get("walk_in_pending")
    pending = waiting[1] if waiting and waiting[0] == event_id else None
    if pending is not None:
        st.warning(tr("participants.walk_in_twin", name=md_escape(pending.name)))
        col_yes, col_no = st.columns(2)
        if col_yes.button(tr("participants.walk_in_add_anyway")):
            pending = replace(
                pending, organisation=store.directory().canonical(pending.organisation)
            )
            pending = store.add_walk_in(event_id, lambda used: with_free_id(pending, used))
            if not suggestions([pending], store.directory()):
                store.register_list([pending])
            st.session_state.pop("walk_in_pending")
            flash(
                tr("participants.added", name=md_escape(pending.name), id=pending.id),
                place="walk_in",
            )
            st.rerun()
        if col_no.button(tr("common.cancel"), key="walk_in_cancel"):
            st.session_state.pop("walk_in_pending")
            st.rerun()

with tab_export:
    if participants:
        st.download_button(
            tr("participants.export_csv"),
            participants_to_csv(participants),
            file_name=export_file_name("participants", event, "csv", lang()),
            mime="text/csv",
            on_click="ignore",
        )
        st.download_button(
            tr("participants.export_xlsx"),
            lambda: participants_to_xlsx(participants),  # built when clicked, not each rerun
            file_name=export_file_name("participants", event, "xlsx", lang()),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
        )
    else:
        st.info(tr("participants.empty"))

with tab_links:
    links_panel(store, event_id, event, participants)

with tab_privacy:
    privacy_panel(store, event_id, participants)
