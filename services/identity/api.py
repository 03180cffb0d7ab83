"""Identity's JSON: the bearer token (issue, revoke), `/api/v1/me`, password reset."""

from __future__ import annotations

from flask import Response, jsonify
from pydantic import BaseModel, Field

from services.identity import accounts, web
from services.identity.blueprint import bp
from services.identity.errors import InvalidError
from shared.web.auth import issue_token, require_user, revoke_token
from shared.web.body import json_body
from shared.web.i18n import translate
from shared.web.openapi import documented


class TokenRequest(BaseModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme name, not a secret


class MeResponse(BaseModel):
    id: int
    email: str
    name: str
    role: str
    opd_code: str | None


class ForgotRequest(BaseModel):
    email: str = Field(min_length=1, max_length=254)


class ResetRequest(BaseModel):
    token: str = Field(min_length=1, max_length=100)
    password: str = Field(max_length=400)


class MessageResponse(BaseModel):
    message: str


@bp.post("/api/v1/auth/token")
@documented(
    "Exchange e-mail and password for a bearer token (429 when limited or locked)",
    tags=("auth",),
    body=TokenRequest,
    responses={200: TokenResponse},
    auth=False,
)
def token() -> Response:
    body = json_body(TokenRequest)
    claims = web.sign_in(body.email, body.password)
    return jsonify(TokenResponse(access_token=issue_token(claims)).model_dump())


@bp.delete("/api/v1/auth/token")
@documented(
    "Revoke the bearer token of this request (sign out an API client); 401 with it afterwards",
    tags=("auth",),
    responses={204: None},
)
def revoke() -> tuple[str, int]:
    require_user()
    revoke_token()
    return "", 204


@bp.get("/api/v1/me")
@documented("The signed-in user", tags=("auth",), responses={200: MeResponse})
def me() -> Response:
    return jsonify(require_user().to_json())


@bp.post("/api/v1/auth/password/forgot")
@documented(
    "Ask for a password-reset link by e-mail (always 202: it never tells whether the e-mail "
    "has an account)",
    tags=("auth",),
    body=ForgotRequest,
    responses={202: MessageResponse},
    auth=False,
)
def api_forgot_password() -> tuple[Response, int]:
    body = json_body(ForgotRequest)
    if not web.valid_email(body.email):
        raise InvalidError({"email": "account.email_invalid"})
    web.request_reset(body.email)
    message = translate("account.forgot_sent", minutes=web.RESET_MINUTES)
    return jsonify(MessageResponse(message=message).model_dump()), 202


@bp.post("/api/v1/auth/password/reset")
@documented(
    "Set a new password with the token of a reset link (once, before it expires)",
    tags=("auth",),
    body=ResetRequest,
    responses={200: MessageResponse},
    auth=False,
)
def api_reset_password() -> Response:
    body = json_body(ResetRequest)
    email = accounts.reset_email(web.database(), body.token)
    accounts.check_new_password(body.password, email)
    web.finish_reset(body.token, body.password)
    return jsonify(MessageResponse(message=translate("account.reset_done")).model_dump())
