"""Plan page: build the rotation, judge its quality, look at it, adjust it, export it."""

import json

import pandas as pd
import streamlit as st

from matching.evaluation import Metrics, check
from matching.evaluation.metrics import sector_matrix
from matching.i18n import format_moment, format_percent
from matching.lists.roster import people_of_plan
from matching.model import OddMode
from matching.output.exports import export_file_name, plan_to_csv, plan_to_xlsx
from matching.planning.planner import PlanStatus, default_time_limit, plan
from ui.common import (
    flash,
    flash_problems,
    get_store,
    keyed_tabs,
    lang,
    md_escape,
    page_header,
    require_event,
    show_flash,
    show_problems,
    tr,
)
from ui.plan_views import (
    metrics_table,
    person_view,
    round_view,
    sector_heatmap,
    version_title,
)
from ui.series import history_for, judged_by

store = get_store()
event_id, event = require_event(store)
participants = store.list_participants(event_id)

page_header("plan.header")
st.caption(md_escape(event.title))

if len(participants) < 2:
    st.info(tr("plan.need_people"))
    st.page_link("pages/participants.py", label=tr("nav.participants"), icon=":material/groups:")
    st.stop()

history = history_for(store, event_id, participants)
if history is not None:
    # Say it before planning: the organiser set the weight on the event page.
    key = "plan.history_on" if history.penalty else "plan.history_off"
    st.info(
        tr(
            key,
            series=md_escape(event.series),
            n=len(history.met_before),
            weight=history.penalty,
        )
    )

with st.form("build_plan"):
    col_rounds, col_odd, col_time = st.columns(3)
    rounds = col_rounds.number_input(tr("event.rounds"), 1, 40, value=event.rounds)
    odd = col_odd.radio(
        tr("plan.odd"),
        [OddMode.TRIO, OddMode.REST],
        format_func=lambda m: tr(f"plan.odd_{m.value}"),
        help=tr("plan.odd_help"),
    )
    time_limit = col_time.slider(
        tr("plan.time_limit"),
        2,
        120,
        value=min(120, int(default_time_limit(len(participants)))),
        help=tr("plan.time_limit_help"),
    )
    build = st.form_submit_button(tr("plan.build"), type="primary")

existing = store.current_plan(event_id)
if build and existing is not None:
    # A new plan replaces the current one: ask first (the old one stays a version).
    st.session_state["confirm_build"] = (event_id, int(rounds), odd, float(time_limit))
confirmed = False
waiting = st.session_state.get("confirm_build")
if waiting and waiting[0] != event_id:  # asked for another event: not this one's question
    st.session_state.pop("confirm_build")
if existing is not None and "confirm_build" in st.session_state and not build:
    st.warning(tr("plan.confirm_replace"))
    col_yes, col_no = st.columns(2)
    confirmed = col_yes.button(tr("plan.confirm_replace_button"), type="primary")
    if col_no.button(tr("common.cancel")):
        st.session_state.pop("confirm_build")
        st.rerun()
if build and existing is not None:
    st.rerun()  # shows the question above
if confirmed:
    _, rounds, odd, time_limit = st.session_state.pop("confirm_build")

if (build and existing is None) or confirmed:
    bar = st.progress(0.0, text=tr("plan.working"))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(min(1.0, max(0.0, fraction)), text=tr(stage))

    outcome = plan(
        participants,
        int(rounds),
        odd=odd,
        time_limit=float(time_limit),
        seed=0,
        progress=progress,
        history=history,
    )
    bar.empty()
    if outcome.status is PlanStatus.INFEASIBLE:
        show_problems(outcome.problems, "plan")
    else:
        store.save_plan(event_id, outcome.plan, label="plan")
        flash_problems(outcome.problems)
        flash(tr("plan.built", rounds=len(outcome.plan.rounds)))
        st.rerun()

current = store.current_plan(event_id)
if current is None:
    st.info(tr("plan.none_yet"))
    st.stop()
version_id, current_plan = current
odd_mode = OddMode(current_plan.extra.get("odd", OddMode.TRIO))

st.subheader(tr("plan.quality"))
# Judged against the list as it is now: summary and rule list come from one check.
# People who left the list since are named by the name the plan remembers.
shown_people = people_of_plan(participants, current_plan)
judged = check(
    participants,
    current_plan,
    odd_mode,
    known=shown_people,
    history=judged_by(history, current_plan),
)
for sentence in judged.metrics.summary(lang()):
    st.markdown(f"- {sentence}")
broken = judged.violations
if broken:
    st.error(tr("plan.violations", n=len(broken)))
    for violation in broken[:30]:
        st.markdown(f"- {md_escape(violation.message(lang()))}")
    st.caption(tr("plan.violations_help"))

tabs = keyed_tabs(
    [
        tr("plan.tab_rounds"),
        tr("plan.tab_people"),
        tr("plan.tab_sectors"),
        tr("plan.tab_metrics"),
        tr("plan.tab_adjust"),
        tr("plan.tab_versions"),
        tr("plan.tab_export"),
    ],
    key="plan_tabs",
)
with tabs[0]:
    round_view(current_plan, shown_people, event)
with tabs[1]:
    person_view(current_plan, shown_people, event)
with tabs[2]:
    st.caption(tr("plan.heatmap_help"))
    sector_heatmap(sector_matrix(shown_people, current_plan))
with tabs[3]:
    metrics_table(judged.metrics)
with tabs[4]:
    from ui.plan_adjust import adjust_panel

    adjust_panel(store, event_id, participants, current_plan, history)
with tabs[5]:
    show_flash("versions")
    versions = store.list_plans(event_id)
    table = pd.DataFrame(
        [
            {
                tr("plan.version"): version_title(v.label, v.id),
                tr("plan.created"): format_moment(v.created_at, lang()),
                tr("metric.score_share"): format_percent(
                    min(1.0, Metrics.from_dict(v.metrics).score_share or 0.0), lang()
                ),
                tr("metric.sector_coverage"): format_percent(
                    Metrics.from_dict(v.metrics).sector_coverage, lang()
                ),
                tr("plan.current"): "✓" if v.id == version_id else "",
            }
            for v in versions
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")

    labels = {
        v.id: f"{version_title(v.label, v.id)} ({format_moment(v.created_at, lang())})"
        for v in versions
    }
    chosen = st.selectbox(tr("plan.version"), list(labels), format_func=labels.get)
    if st.button(tr("plan.restore"), disabled=chosen == version_id):
        store.set_current_plan(event_id, chosen)
        flash(tr("plan.restored", label=md_escape(labels[chosen])), place="versions")
        st.rerun()
with tabs[6]:
    language = lang()
    # The workbook takes seconds for hundreds of people: built when clicked, not on every rerun.
    st.download_button(
        tr("plan.export_xlsx"),
        lambda: plan_to_xlsx(current_plan, shown_people, event, language),
        file_name=export_file_name("plan", event, "xlsx", language),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",  # a download needs no rerun (it would reset the tab)
    )
    st.download_button(
        tr("plan.export_csv"),
        plan_to_csv(current_plan, shown_people, event.questions, lang()),
        file_name=export_file_name("plan", event, "csv", language),
        mime="text/csv",
        on_click="ignore",
    )
    st.download_button(
        tr("plan.export_json"),
        json.dumps(current_plan.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
        file_name=export_file_name("plan", event, "json", language),
        mime="application/json",
        on_click="ignore",
    )
    st.divider()
    from ui.print_panel import print_panel

    print_panel(store, event_id, event, current_plan, participants)
