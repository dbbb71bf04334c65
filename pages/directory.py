"""Directory page: every organisation once, across events - rename, set sector and contact,
confirm other spellings ("AOK LSA"), merge two entries that are one organisation."""

import pandas as pd
import streamlit as st

from matching.lists.directory import look_alikes
from matching.model import Sector, organisation_key
from matching.storage.errors import DirectoryError
from ui.common import flash, get_store, lang, md_escape, page_header, sector_label, show_flash, tr

store = get_store()
page_header("directory.header")
st.caption(tr("directory.help"))


def attempt(action, done: str, place: str = "") -> None:
    """Run a directory change; say what happened, or why nothing was changed."""
    try:
        action()
    except DirectoryError as error:
        st.error(md_escape(error.message(lang())))  # it quotes names from the lists
        return
    flash(done, place=place)
    st.rerun()


directory = store.directory()
orgs = {o.id: o for o in directory.organisations}
usage = store.organisation_usage()


def events_of(org) -> int:
    return len(set().union(*(usage.get(organisation_key(s), set()) for s in org.spellings())))


def label(org_id: int) -> str:
    org = orgs[org_id]
    return f"{org.name} ({sector_label(org.sector)})" if org.sector else org.name


sectors = ["", *(s.value for s in Sector)]


def sector_text(value: str) -> str:
    return sector_label(value) if value else tr("directory.sector_unknown")


if not orgs:
    st.info(tr("directory.empty"))
