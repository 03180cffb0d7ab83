"""Every environment variable the code reads is documented for operators."""

from __future__ import annotations

import re
from pathlib import Path

from shared.config import DATABASES

ROOT = Path(__file__).resolve().parents[3]
READS = re.compile(r"""(?:env|environ)(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""")
# Read by the code but not settings of a deployment.
INTERNAL = {"SOURCE_DATE_EPOCH"}  # set and restored by the renderer itself (reproducible fonts)


def variables_read() -> set[str]:
    found: set[str] = set()
    for path in [*ROOT.glob("shared/**/*.py"), *ROOT.glob("services/**/*.py")]:
        found |= set(READS.findall(path.read_text()))
    found |= {f"{name.upper()}_DATABASE_URL" for name in DATABASES}
    return found - INTERNAL


def test_the_scan_finds_the_core_settings() -> None:
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SMTP_URL"} <= variables_read()


def test_every_variable_is_in_env_example_and_the_readme() -> None:
    example = (ROOT / "deploy" / "env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    missing_example = sorted(v for v in variables_read() if v not in example)
    missing_readme = sorted(v for v in variables_read() if v not in readme)
    assert missing_example == [], f"document these in deploy/env.example: {missing_example}"
    assert missing_readme == [], f"document these in README.md: {missing_readme}"
