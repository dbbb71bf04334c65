"""Lists at the edge: the planner gives a plan where one exists and names the real reason
where the rules allow less; the command line reports before it computes."""

from __future__ import annotations

import time

from matching.evaluation import violations
from matching.model import Participant, Sector
from matching.planning.planner import PlanStatus, plan
from tests.conftest import run_cli

KK, SHO, KS = Sector.HEALTH_INSURER, Sector.SELF_HELP_ORG, Sector.CONTACT_OFFICE


def people(n: int, seated: int = 0) -> list[Participant]:
    sectors = [KK, SHO, KS]
    return [
        Participant(f"p{i}", f"P{i}", f"Org {i}", sectors[i % 3], stays_seated=i < seated)
        for i in range(n)
    ]


def test_five_seated_at_four_tables_is_not_called_an_organisation_problem():
    """8 people, 5 stay seated, 3 rounds: two seated people can meet in one round only, so
    one round is planned and the reason says so (once "too many of one organisation?")."""
    outcome = plan(people(8, seated=5), 3, time_limit=3)
    assert outcome.status is PlanStatus.FEWER_ROUNDS and len(outcome.plan.rounds) == 1
    codes = [p.code for p in outcome.problems]
    assert codes[0] == "too_many_seated" and "no_plan" not in codes
    assert "5 Personen bleiben sitzen" in outcome.problems[0].message("de")
    assert "4 Tische" in outcome.problems[0].message("de")


def test_everyone_seated_with_one_round_is_possible():
    group = people(4, seated=4)
    outcome = plan(group, 1, time_limit=3)
    assert outcome.status is PlanStatus.OPTIMAL and len(outcome.plan.rounds) == 1
    assert violations(group, outcome.plan) == []


def test_one_person_and_one_round_are_said_in_the_singular():
    alone = plan(people(1), 2, time_limit=1)
    assert alone.status is PlanStatus.INFEASIBLE
    assert "1 Person;" in alone.problems[0].message("de")
    assert "1 person;" in alone.problems[0].message("en")
    pair = plan(people(2), 3, time_limit=2)
    messages = " ".join(p.message("de") for p in pair.problems)
    assert "1 Runde statt 3 Runden" in messages and "1 Personen" not in messages


def test_cli_reports_a_missing_output_folder_before_computing(tmp_path):
    listed = tmp_path / "liste.csv"
    listed.write_text("Name;Organisation;Bereich\nA;X;KK\nB;Y;SHO\n", encoding="utf-8")
    started = time.perf_counter()
    result = run_cli("plan", str(listed), "--rounds", "1", "--out", "/nonexistent/d/plan.json")
    assert result.returncode == 2
    assert "does not exist" in result.stderr and time.perf_counter() - started < 20
    assert "[" not in result.stderr  # nothing was computed: no progress line


def test_cli_progress_on_stderr_and_quiet(tmp_path):
    listed = tmp_path / "liste.csv"
    rows = "".join(f"P{i};Org {i};{['KK', 'SHO', 'KISS'][i % 3]}\n" for i in range(10))
    listed.write_text("Name;Organisation;Bereich\n" + rows, encoding="utf-8")
    out = tmp_path / "plan.json"
    loud = run_cli("plan", str(listed), "--rounds", "3", "--out", str(out))
    assert loud.returncode == 0 and "s] Computing the bound" in loud.stderr
    quiet = run_cli("plan", str(listed), "--rounds", "3", "--out", str(out), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert "Plan with 3 rounds written" in quiet.stdout
    helped = run_cli("plan", "--help")
    assert "people / 15" in helped.stdout and "1 to 40" in helped.stdout
    assert "Exit 1" in helped.stdout