else:
    alike = look_alikes(directory)
    show_flash("alike")
    if alike:
        st.subheader(tr("directory.alike_header"), anchor=False)
        st.caption(tr("directory.alike_help"))
        for index, (a, b, score) in enumerate(alike[:10]):
            text, keep_a, keep_b, apart = st.columns([3, 2, 2, 2], vertical_alignment="center")
            text.markdown(
                tr(
                    "directory.alike_line",
                    a=md_escape(a.name),
                    b=md_escape(b.name),
                    score=round(score),
                )
            )
            # The button says which name stays: the other one becomes its alias.
            if keep_a.button(tr("directory.keep", name=md_escape(a.name)), key=f"alike_a_{index}"):
                attempt(
                    lambda a=a, b=b: store.merge_organisations(b.id, a.id),
                    tr("directory.merged", source=md_escape(b.name), target=md_escape(a.name)),
                    "alike",
                )
            if keep_b.button(tr("directory.keep", name=md_escape(b.name)), key=f"alike_b_{index}"):
                attempt(
                    lambda a=a, b=b: store.merge_organisations(a.id, b.id),
                    tr("directory.merged", source=md_escape(a.name), target=md_escape(b.name)),
                    "alike",
                )
            if apart.button(tr("directory.different"), key=f"alike_apart_{index}"):
                attempt(
                    lambda a=a, b=b: store.mark_distinct(a.id, b.id),
                    tr("directory.kept_apart", a=md_escape(a.name), b=md_escape(b.name)),
                    "alike",
                )

    st.subheader(tr("directory.list_header", n=len(orgs)), anchor=False)
    search = st.text_input(tr("directory.search"), placeholder=tr("directory.search_hint"))
    shown = [
        o
        for o in orgs.values()
        if not search.strip()
        or any(search.strip().casefold() in s.casefold() for s in o.spellings())
    ]
    table = pd.DataFrame(
        [
            {
                tr("col.organisation"): o.name,
                tr("col.sector"): sector_text(o.sector),
                tr("directory.contact"): o.contact,
                tr("directory.aliases"): ", ".join(o.aliases),
                tr("directory.events"): events_of(o),
            }
            for o in shown
        ],
        columns=[
            tr("col.organisation"),
            tr("col.sector"),
            tr("directory.contact"),
            tr("directory.aliases"),
            tr("directory.events"),
        ],
    )
    st.dataframe(table, hide_index=True, width="stretch")

    st.subheader(tr("directory.edit_header"), anchor=False)
    show_flash("edit")
    chosen = st.selectbox(
        tr("directory.choose"),
        sorted(orgs, key=lambda i: orgs[i].name.casefold()),
        format_func=label,
        index=None,
        placeholder=tr("directory.choose_hint"),
        key="directory_chosen",  # stays chosen after a rename (its label changes)
    )
    if chosen is not None:
        org = orgs[chosen]
        with st.form(f"edit_org_{chosen}"):
            name = st.text_input(tr("col.organisation"), value=org.name)
            col_sector, col_contact = st.columns(2)
            sector = col_sector.selectbox(
                tr("col.sector"),
                sectors,
                index=sectors.index(org.sector) if org.sector in sectors else 0,
                format_func=sector_text,
            )
            contact = col_contact.text_input(
                tr("directory.contact"), value=org.contact, help=tr("directory.contact_help")
            )
            st.caption(tr("directory.rename_help"))
            if st.form_submit_button(tr("directory.save"), type="primary"):
                attempt(
                    lambda: store.update_organisation(chosen, name, sector, contact),
                    tr("directory.saved", name=md_escape(" ".join(name.split()))),
                    "edit",
                )

        st.markdown(f"**{tr('directory.aliases')}**")
        for alias in org.aliases:
            text, button = st.columns([4, 1], vertical_alignment="center")
            text.markdown(f"- {md_escape(alias)}")
            if button.button(tr("directory.remove_alias"), key=f"drop_{chosen}_{alias}"):
                attempt(
                    lambda alias=alias: store.remove_alias(chosen, alias),
                    tr("directory.alias_removed", alias=md_escape(alias)),
                    "edit",
                )
        if not org.aliases:
            st.caption(tr("directory.no_aliases"))
        with st.form(f"alias_{chosen}", clear_on_submit=True):
            alias = st.text_input(tr("directory.new_alias"), placeholder="AOK LSA")
            if st.form_submit_button(tr("directory.add_alias")) and alias.strip():
                attempt(
                    lambda: store.add_alias(chosen, alias),
                    tr(
                        "directory.alias_added",
                        alias=md_escape(alias.strip()),
                        name=md_escape(org.name),
                    ),
                    "edit",
                )

        st.markdown(f"**{tr('directory.merge_header')}**")
        others = sorted((i for i in orgs if i != chosen), key=lambda i: orgs[i].name.casefold())
        target = st.selectbox(
            tr("directory.merge_into", name=md_escape(org.name)),
            others,
            index=None,
            format_func=label,
            placeholder=tr("directory.choose_hint"),
            key=f"merge_target_{chosen}",
        )
        if target is not None:
            st.warning(
                tr(
                    "directory.merge_warning",
                    source=md_escape(org.name),
                    target=md_escape(orgs[target].name),
                )
            )
            if st.button(tr("directory.merge_button"), type="primary"):
                attempt(
                    lambda: store.merge_organisations(chosen, target),
                    tr(
                        "directory.merged",
                        source=md_escape(org.name),
                        target=md_escape(orgs[target].name),
                    ),
                    "edit",
                )
        with st.expander(tr("directory.delete_header")):
            st.caption(tr("directory.delete_help"))
            if st.button(
                tr("directory.delete_button", name=md_escape(org.name)), key=f"del_{chosen}"
            ):
                attempt(
                    lambda: store.delete_organisation(chosen),
                    tr("directory.deleted", name=md_escape(org.name)),
                    "edit",
                )

st.subheader(tr("directory.new_header"), anchor=False)
show_flash("new")
with st.form("new_org", clear_on_submit=True):
    name = st.text_input(tr("col.organisation"))
    col_sector, col_contact = st.columns(2)
    sector = col_sector.selectbox(tr("col.sector"), sectors, format_func=sector_text)
    contact = col_contact.text_input(tr("directory.contact"), help=tr("directory.contact_help"))
    if st.form_submit_button(tr("directory.add")):
        attempt(
            lambda: store.add_organisation(name, sector, contact),
            tr("directory.added", name=md_escape(" ".join(name.split()))),
            "new",
        )
