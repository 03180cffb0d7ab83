"""The review service's messages, Indonesian first, English second (registered on import)."""

from __future__ import annotations

from shared.web.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "review.admin.title": {"id": "Administrasi penilaian", "en": "Review administration"},
    "review.admin.registry": {"id": "Daftar evaluator", "en": "Evaluator registry"},
    "review.admin.call": {"id": "Periode", "en": "Call"},
    "review.admin.proposals": {"id": "Usulan", "en": "Proposals"},
    "review.admin.name": {"id": "Nama", "en": "Name"},
    "review.admin.kind": {"id": "Jenis", "en": "Kind"},
    "review.admin.topics": {
        "id": "Keahlian (topik, dipisah koma)",
        "en": "Expertise (topics, comma-separated)",
    },
    "review.admin.expertise": {"id": "Uraian keahlian", "en": "Expertise in words"},
    "review.admin.load": {"id": "Beban (kini / min–maks)", "en": "Load (now / min–max)"},
    "review.admin.min_load": {"id": "Beban minimum", "en": "Minimum load"},
    "review.admin.max_load": {"id": "Beban maksimum", "en": "Maximum load"},
    "review.admin.active": {"id": "Aktif", "en": "Active"},
    "review.admin.language": {"id": "Bahasa", "en": "Language"},
    "review.admin.user_id": {"id": "ID akun pengguna", "en": "User account id"},
    "review.admin.edit": {"id": "Ubah", "en": "Edit"},
    "review.admin.add_or_edit": {
        "id": "Tambah atau ubah evaluator",
        "en": "Add or edit an evaluator",
    },
    "review.admin.save": {"id": "Simpan", "en": "Save"},
    "review.admin.saved": {"id": "Evaluator disimpan.", "en": "Evaluator saved."},
    "review.admin.invalid": {"id": "Isian ini tidak valid.", "en": "This value is not valid."},
    "review.admin.reason_needed": {"id": "Alasan wajib diisi.", "en": "A reason is required."},
    "review.admin.assignments": {"id": "Penugasan dan alasannya", "en": "Assignments and why"},
    "review.admin.why": {"id": "Alasan pemilihan", "en": "Why this evaluator"},
    "review.admin.replacement": {"id": "pengganti", "en": "replacement"},
    "review.admin.change": {
        "id": "Konflik atau penggantian manual",
        "en": "Conflict or manual replacement",
    },
    "review.admin.conflict_of": {"id": "Evaluator yang berkonflik", "en": "Conflicted evaluator"},
    "review.admin.reason": {"id": "Alasan", "en": "Reason"},
    "review.admin.declare_conflict": {
        "id": "Nyatakan konflik dan ganti otomatis",
        "en": "Declare the conflict and replace",
    },
    "review.admin.replace": {"id": "Ganti penugasan", "en": "Replace the assignment of"},
    "review.admin.with": {"id": "dengan", "en": "with"},
    "review.admin.override": {"id": "Ganti manual", "en": "Replace by hand"},
    "review.admin.conflict_done": {
        "id": "Konflik dicatat; evaluator pengganti ditugaskan.",
        "en": "Conflict recorded; a replacement was assigned.",
    },
    "review.admin.override_done": {
        "id": "Penugasan diganti; alasannya dicatat.",
        "en": "Assignment replaced; the reason is recorded.",
    },
    "review.admin.extra_done": {
        "id": "Evaluator tambahan ditugaskan.",
        "en": "An extra evaluator was assigned.",
    },
    "review.admin.ranking": {"id": "Peringkat dan keputusan", "en": "Ranking and decisions"},
    "review.admin.category": {"id": "Kategori", "en": "Category"},
    "review.admin.mean": {"id": "Rata-rata", "en": "Mean"},
    "review.admin.calibrated": {"id": "Terkalibrasi", "en": "Calibrated"},
    "review.admin.disagreement": {"id": "Perbedaan besar", "en": "Disagreement"},
    "review.admin.decision": {"id": "Keputusan", "en": "Decision"},
    "review.admin.yes": {"id": "ya", "en": "yes"},
    "review.admin.add_evaluator": {"id": "Tambah evaluator", "en": "Add an evaluator"},
    "review.admin.decide": {"id": "Simpan keputusan", "en": "Save the decisions"},
    "review.admin.decided": {
        "id": "Keputusan disimpan dan diumumkan.",
        "en": "Decisions saved and announced.",
    },
    "review.admin.nothing_chosen": {
        "id": "Belum ada keputusan yang dipilih.",
        "en": "No decision was chosen.",
    },
    "review.admin.nothing_scored": {
        "id": "Belum ada usulan yang selesai dinilai.",
        "en": "No proposal is scored yet.",
    },
    "review.admin.batch": {"id": "Penugasan ulang menyeluruh", "en": "Batch re-assignment"},
    "review.admin.plan": {
        "id": "Rencanakan ulang penugasan yang belum dimulai",
        "en": "Plan again the reviews not yet started",
    },
    "review.admin.batch_not_queued": {
        "id": "Rencana belum dapat dijalankan (antrean tidak menjawab); coba lagi.",
        "en": "The plan could not be queued (the queue does not answer); try again.",
    },
    "review.admin.back_to_call": {"id": "Kembali ke periode", "en": "Back to the call"},
    "review.admin.cancel": {"id": "Batalkan", "en": "Cancel"},
    "review.admin.deploy": {"id": "Terapkan rencana", "en": "Deploy the plan"},
    "review.admin.changes": {
        "id": "{count} evaluator akan berganti.",
        "en": "{count} evaluators would change.",
    },
    "review.admin.stays": {"id": "Tetap", "en": "Stays"},
    "review.admin.leaves": {"id": "Keluar", "en": "Leaves"},
    "review.admin.comes": {"id": "Masuk", "en": "Comes"},
    "review.admin.batch_cancelled": {"id": "Rencana dibatalkan.", "en": "Plan cancelled."},
    "review.admin.batch_deployed": {"id": "Rencana diterapkan.", "en": "Plan deployed."},
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
    "review.changed_meanwhile": {
        "id": "Data ini baru saja diubah oleh orang lain. Muat ulang halaman dan coba lagi.",
        "en": "Someone else changed this a moment ago. Reload the page and try again.",
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
