"""Submission's texts in Bahasa Indonesia and English: the proposal's life, and the pages'."""

from services.submission.messages.domain import MESSAGES as DOMAIN
from services.submission.messages.ui import MESSAGES as UI

MESSAGES: dict[str, dict[str, str]] = {**DOMAIN, **UI}
