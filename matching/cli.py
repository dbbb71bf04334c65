"""Command line of the core, fixed by the planner contract.

    python -m matching validate PARTICIPANTS
    python -m matching plan PARTICIPANTS --rounds R [--time-limit S] [--seed N]
                            [--odd trio|rest] --out PLAN.json
    python -m matching replan PLAN.json --participants P --after-round K
                            [--absent IDS] [--arrived IDS] --out NEW.json
    python -m matching check PARTICIPANTS PLAN.json

Exit status: 0 success, 1 rules cannot all be met, 2 bad input (message, nothing written).
No traceback ever reaches the user: every expected failure is a message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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

    p = sub.add_parser(
        "validate",
        help="read a participant list and report what it found or every problem",
        description="Read a participant list (.csv or .xlsx) and print a summary "
        "(people per sector, organisations with several people, warnings) or every problem "
        "with file, row and column. Exit 0 when the list can be planned, 2 when not.",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.set_defaults(handler=_cmd_validate)
    return parser


def _cmd_validate(args: argparse.Namespace) -> int:
    from matching.participants import format_summary, read_participants

    result = read_participants(args.participants)
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
