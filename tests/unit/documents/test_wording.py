"""The fixed words of a PDF: Indonesian, then the English gloss, both from the catalogue; what
a person wrote is escaped, a label inside a sentence is worded in each language."""

from __future__ import annotations

from services.documents import wording


def test_a_fixed_word_is_printed_in_indonesian_then_in_english() -> None:
    assert wording.both("pdf.col.score") == 'Nilai<span class="gloss" lang="en"> / Score</span>'
    assert wording.both("pdf.col.score", block=True) == (
        'Nilai<span class="gloss block" lang="en">Score</span>'
    )


def test_a_word_both_languages_write_alike_is_printed_once() -> None:
    assert wording.both("pdf.sdgs") == "SDGs"


def test_values_are_escaped_and_a_label_is_worded_in_each_language() -> None:
    html = wording.both(
        "pdf.cert.as",
        decision=wording.label("pdf.decision.winner", strong=True),
        call_name="<b>Lomba</b>",
        year=2020,
    )
    assert html.startswith("sebagai <strong>Pemenang</strong> &lt;b&gt;Lomba&lt;/b&gt; Tahun 2020")
    assert "as <strong>Winner</strong> of &lt;b&gt;Lomba&lt;/b&gt; 2020" in html


def test_a_value_can_be_written_per_language() -> None:
    html = wording.both(
        "pdf.minutes.opening",
        date={"id": "hari Senin", "en": "Monday"},
        place="Aula",
        call_name="Lomba",
        year=2020,
    )
    assert html.startswith("Pada hari Senin, bertempat di Aula")
    assert "On Monday, at Aula" in html


def test_a_code_the_catalogue_knows_is_worded_and_other_text_printed_as_written() -> None:
    assert wording.both_or("pdf.panel.chair", "chair").startswith("Ketua")
    assert wording.both_or("pdf.panel.Sekretaris", "Sekretaris") == "Sekretaris"


def test_the_page_footer_counts_pages_in_both_languages() -> None:
    assert wording.css_content("pdf.page") == (
        '"Halaman " counter(page) " dari " counter(pages) " / Page " counter(page) " of " '
        "counter(pages)"
    )
    css = wording.footer_css("pdf.kind.surat_tugas")
    assert 'content: "SIPINDA · Surat Tugas / Letter of Assignment";' in css
