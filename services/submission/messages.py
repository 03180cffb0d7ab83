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
    "ui.admin_check": {"id": "Pemeriksaan administrasi", "en": "Administrative check"},
    "ui.all": {"id": "Semua", "en": "All"},
    "ui.aspects": {"id": "Aspek proposal", "en": "Proposal aspects"},
    "ui.attachments": {"id": "Lampiran", "en": "Attachments"},
    "ui.blind": {"id": "Penilaian tertutup (identitas disamarkan)", "en": "Blind review"},
    "ui.open_review": {"id": "Penilaian terbuka", "en": "Open review"},
    "ui.call": {"id": "Periode lomba", "en": "Call"},
    "ui.call_hint": {
        "id": "Aspek, isian, dan batas kata mengikuti periode yang dipilih.",
        "en": "The aspects, fields and word limits come from the call chosen.",
    },
    "ui.calls": {"id": "Periode lomba", "en": "Calls"},
    "ui.category": {"id": "Kategori", "en": "Category"},
    "ui.changed": {"id": "berubah", "en": "changed"},
    "ui.check_manually": {"id": "periksa manual", "en": "check by hand"},
    "ui.checklist": {"id": "Daftar periksa", "en": "Checklist"},
    "ui.choose": {"id": "— pilih —", "en": "— choose —"},
    "ui.closes": {"id": "ditutup", "en": "closes"},
    "ui.opens": {"id": "Dibuka", "en": "Opens"},
    "ui.compare": {"id": "Bandingkan", "en": "Compare"},
    "ui.compare_versions": {"id": "Bandingkan versi", "en": "Compare versions"},
    "ui.deadline": {"id": "Batas waktu pengiriman", "en": "Submission deadline"},
    "ui.definition": {"id": "Pengaturan periode (JSON)", "en": "Call settings (JSON)"},
    "ui.duplicates": {"id": "Kemungkinan duplikat", "en": "Possible duplicates"},
    "ui.edit_call": {"id": "Ubah pengaturan periode", "en": "Edit the call's settings"},
    "ui.edit_call_hint": {
        "id": "Setiap perubahan menjadi versi baru; proposal yang sudah dikirim tetap dinilai "
        "dengan versinya.",
        "en": "Every change is a new version; submitted proposals keep the version they were "
        "submitted under.",
    },
    "ui.evaluators_per_proposal": {"id": "Evaluator per proposal", "en": "Evaluators per proposal"},
    "ui.export_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "ui.export_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
    "ui.extend": {"id": "Perpanjang", "en": "Extend"},
    "ui.extend_call": {"id": "Perpanjang batas waktu periode", "en": "Extend the call's deadline"},
    "ui.extend_proposal": {
        "id": "Perpanjang batas waktu proposal ini",
        "en": "Extend this proposal's deadline",
    },
    "ui.field": {"id": "Isian", "en": "Field"},
    "ui.file": {"id": "Berkas", "en": "File"},
    "ui.file_hint": {
        "id": "PDF, gambar, atau dokumen Office; paling besar {each} MB per berkas, {total} MB "
        "per proposal. Video cukup tautannya.",
        "en": "PDF, images or office documents; at most {each} MB each and {total} MB per "
        "proposal. A video is a link.",
    },
    "ui.file_kind": {"id": "Jenis lampiran", "en": "Kind of attachment"},
    "ui.filter": {"id": "Saring", "en": "Filter"},
    "ui.fix_list": {
        "id": "Perbaikan yang diminta verifikator",
        "en": "Fixes the verifier asked for",
    },
    "ui.fixes": {"id": "Perbaikan yang diminta", "en": "Fixes needed"},
    "ui.fixes_hint": {
        "id": "Satu perbaikan per baris. Wajib bila proposal dikembalikan.",
        "en": "One fix per line. Required to return the proposal.",
    },
    "ui.group": {"id": "Kelompok", "en": "Group"},
    "ui.limit_reached": {"id": "batas kata tercapai", "en": "word limit reached"},
    "ui.max_words": {"id": "paling banyak {n} kata", "en": "at most {n} words"},
    "ui.min_words": {"id": "paling sedikit {n} kata", "en": "at least {n} words"},
    "ui.new_call": {"id": "Periode baru", "en": "New call"},
    "ui.new_call_hint": {
        "id": "Isian awal berisi templat KIPP 2023 kelompok umum dan profil inovasi Kemendagri;"
        " ubah sesuai periode.",
        "en": "Prefilled with the KIPP 2023 general-group template and the Kemendagri "
        "innovation profile; edit it for the call.",
    },
    "ui.new_deadline": {"id": "Batas waktu baru (WIB)", "en": "New deadline (WIB)"},
    "ui.no_call": {"id": "— Tanpa periode lomba —", "en": "— No call —"},
    "ui.no_calls": {"id": "Belum ada periode lomba.", "en": "No calls yet."},
    "ui.no_files": {"id": "Belum ada lampiran.", "en": "No attachments yet."},
    "ui.not_saved": {"id": "Belum tersimpan.", "en": "Not saved."},
    "ui.not_yet": {
        "id": "Proposal belum dapat dikirim:",
        "en": "The proposal cannot be submitted yet:",
    },
    "ui.note": {"id": "Catatan (opsional)", "en": "Note (optional)"},
    "ui.open": {"id": "dibuka", "en": "open"},
    "ui.other_file": {"id": "Lampiran lain", "en": "Other file"},
    "ui.pass_check": {"id": "Loloskan", "en": "Pass"},
    "ui.profile": {"id": "Profil inovasi", "en": "Innovation profile"},
    "ui.reason": {"id": "Alasan (dicatat di log audit)", "en": "Reason (kept in the audit log)"},
    "ui.remove": {"id": "Hapus", "en": "Remove"},
    "ui.resubmit": {"id": "Kirim ulang", "en": "Submit again"},
    "ui.return": {"id": "Kembalikan untuk perbaikan", "en": "Return for revision"},
    "ui.same_title": {"id": "judul sama", "en": "same title"},
    "ui.save_call": {"id": "Simpan periode", "en": "Save the call"},
    "ui.saving": {"id": "Menyimpan…", "en": "Saving…"},
    "ui.scale": {"id": "Skala nilai", "en": "Score scale"},
    "ui.sdgs": {
        "id": "Tujuan Pembangunan Berkelanjutan (SDGs) terkait",
        "en": "Linked Sustainable Development Goals",
    },
    "ui.similarity": {"id": "Kemiripan", "en": "Similarity"},
    "ui.supporting": {"id": "Data pendukung", "en": "Supporting file"},
    "ui.upload": {"id": "Unggah", "en": "Upload"},
    "ui.video": {"id": "Tautan video (opsional)", "en": "Video link (optional)"},
    "ui.video_url": {"id": "Tautan video", "en": "Video link"},
    "ui.weight": {"id": "bobot", "en": "weight"},
    "ui.withdraw": {"id": "Tarik proposal", "en": "Withdraw the proposal"},
    "ui.word_limits": {"id": "Batas kata", "en": "Word limits"},
    "ui.words": {"id": "kata", "en": "words"},
    "ui.words_min": {"id": "{n} kata (paling sedikit {min})", "en": "{n} words (at least {min})"},
    "ui.words_of": {"id": "{n} / {max} kata", "en": "{n} / {max} words"},
    "ui.year": {"id": "Tahun", "en": "Year"},
    "ui.autosaved": {
        "id": "Tersimpan otomatis pukul {time} WIB.",
        "en": "Saved automatically at {time} WIB.",
    },
    "ui.file_uploaded": {"id": "Berkas terunggah.", "en": "File uploaded."},
    "ui.file_removed": {"id": "Berkas dihapus.", "en": "File removed."},
    "ui.extended": {"id": "Batas waktu diperpanjang.", "en": "Deadline extended."},
    "ui.call_saved": {"id": "Periode tersimpan.", "en": "Call saved."},
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
    "team.unknown_user": {
        "id": "Tidak ada akun inovator dengan email ini.",
        "en": "No innovator account has this e-mail.",
    },
    "team.is_owner": {
        "id": "Pemilik proposal sudah termasuk tim.",
        "en": "The proposal's owner is already on the team.",
    },
    "team.already_invited": {
        "id": "Email ini sudah diundang ke tim.",
        "en": "This e-mail is already invited.",
    },
    "team.invited": {"id": "Undangan tim terkirim.", "en": "Invitation sent."},
    "team.removed": {"id": "Anggota tim dihapus.", "en": "Team member removed."},
    "team.accepted": {
        "id": "Anda kini anggota tim inovasi ini.",
        "en": "You are now on this innovation team.",
    },
    "ui.team": {"id": "Tim inovasi", "en": "Innovation team"},
    "ui.team_hint": {
        "id": "Undang rekan dengan email akunnya; setelah menerima, ia dapat mengubah proposal.",
        "en": "Invite a colleague by their account's e-mail; once they accept they can edit.",
    },
    "ui.invite": {"id": "Undang", "en": "Invite"},
    "ui.invited": {"id": "diundang", "en": "invited"},
    "ui.member": {"id": "anggota", "en": "member"},
    "ui.invitations": {"id": "Undangan tim untuk Anda", "en": "Team invitations for you"},
    "ui.accept": {"id": "Terima", "en": "Accept"},
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
