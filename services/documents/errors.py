"""Why a document could not be rendered."""

from __future__ import annotations


class RenderError(RuntimeError):
    """The document could not be rendered: a refused URL, a template error, or a limit."""


class RenderTimeoutError(RenderError):
    """The render ran past its time limit and its process was killed."""


class RenderMemoryError(RenderError):
    """The render needed more memory than its ceiling allows."""
