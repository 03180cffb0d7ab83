"""The expected authorization of every route outside submission (whose table lives in
tests/web/submission/test_authz.py): who may get past the check, on the world's objects.

"Foreign" objects are the owner's: the other innovator, the operator of another agency (none
here: the operator is of the owner's agency) and the evaluator not assigned must be refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.support.authz_world import World

ROLES = ("owner", "other_innovator", "operator", "verifier", "assigned_evaluator", "evaluator",
         "admin")  # fmt: skip
EVERYONE = frozenset(ROLES)
ADMIN = frozenset({"admin"})
OWNER = frozenset({"owner"})
ASSIGNED = frozenset({"assigned_evaluator"})
EVALUATORS = frozenset({"assigned_evaluator", "evaluator"})
REVIEW_STAFF = frozenset({"assigned_evaluator", "evaluator", "verifier", "admin"})
REVIEW_READERS = frozenset({"assigned_evaluator", "verifier", "admin"})
DOC_READERS = frozenset({"owner", "operator", "verifier", "admin", "assigned_evaluator"})
# An innovation: its registrant and team, their agency's operator, Bappedalitbang's staff.
INNOVATION_READERS = frozenset({"owner", "operator", "verifier", "admin"})
INNOVATION_EDITORS = frozenset({"owner", "operator", "admin"})
REGISTRANTS = frozenset({"owner", "other_innovator", "operator", "admin"})
MERGERS = frozenset({"operator", "verifier", "admin"})  # a duplicate's link moved
# Its profile is read by the monitoring team it is given to as well (the world's team: the
# assigned evaluator).
REGISTRY_READERS = INNOVATION_READERS | {"assigned_evaluator"}
REPORTERS = frozenset({"owner", "operator"})  # an innovation's team, its agency's operator
IID_STAFF = frozenset({"verifier", "admin"})
IID_READERS = frozenset({"operator", "verifier", "admin"})  # the year's pages
SIGNED_IN_BUT_EVALUATORS = frozenset(EVERYONE - EVALUATORS)
# Monitoring: the world's team has the assigned evaluator as its one member.
MONEV_STAFF = frozenset({"verifier", "admin"})
MONEV_MEMBER = frozenset({"assigned_evaluator"})
MONEV_TEAM_READERS = frozenset({"assigned_evaluator", "verifier", "admin"})
# A visit: its team, Bappedalitbang's staff, and whoever reads its innovation.
MONEV_VISIT_READERS = frozenset({"assigned_evaluator", "verifier", "admin", "owner", "operator"})


@dataclass(frozen=True)
class Row:
    endpoint: str
    method: str
    path: Callable[[World], str]
    allowed: frozenset[str]
    body: dict[str, Any] | Callable[[World], dict[str, Any]] | None = None  # JSON, of the world
    fresh: bool = False  # changes the review objects: give it new ones
    revokes: bool = False  # ends the caller's bearer token: call it with a token of its own


R, A = "/api/v1/review", "/review/admin"
ROWS = [
    Row("auth.me", "GET", lambda w: "/api/v1/me", EVERYONE),
    Row("auth.revoke", "DELETE", lambda w: "/api/v1/auth/token", EVERYONE, revokes=True),
    # console
    Row("console.audit_api", "GET", lambda w: "/api/v1/admin/audit", ADMIN),
    Row("notifications_dev.mailbox", "GET", lambda w: "/dev/mailbox", ADMIN),  # reset links
    Row("console.system_api", "GET", lambda w: "/api/v1/admin/system", ADMIN),
    Row("console.audit_page", "GET", lambda w: "/admin/audit", ADMIN),
    Row("console.audit_csv", "GET", lambda w: "/admin/audit.csv", ADMIN),
    Row("console.dashboard_page", "GET", lambda w: "/admin", ADMIN),
    Row("console.system_page", "GET", lambda w: "/admin/system", ADMIN),
    # identity: the admin's account pages, on the world's spare account (its POSTs with no
    # fields: the forms answer 422, the actions change the spare account only)
    Row("auth.accounts", "GET", lambda w: "/admin/accounts", ADMIN),
    Row("auth.new_account", "GET", lambda w: "/admin/accounts/new", ADMIN),
    Row("auth.new_account", "POST", lambda w: "/admin/accounts/new", ADMIN),
    Row("auth.account", "GET", lambda w: f"/admin/accounts/{w.account_id}", ADMIN),
    Row("auth.account", "POST", lambda w: f"/admin/accounts/{w.account_id}", ADMIN),
    Row("auth.deactivate_account", "GET", lambda w: f"/admin/accounts/{w.account_id}/deactivate",
        ADMIN),
    Row("auth.deactivate_account", "POST",
        lambda w: f"/admin/accounts/{w.account_id}/deactivate", ADMIN),
    Row("auth.reactivate_account", "POST",
        lambda w: f"/admin/accounts/{w.account_id}/reactivate", ADMIN),
    Row("auth.resend_invitation", "POST",
        lambda w: f"/admin/accounts/{w.account_id}/invitation", ADMIN),
    Row("auth.send_password_reset", "POST",
        lambda w: f"/admin/accounts/{w.account_id}/password-reset", ADMIN),
    # documents
    Row("documents.download", "GET", lambda w: f"/documents/{w.document_id}/download",
        DOC_READERS),
    Row("documents.view", "GET", lambda w: f"/documents/{w.document_id}/view", DOC_READERS),
    Row("documents.announcement", "GET", lambda w: f"/documents/calls/{w.call_id}/announcement",
        EVERYONE),  # the results announced: for everyone signed in
    Row("documents.results_page", "GET", lambda w: f"/documents/calls/{w.call_id}", ADMIN),
    Row("documents.make_result", "POST", lambda w: f"/documents/calls/{w.call_id}/recap", ADMIN),
    # an empty form: the admin gets past the check to a 422 (fields missing), nothing saved
    Row("documents.settings_page", "GET", lambda w: "/documents/settings", ADMIN),
    Row("documents.save_settings", "POST", lambda w: "/documents/settings", ADMIN),
    Row("documents.dossier", "GET", lambda w: f"/documents/proposals/{w.proposal_id}/dossier",
        DOC_READERS),
    Row("documents_api.proposal_documents", "GET",
        lambda w: f"/api/v1/proposals/{w.proposal_id}/documents", EVERYONE),  # a filtered list
    Row("documents_api.render_failures", "GET", lambda w: "/api/v1/document-failures", ADMIN),
    Row("documents_api.job_progress", "GET", lambda w: f"/api/v1/document-jobs/{w.job_id}", ADMIN),
    Row("documents_api.request_job", "POST", lambda w: f"/api/v1/calls/{w.call_id}/documents/recap",
        ADMIN, body={}),
    Row("documents_api.verify_api", "GET", lambda w: f"/api/v1/verify/{w.verification_code}",
        EVERYONE),
    Row("documents_api.verify_api", "POST", lambda w: f"/api/v1/verify/{w.verification_code}",
        EVERYONE),
    Row("documents.verify_page", "GET", lambda w: f"/verify/{w.verification_code}", EVERYONE),
    Row("documents.verify_page", "POST", lambda w: f"/verify/{w.verification_code}", EVERYONE),
    # notifications: one's own inbox, never another's notice
    Row("notifications_api.list_notices", "GET", lambda w: "/api/v1/notifications", EVERYONE),
    Row("notifications_api.unread_count", "GET", lambda w: "/api/v1/notifications/unread-count",
        EVERYONE),
    Row("notifications_api.mark_read", "POST",
        lambda w: f"/api/v1/notifications/{w.notification_id}/read", OWNER),
    Row("notifications_api.mark_all_read", "POST", lambda w: "/api/v1/notifications/read-all",
        EVERYONE),
    Row("notifications_api.get_preferences", "GET", lambda w: "/api/v1/notifications/preferences",
        EVERYONE),
    Row("notifications_api.put_preference", "PUT", lambda w: "/api/v1/notifications/preferences",
        EVERYONE, body={"kind": "under_review", "enabled": True}),
    Row("notifications_api.one_click_unsubscribe", "GET",
        lambda w: "/api/v1/notifications/unsubscribe/palsu", EVERYONE),  # public, signed token
    Row("notifications_api.one_click_unsubscribe", "POST",
        lambda w: "/api/v1/notifications/unsubscribe/palsu", EVERYONE),
    Row("notifications_api.failed_deliveries", "GET", lambda w: "/api/v1/notifications/failed",
        ADMIN),
    Row("notifications_api.delivery_attempts", "GET",
        lambda w: f"/api/v1/notifications/{w.notification_id}/attempts", ADMIN),
    # innovations: the registry (issue 24)
    Row("innovations_api.index", "GET", lambda w: "/api/v1/innovations", EVERYONE),
    Row("innovations_api.show", "GET", lambda w: f"/api/v1/innovations/{w.innovation_id}",
        REGISTRY_READERS),
    Row("innovations_api.create", "POST", lambda w: "/api/v1/innovations",
        frozenset({"owner", "other_innovator", "operator", "admin"}),
        body={"title": "Inovasi Matriks Baru"}),
    # innovations: the registry's pages and the stages (issue 24); a POST with no fields is
    # refused with 422 (or 409) once past the check
    Row("innovations_registry.index", "GET", lambda w: "/innovations", EVERYONE),
    Row("innovations_registry.new", "GET", lambda w: "/innovations/new", REGISTRANTS),
    Row("innovations_registry.create", "POST", lambda w: "/innovations/new", REGISTRANTS),
    Row("innovations_registry.show", "GET", lambda w: f"/innovations/{w.innovation_id}",
        REGISTRY_READERS),
    Row("innovations_registry.edit_form", "GET", lambda w: f"/innovations/{w.innovation_id}/edit",
        INNOVATION_EDITORS),
    Row("innovations_registry.edit", "POST", lambda w: f"/innovations/{w.innovation_id}/edit",
        INNOVATION_EDITORS),
    Row("innovations_stages.stage_form", "GET",
        lambda w: f"/innovations/{w.innovation_id}/stage", INNOVATION_EDITORS),
    Row("innovations_stages.stage", "POST", lambda w: f"/innovations/{w.innovation_id}/stage",
        INNOVATION_EDITORS),
    Row("innovations_stages.signed_copy", "GET",
        lambda w: f"/innovations/{w.innovation_id}/berita-acara/{w.stage_change_id}",
        REGISTRY_READERS),
    Row("innovations_stages.merge", "GET",
        lambda w: f"/innovations/{w.innovation_id}/proposals/{w.merge_proposal_id}/merge"
        f"?into={w.merge_into_id}",
        MERGERS,
    ),
    Row("innovations_stages.merge", "POST",  # not confirmed: the question again, nothing moved
        lambda w: f"/innovations/{w.innovation_id}/proposals/{w.merge_proposal_id}/merge"
        f"?into={w.merge_into_id}",
        MERGERS,
    ),
    Row("innovations_api.update", "PUT", lambda w: f"/api/v1/innovations/{w.innovation_id}",
        INNOVATION_EDITORS, body={"title": ""}),  # too short: 422 once past the check
    Row("innovations_api.stage", "POST",
        lambda w: f"/api/v1/innovations/{w.innovation_id}/stage", INNOVATION_EDITORS),
    # innovations: monitoring and evaluation (issue 24)
    Row("innovations_monev.index", "GET", lambda w: "/innovations/monev", REVIEW_STAFF),
    Row("innovations_monev.visits", "GET", lambda w: "/innovations/monev/visits", REVIEW_STAFF),
    Row("innovations_monev.new_team", "GET", lambda w: "/innovations/monev/teams/new", ADMIN),
    Row("innovations_monev.create_team", "POST", lambda w: "/innovations/monev/teams/new",
        ADMIN),  # an empty form: 422
    Row("innovations_monev.team", "GET",
        lambda w: f"/innovations/monev/teams/{w.monev_team_id}", MONEV_TEAM_READERS),
    Row("innovations_monev.assign", "POST",
        lambda w: f"/innovations/monev/teams/{w.monev_team_id}/assign", ADMIN),  # none chosen
    Row("innovations_monev.new_visit", "GET",
        lambda w: f"/innovations/{w.innovation_id}/visits/new", MONEV_MEMBER),
    Row("innovations_monev.record_visit", "POST",
        lambda w: f"/innovations/{w.innovation_id}/visits/new", MONEV_MEMBER),  # empty: 422
    Row("innovations_monev.visit", "GET",
        lambda w: f"/innovations/monev/visits/{w.monev_visit_id}", MONEV_VISIT_READERS),
    Row("innovations_monev.photo", "GET",
        lambda w: f"/innovations/monev/visits/{w.monev_visit_id}/photos/{w.monev_photo_id}",
        MONEV_VISIT_READERS),
    Row("innovations_monev_api.teams", "GET", lambda w: "/api/v1/monev/teams", MONEV_STAFF),
    Row("innovations_monev_api.create_team", "POST", lambda w: "/api/v1/monev/teams", ADMIN,
        body={"name": "", "year": 1, "member_ids": [], "leader_id": 0}),  # 422 past the check
    Row("innovations_monev_api.record_visit", "POST", lambda w: "/api/v1/monev/visits",
        MONEV_MEMBER, body=lambda w: {"innovation_id": w.innovation_id, "place": "x",
                                      "visited_on": "2999-01-01", "findings": "x",
                                      "recommendations": "x"}),  # a future date: 422
    # innovations: progress reports (issue 24); a report is sent by the team or its operator
    Row("innovations_reports.index", "GET", lambda w: "/innovations/reports", EVERYONE),
    Row("innovations_reports.create_schedule", "POST", lambda w: "/innovations/reports",
        ADMIN),  # no fields: 422
    Row("innovations_reports.close_schedule", "GET",
        lambda w: f"/innovations/reports/{w.report_schedule_id}/close", ADMIN),
    Row("innovations_reports.close_schedule", "POST",
        lambda w: f"/innovations/reports/{w.report_schedule_id}/close", ADMIN),  # unconfirmed
    Row("innovations_reports.new", "GET", lambda w: f"/innovations/{w.report_innovation_id}"
        f"/reports/new?schedule={w.report_schedule_id}", REPORTERS),
    Row("innovations_reports.send", "POST", lambda w: f"/innovations/{w.report_innovation_id}"
        f"/reports/new?schedule={w.report_schedule_id}", REPORTERS),  # no figures: 422
    Row("innovations_reports.show", "GET",
        lambda w: f"/innovations/{w.report_innovation_id}/reports/{w.report_id}",
        INNOVATION_READERS),
    Row("innovations_reports.open_file", "GET",
        lambda w: f"/innovations/{w.report_innovation_id}/reports/{w.report_id}/files/"
        f"{w.report_file_id}", INNOVATION_READERS),
    Row("innovations_reports_api.index", "GET",
        lambda w: f"/api/v1/innovations/{w.report_innovation_id}/reports", INNOVATION_READERS),
    Row("innovations_reports_api.create", "POST",
        lambda w: f"/api/v1/innovations/{w.report_innovation_id}/reports", REPORTERS,
        body={"schedule_id": 0, "done": "Berjalan",
              "figures": [{"label": "Warga", "value": "10"}]}),  # no such schedule: 422
    # innovations: the IID (issue 24); the year 2030's pages, the world's answer and its file
    Row("innovations_iid.years", "GET", lambda w: "/innovations/iid", IID_READERS),
    Row("innovations_iid.dashboard", "GET", lambda w: "/innovations/iid/2030", IID_READERS),
    Row("innovations_iid.innovation_this_year", "GET",
        lambda w: f"/innovations/{w.iid_innovation_id}/iid", INNOVATION_READERS),
    Row("innovations_iid.innovation_form", "GET",
        lambda w: f"/innovations/{w.iid_innovation_id}/iid/2030", INNOVATION_READERS),
    Row("innovations_iid.innovation_save", "POST",
        lambda w: f"/innovations/{w.iid_innovation_id}/iid/2030", INNOVATION_EDITORS),  # nothing
    Row("innovations_iid.region_form", "GET", lambda w: "/innovations/iid/2030/region", IID_STAFF),
    Row("innovations_iid.region_save", "POST", lambda w: "/innovations/iid/2030/region", ADMIN),
    Row("innovations_iid.evidence_file", "GET",
        lambda w: f"/innovations/iid/files/{w.iid_evidence_id}", INNOVATION_READERS),
    Row("innovations_iid.verify_queue", "GET", lambda w: "/innovations/iid/2030/verify",
        IID_STAFF),
    Row("innovations_iid.verify", "POST",
        lambda w: f"/innovations/iid/2030/verify/{w.iid_answer_id}",
        frozenset({"verifier"})),  # no reason to return it: 422
    Row("innovations_iid.recap", "POST", lambda w: "/innovations/iid/2030/recap", ADMIN),
    Row("innovations_iid.structure_form", "GET", lambda w: "/innovations/iid/2030/structure",
        ADMIN),
    Row("innovations_iid.structure_save", "POST", lambda w: "/innovations/iid/2030/structure",
        ADMIN),  # no rows: 422
    Row("innovations_iid_api.export", "GET", lambda w: "/api/v1/iid/2030/export.xlsx", IID_STAFF),
    Row("innovations_iid_api.evidence_zip", "GET", lambda w: "/api/v1/iid/2030/evidence.zip",
        IID_STAFF),
    Row("notifications.inbox_page", "GET", lambda w: "/notifications", EVERYONE),
    Row("notifications.inbox_mark_read", "POST",
        lambda w: f"/notifications/{w.notification_id}/read", OWNER),
    Row("notifications.preferences_page", "GET", lambda w: "/notifications/preferences",
        EVERYONE),
    Row("notifications.preferences_page", "POST", lambda w: "/notifications/preferences",
        EVERYONE),
    Row("notifications.failed_page", "GET", lambda w: "/admin/notifications/failed", ADMIN),
    # review: the API
    Row("review.assignments", "GET", lambda w: f"{R}/assignments", REVIEW_STAFF),
    Row("review.assignment", "GET", lambda w: f"{R}/assignments/{w.assignment_id}",
        REVIEW_READERS),
    Row("review.save_review", "PUT", lambda w: f"{R}/assignments/{w.assignment_id}/review",
        ASSIGNED, body={"scores": {}}, fresh=True),
    Row("review.declare_conflict", "POST", lambda w: f"{R}/assignments/{w.assignment_id}/conflict",
        ASSIGNED | ADMIN, body={"reason": "kerabat inovator"}, fresh=True),  # admin: for them
    Row("review.decline", "POST", lambda w: f"{R}/assignments/{w.assignment_id}/decline",
        ASSIGNED, body={"reason": "sibuk"}, fresh=True),
    Row("review.admin_conflict", "POST", lambda w: f"{R}/proposals/{w.proposal_id}/conflicts",
        ADMIN, body={}, fresh=True),
    # The assigned evaluator sees the others' scores only after submitting their own.
    Row("review.reviews", "GET", lambda w: f"{R}/proposals/{w.proposal_id}/versions/1/reviews",
        frozenset({"verifier", "admin"})),
    Row("review.invitations", "GET", lambda w: f"{R}/invitations", EVALUATORS),
    Row("review.answer_invitation", "POST",
        lambda w: f"{R}/invitations/{w.invitation_id}/accept", ASSIGNED, fresh=True),
    Row("review.evaluators", "GET", lambda w: f"{R}/evaluators", ADMIN),
    Row("review.put_evaluator", "PUT", lambda w: f"{R}/evaluators", ADMIN, body={}),
    Row("review.invite", "POST", lambda w: f"{R}/calls/{w.call_id}/invitations", ADMIN,
        body={"evaluator_ids": []}),
    Row("review.extra_evaluator", "POST",
        lambda w: f"{R}/proposals/{w.proposal_id}/versions/1/extra-evaluator", ADMIN, body={},
        fresh=True),
    Row("review.ranking", "GET", lambda w: f"{R}/calls/{w.call_id}/ranking", ADMIN),
    Row("review.decide", "POST", lambda w: f"{R}/calls/{w.call_id}/decisions", ADMIN, body={},
        fresh=True),
    Row("review.start_batch", "POST", lambda w: f"{R}/calls/{w.call_id}/batches", ADMIN,
        fresh=True),
    Row("review.batch_preview", "GET", lambda w: f"{R}/batches/{w.run_id}", ADMIN),
    Row("review.batch_action", "POST", lambda w: f"{R}/batches/{w.run_id}/cancel", ADMIN,
        fresh=True),
    Row("review.override", "POST", lambda w: f"{R}/assignments/{w.assignment_id}/override", ADMIN,
        body={}, fresh=True),
    # review: the evaluator's pages
    Row("review_pages.queue", "GET", lambda w: "/review", REVIEW_STAFF),
    Row("review_pages.assignment", "GET", lambda w: f"/review/assignments/{w.assignment_id}",
        REVIEW_READERS),
    Row("review_pages.assignment", "POST", lambda w: f"/review/assignments/{w.assignment_id}",
        ASSIGNED, fresh=True),
    Row("review_pages.conflict", "POST",
        lambda w: f"/review/assignments/{w.assignment_id}/conflict", ASSIGNED, fresh=True),
    Row("review_pages.decline", "POST",
        lambda w: f"/review/assignments/{w.assignment_id}/decline", ASSIGNED, fresh=True),
    Row("review_pages.invitation", "GET", lambda w: f"/review/invitations/{w.invitation_id}",
        ASSIGNED),
    Row("review_pages.invitation", "POST", lambda w: f"/review/invitations/{w.invitation_id}",
        ASSIGNED, fresh=True),
    # review: the admin's pages
    Row("review_admin.index", "GET", lambda w: A, ADMIN),
    Row("review_admin.evaluators", "GET", lambda w: f"{A}/evaluators", ADMIN),
    Row("review_admin.evaluators", "POST", lambda w: f"{A}/evaluators", ADMIN),
    Row("review_admin.call", "GET", lambda w: f"{A}/calls/{w.call_id}", ADMIN),
    Row("review_admin.reviews_of", "GET", lambda w: f"{A}/proposals/{w.proposal_id}/1", ADMIN),
    Row("review_admin.conflict", "POST", lambda w: f"{A}/calls/{w.call_id}/conflicts", ADMIN,
        fresh=True),
    Row("review_admin.override", "POST", lambda w: f"{A}/calls/{w.call_id}/override", ADMIN,
        fresh=True),
    Row("review_admin.extra", "POST", lambda w: f"{A}/calls/{w.call_id}/extra", ADMIN, fresh=True),
    Row("review_admin.decide", "POST", lambda w: f"{A}/calls/{w.call_id}/decisions", ADMIN,
        fresh=True),
    Row("review_results.results_workbook", "GET", lambda w: f"{A}/calls/{w.call_id}/results.xlsx",
        ADMIN),
    Row("review_results.confirm_announcement", "GET", lambda w: f"{A}/calls/{w.call_id}/announce",
        ADMIN),
    Row("review_results.announce", "POST", lambda w: f"{A}/calls/{w.call_id}/announce", ADMIN,
        fresh=True),
    # uji publik: the admin's (the world's call has a window open and one objection) ...
    Row("review_objections.index", "GET", lambda w: f"{A}/calls/{w.call_id}/objections", ADMIN),
    Row("review_objections.confirm_open", "GET",
        lambda w: f"{A}/calls/{w.call_id}/objections/open", ADMIN),
    Row("review_objections.open_window", "POST",
        lambda w: f"{A}/calls/{w.call_id}/objections/open", ADMIN),  # opened already: refused
    Row("review_objections.resolve", "POST",
        lambda w: f"{A}/calls/{w.call_id}/objections/{w.objection_id}/resolve", ADMIN),  # 422
    Row("review_objections.finalize", "POST",
        lambda w: f"{A}/calls/{w.call_id}/objections/finalize", ADMIN),  # still open: nothing
    Row("review_objections.evidence", "GET",
        lambda w: f"{A}/calls/{w.call_id}/objections/{w.objection_id}/evidence", ADMIN),
    # ... and the public page, for everyone (anonymous too: tests/abuse/api/test_anonymous.py)
    Row("review_public.page", "GET", lambda w: f"/uji-publik/{w.call_id}", EVERYONE),
    Row("review_public.confirmed", "GET", lambda w: f"/uji-publik/{w.call_id}/email/x", EVERYONE),
    Row("review_public.ask_email", "POST", lambda w: f"/uji-publik/{w.call_id}/email",
        EVERYONE),  # no address: 422
    Row("review_public.file", "POST", lambda w: f"/uji-publik/{w.call_id}", EVERYONE),  # 422
    Row("review_admin.start_batch", "POST", lambda w: f"{A}/calls/{w.call_id}/batches", ADMIN,
        fresh=True),
    Row("review_admin.batch_page", "GET", lambda w: f"{A}/batches/{w.run_id}", ADMIN),
    Row("review_admin.batch_action", "POST", lambda w: f"{A}/batches/{w.run_id}/cancel", ADMIN,
        fresh=True),
    Row("review_charts.chart", "GET", lambda w: f"{A}/charts/progress.svg", ADMIN),
    Row("review_summary.summary_card", "GET", lambda w: f"{A}/summary", ADMIN),
    Row("review_summary.summary_api", "GET", lambda w: f"{R}/admin/summary", ADMIN),
    # last: it changes the shared dossier
    Row("documents_api.revoke", "POST", lambda w: f"/api/v1/documents/{w.document_id}/revoke",
        ADMIN, body={"reason": "uji"}),
]  # fmt: skip
