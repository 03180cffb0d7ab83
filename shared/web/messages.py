"""The base catalogue: errors, field messages, layout and role names (id, en)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.bad_request": {"id": "Permintaan tidak valid.", "en": "The request is not valid."},
    "error.malformed_json": {
        "id": "Isi permintaan bukan JSON yang valid.",
        "en": "The request body is not valid JSON.",
    },
    "error.validation": {
        "id": "Beberapa isian belum benar.",
        "en": "Some fields are not right.",
    },
    "error.unauthorized": {
        "id": "Silakan masuk terlebih dahulu.",
        "en": "Please sign in first.",
    },
    "error.bad_credentials": {
        "id": "Email atau kata sandi salah.",
        "en": "The e-mail or the password is wrong.",
    },
    "error.forbidden": {
        "id": "Anda tidak berhak mengakses ini.",
        "en": "You are not allowed to access this.",
    },
    "error.not_found": {"id": "Data tidak ditemukan.", "en": "Not found."},
    "error.method_not_allowed": {
        "id": "Metode tidak diizinkan untuk alamat ini.",
        "en": "This method is not allowed here.",
    },
    "error.too_large": {
        "id": "Isi permintaan terlalu besar.",
        "en": "The request is too large.",
    },
    "error.csrf": {
        "id": "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.",
        "en": "The form expired or is not valid. Reload the page and try again.",
    },
    "error.unavailable": {
        "id": "Layanan sedang tidak tersedia. Coba lagi sebentar lagi.",
        "en": "The service is unavailable. Please try again shortly.",
    },
    "error.internal": {
        "id": "Terjadi kesalahan pada sistem. Tim kami telah dicatat.",
        "en": "Something went wrong on our side. It has been logged.",
    },
    "field.required": {"id": "Wajib diisi.", "en": "Required."},
    "field.type": {"id": "Jenis isian tidak sesuai.", "en": "Wrong type of value."},
    "field.too_long": {
        "id": "Terlalu panjang (maksimal {limit} karakter).",
        "en": "Too long (at most {limit} characters).",
    },
    "field.too_short": {
        "id": "Terlalu pendek (minimal {limit} karakter).",
        "en": "Too short (at least {limit} characters).",
    },
    "field.unknown": {"id": "Isian tidak dikenal.", "en": "Unknown field."},
    "field.invalid": {"id": "Isian tidak valid.", "en": "Invalid value."},
    "field.nul": {
        "id": "Isian tidak boleh berisi karakter NUL.",
        "en": "The value must not contain a NUL character.",
    },
    "ui.skip": {"id": "Langsung ke isi", "en": "Skip to content"},
    "ui.tagline": {"id": "Inovasi Daerah Kota Cilegon", "en": "Regional Innovation, Kota Cilegon"},
    "ui.menu": {"id": "Menu utama", "en": "Main menu"},
    "ui.proposals": {"id": "Proposal", "en": "Proposals"},
    "ui.mailbox": {"id": "Kotak surat (dev)", "en": "Mailbox (dev)"},
    "ui.inbox": {"id": "Pemberitahuan", "en": "Notifications"},
    "ui.unread": {"id": "belum dibaca", "en": "unread"},
    "ui.admin": {"id": "Admin", "en": "Admin"},
    "ui.logout": {"id": "Keluar", "en": "Sign out"},
    "ui.login": {"id": "Masuk", "en": "Sign in"},
    "ui.login_intro": {
        "id": "Masuk dengan email dinas dan kata sandi Anda.",
        "en": "Sign in with your official e-mail and password.",
    },
    "ui.email": {"id": "Email", "en": "E-mail"},
    "ui.password": {"id": "Kata sandi", "en": "Password"},
    "ui.home": {"id": "Kembali ke beranda", "en": "Back to the start page"},
    "ui.footer": {
        "id": "Sistem Informasi Pengelolaan Inovasi Daerah",
        "en": "Regional Innovation Management System",
    },
    "role.innovator": {"id": "Inovator", "en": "Innovator"},
    "role.operator": {"id": "Operator OPD", "en": "Agency operator"},
    "role.verifier": {"id": "Verifikator", "en": "Verifier"},
    "role.evaluator": {"id": "Evaluator", "en": "Evaluator"},
    "role.admin": {"id": "Admin Bappedalitbang", "en": "Bappedalitbang admin"},
}
