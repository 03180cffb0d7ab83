"""Review's domain errors: what an action refuses, with the message key to show; never HTTP.

`app.py` maps each kind to its HTTP answer once; pages that show a refusal on the page catch
`Refused` themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any


class ReviewError(Exception):
    """A refused review action; `key` is the message to show, `values` fill it in."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values: dict[str, Any] = values


class NotFound(ReviewError):  # noqa: N818 - named for what happened, as the issue names them
    """The object does not exist, or the reader may not know it does (ids reveal nothing)."""

    def __init__(self, key: str = "error.not_found", **values: Any) -> None:
        super().__init__(key, **values)


class Forbidden(ReviewError):  # noqa: N818 - as NotFound
    """The reader may see the object but not do this; `code` is the stable error code."""

    def __init__(self, key: str = "error.forbidden", code: str = "forbidden", **values: Any):
        super().__init__(key, **values)
        self.code = code


class Refused(ReviewError):  # noqa: N818 - as NotFound
    """The action does not fit its input or the object's state: nothing was changed."""


class Invalid(Refused):
    """The input is wrong; `problems` names each bad field (field → message key and values)."""

    def __init__(
        self,
        key: str,
        problems: Mapping[str, tuple[str, Mapping[str, Any]]] | None = None,
        **values: Any,
    ) -> None:
        super().__init__(key, **values)
        self.problems: dict[str, tuple[str, Mapping[str, Any]]] = dict(problems or {})


class TransitionRefused(Refused):
    """The object's state does not allow the action (a review no longer open, a stale plan)."""


@contextmanager
def refusals_as_invalid() -> Iterator[None]:
    """Report a refused transition as invalid input, for the forms that always answered so."""
    try:
        yield
    except TransitionRefused as exc:
        raise Invalid(exc.key, **exc.values) from exc
