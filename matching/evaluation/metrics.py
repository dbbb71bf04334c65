"""The contract's metrics of a plan, typed, and the same numbers in plain words.

One `Metrics` object serves the CLI, the plan page's quality section and table, and the plan
file (`as_dict` / `from_dict`, the contract's key names), so no key is spelled in four places.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from matching.evaluation.rules import Violation, attendance, violations
from matching.i18n import format_number, format_percent, t
from matching.model import OddMode, Participant, Plan, Sector, same_organisation
from matching.scoring import History, allowed, coverage_needs, is_covered, pair_weight

PERCENT = None  # display kind of a share in `Metrics.rows`


@dataclass(frozen=True, slots=True)
class Metrics:
    """A plan's numbers (contract names). `rule_violations` counts every broken hard rule, as
    `violations` finds them: the plain-words summary reads it, so it can never say "all rules
    hold" next to a broken one. Re-planning adds `tables_kept` / `tables_changed`."""

    score: int = 0
    upper_bound: float | None = None
    rule_violations: int = 0
    repeats: int = 0
    same_org_pairs: int = 0
    avoid_pairs: int = 0
    cross_sector_share: float = 0.0
    sector_coverage: float = 1.0
    wishes_met: int = 0
    wishes_total: int = 0
    people: int = 0
    rounds: int = 0
    tables: int = 0
    trios: int = 0
    resting: int = 0
    solve_seconds: float | None = None
    coverage_attainable: bool | None = None
    tables_kept: int | None = None
    tables_changed: int | None = None
    known_pairs: int | None = None  # pairs who met at an earlier event of the series

    @property
    def score_share(self) -> float | None:
        """Score as a share of the proven bound: a quality guarantee, not a guess."""
        return self.score / self.upper_bound if self.upper_bound else None

    def with_bound(self, bound: float | None, coverage_attainable: bool | None = None) -> Metrics:
        return replace(self, upper_bound=bound, coverage_attainable=coverage_attainable)

    def as_dict(self) -> dict[str, Any]:
        """The plan file's `metrics` object (contract key names, `score_share` included)."""
        out = {k: v for k, v in asdict(self).items() if v is not None}
        out["score_share"] = self.score_share
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Metrics:
        """Metrics of a stored or loaded plan; unknown keys are ignored, wrong types dropped."""
        known = {f.name: f for f in fields(cls)}
        values = {}
        for name, value in data.items():
            if name in known and (value is None or isinstance(value, int | float)):
                values[name] = value
        # Plans stored before rule_violations existed: the three counted rules.
        if "rule_violations" not in data:
            values["rule_violations"] = sum(
                int(values.get(k) or 0) for k in ("repeats", "same_org_pairs", "avoid_pairs")
            )
        return cls(**values)

    def summary(self, lang: str = "de") -> list[str]:
        """Short sentences, most important first: rules, coverage, score vs bound, wishes."""
        broken = self.rule_violations
        if broken == 0:
            out = [t("quality.rules_ok", lang)]
        elif broken == 1:
            out = [t("quality.rule_broken", lang)]
        else:
            out = [t("quality.rules_broken", lang, n=broken)]
        if self.sector_coverage >= 0.9999:
            out.append(t("quality.coverage_full", lang))
        else:
            share = format_percent(self.sector_coverage, lang)
            out.append(t("quality.coverage_partial", lang, share=share))
        if self.score_share is not None:
            share = format_percent(min(1.0, self.score_share), lang)
            out.append(t("quality.score_share", lang, share=share))
        else:
            out.append(t("quality.score", lang, score=format_number(self.score, lang)))
        share = format_percent(self.cross_sector_share, lang, 0)
        out.append(t("quality.cross_sector", lang, share=share))
        if self.wishes_total:
            out.append(t("quality.wishes", lang, met=self.wishes_met, total=self.wishes_total))
        if self.known_pairs is not None:
            if self.known_pairs == 0:
                out.append(t("quality.known_pairs_none", lang))
            else:
                key = "quality.known_pair" if self.known_pairs == 1 else "quality.known_pairs"
                out.append(t(key, lang, n=format_number(self.known_pairs, lang)))
        return out

    def rows(self, lang: str = "de") -> list[tuple[str, str]]:
        """(label, value) in a fixed readable order, numbers in the language's format."""
        out = []
        for name, decimals in ROW_ORDER:
            value = self.score_share if name == "score_share" else getattr(self, name)
            if value is None:
                continue
            if decimals is PERCENT:
                text = format_percent(float(value), lang)
            else:
                text = format_number(float(value), lang, decimals)
            out.append((t(f"metric.{name}", lang), text))
        return out

    def lines(self) -> str:
        """The command line's view: one `name: value` per line, contract names."""
        out = []
        for name, value in self.as_dict().items():
            text = f"{value:.4f}" if isinstance(value, float) else str(value)
            out.append(f"  {name}: {text}")
        return "\n".join(out)


