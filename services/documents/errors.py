"""What the documents service refuses or fails at: domain errors, mapped to HTTP once, in app.py."""

from __future__ import annotations


class NotFound(LookupError):  # noqa: N818 - the domain's word, as HTTP's 404
    """No such document or job, or one the reader may not know exists."""


class Forbidden(PermissionError):  # noqa: N818 - the domain's word, as HTTP's 403
    """The reader may not do this (an admin's action asked by someone else)."""


class AlreadyRevoked(RuntimeError):  # noqa: N818 - the domain's word, as HTTP's 409
    """The document was revoked already (by another request a moment before, perhaps)."""


class RenderError(RuntimeError):
    """The document could not be rendered: a refused URL, a template error, or a limit."""


class RenderTimeoutError(RenderError):
    """The render ran past its time limit and its process was killed."""


class RenderMemoryError(RenderError):
    """The render needed more memory than its ceiling allows."""
