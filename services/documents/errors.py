"""What the documents service refuses or fails at: domain errors, mapped to HTTP once, in app.py."""

from __future__ import annotations

from shared.transient import TransientError


class NotFound(LookupError):  # noqa: N818 - the domain's word, as HTTP's 404
    """No such document or job, or one the reader may not know exists."""


class UnknownCode(NotFound):
    """No document has this verification code (mistyped, or not one of ours): a 404 that says
    so to the public, who typed it, rather than a bare "not found"."""


class Forbidden(PermissionError):  # noqa: N818 - the domain's word, as HTTP's 403
    """The reader may not do this (an admin's action asked by someone else)."""


class AlreadyRevoked(RuntimeError):  # noqa: N818 - the domain's word, as HTTP's 409
    """The document was revoked already (by another request a moment before, perhaps)."""


class RenderError(RuntimeError):
    """The document cannot be rendered from this input: a refused URL, a template error, or a
    limit. Permanent: rendering it again would fail the same way."""


class RenderTimeoutError(RenderError):
    """The render ran past its time limit and its process was killed."""


class RenderMemoryError(RenderError):
    """The render needed more memory than its ceiling allows."""


class RendererDiedError(TransientError):
    """The render process was killed from outside (a worker stopped, the kernel's OOM killer, a
    chaos test) before it answered: nothing is wrong with the input, so the work is retried."""
