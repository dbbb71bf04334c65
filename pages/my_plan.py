"""Mein Plan: a participant's own page, opened by their personal link (/mein-plan?code=…).

No login and nothing about anyone else: the code names one person; the page shows their round,
table, partners (name, organisation, sector), the question and the time left, then their other
rounds; it follows the facilitator within two seconds. Below: keep in touch, ideas, and what
they take home. A wrong, old or missing code gets one neutral sentence."""

import time

import streamlit as st

from matching.i18n import LANGUAGES
from matching.live.my_plan import changed_since, my_view
from matching.live.phase import countdown_payload
from matching.output.take_home import my_conversations, summary_pdf, vcards
from matching.storage.store_live import live_dict
from ui.common import get_store, lang, md_escape, tr
from ui.live import load_live
from ui.my_page import (
    countdown,
    forget_event,
    page_style,
    partners_markdown,
    plan_and_people,
    seat_line,
)

IDEA_LIMIT = 500

store = get_store()
wanted = st.query_params.get("lang")
if "lang" not in st.session_state:
    st.session_state["lang"] = wanted if wanted in LANGUAGES else "de"
code = str(st.query_params.get("code", ""))[:100]
found = store.find_by_code(code) if code.strip() else None
person = None
if found is not None:
    event_id, person_id = found
    try:
        stamp, _live = store.page_poll(event_id)
    except KeyError:  # deleted between the two reads
        stamp = None
    if stamp is not None:
        # Which event this page belongs to (its creation time): a reused id is another event.
        st.session_state["my_event"] = stamp[:2]
        _version, _plan, listed = plan_and_people(store, event_id, stamp)
        person = next((p for p in listed if p.id == person_id), None)
large = st.session_state.get("large_print", False)
page_style(large)
if person is None:
    st.title(tr("mine.unknown_title"))
    st.write(tr("mine.unknown"))
    st.stop()
event = store.get_event(event_id)

settings_left, settings_right = st.columns(2)
settings_left.radio(
    tr("app.language"),
    list(LANGUAGES),
    format_func=LANGUAGES.__getitem__,
    key="lang",
    horizontal=True,
)
settings_right.toggle(tr("mine.large_print"), key="large_print")
st.markdown(f"{md_escape(person.name)} · {md_escape(event.title)}")


@st.fragment(run_every=2)
def now_and_rounds() -> None:
    # One small query every two seconds; plan and list only when they changed.
    try:
        stamp, live = store.page_poll(event_id)
    except KeyError:
        stamp, live = None, ""
    if stamp is None or stamp[:2] != st.session_state.get("my_event"):
        # The event was deleted (or its id now belongs to another one): the whole page
        # checks the code again and shows the neutral page - never someone else's plan.
        forget_event(event_id)
        st.rerun()
    version, plan, listed = plan_and_people(store, event_id, stamp)
    if all(p.id != person.id for p in listed):  # forgotten or taken off the list
        st.rerun()
    if plan is None or not plan.rounds:
        st.title(tr("mine.plan_follows"))
        facts = [event.date, event.place]
        st.write(md_escape(" · ".join(f for f in facts if f)) or tr("mine.plan_follows_hint"))
        return
    clock, settings = load_live(store, event_id, event, plan, live_dict(live))
    # A new round or a new plan changes what the person can tick and note below this part:
    # then the whole page is drawn anew - one tick (two seconds) after this part showed the
    # news. A rerun at once would drop this part's news before it reached the phone and
    # make it wait for every phone's whole page (200 phones: seconds).
    state = (version, clock.round)
    redraw_all = st.session_state.get("my_redraw", False)
    changed = st.session_state.get("my_state", state) != state
    st.session_state["my_state"] = state
    st.session_state["my_redraw"] = changed
    moment = time.time()
    view = my_view(
        event,
        plan,
        listed,
        person.id,
        clock,
        moment,
        lang(),
        link_template=settings.link_template,
    )
    change = changed_since(st.session_state.get("my_view"), view)
    st.session_state["my_view"] = view
    if change:
        st.info(md_escape(change), icon=":material/campaign:")
    now = view.now
    st.title(now.title, anchor=False)
    if now.headline:
        st.header(now.headline, anchor=False)
    if now.seat is not None and now.seat.link:
        st.markdown(f"[{tr('mine.open_room')}]({now.seat.link})")
    if now.where:
        st.write(md_escape(now.where))
    if now.seat is not None and now.seat.partners:
        st.markdown(partners_markdown(now.seat))
    if now.question:
        st.subheader(md_escape(now.question), anchor=False)
    if now.phase_text:
        st.markdown(f"**{md_escape(now.phase_text)}**")
    if now.kind in ("talk", "resting", "before", "not_planned"):
        countdown(countdown_payload(clock, moment), large, tr("mine.time_left"))
    for title, seats in ((view.upcoming_title, view.upcoming), (view.earlier_title, view.earlier)):
        if seats:
            st.subheader(title, anchor=False)
            st.markdown("\n".join(f"- {seat_line(s)}" for s in seats))
    if redraw_all:
        st.session_state["my_redraw"] = False
        st.rerun()


