"""Detectors of words a person should never read (issue 20): a raw message key, a snake_case
code, a `prefix:code`, and, for a page in one language, a word of the other language's
interface. Used by the browser crawl of every page (tests/e2e/test_labels_crawl.py) and by the
check of every PDF's text layer (tests/unit/documents/test_pdf_words.py)."""

from __future__ import annotations

import re

EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:pdf|png|jpe?g|docx?|xlsx?)\b")
DOTTED_KEY = re.compile(r"\b[a-z][a-z_]*(?:\.[a-z_]+)+\b")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
PREFIXED = re.compile(r"\b[a-z]+:[a-z_]+\b")
# A word that belongs to the other language's interface (never to a person's own data).
ENGLISH_ON_ID = re.compile(
    r"\b(submitted|assigned|scored|winner|finalist|not selected|under review|returned|pending"
    r"|Save|Submit|Cancel|Delete|Back|Sign in|Sign out|Status code|Action|User|Reason"
    r"|academic|practitioner|government|queued|deployed|cancelled|Download|Search|Previous|Next"
    r"|Showing|Upload|Remove|Decision)\b"
)
INDONESIAN_ON_EN = re.compile(
    r"\b(Simpan|Kirim|Terkirim|Batal|Keluar|Masuk|Ditugaskan|Dinilai|Pemenang|Finalis|Alasan"
    r"|Aksi|Pengguna|Waktu|Perlu perbaikan|Dalam penilaian|Tidak terpilih|Penilaian|Tugas"
    r"|Berkas|Lampiran|Belum|Sudah|Kembali|Ubah|Hapus|Unduh|Cari|Sebelumnya"
    r"|Berikutnya|Menampilkan|Unggah|Keputusan|Saring)\b"
)


def raw_words(text: str) -> list[str]:
    """Message keys, snake_case codes and `prefix:code`s in `text` (e-mail addresses, URLs and
    file names left out), sorted, each once."""
    text = EMAIL_OR_URL.sub(" ", text)
    return sorted({*DOTTED_KEY.findall(text), *SNAKE.findall(text), *PREFIXED.findall(text)})


def findings_in(text: str, language: str) -> list[str]:
    """`raw_words`, and the other language's interface words as `language:word`."""
    other = ENGLISH_ON_ID if language == "id" else INDONESIAN_ON_EN
    found = [
        *raw_words(text),
        *(f"{language}:{w}" for w in other.findall(EMAIL_OR_URL.sub(" ", text))),
    ]
    return sorted(set(found))


# The page's text as a reader of `language` meets it. Text an author wrote in another language
# (a call's rubric, a mail in the recipient's language) is marked with its own `lang`, as HTML
# asks, so a screen reader reads it right: that is content, not interface, and is left out.
TEXT_IN_PAGE_LANGUAGE = """(language) => {
  const foreign = [...document.body.querySelectorAll('[lang]')]
    .filter((el) => !el.lang.toLowerCase().startsWith(language));
  const saved = foreign.map((el) => el.style.display);
  foreign.forEach((el) => { el.style.display = 'none'; });
  const text = document.body.innerText;
  foreign.forEach((el, i) => { el.style.display = saved[i]; });
  return text;
}"""