@dataclass(frozen=True, slots=True)
class QualityChange:
    """Before -> after of a change to a plan, in plain words; `worse` when anything that
    matters dropped (rules, sector coverage, share of the best possible, wishes)."""

    text: str
    worse: bool


def compare_quality(before: Metrics, after: Metrics, lang: str = "de") -> QualityChange:
    parts: list[str] = []

    def share(value: float | None) -> float:
        # A share above the bound only means the plan lost coverage (the bound is for full
        # coverage); it counts, and shows, as 100 % like everywhere else.
        return min(1.0, value or 0.0)

    def said(key: str, old: object, new: object) -> None:
        parts.append(t(f"quality.change_{key}", lang, before=old, after=new))

    if before.score_share is not None and after.score_share is not None:
        old, new = share(before.score_share), share(after.score_share)
        said("share", format_percent(old, lang), format_percent(new, lang))
        worse = new < old - 1e-9
    else:
        said("score", format_number(before.score, lang), format_number(after.score, lang))
        worse = after.score < before.score
    old, new = before.sector_coverage, after.sector_coverage
    said("coverage", format_percent(old, lang), format_percent(new, lang))
    worse |= new < old - 1e-9
    if after.rule_violations != before.rule_violations:
        said("rules", before.rule_violations, after.rule_violations)
    worse |= after.rule_violations > before.rule_violations
    if after.wishes_met < before.wishes_met:
        said("wishes", before.wishes_met, after.wishes_met)
        worse = True
    return QualityChange("; ".join(parts) + ".", worse)


ROW_ORDER: tuple[tuple[str, int | None], ...] = (
    ("score", 0),
    ("upper_bound", 1),
    ("score_share", PERCENT),
    ("sector_coverage", PERCENT),
    ("cross_sector_share", PERCENT),
    ("wishes_met", 0),
    ("wishes_total", 0),
    ("rule_violations", 0),
    ("repeats", 0),
    ("same_org_pairs", 0),
    ("people", 0),
    ("rounds", 0),
    ("tables", 0),
    ("trios", 0),
    ("resting", 0),
    ("tables_kept", 0),
    ("tables_changed", 0),
    ("known_pairs", 0),
    ("solve_seconds", 2),
)


