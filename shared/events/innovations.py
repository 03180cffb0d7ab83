"""Contracts produced by innovations: an innovation's stages, progress reports and their
reminders, monitoring visits, the IID. Each names its producer and consumers; each is added to
`routing.py` (CONTRACTS and SUBSCRIBERS) and exported from `shared/events/__init__.py`."""

from __future__ import annotations
