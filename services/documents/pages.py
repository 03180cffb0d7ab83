"""Documents' pages: the download of a document for those allowed, and the public verification
page (kind, number, date, hash and status of one document, and a byte-for-byte check of an
uploaded PDF)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as Redirect

from services.documents import (
    bootstrap,
    call_documents,
    images,
    installation,
    jobs,
    letterhead,
    library,
    results,
    verification,
)
from services.documents.fetcher import SCHEME, registry
from services.documents.settings_form import Form
from shared import runtime
from shared.events import Person
from shared.web.auth import page_login_required, require_user
from shared.web.errors import ApiError
from shared.web.i18n import current_language, translate
from shared.web.openapi import documented

bp = Blueprint("documents", __name__, template_folder="templates")
MAX_UPLOAD = 32 * 1024 * 1024


def uploaded() -> bytes:
    """The uploaded `file` of this request: one non-empty PDF of at most 32 MB."""
    upload = request.files.get("file")
    if upload is None:
        raise ApiError(400, "upload", "documents.error.upload")
    data = upload.stream.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD or not data:
        raise ApiError(400, "upload", "documents.error.upload")
    return data


@bp.get("/documents/<int:document_id>/download")
@documented("Download a document (PDF)", tags=("documents",), responses={200: "application/pdf"})
def download(document_id: int) -> Response:
    found = library.download(require_user(), document_id)
    response = Response(found.data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/documents/<int:document_id>/view")
@documented("Open a document (PDF) in the browser's viewer", tags=("documents",),
            responses={200: "application/pdf"})  # fmt: skip
def view(document_id: int) -> Response:
    response = download(document_id)
    response.headers["Content-Disposition"] = response.headers["Content-Disposition"].replace(
        "attachment", "inline", 1
    )
    return response


@bp.get("/documents/proposals/<int:proposal_id>/dossier")
def dossier(proposal_id: int) -> Redirect:
    """A page's link to a proposal's dossier (the evaluator's workbench): the one this reader
    may read (anonymous in a blind review), of `?version=` or the newest, opened by `view`. A
    redirect for browsers, so not in the API's document."""
    version = request.args.get("version", type=int)
    found = library.dossier_of(require_user(), proposal_id, version)
    return redirect(url_for("documents.view", document_id=found))


@bp.route("/verify/<code>", methods=["GET", "POST"])
@documented("Public verification page of a document", tags=("documents",), auth=False,
            responses={200: "text/html"})  # fmt: skip
def verify_page(code: str) -> str:
    facts = verification.in_words(verification.facts(code), current_language())
    match = verification.matches(facts["sha256"], uploaded()) if request.method == "POST" else None
    return render_template("documents/verify.html", match=match, **facts)


@bp.get("/documents/calls/<int:call_id>")
@page_login_required
def results_page(call_id: int) -> str:
    """The call's results documents (the admin's): each one's newest revision to open or
    download, the job making it with its progress, and the buttons that make them."""
    return _results(call_id, {}, {})


@bp.post("/documents/calls/<int:call_id>/<any(recap, minutes, certificates):kind>")
@page_login_required
def make_result(call_id: int, kind: str) -> Any:
    user = require_user()
    jobs.authorize(user)
    params: dict[str, Any] = {}
    if kind == "minutes":
        form = {name: request.form.get(name, "").strip() for name in ("held_on", "place")}
        names, roles = request.form.getlist("panel_name"), request.form.getlist("panel_role")
        panel = [{"name": n.strip()[:200], "role": (r.strip() or "member")[:100]}
                 for n, r in zip(names, roles, strict=False) if n.strip()]  # fmt: skip
        try:
            held_on = date.fromisoformat(form["held_on"])
        except ValueError:
            errors = {"held_on": translate("documents.results.held_on_needed")}
            return _results(call_id, errors, {**form, "panel": panel}), 422
        params = {"held_on": held_on.isoformat(),
                  "place": form["place"][:300] or translate("documents.results.default_place"),
                  "panel": panel}  # fmt: skip
    if kind == "certificates":  # one per proposal unless the admin chose one per team member
        per = request.form.get("per", "")
        params = {"per": per if per in call_documents.CERTIFICATE_MODES else "proposal"}
    admin = Person(id=user.id, name=user.name, email=user.email, language=user.language)
    jobs.request(runtime.database("documents"), user, kind, call_id, admin, params)
    flash(translate("documents.results.started", what=translate(f"documents.results.{kind}")),
          "ok")  # fmt: skip
    return redirect(url_for("documents.results_page", call_id=call_id))


def _results(call_id: int, errors: dict[str, str], form: dict[str, Any]) -> str:
    db, user = runtime.database("documents"), require_user()
    found = results.of_call(db, user, call_id)
    return render_template(
        "documents/results.html", call_id=call_id, results=found, errors=errors, form=form,
        running=any(r.running for r in found),
        announcement=results.announcement_of(db, user, call_id),
    )  # fmt: skip


@bp.get("/documents/calls/<int:call_id>/announcement")
@page_login_required
def announcement(call_id: int) -> Redirect:
    """The call's newest announcement of results, for everyone signed in (the innovators'
    mails link here): opened in the browser's viewer."""
    found = library.announcement_of(require_user(), call_id)
    return redirect(url_for("documents.view", document_id=found))


@bp.get("/documents/settings")
@page_login_required
def settings_page() -> str:
    """The installation's document settings (the admin's): kop surat, signatories, bases."""
    return _settings(None)


@bp.post("/documents/settings")
@page_login_required
def save_settings() -> Any:
    """Save the settings as a new version; a form with errors is shown again as typed (422)."""
    user = require_user()
    upload = request.files.get("logo")
    logo = None
    if upload is not None and upload.filename:  # a file was chosen (an empty one is refused)
        logo = upload.stream.read(images.MAX_BYTES + 1)
    remove = request.form.get("logo_remove") == "1"
    saved = installation.save(runtime.database("documents"), user, request.form, logo, remove)
    if isinstance(saved, Form):
        return _settings(saved), 422
    flash(translate("documents.settings.saved", version=saved), "ok")
    return redirect(url_for("documents.settings_page"))


def _settings(typed: Form | None) -> str:
    page = installation.for_page(
        runtime.database("documents"), require_user(), bootstrap.press().deploy
    )
    preview = page.logo
    if preview.startswith(SCHEME):  # a packaged emblem: shown inline, as the PDF embeds it
        preview = letterhead.data_url(
            "image/svg+xml", registry()[preview.removeprefix(SCHEME)].read_bytes()
        )
    return render_template(
        "documents/settings.html", page=page, logo_preview=preview,
        fields=typed.fields if typed else page.fields, errors=typed.errors if typed else {},
        signed_kinds=letterhead.SIGNED_KINDS, basis_kinds=letterhead.BASIS_KINDS,
    )  # fmt: skip
