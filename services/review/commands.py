"""The review service's commands: `sipinda assign` solves an assignment problem from a file;
`sipinda import-evaluators` loads the evaluator registry from CSV/XLSX (a dry run unless
`--apply`)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from services.review.matching import problem_from_json, solve


def cmd_assign(args: argparse.Namespace) -> int:
    """Read the problem, solve it to optimality, write the result; exit 1 when infeasible."""
    try:
        data = json.loads(Path(args.input).read_text(encoding="utf-8"))
        problem = problem_from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"sipinda assign: masukan tidak valid: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = solve(problem)
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = result.to_json()
    text = json.dumps(out, ensure_ascii=False, indent=None if args.compact else 1)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    print(
        f"sipinda assign: {result.status}, objective {result.objective:.6f}, "
        f"{len(result.assignments)} assignments in {elapsed:.2f} s. {result.message}",
        file=sys.stderr,
    )
    return 0 if result.status == "optimal" else 1


def cmd_import_evaluators(args: argparse.Namespace) -> int:
    """Check every row and print what would change; with `--apply`, write it (all or nothing).
    Each evaluator needs an account (the identity user with that e-mail)."""
    from services.identity.accounts import find_user_by_email
    from services.review import operations, queries
    from services.review.models import Evaluator
    from services.review.registry_import import parse, read_table
    from shared import runtime

    try:
        records = read_table(Path(args.file))
    except (OSError, ValueError) as exc:
        print(f"sipinda import-evaluators: berkas tidak dapat dibaca: {exc}", file=sys.stderr)
        return 2
    with runtime.database("review").session() as s:
        agencies = set(queries.agency_parents(s))
    parsed = parse(records, agencies)
    ids: dict[str, int] = {}
    with runtime.database("identity").session() as s:
        for row in parsed.rows:
            user = find_user_by_email(s, row.email)
            if user is None:
                parsed.errors.append((row.line, f"akun tidak ditemukan / no account: {row.email}"))
            else:
                ids[row.email] = user.id
    for line, message in sorted(parsed.errors):
        print(f"baris {line}: {message}", file=sys.stderr)
    ready = [r for r in parsed.rows if r.email in ids]
    if parsed.errors:
        print(f"{len(parsed.errors)} baris bermasalah; tidak ada yang disimpan", file=sys.stderr)
        return 1
    with runtime.database("review").session() as s:
        new = sum(1 for r in ready if s.get(Evaluator, ids[r.email]) is None)
        if args.apply:
            for r in ready:
                operations.upsert_evaluator(
                    s, id=ids[r.email], name=r.name, email=r.email, kind=r.kind,
                    opd_code=r.opd_code, language=r.language, min_load=r.min_load,
                    max_load=r.max_load, active=r.active, topics=r.topics, expertise=r.expertise,
                )  # fmt: skip
    verb = "disimpan" if args.apply else "akan disimpan (uji coba; tambahkan --apply)"
    print(f"{len(ready)} evaluator {verb}: {new} baru, {len(ready) - new} diperbarui")
    return 0


def cmd_review_scan(args: argparse.Namespace) -> int:
    """Send the due reminders and release the overdue reviews once (what the beat runs every
    few minutes; also usable from cron)."""
    from services.review import operations
    from shared import runtime
    from shared.outbox import utcnow

    k = runtime.settings().evaluators_per_proposal
    with runtime.database("review").session() as s:
        reminded = operations.send_reminders(s, utcnow(), k)
        released = operations.release_overdue(s, utcnow(), k)
        waiting = operations.assign_waiting(s, k)
    print(
        f"review-scan: {reminded} pengingat, {released} penilaian terlambat dialihkan, "
        f"{waiting} proposal menunggu kini mendapat evaluator"
    )
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("assign", help="solve a reviewer assignment problem (JSON in, JSON out)")
    p.add_argument("--input", required=True, help="problem.json")
    p.add_argument("--output", default="-", help="result.json, or - for standard output")
    p.add_argument("--compact", action="store_true", help="one line of JSON")
    p.set_defaults(fn=cmd_assign)
    imp = sub.add_parser("import-evaluators", help="load evaluators from CSV/XLSX (dry run)")
    imp.add_argument("file", help="evaluators.csv or evaluators.xlsx")
    imp.add_argument("--apply", action="store_true", help="write; without it only check")
    imp.set_defaults(fn=cmd_import_evaluators)
    scan = sub.add_parser("review-scan", help="send review reminders, release overdue reviews")
    scan.set_defaults(fn=cmd_review_scan)
