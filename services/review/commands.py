"""The review service's commands: `sipinda assign` solves an assignment problem from a file."""

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


def register(sub: Any) -> None:
    p = sub.add_parser("assign", help="solve a reviewer assignment problem (JSON in, JSON out)")
    p.add_argument("--input", required=True, help="problem.json")
    p.add_argument("--output", default="-", help="result.json, or - for standard output")
    p.add_argument("--compact", action="store_true", help="one line of JSON")
    p.set_defaults(fn=cmd_assign)
