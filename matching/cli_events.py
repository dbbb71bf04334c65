"""Command-line twins of the app's event actions (event contract, "Command line"):

    python -m matching events                      # id, title, date, people, plan versions
    python -m matching links --event ID --base-url URL --out links.csv
    python -m matching retention --days N [--dry-run]
                                                   # delete events older than N days
    python -m matching hash-password               # a PAARWEISE_PASSWORD_HASH for the team
    python -m matching network PARTICIPANTS PLAN.json [--level organisation|person]
            [--after-round K] --out FILE.graphml [--json]
                                                   # the meeting network; --json: its measures
    python -m matching report PARTICIPANTS PLAN.json [--event-file EVENT.json]
            [--after-round K] [--lang de|en] --out FILE.pdf|FILE.xlsx
                                                   # the event report for organiser and funders

events and retention read the database the app uses (DATABASE_URL, default
data/paarweise.db); network reads a list and a plan file.
Exit status: 0 done, 2 bad input (message, nothing written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_event_commands(sub) -> None:
    p = sub.add_parser(
        "events",
        help="list the events in the app's database",
        description="One line per event: id, date, title, people, plan versions.",
    )
    p.set_defaults(handler=_cmd_events)

    p = sub.add_parser(
        "links",
        help="each participant's link to their own page, as CSV for mail merge",
        description="One row per participant of event ID: id, name, email, link "
        "(URL/mein-plan?code=...), the same as the app's Links tab. --base-url is the address "
        "phones use, e.g. http://192.168.1.20:8501.",
    )
    p.add_argument("--event", type=int, required=True, metavar="ID", help="event id (see events)")
    p.add_argument("--base-url", required=True, metavar="URL", help="address phones use")
    p.add_argument("--out", required=True, metavar="links.csv", help="the CSV to write")
    p.set_defaults(handler=_cmd_links)

    p = sub.add_parser(
        "retention",
        help="delete events older than N days (with all personal data)",
        description="Delete every event whose date (or, without a date, last change) is more "
        "than N days ago, with its people, plans and check-ins; the database file keeps no "
        "trace (secure delete). --dry-run only lists them.",
    )
    p.add_argument("--days", type=int, required=True, metavar="N", help="keep the last N days")
    p.add_argument("--dry-run", action="store_true", help="list, delete nothing")
    p.set_defaults(handler=_cmd_retention)

    p = sub.add_parser(
        "hash-password",
        help="print an argon2 hash of the team password (for PAARWEISE_PASSWORD_HASH)",
        description="Reads the password without showing it (or from standard input when it is "
        "not a terminal) and prints its argon2 hash.",
    )
    p.set_defaults(handler=_cmd_hash_password)

    p = sub.add_parser(
        "network",
        help="write the meeting network as GraphML and print its measures",
        description="Who talked to whom (pairs who shared a table; a table of three is three "
        "pairs) as a networkx graph of organisations (default) or people, written as GraphML: "
        "nodes with name, organisation or people, sector; edges with weight = conversations. "
        "People in the plan but no longer on the list are left out. --json prints the "
        "measures (event contract) as JSON instead of sentences. Exit 0 done, 2 bad input "
        "(message, nothing written).",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.add_argument("plan", metavar="PLAN.json", help="plan file written by `plan` or `replan`")
    p.add_argument(
        "--level",
        choices=["organisation", "person"],
        default="organisation",
        help="one node per organisation (default) or per person",
    )
    p.add_argument(
        "--after-round",
        type=int,
        default=None,
        metavar="K",
        help="count rounds 1..K only (the rounds held so far); default every planned round",
    )
    p.add_argument("--out", required=True, metavar="FILE.graphml", help="where to write it")
    p.add_argument("--json", action="store_true", help="print the measures as JSON")
    p.set_defaults(handler=_cmd_network)

    p = sub.add_parser(
        "report",
        help="write the event report (PDF or XLSX) for the organiser and the funders",
        description="The event, who took part (per sector and organisation), the rounds held, "
        "the conversations (counted as for the network), the share between sectors, the "
        "sector coverage, the network picture and the sector mixing matrix, as A4 PDF or as "
        "an XLSX workbook (chosen by the extension of --out). Exit 0 done, 2 bad input "
        "(message, nothing written).",
    )
    p.add_argument("participants", metavar="PARTICIPANTS", help="participant list, .csv or .xlsx")
    p.add_argument("plan", metavar="PLAN.json", help="plan file written by `plan` or `replan`")
    p.add_argument(
        "--event-file",
        metavar="EVENT.json",
        help="title, date, place, rounds, minutes_per_round and questions (as in "
        "data/demo/event.json); without it the report is named after the plan file",
    )
    p.add_argument(
        "--after-round",
        type=int,
        default=None,
        metavar="K",
        help="count rounds 1..K only (the rounds held so far); default every planned round",
    )
    p.add_argument("--lang", choices=["de", "en"], default="de", help="language (default de)")
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx", help="where to write it")
    p.set_defaults(handler=_cmd_report)


def _store():
    from matching.storage.store import open_store

    return open_store()


def _cmd_links(args: argparse.Namespace) -> int:
    from matching.cli import writable
    from matching.output.take_home import BaseUrlError, check_base_url, links_csv

    try:
        check_base_url(args.base_url)
    except BaseUrlError as error:
        print(f"--base-url: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not writable(args.out):
        return EXIT_BAD_INPUT
    store = _store()
    try:
        if args.event not in {e.id for e in store.list_events()}:
            print(f"No event {args.event} (see: python -m matching events).", file=sys.stderr)
            return EXIT_BAD_INPUT
        people = store.list_participants(args.event)
        text = links_csv(people, store.access_codes(args.event), args.base_url)
    finally:
        store.dispose()
    try:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        print(f"{args.out}: cannot write ({error.strerror}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{len(people)} links written to {args.out}.")
    return EXIT_OK


def _cmd_events(_args: argparse.Namespace) -> int:
    store = _store()
    try:
        for summary in store.list_events():
            versions = len(store.list_plans(summary.id))
            event = summary.event
            print(
                f"{summary.id}\t{event.date or '-'}\t{event.title}\t"
                f"{summary.participant_count} people\t{versions} plan versions"
            )
    finally:
        store.dispose()
    return EXIT_OK


def old_events(summaries, days: int, today: dt.date) -> list:
    """The events `delete_events_older_than` would delete (for --dry-run)."""
    limit = today - dt.timedelta(days=days)
    out = []
    for summary in summaries:
        try:
            day = dt.date.fromisoformat(summary.event.date) if summary.event.date else None
        except ValueError:
            day = None
        if (day or summary.updated_at.date()) < limit:
            out.append(summary)
    return out


def _cmd_retention(args: argparse.Namespace) -> int:
    if args.days < 0:
        print("--days must be 0 or more.", file=sys.stderr)
        return EXIT_BAD_INPUT
    store = _store()
    try:
        if args.dry_run:
            for summary in old_events(store.list_events(), args.days, dt.date.today()):
                print(
                    f"would delete {summary.id}\t{summary.event.date or '-'}\t{summary.event.title}"
                )
            return EXIT_OK
        deleted = store.delete_events_older_than(args.days)
    finally:
        store.dispose()
    print(f"deleted {len(deleted)} event(s): {', '.join(map(str, deleted)) or '-'}")
    return EXIT_OK


def _cmd_hash_password(_args: argparse.Namespace) -> int:
    from matching.access.login import PasswordError, hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Team password: ")
        if getpass.getpass("Again: ") != password:
            print("The two entries differ; nothing printed.", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        print(hash_password(password))
    except PasswordError:
        print("An empty password cannot be used.", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _cmd_network(args: argparse.Namespace) -> int:
    import json

    from matching.cli import _read_list, read_plan_file, writable
    from matching.network import (
        graphml_bytes,
        measures,
        missing_people,
        organisation_graph,
        person_graph,
        plain_words,
    )

    if not writable(args.out):
        return EXIT_BAD_INPUT
    participants = _read_list(args.participants)
    if participants is None:
        return EXIT_BAD_INPUT
    plan = read_plan_file(args.plan)
    if plan is None:
        return EXIT_BAD_INPUT
    if not _after_round_fits(plan, args.after_round):
        return EXIT_BAD_INPUT
    build = person_graph if args.level == "person" else organisation_graph
    graph = build(plan, participants, after_round=args.after_round)
    numbers = measures(plan, participants, after_round=args.after_round)
    missing = missing_people(plan, participants, after_round=args.after_round)
    if missing:
        print(f"Not on the list, left out of the network: {', '.join(missing)}.", file=sys.stderr)
    try:
        with open(args.out, "wb") as handle:
            handle.write(graphml_bytes(graph))
    except OSError as error:
        print(f"{args.out}: cannot write the network ({error.strerror}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(numbers, ensure_ascii=False, indent=2))
        return EXIT_OK
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    print(f"Network ({args.level} level, {nodes} nodes, {edges} edges) written to {args.out}.")
    for line in plain_words(numbers, "en"):
        print(f"  {line}")
    return EXIT_OK


REPORT_KINDS = (".pdf", ".xlsx")


def read_event_file(path: str, plan_path: str, lang: str = "de"):
    """The event of an EVENT.json (keys as in data/demo/event.json; a question may be a text
    or {"de": ..., "en": ...}), or without a path a minimal event named after the plan file;
    None after printing why not."""
    import json
    from pathlib import Path

    from matching.model import Event

    if not path:
        return Event(title=Path(plan_path).stem or "Plan")
    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
    except FileNotFoundError:
        print(f"{path}: the event file does not exist.", file=sys.stderr)
        return None
    except IsADirectoryError:
        print(f"{path}: is a folder, not an event file.", file=sys.stderr)
        return None
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot be read ({error}).", file=sys.stderr)
        return None
    except json.JSONDecodeError as error:
        print(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}).", file=sys.stderr
        )
        return None
    try:
        if not isinstance(raw, dict):
            raise ValueError("an event file holds one JSON object with title, date, place, ...")
        texts = {k: raw.get(k, "") or "" for k in ("title", "date", "place")}
        if not all(isinstance(v, str) for v in texts.values()):
            raise ValueError("title, date and place must be texts.")
        questions = raw.get("questions") or []
        if not isinstance(questions, list):
            raise ValueError("questions must be a list.")
        chosen = []
        for i, q in enumerate(questions, start=1):
            if isinstance(q, dict):
                q = q.get(lang) or q.get("de") or next(iter(q.values()), "")
            if not isinstance(q, str):
                raise ValueError(f"question {i} must be a text or {{'de': ..., 'en': ...}}.")
            if q.strip():
                chosen.append(q.strip())
        numbers = {}
        for key, default in (("rounds", 6), ("minutes_per_round", 8)):
            value = raw.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{key} must be a whole number, got {value!r}.")
            numbers[key] = value
        return Event(
            title=texts["title"].strip() or Path(plan_path).stem or "Plan",
            date=texts["date"].strip(),
            place=texts["place"].strip(),
            questions=tuple(chosen),
            **numbers,
        )
    except ValueError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return None


def _cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from matching.cli import _read_list, read_plan_file, writable
    from matching.network import missing_people
    from matching.output.report import report_data, report_pdf, report_xlsx

    kind = Path(args.out).suffix.lower()
    if kind not in REPORT_KINDS:
        given = f"not {kind}" if kind else "the name has no extension"
        print(
            f"{args.out}: a report is written as .pdf or .xlsx ({given}); nothing was written.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if not writable(args.out):
        return EXIT_BAD_INPUT
    participants = _read_list(args.participants)
    if participants is None:
        return EXIT_BAD_INPUT
    plan = read_plan_file(args.plan)
    if plan is None:
        return EXIT_BAD_INPUT
    event = read_event_file(args.event_file, args.plan, args.lang)
    if event is None:
        return EXIT_BAD_INPUT
    if not _after_round_fits(plan, args.after_round):
        return EXIT_BAD_INPUT
    missing = missing_people(plan, participants, after_round=args.after_round)
    if missing:
        print(f"Not on the list, left out of the report: {', '.join(missing)}.", file=sys.stderr)
    make = report_pdf if kind == ".pdf" else report_xlsx
    content = make(event, plan, participants, lang=args.lang, after_round=args.after_round)
    try:
        with open(args.out, "wb") as handle:
            handle.write(content)
    except OSError as error:
        print(f"{args.out}: cannot write the report ({error.strerror}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    data = report_data(event, plan, participants, after_round=args.after_round, picture=False)
    print(
        f"Report written to {args.out}: {data.people} people, {data.conversations} "
        f"conversations, {data.rounds_held} of {data.rounds_planned} rounds."
    )
    return EXIT_OK


def _after_round_fits(plan, after_round: int | None) -> bool:
    """--after-round of `network` and `report`: none, or a round of the plan (0 = before
    the first); else say so on stderr."""
    last = max((r.number for r in plan.rounds), default=0)
    if after_round is None or 0 <= after_round <= last:
        return True
    print(
        f"--after-round must be between 0 and {last} (the plan's last round), "
        f"got {after_round}; nothing was written.",
        file=sys.stderr,
    )
    return False
