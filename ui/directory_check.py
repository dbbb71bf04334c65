"""The import's question about organisations: spellings that look like a known organisation
(or like another spelling on the list) are asked about, one yes/no each, before anything is
stored - never merged silently. Known spellings and confirmed aliases are written the
directory's way, and the page says so."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from matching.lists.directory import Directory, apply_answers, suggestions
from matching.model import Participant, organisation_key
from ui.common import md_escape, tr

SAME, OTHER = "same", "other"


def organisation_questions(
    people: Sequence[Participant], directory: Directory, key: str
) -> tuple[tuple[Participant, ...] | None, dict[str, str], list[tuple[str, str]]]:
    """Show the questions; return the list as it will be stored, {spelling: name meant} for
    every "yes" and the (spelling, candidate) pairs answered "no" - or (None, {}, []) while a
    question is still open."""
    asked = suggestions(people, directory)
    answers: dict[str, str] = {}
    different: list[tuple[str, str]] = []
    open_questions = 0
    if asked:
        st.markdown(f"**{tr('directory.questions_header')}**")
        st.caption(tr("directory.questions_help"))
    for index, suggestion in enumerate(asked):
        text_key = (
            "directory.question_known"
            if suggestion.organisation_id is not None
            else "directory.question_list"
        )
        choice = st.radio(
            tr(
                text_key,
                spelling=md_escape(suggestion.spelling),
                n=suggestion.people,
                candidate=md_escape(suggestion.candidate),
            ),
            (SAME, OTHER),
            index=None,
            format_func=lambda c, s=suggestion: tr(
                f"directory.answer_{c}",
                candidate=md_escape(s.candidate),
                spelling=md_escape(s.spelling),
            ),
            key=f"{key}_{index}_{organisation_key(suggestion.spelling)}",
            horizontal=True,
        )
        if choice is None:
            open_questions += 1
        elif choice == SAME:
            answers[suggestion.spelling] = suggestion.candidate
        else:
            different.append((suggestion.spelling, suggestion.candidate))
    if open_questions:
        key = "directory.questions_open_one" if open_questions == 1 else "directory.questions_open"
        st.warning(tr(key, n=open_questions))
        return None, {}, []
    final = apply_answers(people, directory, answers)
    renamed = sorted(
        {
            (before.organisation, after.organisation)
            for before, after in zip(people, final, strict=True)
            if before.organisation != after.organisation
        },
        key=lambda pair: pair[0].casefold(),
    )
    if renamed:
        lines = [
            tr("directory.renamed_line", before=md_escape(a), after=md_escape(b))
            for a, b in renamed[:20]
        ]
        more = len(renamed) - len(lines)
        st.info(
            tr(
                "directory.renamed_one" if len(renamed) == 1 else "directory.renamed",
                n=len(renamed),
            )
            + "\n\n"
            + "\n".join(f"- {line}" for line in lines)
            + (f"\n- … {tr('directory.more', n=more)}" if more > 0 else "")
        )
    return final, answers, different
