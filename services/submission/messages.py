"""Submission's texts in Bahasa Indonesia and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "proposal.not_editable": {
        "id": "Proposal yang sudah dikirim tidak dapat diubah.",
        "en": "A submitted proposal cannot be changed.",
    },
    "proposal.already_submitted": {
        "id": "Proposal ini sudah dikirim.",
        "en": "This proposal has already been submitted.",
    },
    "proposal.unknown_agency": {
        "id": "Instansi (OPD) tidak dikenal.",
        "en": "Unknown agency (OPD).",
    },
    "proposal.no_agency": {
        "id": "Akun Anda belum terhubung dengan instansi; pilih instansi.",
        "en": "Your account has no agency; choose one.",
    },
    "proposal.created": {"id": "Draf proposal tersimpan.", "en": "Draft saved."},
    "proposal.saved": {"id": "Perubahan tersimpan.", "en": "Changes saved."},
    "proposal.submitted": {
        "id": "Proposal terkirim. Proses selanjutnya berjalan otomatis.",
        "en": "Proposal submitted. The next steps run automatically.",
    },
    "timeline.submitted": {
        "id": "Proposal dikirim (versi {version}).",
        "en": "Proposal submitted (version {version}).",
    },
    "timeline.assigned": {
        "id": "{count} evaluator telah ditugaskan.",
        "en": "{count} evaluators assigned.",
    },
    "timeline.document.proposal_dossier": {
        "id": "Berkas proposal (PDF) versi {version} siap diunduh.",
        "en": "Proposal dossier (PDF) version {version} is ready.",
    },
    "timeline.notified.evaluator": {
        "id": "Pemberitahuan terkirim kepada evaluator.",
        "en": "An evaluator was notified.",
    },
    "timeline.notified.innovator": {
        "id": "Pemberitahuan terkirim kepada inovator.",
        "en": "The innovator was notified.",
    },
    "next.draft": {
        "id": "Lengkapi draf, lalu kirim. Setelah dikirim, proposal tidak dapat diubah.",
        "en": "Complete the draft, then submit. Once submitted it cannot be changed.",
    },
    "next.submitted": {
        "id": "Sistem sedang menugaskan evaluator dan menyiapkan berkas PDF. Halaman ini "
        "diperbarui sendiri.",
        "en": "Evaluators are being assigned and the PDF prepared. This page updates itself.",
    },
    "next.under_review": {
        "id": "Evaluator sedang menilai proposal Anda. Anda akan diberi tahu hasilnya.",
        "en": "Evaluators are assessing your proposal. You will be told the outcome.",
    },
    "status.draft": {"id": "Draf", "en": "Draft"},
    "status.submitted": {"id": "Terkirim", "en": "Submitted"},
    "status.under_review": {"id": "Dalam penilaian", "en": "Under review"},
    "ui.new_proposal": {"id": "Proposal baru", "en": "New proposal"},
    "ui.my_proposals": {"id": "Daftar proposal", "en": "Proposals"},
    "ui.none_yet": {"id": "Belum ada proposal.", "en": "No proposals yet."},
    "ui.title": {"id": "Judul inovasi", "en": "Innovation title"},
    "ui.summary": {"id": "Ringkasan", "en": "Summary"},
    "ui.summary_hint": {
        "id": "Jelaskan inovasi secara singkat: masalah, solusi, dan manfaatnya.",
        "en": "Describe the innovation briefly: the problem, the solution and its benefits.",
    },
    "ui.agency": {"id": "Instansi (OPD)", "en": "Agency (OPD)"},
    "ui.status": {"id": "Status", "en": "Status"},
    "ui.updated": {"id": "Diperbarui", "en": "Updated"},
    "ui.save": {"id": "Simpan draf", "en": "Save draft"},
    "ui.submit": {"id": "Kirim proposal", "en": "Submit proposal"},
    "ui.timeline": {"id": "Riwayat proses", "en": "Timeline"},
    "ui.next_step": {"id": "Langkah berikutnya", "en": "What happens next"},
    "ui.download": {"id": "Unduh", "en": "Download"},
    "ui.version": {"id": "Versi", "en": "Version"},
}
