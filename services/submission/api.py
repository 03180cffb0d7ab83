"""Submission's JSON API: parse → call the application layer → respond."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, TypeVar

from flask import Blueprint, Response, jsonify, request, send_file
from pydantic import BaseModel

from services.submission import (
    attachments,
    audit,
    calls,
    checks,
    listing,
    proposals,
    team,
)
from services.submission.call_templates import TEMPLATES, CallTemplate
from services.submission.definition import CallDefinition
from services.submission.errors import invalid
from services.submission.schemas import (
    AttachmentOut,
    AuditOut,
    CallEdit,
    CallExtend,
    CallOut,
    CallSummary,
    CheckIn,
    CheckSuggestion,
    InvitationOut,
    ProposalCreate,
    ProposalExtend,
    ProposalOut,
    ProposalUpdate,
    SubmitAccepted,
    TeamInvite,
    TeamMemberOut,
    TimelineItem,
    UploadForm,
    VersionOut,
)
from shared.web import paging
from shared.web.auth import require_user
from shared.web.body import json_body as shared_json_body
from shared.web.errors import ApiError
from shared.web.openapi import documented
from shared.web.paging import Page

M = TypeVar("M", bound=BaseModel)
bp = Blueprint("submission_api", __name__, url_prefix="/api/v1/proposals")
calls_bp = Blueprint("submission_calls_api", __name__, url_prefix="/api/v1")
TAGS = ("proposals",)
CALL_TAGS = ("calls",)


JSON_LIMIT = 2 * 1024 * 1024  # far above any honest proposal; a bigger body is refused unread


def json_body(model: type[M]) -> M:
    """The JSON body as `model`; 413 before reading when it is larger than `JSON_LIMIT`."""
    if (request.content_length or 0) > JSON_LIMIT:
        raise ApiError(413, "too_large", "error.too_large")
    return shared_json_body(model)


def _json(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


def _list(models: Sequence[BaseModel]) -> Response:
    return jsonify([m.model_dump(mode="json") for m in models])


def _paged(page: Page[Any]) -> Response:
    """One page as the same JSON list as before pages existed; where it sits in the whole rides
    in the headers (`X-Total-Count`, `Link`), so a client that ignores them reads page 1."""
    response = _list(page.items)
    response.headers.update(paging.headers(page, request.base_url, request.args.items(multi=True)))
    return response


def _window() -> paging.Window:
    return paging.window_of(request.args)


# --- calls -----------------------------------------------------------------------------------


@calls_bp.get("/calls", endpoint="calls")
@documented("Calls (periods), newest first", tags=CALL_TAGS, responses={200: list[CallSummary]})
def list_calls() -> Response:
    require_user()
    return _list(calls.list_calls())


@calls_bp.get("/call-templates")
@documented("The seeded templates a call starts from: KIPP 2023 kelompok umum (aspects, weights, "
            "word limits) and the Kemendagri innovation profile (fields)", tags=CALL_TAGS,
            responses={200: dict[str, CallTemplate]})  # fmt: skip
def call_templates() -> Response:
    require_user()
    return jsonify({k: v.model_dump(mode="json") for k, v in TEMPLATES.items()})


@calls_bp.get("/calls/<int:call_id>")
@documented("A call with its form definition", tags=CALL_TAGS, responses={200: CallOut})
def call(call_id: int) -> tuple[Response, int]:
    require_user()
    return _json(calls.get_call(call_id))


@calls_bp.get("/calls/<int:call_id>/versions/<int:version_no>")
@documented("A call's settings at one version", tags=CALL_TAGS, responses={200: CallDefinition})
def call_version(call_id: int, version_no: int) -> tuple[Response, int]:
    require_user()
    return _json(calls.call_version(call_id, version_no))


@calls_bp.post("/calls")
@documented("Create a call (admin)", tags=CALL_TAGS, body=CallDefinition, responses={201: CallOut})
def create_call() -> tuple[Response, int]:
    user = require_user()
    return _json(calls.create_call(user, json_body(CallDefinition)), 201)


@calls_bp.put("/calls/<int:call_id>")
@documented(
    "Edit a call: a new version (admin)", tags=CALL_TAGS, body=CallEdit, responses={200: CallOut}
)
def edit_call(call_id: int) -> tuple[Response, int]:
    user = require_user()
    body = json_body(CallEdit)
    return _json(calls.edit_call(user, call_id, body.definition, body.reason))


@calls_bp.post("/calls/<int:call_id>/extend")
@documented(
    "Extend a call's deadline, with a reason (admin)",
    tags=CALL_TAGS,
    body=CallExtend,
    responses={200: CallOut},
)
def extend_call(call_id: int) -> tuple[Response, int]:
    user = require_user()
    body = json_body(CallExtend)
    return _json(calls.extend_call(user, call_id, body.closes_at, body.reason))


@calls_bp.get("/audit", endpoint="audit")
@documented(
    "The audit log (admin), newest first; `page`, `per_page` (50, at most 200); "
    "`X-Total-Count` and `Link` headers",
    tags=CALL_TAGS,
    responses={200: list[AuditOut]},
)
def audit_entries() -> Response:
    window = _window()
    return _paged(audit.audit_page(require_user(), window, request.args.get("target")))


# --- proposals -------------------------------------------------------------------------------


@bp.post("")
@documented("Create a draft proposal", tags=TAGS, body=ProposalCreate, responses={201: ProposalOut})
def create() -> tuple[Response, int]:
    user = require_user()
    return _json(proposals.create(user, json_body(ProposalCreate)), 201)


@bp.get("")
@documented(
    "Proposals the user may read (filters: status, call_id, opd_code, category, q: words of "
    "the title or agency); `page`, `per_page` (50, at most 200); `X-Total-Count` and `Link` "
    "headers",
    tags=TAGS,
    responses={200: list[ProposalOut]},
)
def index() -> Response:
    user = require_user()
    return _paged(listing.visible_page(user, _window(), clamp=False, **filters()))


@bp.get("/export")
@documented(
    "The filtered list as a spreadsheet (`format`: csv or xlsx; Indonesian columns)",
    tags=TAGS,
    responses={200: "text/csv"},
)
def export() -> Response:
    user = require_user()
    kind = request.args.get("format", "csv")
    if kind not in {"csv", "xlsx"}:
        raise ApiError(400, "bad_request", "error.bad_request")
    data, mimetype, name = listing.export(user, kind, **filters())
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def filters() -> dict[str, Any]:
    """The list filters from the query string; a call id that is not a number is a 400."""
    found: dict[str, Any] = {
        k: request.args[k]
        for k in ("status", "opd_code", "category", "group", "q")
        if request.args.get(k)
    }
    if request.args.get("call_id"):
        try:
            found["call_id"] = int(request.args["call_id"])
        except ValueError as exc:
            raise ApiError(400, "bad_request", "error.bad_request") from exc
    return found


@bp.get("/<int:proposal_id>")
@documented("One proposal", tags=TAGS, responses={200: ProposalOut})
def show(proposal_id: int) -> tuple[Response, int]:
    return _json(proposals.show(require_user(), proposal_id))


@bp.patch("/<int:proposal_id>")
@documented(
    "Edit a draft or a returned proposal",
    tags=TAGS,
    body=ProposalUpdate,
    responses={200: ProposalOut},
)
def update(proposal_id: int) -> tuple[Response, int]:
    user = require_user()
    changes = json_body(ProposalUpdate).model_dump(exclude_unset=True)
    return _json(proposals.update(user, proposal_id, changes))


@bp.post("/<int:proposal_id>/submit")
@documented(
    "Submit (or resubmit) for the administrative check", tags=TAGS, responses={202: SubmitAccepted}
)
def submit(proposal_id: int) -> tuple[Response, int]:
    return _json(proposals.submit(require_user(), proposal_id), 202)


@bp.post("/<int:proposal_id>/withdraw")
@documented("Withdraw before review starts", tags=TAGS, responses={200: ProposalOut})
def withdraw(proposal_id: int) -> tuple[Response, int]:
    return _json(proposals.withdraw(require_user(), proposal_id))


@bp.post("/<int:proposal_id>/extend")
@documented(
    "Give one proposal a later deadline, with a reason (admin)",
    tags=TAGS,
    body=ProposalExtend,
    responses={200: ProposalOut},
)
def extend(proposal_id: int) -> tuple[Response, int]:
    user = require_user()
    body = json_body(ProposalExtend)
    return _json(proposals.extend_proposal(user, proposal_id, body.until, body.reason))


@bp.get("/<int:proposal_id>/versions")
@documented("Every submitted version, frozen", tags=TAGS, responses={200: list[VersionOut]})
def versions(proposal_id: int) -> Response:
    return _list(proposals.versions(require_user(), proposal_id))


@bp.get("/<int:proposal_id>/versions/<int:version_no>")
@documented("One submitted version", tags=TAGS, responses={200: VersionOut})
def version(proposal_id: int, version_no: int) -> tuple[Response, int]:
    return _json(proposals.version(require_user(), proposal_id, version_no))


@bp.get("/<int:proposal_id>/timeline")
@documented("The proposal's timeline", tags=TAGS, responses={200: list[TimelineItem]})
def timeline(proposal_id: int) -> Response:
    return _list(proposals.timeline(require_user(), proposal_id))


@bp.get("/<int:proposal_id>/attachments", endpoint="attachments")
@documented("The proposal's files", tags=TAGS, responses={200: list[AttachmentOut]})
def list_attachments(proposal_id: int) -> Response:
    return _list(attachments.attachment_list(require_user(), proposal_id))


@bp.post("/<int:proposal_id>/attachments")
@documented(
    "Upload a file (multipart: `file`, and `kind`: a required attachment's key, "
    "`aspect:<key>` or `other`); the type is read from the content",
    tags=TAGS,
    body=UploadForm,
    content_type="multipart/form-data",
    responses={201: AttachmentOut},
)
def upload(proposal_id: int) -> tuple[Response, int]:
    user = require_user()
    attachments.refuse_oversized_body(user, proposal_id, request.content_length)
    sent = request.files.get("file")
    if sent is None:
        raise invalid("file", "field.required")
    data = sent.read()
    kind = request.form.get("kind", "other")
    out = attachments.upload(user, proposal_id, kind, sent.filename or "berkas", data)
    return _json(out, 201)


@bp.get("/<int:proposal_id>/attachments/<int:attachment_id>")
@documented("Download a file", tags=TAGS, responses={200: "application/octet-stream"})
def download(proposal_id: int, attachment_id: int) -> Response:
    data, name, kind = attachments.attachment_file(require_user(), proposal_id, attachment_id)
    return send_file(io.BytesIO(data), mimetype=kind, as_attachment=True, download_name=name)


@bp.delete("/<int:proposal_id>/attachments/<int:attachment_id>")
@documented("Remove a file from a draft", tags=TAGS, responses={204: None})
def delete_attachment(proposal_id: int, attachment_id: int) -> tuple[str, int]:
    attachments.delete_attachment(require_user(), proposal_id, attachment_id)
    return "", 204


@bp.get("/<int:proposal_id>/check")
@documented(
    "The administrative checklist as the system reads it, and look-alike proposals (verifier)",
    tags=TAGS,
    responses={200: CheckSuggestion},
)
def check(proposal_id: int) -> tuple[Response, int]:
    return _json(checks.check_suggestion(require_user(), proposal_id))


@bp.post("/<int:proposal_id>/check")
@documented(
    "Pass the administrative check, or return with a fix-list (verifier)",
    tags=TAGS,
    body=CheckIn,
    responses={200: ProposalOut},
)
def record_check(proposal_id: int) -> tuple[Response, int]:
    user = require_user()
    return _json(checks.record_check(user, proposal_id, json_body(CheckIn)))


@bp.get("/<int:proposal_id>/team", endpoint="team")
@documented("The innovation team (co-innovators and invitations)", tags=TAGS,
            responses={200: list[TeamMemberOut]})  # fmt: skip
def list_team(proposal_id: int) -> Response:
    return _list(team.team(require_user(), proposal_id))


@bp.post("/<int:proposal_id>/team")
@documented("Invite a co-innovator by e-mail (innovator, operator, admin)", tags=TAGS,
            body=TeamInvite, responses={201: TeamMemberOut})  # fmt: skip
def invite(proposal_id: int) -> tuple[Response, int]:
    user = require_user()
    return _json(team.invite(user, proposal_id, json_body(TeamInvite).email), 201)


@bp.delete("/<int:proposal_id>/team/<int:member_id>")
@documented("Remove a co-innovator or an invitation", tags=TAGS, responses={204: None})
def remove_member(proposal_id: int, member_id: int) -> tuple[str, int]:
    team.remove_member(require_user(), proposal_id, member_id)
    return "", 204


@calls_bp.get("/invitations")
@documented("Invitations to join a proposal's team, not yet accepted", tags=TAGS,
            responses={200: list[InvitationOut]})  # fmt: skip
def invitations() -> Response:
    return _list(team.invitations(require_user()))


@calls_bp.post("/invitations/<int:member_id>/accept")
@documented("Accept an invitation: become a co-innovator", tags=TAGS,
            responses={200: TeamMemberOut})  # fmt: skip
def accept_invitation(member_id: int) -> tuple[Response, int]:
    return _json(team.accept_invitation(require_user(), member_id))
