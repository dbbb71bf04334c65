"""`python -m matching print` (event contract, "Command line"): the printables of a plan.

    python -m matching print PARTICIPANTS PLAN.json --what cards|signs|runsheet|badges
            [--links links.csv] [--event-file EVENT.json] [--start HH:MM] [--lang de|en]
            --out FILE.pdf

--links is the CSV of `python -m matching links` / the app's Links tab (columns id, ..., link):
each card then carries a QR code of its person's link. Exit 0 done, 2 bad input (message,
nothing written).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys

EXIT_OK, EXIT_BAD_INPUT = 0, 2
WHAT = ("cards", "signs", "runsheet", "badges")


def add_print_command(sub) -> None:
    p = sub.add_parser(
        "print",
        help="printables of a plan as PDF: personal cards, table signs, run sheet, name badges",
        description="Write one kind of printable for PLAN.json as a PDF (A4; cards are A6, four "
        "per page with cutting marks). Exit 0 done, 2 bad input (message, nothing written).",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.add_argument("plan", metavar="PLAN.json", help="plan file written by `plan` or `replan`")
    p.add_argument("--what", required=True, choices=WHAT, help="which printable")
    p.add_argument("--links", metavar="LINKS.csv", help="links CSV: a QR code on each card")
    p.add_argument("--event-file", metavar="EVENT.json", help="title, date, place, questions")
    p.add_argument("--start", metavar="HH:MM", help="start time: clock times on cards/run sheet")
    p.add_argument("--lang", choices=("de", "en"), default="de", help="language (default de)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.set_defaults(handler=_cmd_print)


def read_links(path: str) -> dict[str, str] | None:
    """{person id: link} from a links CSV (`;` or `,`, UTF-8 with or without BOM)."""
    try:
        text = open(path, encoding="utf-8-sig").read()  # noqa: SIM115
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read the links file ({error}).", file=sys.stderr)
        return None
    dialect = ";" if text.count(";") >= text.count(",") else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=dialect))
    if not rows or not {"id", "link"} <= set(rows[0]):
        print(f"{path}: a links file needs the columns id and link.", file=sys.stderr)
        return None
    return {row["id"].strip(): row["link"].strip() for row in rows if row.get("link")}


def _cmd_print(args: argparse.Namespace) -> int:
    from matching.cli import _read_list, read_plan_file, writable
    from matching.cli_events import read_event_file
    from matching.output import printables

    if not args.out.lower().endswith(".pdf"):
        print(f"{args.out}: printables are written as .pdf; nothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.start and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", args.start):
        print(f"--start must be a time like 09:30, got {args.start!r}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not writable(args.out):
        return EXIT_BAD_INPUT
    participants = _read_list(args.participants)
    plan = read_plan_file(args.plan) if participants is not None else None
    event = read_event_file(args.event_file, args.plan, args.lang) if plan is not None else None
    links = read_links(args.links) if args.links and event is not None else {}
    if participants is None or plan is None or event is None or links is None:
        return EXIT_BAD_INPUT
    people = list(participants)
    if args.what == "cards":
        data = printables.cards_pdf(
            event, plan, people, lang=args.lang, links=links, start_time=args.start
        )
    elif args.what == "signs":
        data = printables.table_signs_pdf(event, plan, lang=args.lang, participants=people)
    elif args.what == "runsheet":
        data = printables.run_sheet_pdf(
            event, plan, people, lang=args.lang, start_time=args.start or "09:00"
        )
    else:
        data = printables.badges_pdf(people, event, lang=args.lang)
    try:
        with open(args.out, "wb") as handle:
            handle.write(data)
    except OSError as error:
        print(f"{args.out}: cannot write ({error.strerror}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.what} written to {args.out}.")
    return EXIT_OK
