"""Submission's texts of the proposal's life (states, timeline, rules, files, team, checks,
charts) in Bahasa Indonesia and English."""

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
        "id": "Proposal menunggu pemeriksaan administrasi oleh verifikator (atau langsung ke "
        "penugasan evaluator bila periode tanpa pemeriksaan). Halaman ini diperbarui sendiri.",
        "en": "The proposal awaits the verifier's administrative check (or goes straight to the "
        "evaluators when the call has none). This page updates itself.",
    },
    "next.under_review": {
        "id": "Evaluator sedang menilai proposal Anda. Anda akan diberi tahu hasilnya.",
        "en": "Evaluators are assessing your proposal. You will be told the outcome.",
    },
    "status.draft": {"id": "Draf", "en": "Draft"},
    "status.submitted": {"id": "Terkirim", "en": "Submitted"},
    "status.under_review": {"id": "Dalam penilaian", "en": "Under review"},
    "proposal.unknown_call": {"id": "Periode lomba tidak dikenal.", "en": "Unknown call."},
    "proposal.call_closed": {
        "id": "Periode lomba ini sudah ditutup.",
        "en": "This call is closed.",
    },
    "proposal.call_not_open": {
        "id": "Periode lomba ini belum dibuka.",
        "en": "This call is not open yet.",
    },
    "proposal.deadline_passed": {
        "id": "Batas waktu pengiriman sudah lewat.",
        "en": "The submission deadline has passed.",
    },
    "proposal.not_withdrawable": {
        "id": "Proposal yang sudah dinilai tidak dapat ditarik.",
        "en": "A proposal under review cannot be withdrawn.",
    },
    "proposal.not_checkable": {
        "id": "Proposal ini tidak sedang menunggu pemeriksaan administrasi.",
        "en": "This proposal is not awaiting the administrative check.",
    },
    "proposal.no_call": {
        "id": "Proposal ini tidak termasuk periode lomba.",
        "en": "This proposal belongs to no call.",
    },
    "proposal.withdrawn": {"id": "Proposal ditarik.", "en": "Proposal withdrawn."},
    "proposal.checked": {"id": "Hasil pemeriksaan tersimpan.", "en": "Check recorded."},
    "call.changed_meanwhile": {
        "id": "Periode lomba ini baru saja diubah oleh orang lain. Muat ulang dan coba lagi.",
        "en": "Someone else changed this call a moment ago. Reload and try again.",
    },
    "call.deadline_before_open": {
        "id": "Batas waktu harus setelah waktu pembukaan.",
        "en": "The deadline must be after the opening.",
    },
    "check.all_items_needed": {
        "id": "Semua butir pemeriksaan harus terpenuhi untuk meloloskan proposal.",
        "en": "Every checklist item must hold to pass the proposal.",
    },
    "check.fixes_needed": {
        "id": "Tuliskan paling sedikit satu perbaikan yang diminta.",
        "en": "Write at least one fix that is needed.",
    },
    "rule.too_many_words": {
        "id": "Paling banyak {limit} kata (sekarang {count}).",
        "en": "At most {limit} words (now {count}).",
    },
    "rule.too_few_words": {
        "id": "Paling sedikit {limit} kata (sekarang {count}).",
        "en": "At least {limit} words (now {count}).",
    },
    "rule.not_an_option": {
        "id": "Pilihan ini tidak tersedia.",
        "en": "This is not one of the options.",
    },
    "rule.not_a_date": {
        "id": "Tanggal tidak valid (format TTTT-BB-HH).",
        "en": "Not a valid date (YYYY-MM-DD).",
    },
    "rule.attachment_missing": {
        "id": "Lampiran wajib ini belum diunggah.",
        "en": "This required attachment is missing.",
    },
    "rule.supporting_missing": {
        "id": "Aspek ini memerlukan data pendukung (unggah berkas).",
        "en": "This aspect needs a supporting file.",
    },
    "file.unknown_kind": {
        "id": "Jenis lampiran tidak dikenal untuk periode ini.",
        "en": "Unknown attachment kind for this call.",
    },
    "file.empty": {"id": "Berkas kosong.", "en": "The file is empty."},
    "file.too_large": {
        "id": "Berkas melebihi batas {limit} MB.",
        "en": "The file is larger than {limit} MB.",
    },
    "file.total_too_large": {
        "id": "Total lampiran proposal melebihi batas {limit} MB.",
        "en": "The proposal's files would exceed {limit} MB in total.",
    },
    "file.executable": {
        "id": 'Berkas "{name}" adalah program (executable), bukan dokumen; berkas ini ditolak.',
        "en": '"{name}" is a program (executable), not a document; it was refused.',
    },
    "file.archive_bomb": {
        "id": 'Berkas "{name}" berisi arsip yang membengkak tidak wajar bila dibuka; '
        "berkas ditolak.",
        "en": '"{name}" is an archive that would unpack to an unreasonable size; it was refused.',
    },
    "file.active_content": {
        "id": 'PDF "{name}" memuat skrip, perintah, atau isi lain (HTML, arsip) yang dapat '
        "dijalankan; cetak ulang sebagai PDF biasa lalu unggah kembali.",
        "en": '"{name}" carries script, commands or another format (HTML, an archive) a viewer '
        "could run; print it again to a plain PDF and upload that.",
    },
    "proposal.agency_owner_only": {
        "id": "Instansi usulan hanya dapat diubah oleh pemiliknya selama masih draf "
        "dan belum pernah dikirim.",
        "en": "Only the proposal's owner may change its agency, and only while it is a draft "
        "never submitted.",
    },
    "file.unreadable_pdf": {
        "id": 'PDF "{name}" rusak atau tidak dapat dibaca dengan aman; simpan ulang sebagai PDF '
        "biasa dari aplikasi pembuatnya lalu unggah kembali.",
        "en": '"{name}" is a damaged PDF that cannot be read safely; save it again as a plain '
        "PDF from the program that made it and upload that.",
    },
    "file.type_not_allowed": {
        "id": 'Isi berkas "{name}" bukan PDF, gambar, atau dokumen Office; berkas ditolak.',
        "en": '"{name}" is not a PDF, an image or an office document; it was refused.',
    },
    "timeline.admitted": {
        "id": "Lolos pemeriksaan administrasi (versi {version}); menunggu penugasan evaluator.",
        "en": "Passed the administrative check (version {version}); evaluators come next.",
    },
    "timeline.returned": {
        "id": "Dikembalikan untuk perbaikan (versi {version}, {count} catatan).",
        "en": "Returned for revision (version {version}, {count} fixes).",
    },
    "timeline.withdrawn": {"id": "Proposal ditarik.", "en": "Proposal withdrawn."},
    "timeline.review_submitted": {
        "id": "Seorang evaluator menyelesaikan penilaian.",
        "en": "An evaluator finished a review.",
    },
    "timeline.scored": {
        "id": "Semua penilaian masuk ({reviews} evaluator).",
        "en": "Every review is in ({reviews} evaluators).",
    },
    "timeline.decision.finalist": {
        "id": "Ditetapkan sebagai finalis.",
        "en": "Chosen as a finalist.",
    },
    "timeline.decision.not_selected": {"id": "Tidak terpilih.", "en": "Not selected."},
    "timeline.decision.winner": {"id": "Ditetapkan sebagai pemenang.", "en": "Chosen as a winner."},
    "next.returned": {
        "id": "Verifikator meminta perbaikan. Perbaiki sesuai catatan, lalu kirim ulang sebelum "
        "batas waktu.",
        "en": "The verifier asked for fixes. Make them, then submit again before the deadline.",
    },
    "next.admitted": {
        "id": "Lolos pemeriksaan administrasi. Sistem sedang menugaskan evaluator.",
        "en": "Passed the administrative check. Evaluators are being assigned.",
    },
    "next.scored": {
        "id": "Penilaian selesai. Tim penilai akan menetapkan hasilnya.",
        "en": "The reviews are done. The panel will decide.",
    },
    "next.decided": {
        "id": "Hasil sudah ditetapkan. Lihat riwayat di bawah.",
        "en": "The outcome is decided. See the timeline below.",
    },
    "next.withdrawn": {
        "id": "Proposal ini sudah ditarik; tidak ada proses lanjutan.",
        "en": "This proposal was withdrawn; nothing more happens.",
    },
    "status.returned": {"id": "Perlu perbaikan", "en": "Returned for revision"},
    "status.admitted": {"id": "Lolos administrasi", "en": "Admitted"},
    "status.scored": {"id": "Selesai dinilai", "en": "Scored"},
    "status.decided": {"id": "Diputuskan", "en": "Decided"},
    "status.withdrawn": {"id": "Ditarik", "en": "Withdrawn"},
    "decision.finalist": {"id": "Finalis", "en": "Finalist"},
    "decision.not_selected": {"id": "Tidak terpilih", "en": "Not selected"},
    "decision.winner": {"id": "Pemenang", "en": "Winner"},
    "check.complete": {
        "id": "Isian dan lampiran lengkap",
        "en": "Complete: every field and attachment",
    },
    "check.eligible_age": {
        "id": "Usia inovasi memenuhi syarat",
        "en": "The innovation is old enough",
    },
    "check.decree_attached": {
        "id": "SK inovator terlampir",
        "en": "The decree naming the innovators is attached",
    },
    "check.no_duplicate_title": {
        "id": "Tidak ada judul sama di periode ini atau dua tahun terakhir",
        "en": "No same title in this call or the last two years",
    },
    "proposal.too_many_submits": {
        "id": "Terlalu sering mencoba mengirim proposal ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many attempts to submit this proposal. Try again in {minutes} minutes.",
    },
    "team.is_owner": {
        "id": "Pemilik proposal sudah termasuk tim.",
        "en": "The proposal's owner is already on the team.",
    },
    "team.already_invited": {
        "id": "Email ini sudah diundang ke tim.",
        "en": "This e-mail is already invited.",
    },
    "team.already_accepted": {
        "id": "Undangan ini sudah diterima.",
        "en": "This invitation was already accepted.",
    },
    "team.invited": {"id": "Undangan tim terkirim.", "en": "Invitation sent."},
    "team.removed": {"id": "Anggota tim dihapus.", "en": "Team member removed."},
    "team.accepted": {
        "id": "Anda kini anggota tim inovasi ini.",
        "en": "You are now on this innovation team.",
    },
    "charts.by_agency": {"id": "Usulan per OPD", "en": "Proposals per agency"},
    "charts.by_stage": {"id": "Usulan per tahap", "en": "Proposals per stage"},
    "charts.by_category": {"id": "Usulan per kategori", "en": "Proposals per category"},
    "charts.deadlines": {
        "id": "Tenggat yang akan datang (hari lagi)",
        "en": "Deadlines ahead (days left)",
    },
    "charts.others": {"id": "{count} OPD lainnya", "en": "{count} other agencies"},
    "charts.no_category": {"id": "Tanpa kategori", "en": "No category"},
}
