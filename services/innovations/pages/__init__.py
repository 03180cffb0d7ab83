"""The innovations service's HTML pages, one module per part (registry, reports, monitoring, IID,
catalogue); each adds its blueprint in `app.py`."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = str(Path(__file__).resolve().parent.parent / "templates")
