"""The review service's messages, Indonesian first, English second (registered on import)."""

from __future__ import annotations

from shared.web.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "charts.review_progress": {
        "id": "Progres penilaian per evaluator (selesai/ditugaskan)",
        "en": "Review progress per evaluator (done/assigned)",
    },
    "charts.score_distribution": {
        "id": "Sebaran nilai rata-rata usulan",
        "en": "Distribution of proposals' mean scores",
    },
    "review.aspect_unknown": {
        "id": "Aspek tidak ada dalam rubrik.",
        "en": "Not an aspect of the rubric.",
    },
    "review.score_number": {"id": "Nilai harus berupa angka.", "en": "The score must be a number."},
    "review.score_range": {
        "id": "Nilai harus antara {low} dan {high}.",
        "en": "The score must be between {low} and {high}.",
    },
    "review.comment_extreme": {
        "id": "Nilai ekstrem wajib disertai komentar.",
        "en": "An extreme score needs a comment.",
    },
    "review.not_open": {
        "id": "Penilaian ini sudah dikirim atau dilepas.",
        "en": "This review was already submitted or released.",
    },
    "review.reason_required": {
        "id": "Alasan konflik kepentingan wajib diisi.",
        "en": "Give the reason for the conflict of interest.",
    },
    "review.submit_first": {
        "id": "Kirim penilaian Anda sendiri lebih dulu.",
        "en": "Submit your own review first.",
    },
    "review.call_unknown": {
        "id": "Periode lomba {call_id} belum dikenal layanan penilaian.",
        "en": "Call {call_id} is not known to the review service.",
    },
    "review.evaluator_unknown": {
        "id": "Evaluator {evaluator_id} tidak terdaftar.",
        "en": "Evaluator {evaluator_id} is not registered.",
    },
    "review.invitation_answered": {
        "id": "Undangan ini sudah dijawab.",
        "en": "This invitation was already answered.",
    },
    "review.decision_unknown": {
        "id": "Keputusan tidak dikenal: {decision}.",
        "en": "Unknown decision: {decision}.",
    },
    "review.proposal_unknown": {
        "id": "Proposal {proposal_id} tidak ditemukan dalam penilaian.",
        "en": "Proposal {proposal_id} is not under review.",
    },
    "review.not_scored": {
        "id": "Proposal {proposal_id} belum selesai dinilai.",
        "en": "Proposal {proposal_id} is not fully reviewed yet.",
    },
    "review.invalid_loads": {
        "id": "Beban minimum dan maksimum tidak sah.",
        "en": "The minimum and maximum loads are not valid.",
    },
    "review.no_evaluator_left": {
        "id": "Tidak ada evaluator lain tanpa konflik yang masih punya kapasitas.",
        "en": "No other conflict-free evaluator has capacity left.",
    },
    "review.batch_state": {
        "id": "Tidak dapat dilakukan pada proses berstatus {state}.",
        "en": "Not possible on a run that is {state}.",
    },
    "review.batch_stale": {
        "id": "Rencana sudah usang: penugasan proposal {proposal_id} berubah sejak direncanakan.",
        "en": "The plan is stale: proposal {proposal_id}'s evaluators changed since it was made.",
    },
    "review.override_refused": {
        "id": "Evaluator tidak dapat ditetapkan: {reasons}.",
        "en": "This evaluator cannot be assigned: {reasons}.",
    },
    "review.invitation_title": {
        "id": "Undangan menjadi evaluator: {call}",
        "en": "Invitation to evaluate: {call}",
    },
    "review.invitation.invited": {"id": "Menunggu jawaban", "en": "Awaiting your answer"},
    "review.invitation.accepted": {"id": "Diterima", "en": "Accepted"},
    "review.invitation.declined": {"id": "Ditolak", "en": "Declined"},
    "review.accept": {"id": "Terima", "en": "Accept"},
    "review.decline": {"id": "Tolak", "en": "Decline"},
    "review.decline_assignment": {"id": "Tolak penugasan ini", "en": "Decline this assignment"},
    "review.declined": {
        "id": "Penugasan ditolak; proposal dialihkan ke evaluator lain.",
        "en": "Assignment declined; the proposal goes to another evaluator.",
    },
    "review.saved": {"id": "Draf penilaian disimpan.", "en": "Draft review saved."},
    "review.submitted": {"id": "Penilaian dikirim.", "en": "Review submitted."},
    "review.released": {
        "id": "Konflik dicatat; proposal dialihkan ke evaluator lain.",
        "en": "Conflict recorded; the proposal goes to another evaluator.",
    },
    "review.proposal": {"id": "Proposal", "en": "Proposal"},
    "review.queue": {"id": "Antrean penilaian", "en": "Review queue"},
    "review.empty": {"id": "Belum ada penugasan.", "en": "No assignments yet."},
    "review.due": {"id": "Tenggat", "en": "Due"},
    "review.status": {"id": "Status", "en": "Status"},
    "review.hidden": {"id": "disembunyikan (penilaian buta)", "en": "hidden (blind review)"},
    "review.innovator": {"id": "Inovator", "en": "Innovator"},
    "review.agency": {"id": "Perangkat daerah", "en": "Agency"},
    "review.score": {"id": "Nilai", "en": "Score"},
    "review.comment": {"id": "Komentar", "en": "Comment"},
    "review.weight": {"id": "Bobot", "en": "Weight"},
    "review.total": {"id": "Nilai total", "en": "Total"},
    "review.save_draft": {"id": "Simpan draf", "en": "Save draft"},
    "review.submit": {"id": "Kirim penilaian", "en": "Submit review"},
    "review.declare": {
        "id": "Nyatakan konflik kepentingan",
        "en": "Declare a conflict of interest",
    },
    "review.reason": {"id": "Alasan", "en": "Reason"},
    "review.scale": {"id": "Skala {low}–{high}", "en": "Scale {low}–{high}"},
}

register(MESSAGES)
