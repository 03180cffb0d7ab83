"""The notes under docs/benchmarks.md's figures: how to read them, and what each change to the
system did to them, measured (the commands are in each note). bench/report.py prints them."""

from __future__ import annotations

NOTES = (
    "Intake: the client keeps 32 requests in flight against 3 sync gunicorn workers, so by "
    "Little's law every request waits for about 32 / throughput seconds: p99 < 100 ms at 32 "
    "clients needs more than 320 requests per second from the three workers.",
    "Intake: the submit is measured on drafts the create measure made; only the web runs (no "
    "workers, no relay), so each line is the request's own cost, and with both cores busy the "
    "ratios follow the CPU column (the web's CPU per request: gunicorn's master and workers). "
    "The bare endpoint parses the JSON and inserts one row. GET /api/v1/me is SIPINDA's floor: "
    "the same middleware (log line, metrics, security headers) and authentication (the signed "
    "token, the ended-sessions check in Redis, the account's row), no work of its own. A draft "
    "is the lightest authenticated write (validation, one row). A submit checks the owner and "
    "the team, counts the rate limit (Redis), claims the proposal with a conditional update "
    "that returns the row it freezes, and writes the version, the timeline and two events with "
    "their deliveries: 9 statements in one transaction (15 before 2026-11-29).",
    "Intake, why the ratio goal is out of reach: 0.5× allows a submit about twice the bare "
    "endpoint's CPU per request. Authentication alone (/me) takes about 1.5 times it (0.69× to "
    "0.79× in the runs of 2026-11-29 evening), which leaves the submit's own reads and its "
    "transaction of 9 statements less CPU than the bare endpoint's whole request, one insert, "
    "takes; even the draft, one row, stays below (0.39× to 0.46×). The same command on "
    "PostgreSQL that evening (`DATABASE_URL=postgresql://… python -m bench.intake --requests "
    "2000`): bare 1,614 req/s at 0.70 ms of CPU, /me 0.79× (1.02 ms), draft 0.39× (2.04 ms), "
    "submit 0.21× (4.15 ms, p99 124 ms). Earlier that day, on machines 1.5 to 4 times slower "
    "(bare endpoint 529 to 1,039 req/s on SQLite), the submit measured 0.18× to 0.26× on SQLite "
    "and PostgreSQL, p99 236 to 413 ms.",
    "Memory: RSS counts the pages a forked Celery child shares with its parent once per process, "
    "so a kind's total overstates what it takes; the largest single process is the figure to "
    "size a machine by.",
    "Pipeline: the submit time is `proposals.submitted_at` (the submit transaction) and the end "
    "the last `notifications.sent_at` of the proposal, both from the databases. The peak queue "
    "lengths show where proposals wait: the documents queue (one render process, as in "
    "docker-compose.yml) fills first.",
    "Pipeline, what made the goals (`python -m bench.pipeline --steady 90 --burst 150`, "
    "2026-11-29): the single render process is the bottleneck. Without libharfbuzz-subset0 "
    "WeasyPrint subsets fonts with fontTools: 2.7 s of documents CPU per proposal, steady p95 63 "
    "s, burst 0.52 proposals/s (60 + 150). With it: 0.91 s, p95 7.8 s, 1.29/s. Then two fixes "
    "found with py-spy in the documents worker: cffi parsed a new C type for every font subset in"
    " every render child (11 % of its CPU; now built from cffi's type cache, "
    "services/documents/weasy.py) and WeasyPrint drew the QR's SVG path in Python (a tenth of a "
    "letter; now a PNG printed without smoothing): 0.60 s, p95 0.70 s, 2.03/s. A second render "
    "process (`--documents-concurrency 2`) did worse on two cores (1.38/s, more CPU per "
    "proposal), so docker-compose.yml keeps one.",
    "Pipeline, redelivery: the relay sends a delivery again while it is unconfirmed after "
    "OUTBOX_REDELIVER_AFTER (60 s, docker-compose.yml), then after 120, 240, 480 and at most 600 "
    "s, but not while its consumer's queue holds more than 100 messages (shared/relay.py, "
    "BACKLOG_LIMIT, since 2026-11-29): the first copy is then most likely still there. In the "
    "run of the same sizes before that change (2026-11-29 10:51 UTC, a machine about 1.5 times "
    "slower) the documents queue peaked near 18,000 messages for 1,000 proposals and 7,179 "
    "deliveries were still unconfirmed when the last mail went (handled, their confirmations "
    "queued behind copies); in the run above it peaked at 12,975 (its events, the confirmations "
    "of its own document.ready, and fewer copies) and none was left unconfirmed. Consumers drop "
    "copies through their inbox, so nothing is done twice either way.",
    "PDF against bare WeasyPrint (issue 25 goal 1, 2026-12-05, `python -m bench.pdf`, a machine "
    "shared with seven other sessions, so every time is inflated and noisy; the ratios are from "
    "one interleaved run): the old base rendered the dossier's HTML without the house stylesheet "
    "and its @font-face fonts, i.e. a different, lighter document (WeasyPrint's default look). "
    "Given the same HTML, stylesheet and fonts (parsed and loaded once), bare WeasyPrint is no "
    "faster than SIPINDA: before the change to the base the same run measured in process 2.05× "
    "and in the worker 2.31× of the unstyled base (the 1.95× and 2.81× of 2026-11-29); against "
    "the styled base, in process 0.59×-0.82× and in the worker 0.73×-1.01× (noise between "
    "rounds is larger than the gap). py-spy (`py-spy record -r 50 -f raw` on eight in-process "
    "renders): all of a render's time is WeasyPrint's layout (HTML.render, about 60 %) and "
    "write_pdf (about 40 %); the PDF/A variant, the JSON attachment, the QR PNG and font loading "
    "(once per process) do not show. The forked child's extra is within the noise (-0.18 s to "
    "+0.22 s per document across the 2026-11-29 run and these).",
    "Evaluators: the demo seed has a handful; the pipeline adds enough (max load 10 each) for "
    "K = 3 per proposal, straight into review's table (no identity accounts).",
    "Lists (issue 25 goal 5, 2026-12-05, `.venv/bin/python -m bench.lists`, 20,000 proposals in "
    "SQLite, in process through Flask's test client, CPU time per request, median of 30; a "
    "machine shared with other sessions, load average about 8): the admin's proposal list, page 1"
    " 10.1 ms (6.2× a bare SELECT … LIMIT 50 of the same rows, 1.64 ms), page 399 10.8 ms (4.9× "
    "the bare OFFSET 19900, 2.20 ms), filtered by status and searched by title 26.6 ms; the JSON "
    "API 7.7 ms page 1, 7.6 ms page 399; the slowest request 34.7 ms: goal (< 100 ms a page) met."
    " Before, on main the same command measured 246 ms for the page (500 rows, no pages, the rest"
    " never shown) and 246 ms for the API; with pages but neither the index on proposals "
    "(updated_at, id) nor the keys-first page read, 113 ms page 1 and 296 ms page 399: SQLite "
    "sorted and skipped whole rows (their sections) for every request.",
)
