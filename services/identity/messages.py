"""Messages of sign-in, account lock and password reset (id, en)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.rate_limited": {
        "id": "Terlalu banyak percobaan. Coba lagi dalam {minutes} menit.",
        "en": "Too many attempts. Try again in {minutes} minutes.",
    },
    "account.locked": {
        "id": "Terlalu banyak percobaan masuk yang gagal, akun dikunci sementara. Coba lagi "
        "dalam {minutes} menit, atau atur ulang kata sandi.",
        "en": "Too many failed sign-ins: the account is locked for now. Try again in "
        "{minutes} minutes, or reset the password.",
    },
    "account.forgot_link": {"id": "Lupa kata sandi?", "en": "Forgot the password?"},
    "account.forgot_title": {"id": "Lupa kata sandi", "en": "Forgotten password"},
    "account.forgot_intro": {
        "id": "Masukkan email akun Anda. Kami akan mengirim tautan untuk membuat kata sandi baru.",
        "en": "Enter your account's e-mail. We will send a link to set a new password.",
    },
    "account.send_link": {"id": "Kirim tautan", "en": "Send the link"},
    "account.forgot_sent": {
        "id": "Jika email tersebut terdaftar, tautan untuk mengatur ulang kata sandi telah "
        "dikirim. Tautan berlaku {minutes} menit dan hanya dapat dipakai sekali.",
        "en": "If this e-mail has an account, a link to reset the password has been sent. "
        "It works for {minutes} minutes, once.",
    },
    "account.email_invalid": {
        "id": "Tulis alamat email yang valid.",
        "en": "Write a valid e-mail address.",
    },
    "account.reset_title": {"id": "Atur ulang kata sandi", "en": "Reset the password"},
    "account.new_password": {"id": "Kata sandi baru", "en": "New password"},
    "account.confirm_password": {
        "id": "Ulangi kata sandi baru",
        "en": "New password again",
    },
    "account.password_hint": {
        "id": "Minimal 10 karakter; boleh berupa kalimat.",
        "en": "At least 10 characters; a sentence is fine.",
    },
    "account.password_too_short": {
        "id": "Kata sandi minimal 10 karakter.",
        "en": "The password needs at least 10 characters.",
    },
    "account.password_too_long": {
        "id": "Kata sandi maksimal 200 karakter.",
        "en": "The password may have at most 200 characters.",
    },
    "account.password_is_email": {
        "id": "Kata sandi tidak boleh sama dengan email.",
        "en": "The password must not be the e-mail address.",
    },
    "account.password_mismatch": {
        "id": "Kedua kata sandi tidak sama.",
        "en": "The two passwords differ.",
    },
    "account.save_password": {"id": "Simpan kata sandi", "en": "Save the password"},
    "account.reset_invalid": {
        "id": "Tautan ini tidak berlaku: sudah dipakai, kedaluwarsa, atau tidak dikenal. "
        "Minta tautan baru.",
        "en": "This link does not work: it was used, it expired or it is unknown. "
        "Ask for a new one.",
    },
    "account.reset_done": {
        "id": "Kata sandi telah diubah. Silakan masuk dengan kata sandi baru.",
        "en": "The password has been changed. Sign in with the new password.",
    },
    "account.back_to_login": {"id": "Kembali ke halaman masuk", "en": "Back to sign-in"},
    "mail.reset_subject": {
        "id": "SIPINDA: atur ulang kata sandi",
        "en": "SIPINDA: reset your password",
    },
    "mail.reset_body": {
        "id": "Yth. {name},\n\nKami menerima permintaan untuk mengatur ulang kata sandi akun "
        "SIPINDA Anda. Buka tautan berikut untuk membuat kata sandi baru:\n\n{link}\n\n"
        "Tautan ini berlaku {minutes} menit dan hanya dapat dipakai sekali. Jika Anda tidak "
        "memintanya, abaikan email ini; kata sandi Anda tidak berubah.\n\n-- SIPINDA",
        "en": "Dear {name},\n\nWe received a request to reset the password of your SIPINDA "
        "account. Open this link to set a new password:\n\n{link}\n\nThe link works for "
        "{minutes} minutes, once. If you did not ask for it, ignore this mail; your password "
        "stays as it is.\n\n-- SIPINDA",
    },
}
