"""Live page for the facilitator (laptop or phone): run the rounds, check people in, add
walk-ins, and re-plan from the next round with a preview of who moves where.

Every control writes the live state to the database, so a reload or a second device shows
the same; the big screen (pages/screen.py) follows within two seconds."""

import pandas as pd
import streamlit as st

from matching.evaluation import check
from matching.lists.roster import walk_in
from matching.live import clock as live
from matching.live.links import LinkTemplateError, validate_link_template
from matching.live.phase import phase_at
from matching.live.screen import countdown_text, question_for
from matching.model import OddMode, Sector
from matching.replanning.replan import replan
from ui.common import (
    flash,
    get_store,
    md_escape,
    page_header,
    require_event,
    sector_label,
    show_flash,
    show_problems,
    tr,
)
from ui.links_panel import base_url_of
from ui.live import MODES, LiveSettings, load_live, moves, now, save_live, screen_key
from ui.series import history_for

store = get_store()
event_id, event = require_event(store)
page_header("live.header")

current = store.current_plan(event_id)
if current is None:
    st.info(tr("plan.none_yet"))
    st.page_link("pages/plan.py", label=tr("nav.plan"), icon=":material/shuffle:")
    st.stop()
version_id, plan = current
participants = store.list_participants(event_id)
clock, settings = load_live(store, event_id, event, plan)


def act(action: str, **options) -> None:
    """Apply one control to the stored clock (read again: another device may have acted)."""
    fresh, kept = load_live(store, event_id, event, plan)
    step = getattr(live, action)
    save_live(store, event_id, step(fresh, now(), **options), kept)


@st.fragment(run_every=1)
def status() -> None:
    fresh, _ = load_live(store, event_id, event, plan)
    phase = phase_at(fresh, now())
    text = {
        "not_started": tr("live.not_started"),
        "first_asks": tr("live.first_asks"),
        "second_asks": tr("live.swap"),
        "change_tables": tr("live.change_tables"),
        "paused": tr("live.paused"),
        "ended": tr("live.ended"),
    }[phase.kind]
    seconds = phase.break_remaining if phase.kind == "change_tables" else phase.remaining
    shown = phase.round or 1
    st.markdown(
        f"### {tr('live.title', round=shown, total=phase.total_rounds)} · "
        f"{countdown_text(seconds)}\n\n**{text}**"
    )
    question = question_for(event, shown)
    if question:
        st.caption(md_escape(question))


status()
actions = live.available_actions(clock, now())
status_now = live.advance(clock, now()).status
controls = [
    ("start_round", "start", "live.start", ":material/play_arrow:"),
    ("pause", "pause", "live.pause", ":material/pause:"),
    ("resume", "resume", "live.resume", ":material/play_arrow:"),
    ("extend", "extend", "live.extend", ":material/more_time:"),
    ("next_round", "next", "live.next", ":material/skip_next:"),
    ("end", "end", "live.end", ":material/stop:"),
]
# Only what makes sense now (on a phone six buttons fill the screen); Start only before the
# first round - while a round runs, "Nächste Runde" moves on.
shown_controls = [
    c for c in controls if c[1] in actions and (c[1] != "start" or status_now == "idle")
]
columns = st.columns(max(1, len(shown_controls)))
for column, (action, name, key, icon) in zip(columns, shown_controls, strict=False):
    if column.button(tr(key), icon=icon, key=f"live_{name}"):
        act(action)
        st.rerun()
st.page_link("pages/screen.py", label=tr("live.open_screen"), icon=":material/tv:")
with st.expander(tr("live.screen_link")):
    st.caption(tr("live.screen_link_help"))
    st.code(
        f"{base_url_of(store, event_id)}/screen?key={screen_key(store, event_id)}", language=None
    )

with st.expander(tr("live.settings")):
    auto = st.toggle(tr("live.auto_advance"), value=clock.auto_advance)
    pause_seconds = st.number_input(
        tr("live.break_seconds"), min_value=0, max_value=900, value=clock.break_seconds, step=15
    )
    mode = st.radio(
        tr("live.mode"),
        MODES,
        index=MODES.index(settings.mode),
        format_func=lambda m: tr(f"live.mode_{m}"),
        horizontal=True,
    )
    template = st.text_input(
        tr("live.link_template"),
        value=settings.link_template,
        placeholder="https://meet.example.org/{event}-r{round}-t{table}",
        help=tr("live.link_template_help"),
    )
    if st.button(tr("live.save_settings")):
        try:
            template = validate_link_template(template.strip()) if mode != "in_person" else ""
        except LinkTemplateError as error:
            st.error(error.message(st.session_state.get("lang", "de")))
        else:
            fresh, _ = load_live(store, event_id, event, plan)
            fresh = live.configure(
                fresh, now(), auto_advance=auto, break_seconds=int(pause_seconds)
            )
            save_live(store, event_id, fresh, LiveSettings(mode, template))
            flash(tr("live.settings_saved"))
            st.rerun()

st.divider()
st.subheader(tr("live.ideas_header"), anchor=False)