def compute_metrics(
    participants: Sequence[Participant],
    plan: Plan,
    bound: float | None = None,
    solve_seconds: float | None = None,
    odd: OddMode | None = None,
    history: History | None = None,
) -> Metrics:
    """The contract's metrics; a trio scores its three pairs. With a history the score is
    the one the planner maximised (pairs who met before count less) and `known_pairs` says
    how many pairs of the plan met at an earlier event. Broken rules are counted by
    `violations`, judged by who the plan expects in each round (re-planned plans record it)."""
    people = {p.id: p for p in participants}
    meetings = plan.meetings()
    pair_rounds = Counter(frozenset((a, b)) for _, a, b in meetings)
    score = same_org = avoid = cross = 0
    for pair in pair_rounds:
        a, b = (people.get(x) for x in sorted(pair))
        if a is None or b is None:
            continue
        if same_organisation(a, b):
            same_org += 1
        elif not allowed(a, b):
            avoid += 1
    for _, a_id, b_id in meetings:
        a, b = people.get(a_id), people.get(b_id)
        if a is None or b is None:
            continue
        score += pair_weight(a, b, history)
        cross += a.sector != b.sector
    present = rounds_present(plan)
    needs = coverage_needs(participants, present)
    sectors = met_sectors(participants, plan)
    covered = sum(is_covered(need, sectors.get(pid, ())) for pid, need in needs.items())
    tables = [t for r in plan.rounds for t in r.tables]
    broken = violations(participants, plan, odd, present=attendance(plan))
    known = None
    if history is not None:
        known = sum(tuple(sorted(pair)) in history.met_before for pair in pair_rounds)
    return Metrics(
        score=score,
        upper_bound=bound,
        rule_violations=len(broken),
        repeats=sum(n - 1 for n in pair_rounds.values()),
        same_org_pairs=same_org,
        avoid_pairs=avoid,
        cross_sector_share=cross / len(meetings) if meetings else 0.0,
        sector_coverage=covered / len(needs) if needs else 1.0,
        wishes_met=sum(
            frozenset((p.id, w)) in pair_rounds for p in participants for w in p.wants_to_meet
        ),
        wishes_total=sum(len(p.wants_to_meet) for p in participants),
        people=len(present),
        rounds=len(plan.rounds),
        tables=len(tables),
        trios=sum(len(t.members) == 3 for t in tables),
        resting=sum(len(r.resting) for r in plan.rounds),
        solve_seconds=solve_seconds,
        known_pairs=known,
    )


@dataclass(frozen=True, slots=True)
class CheckResult:
    violations: tuple[Violation, ...]
    metrics: Metrics

    @property
    def ok(self) -> bool:
        return not self.violations


def check(
    participants: Sequence[Participant],
    plan: Plan,
    odd: OddMode | None = None,
    known: Sequence[Participant] = (),
    history: History | None = None,
) -> CheckResult:
    """Re-verify any plan against the list as it is now: every hard rule, then the metrics.
    What only the making of the plan knows (bound, computing time, tables kept) is taken from
    the plan's stored metrics."""
    found = violations(participants, plan, odd, present=attendance(plan), known=known)
    stored = Metrics.from_dict(plan.metrics)
    metrics = replace(
        compute_metrics(participants, plan, stored.upper_bound, stored.solve_seconds, odd, history),
        rule_violations=len(found),
        coverage_attainable=stored.coverage_attainable,
        tables_kept=stored.tables_kept,
        tables_changed=stored.tables_changed,
    )
    return CheckResult(tuple(found), metrics)


def met_sectors(participants: Sequence[Participant], plan: Plan) -> dict[str, set[Sector]]:
    people = {p.id: p for p in participants}
    out: dict[str, set[Sector]] = {p.id: set() for p in participants}
    for _, a, b in plan.meetings():
        if a in people and b in people:
            out[a].add(people[b].sector)
            out[b].add(people[a].sector)
    return out


def rounds_present(plan: Plan) -> dict[str, int]:
    """How many rounds each person is in the plan (seated or resting)."""
    counts: Counter[str] = Counter()
    for rnd in plan.rounds:
        counts.update({*rnd.seated(), *rnd.resting})
    return dict(counts)


def sector_matrix(
    participants: Sequence[Participant], plan: Plan
) -> dict[tuple[Sector, Sector], int]:
    """Meetings between each pair of sectors, keyed both ways (a, b) and (b, a)."""
    people = {p.id: p for p in participants}
    counts: Counter[tuple[Sector, Sector]] = Counter()
    for _, a, b in plan.meetings():
        if a in people and b in people:
            sa, sb = people[a].sector, people[b].sector
            counts[(sa, sb)] += 1
            if sa != sb:
                counts[(sb, sa)] += 1
    return dict(counts)
