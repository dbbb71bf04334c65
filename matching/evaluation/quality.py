"""A plan's quality in plain words for organisers, from the metrics the planner reports."""

from __future__ import annotations

from collections.abc import Mapping

from matching.i18n import format_number, format_percent, t


def quality_sentences(metrics: Mapping[str, object], lang: str = "de") -> list[str]:
    """Short sentences, most important first: rules, coverage, score vs bound, wishes."""
    out: list[str] = []

    def num(key: str) -> float | None:
        value = metrics.get(key)
        return float(value) if isinstance(value, int | float) else None

    broken = sum(int(num(k) or 0) for k in ("repeats", "same_org_pairs", "avoid_pairs"))
    out.append(
        t("quality.rules_ok", lang) if broken == 0 else t("quality.rules_broken", lang, n=broken)
    )

    coverage = num("sector_coverage")
    if coverage is not None:
        if coverage >= 0.9999:
            out.append(t("quality.coverage_full", lang))
        else:
            out.append(t("quality.coverage_partial", lang, share=format_percent(coverage, lang)))

    score, bound = num("score"), num("upper_bound")
    if score is not None and bound:
        share = min(1.0, score / bound)
        out.append(t("quality.score_share", lang, share=format_percent(share, lang)))
    elif score is not None:
        out.append(t("quality.score", lang, score=format_number(score, lang)))

    cross = num("cross_sector_share")
    if cross is not None:
        out.append(t("quality.cross_sector", lang, share=format_percent(cross, lang, 0)))

    met, total = num("wishes_met"), num("wishes_total")
    if total:
        out.append(t("quality.wishes", lang, met=int(met or 0), total=int(total)))
    return out
