from __future__ import annotations

from aspira.analysis.text import make_doc, normalise


def test_normalise_keeps_length_and_folds_typography() -> None:
    text = "I’m “sure” — İstanbul"
    assert len(normalise(text)) == len(text)
    assert normalise("I’m “Sure”") == 'i\'m "sure"'


def test_sentences_carry_exact_spans() -> None:
    text = "  I lead the team, e.g. on audits.  Next I want to grow!\nThen more.  "
    doc = make_doc(text)
    assert [s.text for s in doc.sentences] == [
        "I lead the team, e.g. on audits.",
        "Next I want to grow!",
        "Then more.",
    ]
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def test_words_and_counts() -> None:
    doc = make_doc("I don't know, honestly.")
    assert [w.text for w in doc.words] == ["i", "don't", "know", "honestly"]
    assert doc.word_count == 4
