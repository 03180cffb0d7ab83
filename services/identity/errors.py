"""Identity's domain errors; `app.py` maps them to HTTP once."""

from __future__ import annotations


class IdentityError(Exception):
    """A refusal with a stable code and the key of its message."""

    code = "identity"
    message_key = "error.bad_request"

    def __init__(self) -> None:
        super().__init__(self.code)


class BadCredentialsError(IdentityError):
    """A wrong password or an unknown e-mail: one answer for both."""

    code = "bad_credentials"
    message_key = "error.bad_credentials"


class AccountLockedError(IdentityError):
    """Too many failed sign-ins for this address; `retry_after` seconds remain."""

    code = "locked"
    message_key = "account.locked"

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = retry_after


class InvalidResetLinkError(IdentityError):
    """The reset link is unknown, used or expired."""

    code = "invalid_token"
    message_key = "account.reset_invalid"


class InvalidError(IdentityError):
    """Some fields are wrong: `problems` maps each to the key of its message."""

    code = "validation"
    message_key = "error.validation"

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__()
        self.problems = problems


class NotFoundError(IdentityError):
    code = "not_found"
    message_key = "error.not_found"


class RefusedError(IdentityError):
    """A change the asker may not make to this account as it stands (their own deactivation,
    an invitation to an account that has a password …): `message_key` says which."""

    code = "refused"

    def __init__(self, message_key: str) -> None:
        super().__init__()
        self.message_key = message_key
