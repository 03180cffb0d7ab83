"""Review's HTML pages, without JavaScript: the evaluator's (`evaluator.py`) and the admin's
(`admin.py`). Each parses the form, calls the application layer and renders."""

from __future__ import annotations

from pathlib import Path

from services.review.errors import Invalid
from shared.web.i18n import translate

TEMPLATES = str(Path(__file__).resolve().parent.parent / "templates")


def problems(exc: Invalid) -> dict[str, str]:
    """Each bad field's message, in the reader's language."""
    return {name: translate(key, **values) for name, (key, values) in exc.problems.items()}
