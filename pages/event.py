"""Event page: create, select, edit, duplicate and delete an exchange meeting."""

import datetime as dt
from dataclasses import replace

import streamlit as st

from matching.i18n import format_date
from matching.lists.events import MAX_MINUTES, MAX_ROUNDS, build_event, series_name_from
from matching.model import DEFAULT_HISTORY_WEIGHT, MAX_HISTORY_WEIGHT
from ui.common import (
    create_demo_event,
    flash,
    get_store,
    lang,
    md_escape,
    page_header,
    select_event,
    show_problems,
    tr,
)
from ui.my_page import forget_event

store = get_store()
page_header("event.header")


def event_form(key: str, event=None) -> tuple | None:
    """The same fields for 'new' and 'edit'; returns the built event on submit."""
    with st.form(key):
        title = st.text_input(tr("event.title"), value=event.title if event else "")
        col_date, col_place = st.columns(2)
        initial_date = dt.date.fromisoformat(event.date) if event and event.date else None
        date = col_date.date_input(tr("event.date"), value=initial_date, format="DD.MM.YYYY")
        place = col_place.text_input(tr("event.place"), value=event.place if event else "")
        col_rounds, col_minutes = st.columns(2)
        rounds = col_rounds.number_input(
            tr("event.rounds"), 1, MAX_ROUNDS, value=event.rounds if event else 6, step=1
        )
        minutes = col_minutes.number_input(
            tr("event.minutes"), 1, MAX_MINUTES, value=event.minutes_per_round if event else 8
        )
        questions = st.text_area(
            tr("event.questions"),
            value="\n".join(event.questions) if event else "",
            help=tr("event.questions_help"),
            height=180,
        )
        col_series, col_weight = st.columns(2)
        known = store.series_names()
        current_series = event.series if event else ""
        if current_series and current_series not in known:
            known.append(current_series)
        series = col_series.selectbox(
            tr("event.series"),
            known,
            index=known.index(current_series) if current_series else None,
            placeholder=tr("event.series_placeholder"),
            accept_new_options=True,
            help=tr("event.series_help"),
        )
        weight = col_weight.slider(
            tr("event.history_weight"),
            0,
            MAX_HISTORY_WEIGHT,
            value=event.history_weight if event else DEFAULT_HISTORY_WEIGHT,
            help=tr("event.history_weight_help"),
        )
        submitted = st.form_submit_button(
            tr("event.save") if event else tr("event.create"), type="primary"
        )
    if not submitted:
        return None
    built, problems = build_event(
        title, date, place, int(rounds), int(minutes), questions, series or "", int(weight)
    )
    if problems:
        # Name each field as the form does ("Titel"), not as the code does ("title").
        shown = {
            "title": tr("event.title"),
            "date": tr("event.date"),
            "place": tr("event.place"),
            "rounds": tr("event.rounds"),
            "minutes_per_round": tr("event.minutes"),
            "questions": tr("event.questions"),
            "series": tr("event.series"),
            "history_weight": tr("event.history_weight"),
        }
        show_problems(
            [replace(p, column=shown.get(p.column or "", p.column)) for p in problems], "form"
        )
        return None
    return (built,)


events = store.list_events()
event_id = st.session_state.get("event_id")

if event_id is not None:
    event = store.get_event(event_id)
    summary = next((e for e in events if e.id == event_id), None)
    people = summary.participant_count if summary else 0
    st.subheader(md_escape(event.title), anchor=False)
    facts = [format_date(event.date, lang()), event.place]
    if event.series:
        facts.append(tr("event.series_line", series=event.series))
    st.caption(" · ".join(md_escape(f) for f in facts if f) or " ")
    # One short line: on a phone three big counters would fill the screen.
    st.markdown(
        f"{tr('event.people')} **{people}** · {tr('event.rounds')} **{event.rounds}** · "
        f"{tr('event.minutes')} **{event.minutes_per_round}**"
    )

    with st.expander(tr("event.edit"), expanded=False):
        result = event_form(f"edit_event_{event_id}", event)
        if result:
            store.update_event(event_id, result[0])
            flash(tr("event.saved", title=md_escape(result[0].title)))
            st.rerun()

    with st.expander(tr("event.duplicate")):
        st.write(tr("event.duplicate_help"))
        new_title = st.text_input(
            tr("event.new_title"),
            value=tr("event.copy_of", title=event.title),
            key=f"dup_title_{event_id}",  # the selected event's title, also after switching
        )
        new_date = st.date_input(
            tr("event.new_date"), value=None, format="DD.MM.YYYY", key=f"dup_date_{event_id}"
        )
        in_series = st.checkbox(
            tr("event.duplicate_series"), value=True, key=f"dup_series_{event_id}"
        )
        if st.button(tr("event.duplicate_button")):
            if not new_title.strip():
                st.error(tr("event.title_missing"))
            else:
                new_id = store.duplicate_event(event_id, title=new_title.strip())
                copy = store.get_event(new_id)
                if new_date is not None:  # next year's meeting has its own date
                    copy = replace(copy, date=new_date.isoformat())
                if in_series and not event.series:
                    # The first follow-up: the original starts the series, named after it.
                    series = series_name_from(event.title)
                    store.update_event(event_id, replace(event, series=series))
                    copy = replace(copy, series=series)
                elif not in_series:
                    copy = replace(copy, series="")
                store.update_event(new_id, copy)
                select_event(new_id)
                flash(tr("event.duplicated", title=md_escape(new_title.strip())))
                st.rerun()

    with st.expander(tr("event.delete")):
        st.warning(tr("event.delete_warning", n=people))
        sure = st.checkbox(tr("event.delete_confirm", title=md_escape(event.title)))
        if st.button(tr("event.delete_button"), type="primary", disabled=not sure):
            store.delete_event(event_id)
            forget_event(event_id)  # what participant pages of this server kept of it
            st.session_state.pop("event_id", None)
            flash(tr("event.deleted", title=md_escape(event.title)))
            st.rerun()
else:
    st.info(tr("event.none_yet"))

st.divider()
st.subheader(tr("event.new"))
# A fresh form after each event created (a second click must not make an identical event).
generation = st.session_state.get("new_event_form", 0)
result = event_form(f"new_event_{generation}")
if result:
    new_id = store.create_event(result[0])
    select_event(new_id)
    st.session_state["new_event_form"] = generation + 1
    flash(tr("event.created", title=md_escape(result[0].title)))
    st.rerun()

if st.button(tr("event.demo_button"), help=tr("event.demo_help")):
    select_event(create_demo_event(store))
    flash(tr("event.demo_created"))
    st.rerun()
