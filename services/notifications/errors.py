"""What the notifications service refuses: domain errors, mapped to HTTP once, in app.py."""

from __future__ import annotations


class NotFound(LookupError):  # noqa: N818 - the domain's word, as HTTP's 404
    """No such notification, or one of somebody else's (whose existence does not leak)."""


class Forbidden(PermissionError):  # noqa: N818 - the domain's word, as HTTP's 403
    """The reader may not see this (the admin's view of failed deliveries)."""


class UnknownKind(ValueError):  # noqa: N818 - a refusal, named for what is refused
    """No kind of notice has this name."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class MandatoryNotice(ValueError):  # noqa: N818 - a refusal, named for what is refused
    """A mandatory notice cannot be turned off."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class InvalidToken(ValueError):  # noqa: N818 - a refusal, named for what is refused
    """An unsubscribe link that was not signed here, or names nothing."""
