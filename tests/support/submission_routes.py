"""The submission routes as the authorization tests read them: every API route and page with
the roles allowed past authorisation, for someone else's submitted proposal (`Obj`). The web
tests and the authorization matrix of tests/abuse both read these tables."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.support.submission import definition, pdf_bytes

ROLES = {
    "owner": "inovator.dinkes@sipinda.test",
    "other_innovator": "inovator.disdukcapil@sipinda.test",
    "operator": "operator.dinkes@sipinda.test",
    "verifier": "verifikator@sipinda.test",
    "admin": "admin@sipinda.test",
    "evaluator": "evaluator.akademisi2@sipinda.test",
    "assigned_evaluator": "evaluator.akademisi1@sipinda.test",
}
EVERYONE = frozenset(ROLES)
READERS = frozenset({"owner", "operator", "verifier", "admin", "assigned_evaluator"})
EDITORS = frozenset({"owner", "operator", "admin"})
CHECKERS = frozenset({"verifier", "admin"})
ADMIN = frozenset({"admin"})
CREATORS = frozenset({"owner", "other_innovator", "operator", "admin"})
NOBODY: frozenset[str] = frozenset()
OUTSIDER = "inovator.kelcibeber@sipinda.test"


@dataclass(frozen=True)
class Obj:
    proposal_id: int
    attachment_id: int
    call_id: int
    member_id: int  # the owner's invitation to someone outside the table's roles


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    path: Callable[[Obj], str]
    allowed: frozenset[str]
    body: Callable[[Obj], Any] | None = None
    upload: bool = False


P = "/api/v1/proposals"
ROUTES = [
    Route("submission_calls_api.calls", "GET", lambda o: "/api/v1/calls", EVERYONE),
    Route("submission_calls_api.call_templates", "GET", lambda o: "/api/v1/call-templates",
          EVERYONE),
    Route("submission_calls_api.call", "GET", lambda o: f"/api/v1/calls/{o.call_id}", EVERYONE),
    Route("submission_calls_api.call_version", "GET",
          lambda o: f"/api/v1/calls/{o.call_id}/versions/1", EVERYONE),
    Route("submission_calls_api.create_call", "POST", lambda o: "/api/v1/calls", ADMIN,
          body=lambda o: definition()),
    Route("submission_calls_api.edit_call", "PUT", lambda o: f"/api/v1/calls/{o.call_id}", ADMIN,
          body=lambda o: {"definition": definition(), "reason": "uji"}),
    Route("submission_calls_api.extend_call", "POST",
          lambda o: f"/api/v1/calls/{o.call_id}/extend", ADMIN,
          body=lambda o: {"closes_at": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    Route("submission_calls_api.audit", "GET", lambda o: "/api/v1/audit", ADMIN),
    Route("submission_api.index", "GET", lambda o: P, EVERYONE),
    Route("submission_api.export", "GET", lambda o: f"{P}/export?format=csv", EVERYONE),
    Route("submission_api.create", "POST", lambda o: P, CREATORS,
          body=lambda o: {"title": "Baru", "summary": "Isi."}),
    Route("submission_api.show", "GET", lambda o: f"{P}/{o.proposal_id}", READERS),
    Route("submission_api.update", "PATCH", lambda o: f"{P}/{o.proposal_id}", EDITORS,
          body=lambda o: {"title": "Diubah"}),
    Route("submission_api.submit", "POST", lambda o: f"{P}/{o.proposal_id}/submit", EDITORS),
    Route("submission_api.withdraw", "POST", lambda o: f"{P}/{o.proposal_id}/withdraw", EDITORS),
    Route("submission_api.extend", "POST", lambda o: f"{P}/{o.proposal_id}/extend", ADMIN,
          body=lambda o: {"until": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    Route("submission_api.versions", "GET", lambda o: f"{P}/{o.proposal_id}/versions", READERS),
    Route("submission_api.version", "GET", lambda o: f"{P}/{o.proposal_id}/versions/1", READERS),
    Route("submission_api.timeline", "GET", lambda o: f"{P}/{o.proposal_id}/timeline", READERS),
    Route("submission_api.attachments", "GET", lambda o: f"{P}/{o.proposal_id}/attachments",
          READERS),
    Route("submission_api.upload", "POST", lambda o: f"{P}/{o.proposal_id}/attachments", EDITORS,
          upload=True),
    Route("submission_api.download", "GET",
          lambda o: f"{P}/{o.proposal_id}/attachments/{o.attachment_id}", READERS),
    Route("submission_api.delete_attachment", "DELETE",
          lambda o: f"{P}/{o.proposal_id}/attachments/{o.attachment_id}", EDITORS),
    Route("submission_api.check", "GET", lambda o: f"{P}/{o.proposal_id}/check", CHECKERS),
    Route("submission_api.record_check", "POST", lambda o: f"{P}/{o.proposal_id}/check", CHECKERS,
          body=lambda o: {"decision": "return", "fixes": ["Perbaiki."]}),
    Route("submission_api.team", "GET", lambda o: f"{P}/{o.proposal_id}/team", READERS),
    Route("submission_api.invite", "POST", lambda o: f"{P}/{o.proposal_id}/team", EDITORS,
          body=lambda o: {"email": "inovator.disdukcapil@sipinda.test"}),
    Route("submission_api.remove_member", "DELETE",
          lambda o: f"{P}/{o.proposal_id}/team/{o.member_id}", EDITORS),
    Route("submission_calls_api.invitations", "GET", lambda o: "/api/v1/invitations", EVERYONE),
    Route("submission_calls_api.accept_invitation", "POST",
          lambda o: f"/api/v1/invitations/{o.member_id}/accept", NOBODY),
    Route("submission_summary.summary_api", "GET", lambda o: "/api/v1/admin/summary/submission",
          ADMIN),
]  # fmt: skip


@dataclass(frozen=True)
class PageRoute:
    endpoint: str
    method: str
    path: Callable[[Obj], str]
    allowed: frozenset[str]
    form: Callable[[Obj], dict[str, Any]] | None = None


PAGES = [
    PageRoute("submission_pages.home", "GET", lambda o: "/", EVERYONE),
    PageRoute("submission_pages.index", "GET", lambda o: "/proposals", EVERYONE),
    PageRoute("submission_pages.new", "GET", lambda o: "/proposals/new", EVERYONE),
    PageRoute("submission_pages.new", "POST", lambda o: "/proposals/new", CREATORS,
              form=lambda o: {"title": "Baru Lewat Halaman", "summary": "Isi.", "call_id": ""}),
    PageRoute("submission_pages.show", "GET", lambda o: f"/proposals/{o.proposal_id}", READERS),
    PageRoute("submission_pages.versions", "GET",
              lambda o: f"/proposals/{o.proposal_id}/versions", READERS),
    PageRoute("submission_pages.edit", "POST", lambda o: f"/proposals/{o.proposal_id}/edit",
              EDITORS, form=lambda o: {"title": "Diubah"}),
    # Submit and withdraw ask first (GET, or a post without `confirm`); the rows post the
    # confirmed form, the act itself.
    PageRoute("submission_pages.submit", "GET", lambda o: f"/proposals/{o.proposal_id}/submit",
              EDITORS),
    PageRoute("submission_pages.submit", "POST", lambda o: f"/proposals/{o.proposal_id}/submit",
              EDITORS, form=lambda o: {"confirm": "yes"}),
    PageRoute("submission_pages.withdraw", "GET",
              lambda o: f"/proposals/{o.proposal_id}/withdraw", EDITORS),
    PageRoute("submission_pages.withdraw", "POST",
              lambda o: f"/proposals/{o.proposal_id}/withdraw", EDITORS,
              form=lambda o: {"confirm": "yes"}),
    PageRoute("submission_pages.upload", "POST",
              lambda o: f"/proposals/{o.proposal_id}/attachments", EDITORS,
              form=lambda o: {"kind": "other", "file": (io.BytesIO(pdf_bytes()), "a.pdf")}),
    PageRoute("submission_pages.open_attachment", "GET",
              lambda o: f"/proposals/{o.proposal_id}/attachments/{o.attachment_id}/view", READERS),
    PageRoute("submission_pages.delete_attachment", "POST",
              lambda o: f"/proposals/{o.proposal_id}/attachments/{o.attachment_id}/delete",
              EDITORS),
    PageRoute("submission_pages.check", "POST", lambda o: f"/proposals/{o.proposal_id}/check",
              CHECKERS, form=lambda o: {"decision": "return", "fixes": "Perbaiki."}),
    PageRoute("submission_pages.bulk_check", "POST", lambda o: "/proposals/check", CHECKERS,
              form=lambda o: {"ids": str(o.proposal_id), "decision": "pass"}),  # confirm page
    PageRoute("submission_pages.extend", "POST", lambda o: f"/proposals/{o.proposal_id}/extend",
              ADMIN, form=lambda o: {"until": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    PageRoute("submission_pages.calls", "GET", lambda o: "/calls", EVERYONE),
    PageRoute("submission_pages.call", "GET", lambda o: f"/calls/{o.call_id}", EVERYONE),
    PageRoute("submission_pages.new_call", "GET", lambda o: "/calls/new?start=kipp-2023-umum",
              ADMIN),
    # The editor's row action shows the form again: past the check, nothing is stored.
    PageRoute("submission_pages.create_call", "POST", lambda o: "/calls/new", ADMIN,
              form=lambda o: {"action": "add-aspects"}),
    PageRoute("submission_pages.edit_form", "GET", lambda o: f"/calls/{o.call_id}/edit", ADMIN),
    PageRoute("submission_pages.edit_call", "POST", lambda o: f"/calls/{o.call_id}/edit", ADMIN,
              form=lambda o: {"action": "add-aspects", "reason": "uji"}),
    PageRoute("submission_pages.extend_call", "POST", lambda o: f"/calls/{o.call_id}/extend",
              ADMIN, form=lambda o: {"closes_at": "2030-08-01T00:00:00", "reason": "alasan uji"}),
    PageRoute("submission_pages.invite", "POST", lambda o: f"/proposals/{o.proposal_id}/team",
              EDITORS, form=lambda o: {"email": "inovator.disdukcapil@sipinda.test"}),
    PageRoute("submission_pages.remove_member", "POST",
              lambda o: f"/proposals/{o.proposal_id}/team/{o.member_id}/delete", EDITORS),
    PageRoute("submission_pages.accept_invitation", "POST",
              lambda o: f"/invitations/{o.member_id}/accept", NOBODY),
    PageRoute("submission_charts.chart", "GET", lambda o: "/admin/charts/stages.svg", ADMIN),
    PageRoute("submission_summary.summary_card", "GET", lambda o: "/admin/summary/proposals",
              ADMIN),
]  # fmt: skip
