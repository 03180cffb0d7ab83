"""`make bench`: every benchmark, printed as one report (figures, ratios against baselines
measured in the same run, goals met or not) and written to docs/benchmarks.md.

    .venv/bin/python -m bench                                   # everything, the issue's sizes
    .venv/bin/python -m bench --steady 30 --burst 50 --letter-delay 10   # a quicker pipeline
    .venv/bin/python -m bench --pipeline-result result.json     # the pipeline from a saved run
                                                                # (python -m bench.pipeline --save)
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

import structlog

from bench import (
    assign,
    embedded_memory,
    install_vs_run,
    intake,
    lists,
    notifications_burst,
    outbox,
    pdf,
    pipeline,
    report,
)


def main() -> None:
    parser = argparse.ArgumentParser(description="SIPINDA benchmarks")
    parser.add_argument("--steady", type=int, default=pipeline.STEADY)
    parser.add_argument("--burst", type=int, default=pipeline.BURST)
    parser.add_argument("--requests", type=int, default=intake.REQUESTS)
    parser.add_argument(
        "--letter-delay", type=float, default=pipeline.LETTER_DELAY,
        help="seconds a letter of assignment gathers assignments (600 as deployed; the pipeline "
        "waits for the last letter's mail)",
    )  # fmt: skip
    parser.add_argument("--pipeline-result", type=Path, help="JSON from bench.pipeline --save")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["outbox", "pdf", "assign", "notifications", "lists", "memory", "first-start"],
        help="leave out one of the component benchmarks (repeatable)",
    )
    args = parser.parse_args()
    logging.disable(logging.INFO)  # the services' own info lines (relay: "event sent", …)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    started, load_before = report.now(), report.load_average()
    print("SIPINDA benchmarks (ratios are against a baseline measured in the same run)\n")
    lines: list[str] = []

    def show(new: list[str]) -> None:
        lines.extend(new)
        print("\n".join(new), flush=True)

    components = {
        "outbox": outbox.run, "pdf": pdf.run, "assign": assign.run,
        "notifications": notifications_burst.run, "lists": lists.run,
    }  # fmt: skip
    for name, run in components.items():
        if name not in args.skip:
            show(run())
    more: list[report.Figure] = []
    if "memory" not in args.skip:
        memory = embedded_memory.measure(settle=25.0)
        show([*memory.lines(), ""])
        more.append(report.embedded_figure(memory.pss_mb, memory.processes))
    if "first-start" not in args.skip:
        start = install_vs_run.measure()
        show([*start.lines(), ""])
        more.append(report.first_start_figure(start.pip_seconds, start.make_run_seconds))
    measured = intake.measure(args.requests)
    show(measured.lines())
    also = ""
    if args.pipeline_result:
        saved: dict[str, Any] = json.loads(args.pipeline_result.read_text())
        steady, burst = saved["figures"]["steady"]["count"], saved["figures"]["burst"]["count"]
        smtp_rate = saved["figures"].get("smtp_rate")
        pace = f"--smtp-rate {smtp_rate:g} " if smtp_rate else ""
        also = (
            f".venv/bin/python -m bench.pipeline --steady {steady} --burst {burst} {pace}"
            f"--save {args.pipeline_result}"
        )
        show([*saved["lines"][:-1], f"  (figures saved by an earlier run: {also})", ""])
    else:
        saved = pipeline.measure(args.steady, args.burst, letter_delay=args.letter_delay).summary()
        show(saved["lines"])
    figures = [
        *report.intake_figures(measured), *report.pipeline_figures(saved["figures"]), *more,
    ]  # fmt: skip
    print("\n".join(report.table(figures)))
    if not args.no_write:
        loads = (load_before, report.load_average())
        pace = saved["figures"].get("smtp_rate")
        written = report.write(figures, lines, started, loads, also, pace)
        print(f"\nwritten to {written}")


if __name__ == "__main__":
    main()
