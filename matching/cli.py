"""Command line of the core, fixed by the planner contract.

    python -m matching validate PARTICIPANTS
    python -m matching plan PARTICIPANTS --rounds R [--time-limit S] [--seed N]
                            [--odd trio|rest] --out PLAN.json
    python -m matching replan PLAN.json --participants P --after-round K
                            [--absent IDS] [--arrived IDS] --out NEW.json
    python -m matching check PARTICIPANTS PLAN.json
    python -m matching events | retention --days N | hash-password   (see cli_events)

Exit status: 0 success, 1 rules cannot all be met, 2 bad input (message, nothing written).
No traceback ever reaches the user: every expected failure is a message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from matching.cli_events import add_event_commands
from matching.cli_print import add_print_command

EXIT_OK, EXIT_RULES, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep that, with our wording."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m matching",
        description="Paarweise: plan fast-networking rotations (Krankenkassen, "
        "Selbsthilfekontaktstellen, Selbsthilfeorganisationen).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_event_commands(sub)
    add_print_command(sub)

    p = sub.add_parser(
        "validate",
        help="read a participant list and report what it found or every problem",
        description="Read a participant list (.csv or .xlsx) and print a summary "
        "(people per sector, organisations with several people, warnings) or every problem "
        "with file, row and column. Exit 0 when the list can be planned, 2 when not.",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser(
        "plan",
        help="build a rotation plan",
        description="Build R rounds (1 to 40) of pairs: every hard rule of the contract holds, "
        "every person meets every other sector where the rounds allow, then the score is "
        "maximised. A valid plan is written even when time runs out (with its proven gap to the "
        "best possible). Progress goes to stderr (--quiet turns it off). Exit 0: plan written. "
        "Exit 1: the rules allow fewer rounds only (the best plan with fewer rounds is written "
        "and the reason printed), or no plan at all is possible (the reason is printed, nothing "
        "written). Exit 2: bad input (message, nothing written).",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.add_argument("--rounds", type=_positive, required=True, metavar="R", help="number of rounds")
    p.add_argument(
        "--time-limit",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="longest computing time; default max(20, people / 15) seconds (20 s up to 300 "
        "people, 40 s for 600); usually done much sooner",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="same list + same seed -> same plan (default 0)",
    )
    p.add_argument(
        "--odd",
        choices=["trio", "rest"],
        default="trio",
        help="odd number of people: one table of three per round (default) or one "
        "person rests, fairly rotating",
    )
    p.add_argument("--out", required=True, metavar="PLAN.json", help="where to write the plan")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.set_defaults(handler=_cmd_plan)

    p = sub.add_parser(
        "check",
        help="verify a plan file against a list and print its metrics",
        description="Check every hard rule of PLAN.json against PARTICIPANTS, independently of "
        "how the plan was made, and print its metrics. Exit 0 when every rule holds, 1 when "
        "not, 2 on bad input.",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.add_argument("plan", metavar="PLAN.json", help="plan file written by `plan` or `replan`")
    p.set_defaults(handler=_cmd_check)

    p = sub.add_parser(
        "replan",
        help="re-plan after no-shows, late arrivals or substitutes",
        description="Keep rounds 1..K exactly as they happened, remove --absent people and seat "
        "--arrived people (who must be in PARTICIPANTS) from round K+1 on, changing as few "
        "later tables as possible. Exit 0 on success, 1 when no plan fits, 2 on bad input.",
    )
    p.add_argument("plan", metavar="PLAN.json", help="the current plan")
    p.add_argument(
        "--participants",
        required=True,
        metavar="PARTICIPANTS",
        help="participant list including the arrivals",
    )
    p.add_argument(
        "--after-round",
        type=int,
        required=True,
        metavar="K",
        help="rounds 1..K happened and stay exactly as they were (0 = none yet)",
    )
    p.add_argument(
        "--absent",
        type=_ids,
        default=[],
        metavar="ID[,ID...]",
        help="people who are not (or no longer) there",
    )
    p.add_argument(
        "--arrived",
        type=_ids,
        default=[],
        metavar="ID[,ID...]",
        help="people who came later (must be in PARTICIPANTS)",
    )
    p.add_argument(
        "--substitute",
        type=_substitution,
        action="append",
        default=[],
        metavar="OLD=NEW",
        help="NEW (same organisation) takes over OLD's seat",
    )
    p.add_argument(
        "--pin",
        type=_pin,
        action="append",
        default=[],
        metavar="ROUND:ID,ID[,ID]",
        help="these people sit together in that round",
    )
    p.add_argument(
        "--time-limit",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="longest computing time; default max(3, people / 60) seconds (5 s for 300); a "
        "valid plan is written even when time runs out",
    )
    p.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    p.add_argument("--out", required=True, metavar="NEW.json", help="where to write the new plan")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.set_defaults(handler=_cmd_replan)
    return parser


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _substitution(text: str) -> tuple[str, str]:
    old, sep, new = text.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise argparse.ArgumentTypeError(f"expected OLD=NEW, got {text!r}")
    return old.strip(), new.strip()


def _pin(text: str):
    from matching.replanning.replan import Pin

    number, sep, members = text.partition(":")
    ids = _ids(members)
    if not sep or not number.strip().isdigit() or not 2 <= len(ids) <= 3:
        raise argparse.ArgumentTypeError(f"expected ROUND:ID,ID[,ID], got {text!r}")
    return Pin(int(number), tuple(ids), whole_table=len(ids) == 3)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 40:
        raise argparse.ArgumentTypeError(f"rounds must be between 1 and 40, got {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not 0.5 <= value <= 3600:
        raise argparse.ArgumentTypeError("the time limit must be between 0.5 and 3600 seconds")
    return value


def _read_list(path: str):
    """The list, or None after printing every problem (the caller exits with 2)."""
    from matching.lists.participants import read_participants

    result = read_participants(path)
    for problem in result.problems:
        print(problem.located("en"), file=sys.stderr)
    if not result.ok:
        print(f"{len(result.errors)} problem(s) in the list; nothing was written.", file=sys.stderr)
        return None
    return result.participants


def read_plan_file(path: str):
    """A plan from JSON, or None after printing why not."""
    import json

    from matching.model import Plan

    try:
        with open(path, encoding="utf-8") as handle:
            return Plan.from_dict(json.load(handle))
    except FileNotFoundError:
        print(f"{path}: the plan file does not exist.", file=sys.stderr)
    except IsADirectoryError:
        print(f"{path}: is a folder, not a plan file.", file=sys.stderr)
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot be read ({error}).", file=sys.stderr)
    except json.JSONDecodeError as error:
        print(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}).", file=sys.stderr
        )
    except ValueError as error:
        print(f"{path}: {error}", file=sys.stderr)
    return None


def writable(path: str) -> bool:
    """Said before any computing: a plan that cannot be written is minutes lost."""
    import os

    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        print(f"{path}: is a folder; please give a file name such as plan.json.", file=sys.stderr)
    elif not os.path.isdir(folder):
        print(f"{path}: the folder {folder} does not exist.", file=sys.stderr)
    elif not os.access(folder, os.W_OK):
        print(f"{path}: the folder {folder} is not writable.", file=sys.stderr)
    else:
        return True
    return False


class Progress:
    """Stage and elapsed time on stderr, so a long run is never silent."""

    def __init__(self, quiet: bool) -> None:
        import time

        self.quiet, self.start, self.last = quiet, time.perf_counter(), ""

    def __call__(self, _share: float, stage: str) -> None:
        import time

        from matching.i18n import t

        if self.quiet or stage == self.last:
            return
        self.last = stage
        seconds = time.perf_counter() - self.start
        print(f"[{seconds:6.1f} s] {t(stage, 'en')}", file=sys.stderr, flush=True)


def write_plan_file(plan, path: str) -> bool:
    import json

    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(plan.to_dict(), handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as error:
        print(f"{path}: cannot write the plan ({error.strerror}).", file=sys.stderr)
        return False
    return True


def _cmd_plan(args: argparse.Namespace) -> int:
    from matching.evaluation import Metrics
    from matching.i18n import count_of
    from matching.model import OddMode
    from matching.planning.planner import PlanStatus, plan

    participants = _read_list(args.participants)
    if participants is None or not writable(args.out):
        return EXIT_BAD_INPUT
    outcome = plan(
        participants,
        args.rounds,
        odd=OddMode(args.odd),
        time_limit=args.time_limit,
        seed=args.seed,
        progress=Progress(args.quiet),
    )
    for problem in outcome.problems:
        print(problem.message("en"), file=sys.stderr)
    if outcome.status is PlanStatus.INFEASIBLE:
        print("No plan was written.", file=sys.stderr)
        return EXIT_RULES
    if not write_plan_file(outcome.plan, args.out):
        return EXIT_BAD_INPUT
    print(
        f"Plan with {count_of(len(outcome.plan.rounds), 'round', 'en')} written to {args.out} "
        f"({outcome.status.value})."
    )
    print(Metrics.from_dict(outcome.plan.metrics).lines())
    return EXIT_RULES if outcome.status is PlanStatus.FEWER_ROUNDS else EXIT_OK


def _cmd_replan(args: argparse.Namespace) -> int:
    from matching.planning.planner import PlanStatus
    from matching.replanning.replan import replan

    participants = _read_list(args.participants)
    if participants is None or not writable(args.out):
        return EXIT_BAD_INPUT
    plan = read_plan_file(args.plan)
    if plan is None:
        return EXIT_BAD_INPUT
    report = Progress(args.quiet)
    report(0.0, "progress.replan")
    outcome = replan(
        plan,
        participants,
        args.after_round,
        absent=args.absent,
        arrived=args.arrived,
        substitutes=dict(args.substitute),
        pins=args.pin,
        time_limit=args.time_limit,
        seed=args.seed,
    )
    report(1.0, "progress.done")
    for problem in outcome.problems:
        print(problem.message("en"), file=sys.stderr)
    if outcome.status is PlanStatus.INFEASIBLE:
        bad_input = any(p.code != "replan_infeasible" for p in outcome.problems)
        print("No plan was written.", file=sys.stderr)
        return EXIT_BAD_INPUT if bad_input else EXIT_RULES
    if not write_plan_file(outcome.plan, args.out):
        return EXIT_BAD_INPUT
    print(
        f"New plan written to {args.out}: {outcome.tables_kept} tables kept, "
        f"{outcome.tables_changed} changed."
    )
    if outcome.changed_people:
        print("Next table changed for: " + ", ".join(outcome.changed_people))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from matching.evaluation import check
    from matching.model import OddMode
    from matching.planning.bound import bound_for_plan

    participants = _read_list(args.participants)
    if participants is None:
        return EXIT_BAD_INPUT
    plan = read_plan_file(args.plan)
    if plan is None:
        return EXIT_BAD_INPUT
    odd = plan.extra.get("odd")
    mode = OddMode(odd) if odd in ("trio", "rest") else None
    result = check(participants, plan, mode)
    bound = bound_for_plan(participants, plan, mode).value
    metrics = result.metrics.with_bound(bound)
    for violation in result.violations:
        print(f"rule {violation.rule}: {violation.message('en')}")
    print("All hard rules hold." if result.ok else f"{len(result.violations)} rule violation(s).")
    print(metrics.lines())
    return EXIT_OK if result.ok else EXIT_RULES


def _cmd_validate(args: argparse.Namespace) -> int:
    from matching.i18n import t
    from matching.lists.participants import read_participants
    from matching.lists.recognition import recognition_lines
    from matching.lists.summary import format_summary

    result = read_participants(args.participants)
    recognised = recognition_lines(result.recognised, "en")
    if recognised:
        print(t("recognition.title", "en") + ":")
        for line in recognised:
            print(f"  {line}")
    for problem in result.problems:
        print(problem.located("en"), file=sys.stderr if not result.ok else sys.stdout)
    if not result.ok:
        print(
            f"{len(result.errors)} problem(s) found; the list cannot be planned yet.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(format_summary(result))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_RULES
