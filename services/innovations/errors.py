"""The innovations service's domain errors: what an action refuses and the message key to show;
never HTTP (`app.py` maps each kind once)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class InnovationsError(Exception):
    """A refused action; `key` is the message to show, `values` fill it in."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values: dict[str, Any] = values


class NotFound(InnovationsError):  # noqa: N818 - named for what happened
    """The object does not exist, or the reader may not know it does."""

    def __init__(self, key: str = "error.not_found", **values: Any) -> None:
        super().__init__(key, **values)


class Forbidden(InnovationsError):  # noqa: N818 - as NotFound
    """The reader may not do this."""

    def __init__(self, key: str = "error.forbidden", **values: Any) -> None:
        super().__init__(key, **values)


class Invalid(InnovationsError):  # noqa: N818 - as NotFound
    """The input is wrong; `problems` names each bad field (field → message key and values)."""

    def __init__(
        self,
        key: str = "error.validation",
        problems: Mapping[str, tuple[str, Mapping[str, Any]]] | None = None,
        **values: Any,
    ) -> None:
        super().__init__(key, **values)
        self.problems: dict[str, tuple[str, Mapping[str, Any]]] = dict(problems or {})


class TransitionRefused(InnovationsError):  # noqa: N818 - as NotFound
    """The object's state does not allow the action: nothing was changed."""