@st.fragment(run_every=5)
def ideas() -> None:
    """The participants' ideas per round and question, live; a name only where its author
    agreed."""
    notes = store.ideas(event_id)
    if not notes:
        st.caption(tr("live.no_ideas"))
        return
    names = {p.id: p.name for p in store.list_participants(event_id)}
    for round_number in sorted({n.round for n in notes}):
        question = question_for(event, round_number)
        title = tr("live.ideas_round", round=round_number)
        with st.expander(f"{title}: {question}" if question else title):
            lines = []
            for note in (n for n in notes if n.round == round_number):
                who = names.get(note.person_id, "") if note.show_name else ""
                author = f" — *{md_escape(who)}*" if who else ""
                lines.append(f"- {md_escape(note.text)}{author}")
            st.markdown("\n".join(lines))


ideas()
st.divider()
st.subheader(tr("live.checkin_header"), anchor=False)
show_flash("checkin")
here, no_shows = store.checked_in(event_id), store.no_shows(event_id)
search = st.text_input(tr("live.search"), key="checkin_search", placeholder=tr("live.search_hint"))
shown = [p for p in participants if search.casefold().strip() in p.name.casefold()]
table = pd.DataFrame(
    {
        "id": [p.id for p in shown],
        tr("col.name"): [p.name for p in shown],
        tr("col.organisation"): [p.organisation for p in shown],
        tr("live.present"): [p.id in here for p in shown],
        tr("live.no_show"): [p.id in no_shows for p in shown],
    }
)
edited = st.data_editor(
    table,
    hide_index=True,
    disabled=["id", tr("col.name"), tr("col.organisation")],
    column_config={"id": None},
    key=f"checkin_{search}",
    width="stretch",
)
if st.button(tr("live.save_checkin"), type="primary"):
    for _, row in edited.iterrows():
        pid, present, missing = (
            row["id"],
            bool(row[tr("live.present")]),
            bool(row[tr("live.no_show")]),
        )
        if present:
            store.set_checked_in(event_id, pid, True)
        elif missing:
            store.set_checked_in(event_id, pid, False)
        elif pid in here or pid in no_shows:
            store.clear_check_in(event_id, pid)
    flash(tr("live.checkin_saved"), "toast", place="checkin")
    st.rerun()

with st.form("walk_in", clear_on_submit=True):
    st.markdown(f"**{tr('live.walk_in_header')}**")
    name = st.text_input(tr("col.name"))
    organisation = st.text_input(tr("col.organisation"))
    sector = st.selectbox(
        tr("col.sector"),
        list(Sector),
        index=None,
        format_func=sector_label,
        placeholder=tr("participants.choose_sector"),
    )
    added = st.form_submit_button(tr("live.walk_in_add"))
if added:
    problems: list = []

    def make(used: set[str]):
        person, found = walk_in(participants, name, organisation, sector or "", used_ids=used)
        problems.extend(found)
        if person is None:
            raise ValueError("walk-in refused")
        return person

    try:
        person = store.add_walk_in(event_id, make)
    except ValueError:
        show_problems(problems, "form")
    else:
        store.set_checked_in(event_id, person.id, True)
        flash(tr("live.walk_in_added", name=md_escape(person.name)), place="checkin")
        st.rerun()

st.divider()
st.subheader(tr("live.apply_header"), anchor=False)
after = min(clock.round, len(plan.rounds))
if after >= len(plan.rounds):
    st.caption(tr("live.no_rounds_left"))
    st.stop()
in_plan = {m for r in plan.rounds if r.number > after for m in (*r.seated(), *r.resting)}
ids = {p.id for p in participants}
absent = sorted((in_plan & no_shows) | (in_plan - ids))
arrived = sorted(pid for pid in here if pid not in in_plan)
st.caption(tr("live.apply_help", round=after + 1, absent=len(absent), arrived=len(arrived)))
if st.button(tr("live.preview"), disabled=not (absent or arrived)):
    with st.spinner(tr("plan.working")):
        history = history_for(store, event_id, participants)
        outcome = replan(plan, participants, after, absent=absent, arrived=arrived, history=history)
    st.session_state["live_replan"] = (version_id, after, outcome)
pending = st.session_state.get("live_replan")
if pending and pending[0] == version_id and pending[1] == after:
    _, _, outcome = pending
    show_problems(outcome.problems, "plan")
    if outcome.plan.rounds:
        odd = OddMode(outcome.plan.extra.get("odd", "trio"))
        broken = check(participants, outcome.plan, odd).violations
        if broken:
            st.error(tr("live.rules_broken", n=len(broken)))
        changes = moves(plan, outcome.plan, after + 1, participants)
        st.markdown(f"**{tr('live.moves', round=after + 1, n=len(changes))}**")
        lines = [
            tr("live.move_line", name=md_escape(who), old=old or "–", new=new or "–")
            for who, old, new in changes[:60]
        ]
        st.markdown("\n".join(f"- {line}" for line in lines) or tr("live.no_moves"))
        if st.button(tr("live.apply"), type="primary"):
            store.save_plan(event_id, outcome.plan, label=f"live:{after + 1}", source="live")
            st.session_state.pop("live_replan", None)
            flash(tr("live.applied", round=after + 1))
            st.rerun()