now_and_rounds()
st.divider()
_version, plan, listed = plan_and_people(store, event_id)
if plan is None:
    st.stop()
met = [
    (r.number, m)
    for r in plan.rounds
    for t in r.tables
    if person.id in t.members
    for m in t.members
    if m != person.id
]
people = {p.id: p for p in listed}
clock, _settings = load_live(store, event_id, event, plan)
reached = clock.round  # rounds that have begun: only people already met can be ticked

st.subheader(tr("mine.keep_header"), anchor=False)
st.write(tr("mine.keep_help"))
consents = store.consents(event_id).get(person.id, {})
share = st.checkbox(tr("mine.share_contacts"), value=consents.get("contacts", False))
if share != consents.get("contacts", False):
    store.set_consent(event_id, person.id, "contacts", share)
named = st.checkbox(tr("mine.share_name"), value=consents.get("network", False))
if named != consents.get("network", False):
    store.set_consent(event_id, person.id, "network", named)
ticked = store.keep_in_touch(event_id, person.id)
for round_number, other in met:
    if round_number > reached or other not in people:
        continue
    label = tr("mine.keep_with", name=md_escape(people[other].name), round=round_number)
    keep = st.checkbox(label, value=other in ticked, key=f"keep_{other}")
    if keep != (other in ticked):
        store.set_keep_in_touch(event_id, person.id, other, keep)
contacts = store.mutual_contacts(event_id, person.id)
for other, email in sorted(contacts.items()):
    name = people[other].name if other in people else other
    st.markdown(f"- **{md_escape(name)}**: {md_escape(email)}")

st.subheader(tr("mine.ideas_header"), anchor=False)
st.write(tr("mine.ideas_help"))
noted = store.ideas_of(event_id, person.id)
for round_number in sorted({r for r, _ in met if r <= max(reached, 0)}):
    saved = noted.get(round_number)
    with st.form(f"idea_{round_number}"):
        text = st.text_area(
            tr("mine.idea_round", round=round_number),
            value=saved[0] if saved else "",
            max_chars=IDEA_LIMIT,
        )
        show = st.checkbox(tr("mine.idea_named"), value=saved[1] if saved else False)
        if st.form_submit_button(tr("mine.idea_save")):
            store.save_idea(event_id, person.id, round_number, text, show)
            noted = store.ideas_of(event_id, person.id)
            st.success(tr("mine.idea_saved"))

st.subheader(tr("mine.take_home_header"), anchor=False)
ideas = {r: note[0] for r, note in sorted(noted.items()) if any(r == m for m, _ in met)}
talks = my_conversations(event, plan, people.values(), person.id, ideas, contacts)
st.download_button(
    tr("mine.download_pdf"),
    lambda: summary_pdf(event, person.name, talks, lang()),
    file_name="meine-gespraeche.pdf",
    mime="application/pdf",
    on_click="ignore",
)
cards = vcards(talks, lang())
if cards:
    st.download_button(
        tr("mine.download_vcard"),
        cards,
        file_name="kontakte.vcf",
        mime="text/vcard",
        on_click="ignore",
    )
