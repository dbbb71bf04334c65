"""The report's part on a series of meetings: how the network grew from one meeting to the
next (`matching.network.series.series_growth`), as a table for the PDF and the workbook -
for funders, the proof that the meetings build lasting ties."""

from __future__ import annotations

from collections.abc import Sequence

from matching.i18n import format_date, format_number, t
from matching.network.series import SeriesStep


def series_header(lang: str) -> tuple[str, ...]:
    return (
        t("report.series_col_event", lang),
        t("report.col_people", lang),
        t("report.col_organisations", lang),
        t("report.series_col_pairs", lang),
        t("report.series_col_new", lang),
        t("report.series_col_so_far", lang),
    )


def series_values(step: SeriesStep, lang: str) -> tuple[object, ...]:
    """One meeting's row, numbers as numbers (the PDF formats them, the workbook keeps them)."""
    date = format_date(step.date, lang) if step.date else "–"
    return (
        f"{date} · {step.title}",
        step.people,
        step.organisations,
        step.organisation_pairs,
        step.new_organisation_pairs,
        step.organisation_pairs_so_far,
    )


def series_rows(steps: Sequence[SeriesStep], lang: str) -> list[tuple[str, ...]]:
    return [
        tuple(
            value if isinstance(value, str) else format_number(value, lang)
            for value in series_values(step, lang)
        )
        for step in steps
    ]


def series_sentence(steps: Sequence[SeriesStep], lang: str) -> str:
    """'Über 3 Treffen haben 210 Paare von Organisationen miteinander gesprochen; beim
    letzten kamen 74 neue dazu.'"""
    last = steps[-1]
    return t(
        "report.series_sentence",
        lang,
        meetings=format_number(len(steps), lang),
        pairs=format_number(last.organisation_pairs_so_far, lang),
        new=format_number(last.new_organisation_pairs, lang),
    )
