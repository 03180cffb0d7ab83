"""`sipinda import agencies|users|evaluators FILE [--dry-run]`: from CSV or XLSX; and
`sipinda create-admin EMAIL`: the first administrator of a new installation.

It lives in the composition root because an import also updates the review service's
evaluators, as `sipinda seed` does; the agencies and accounts reach every service by identity's
events, delivered in-process at the end (a relay, when it runs, finds them confirmed).
Exit codes: 0 imported (or the dry run found nothing wrong), 1 bad rows (nothing imported),
2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from services.identity import imports
from services.identity.imports import ImportFileError, Report
from services.platform.registry import deliver
from shared import runtime


def _print_report(kind: str, report: Report, dry_run: bool) -> None:
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    if report.problems:
        print(
            f"sipinda import {kind}: {len(report.problems)} masalah; tidak ada yang diimpor "
            f"/ {len(report.problems)} problem(s); nothing imported",
            file=sys.stderr,
        )
        return
    s = report.summary
    verb = "akan" if dry_run else "telah"
    print(
        f"sipinda import {kind}{' (uji coba / dry run)' if dry_run else ''}: "
        f"{s.created} baru, {s.updated} diubah, {s.unchanged} tetap ({verb} ditulis) / "
        f"{s.created} new, {s.updated} changed, {s.unchanged} unchanged"
    )


def cmd_import(args: argparse.Namespace) -> int:
    from services.review import evaluators as review_ops

    if args.kind == "evaluators":  # the registry (topics, expertise, loads) is review's own
        from services.review.commands import cmd_import_evaluators

        return cmd_import_evaluators(argparse.Namespace(file=args.file, apply=not args.dry_run))

    try:
        table = imports.read_table(Path(args.file))
    except ImportFileError as exc:
        print(f"sipinda import {args.kind}: {exc}", file=sys.stderr)
        return 2
    if args.kind == "agencies":
        with runtime.database("identity").session() as s:
            report, _ = imports.import_agencies(s, table, dry_run=args.dry_run)
    else:
        with runtime.database("identity").session() as s:
            report, user_rows = imports.import_users(s, table, dry_run=args.dry_run)
            ids = imports.user_ids(s, (r.email for r in user_rows)) if report.written else {}
        evaluators = [r for r in user_rows if r.evaluator_kind is not None and r.email in ids]
        if evaluators:
            with runtime.database("review").session() as s:
                for row in evaluators:
                    assert row.evaluator_kind is not None
                    review_ops.upsert_evaluator(
                        s,
                        id=ids[row.email],
                        name=row.name,
                        email=row.email,
                        kind=row.evaluator_kind,
                        opd_code=row.opd_code,
                        language=row.language,
                        active=row.active,
                    )
    if report.written:
        deliver(("identity",))
    _print_report(args.kind, report, args.dry_run)
    return 0 if report.ok else 1


def cmd_create_admin(args: argparse.Namespace) -> int:
    """Create the administrator (or make an existing account one, active again). The password
    is read from standard input (one line: `--password-stdin`) or asked twice at a terminal,
    never taken from the command line, where `ps` and the shell's history would show it."""
    from services.identity import accounts
    from services.identity.reset import password_problem
    from shared.web.i18n import translate_in

    email = accounts.normal(args.email)
    if "@" not in email or " " in email:
        print(f"sipinda create-admin: bukan alamat surel / not an e-mail address: {args.email!r}",
              file=sys.stderr)  # fmt: skip
        return 2
    password = _password(args.password_stdin)
    if password is None:
        return 2
    problem = password_problem(password, email)
    if problem is not None:
        words = " / ".join(translate_in(lang, problem) for lang in ("id", "en"))
        print(f"sipinda create-admin: {words}", file=sys.stderr)
        return 2
    with runtime.database("identity").session() as s:
        user, created = accounts.ensure_user(
            s, email=email, name=args.name or email.split("@")[0], role="admin",
            password=password, opd_code=args.agency,
        )  # fmt: skip
        if not created:
            accounts.update_account(s, user, role="admin", active=True)
            accounts.set_password(s, user, password)
    deliver(("identity",))
    done = "dibuat / created" if created else "dijadikan admin / made an administrator"
    print(f"sipinda create-admin: {email} {done}")
    return 0


def _password(from_stdin: bool) -> str | None:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        print("sipinda create-admin: beri kata sandi lewat --password-stdin / give the password "
              "with --password-stdin", file=sys.stderr)  # fmt: skip
        return None
    first = getpass.getpass("Kata sandi / Password: ")
    if first != getpass.getpass("Ulangi / Again: "):
        print("sipinda create-admin: kata sandi tidak sama / the passwords differ",
              file=sys.stderr)  # fmt: skip
        return None
    return first


def register(sub: Any) -> None:
    a = sub.add_parser("create-admin", help="create the first administrator (or make one)")
    a.add_argument("email")
    a.add_argument("--name", help="the name shown (default: the address's local part)")
    a.add_argument("--agency", default=None, help="the agency code (e.g. bappedalitbang)")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input (one line)")  # fmt: skip
    a.set_defaults(fn=cmd_create_admin)
    p = sub.add_parser("import", help="import agencies, users or evaluators from CSV/XLSX")
    p.add_argument("kind", choices=("agencies", "users", "evaluators"))
    p.add_argument("file", help="a .csv (UTF-8) or .xlsx file with a header row")
    p.add_argument(
        "--dry-run", action="store_true", help="check every row and report; write nothing"
    )
    p.set_defaults(fn=cmd_import)
