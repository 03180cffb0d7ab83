"""The review web tests' call: its evaluators invited and accepted, once per module."""

from __future__ import annotations

from tests.support.review import emails

__all__ = ["emails"]
