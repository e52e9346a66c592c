"""Faithfulness: the encoded documents keep every word of their sources, in order."""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path

import pytest
from lxml import etree

# The helper lives next to the tests; make it importable under any import mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from faithfulness import (
    TEI_NS,
    compare,
    parse,
    split_article,
    strip_markers,
    tei_words,
    text_after,
    words,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLE_SOURCE = SEEDS / "002_2505bae2a3f66b2c.txt"
LETTER_SOURCE = SEEDS / "000_a7d14ad515522e94.txt"
ARTICLE = ROOT / "tei" / "documents" / "granville-1998.xml"
LETTER = ROOT / "tei" / "documents" / "letter-1956-11-08.xml"
NS = {"tei": TEI_NS}

#: Openings of the article's paragraphs that continue a footnote after a printed
#: page break (the conversion left them between running-text paragraphs).
ARTICLE_NOTE_CONTINUATIONS = (
    "biography of Tito is passed from hand to hand",  # note 22
    "Nehru first endorsed these principles",  # note 31
    "our discussions with the Polish comrades",  # note 38
    "mention Imre Nagy even once",  # note 49
    "Hungary, which is what we suggested to you.",  # note 78
    "informed Tito about his decision to use force",  # note 85
    "Yugoslav embassy from these possible attacks.",  # note 90
    "telegram from Andropov and Epishev",  # note 109
)


def _tei(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


# --- the helper itself -------------------------------------------------------


def test_sic_counts_and_corr_does_not() -> None:
    el = _tei("sent to <choice><sic>Trto</sic><corr>Tito</corr></choice>'s group")
    assert [w for w, _ in tei_words(el)] == ["sent", "to", "Trto", "s", "group"]


def test_abbr_counts_and_expan_does_not() -> None:
    el = _tei("the <choice><abbr>CC</abbr><expan>Central Committee</expan></choice> met")
    assert [w for w, _ in tei_words(el)] == ["the", "CC", "met"]


def test_skipped_element_keeps_its_tail_and_separates_words() -> None:
    el = _tei("allies<note>2. A note.</note>To use")
    assert [w for w, _ in tei_words(el, frozenset({"note"}))] == ["allies", "To", "use"]


def test_inline_markup_inside_a_word_keeps_the_word() -> None:
    el = _tei("AVP RF F<idno>77</idno>, O <idno>37</idno>")
    assert [w for w, _ in tei_words(el)] == ["AVP", "RF", "F77", "O", "37"]


def test_block_elements_separate_words() -> None:
    el = _tei("<label>AVH</label><item>Allam</item>")
    assert [w for w, _ in tei_words(el)] == ["AVH", "Allam"]


def test_changed_word_is_reported_with_xml_line() -> None:
    el = etree.fromstring(f'<p xmlns="{TEI_NS}">one\ntwo <hi>tree</hi></p>')
    message = compare("x", words("one two three"), tei_words(el))
    assert message is not None and "[[tree]]" in message and "xml line 2" in message


def test_markers_are_removed_without_gluing_words() -> None:
    assert [w for w, _ in words(strip_markers("Rankovic,⁵⁸Kardelj ¹¹⁴"))] == [
        "Rankovic",
        "Kardelj",
    ]


def test_compare_reports_first_difference_with_context() -> None:
    message = compare("body", words("a b c d", "source line 3"), words("a b x d", "xml line 9"))
    assert message is not None
    assert "word 2" in message and "[[c]]" in message and "[[x]]" in message
    assert "source line 3" in message and "xml line 9" in message


def test_compare_reports_missing_words_at_the_end() -> None:
    message = compare("body", words("a b c"), words("a b"))
    assert message is not None and "<END>" in message
    assert compare("body", words("a b"), words("a b")) is None


def test_split_article_only_takes_the_next_expected_number() -> None:
    text = "Body one.¹\n\n1. First note\n\n3. Not a note\n\ncontinued here\n\n2. Second"
    src = split_article(text, ("continued here",))
    assert [w for w, _ in src.body] == ["Body", "one", "3", "Not", "a", "note"]
    assert [w for w, _ in src.notes[1]] == ["First", "note", "continued", "here"]
    assert [w for w, _ in src.notes[2]] == ["Second"]


def test_text_after_marker_line() -> None:
    assert text_after("head\nTranslation - English\nbody", "Translation - English") == "body"
    with pytest.raises(ValueError):
        text_after("no marker", "Translation - English")


# --- the article's source ------------------------------------------------------


def _source_text(path: Path) -> str:
    """A seed text from ../shared/seeds; outside CI a checkout without it skips, in CI it fails."""
    if not path.is_file() and not os.environ.get("CI"):
        pytest.skip(f"the source text {path.name} (../shared/seeds beside the checkout) is absent")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article_source():
    return split_article(_source_text(ARTICLE_SOURCE), ARTICLE_NOTE_CONTINUATIONS)


def test_source_has_114_notes(article_source) -> None:
    assert sorted(article_source.notes) == list(range(1, 115))
    assert article_source.notes[86] == []  # the source prints "86." with no text


def test_each_continuation_is_found_once(article_source) -> None:
    found = article_source.continuations_found
    assert len(found) == len(ARTICLE_NOTE_CONTINUATIONS)
    for opening in ARTICLE_NOTE_CONTINUATIONS:
        assert sum(p.startswith(opening) for p in found) == 1, opening


# --- the encoded documents --------------------------------------------------------


def _require(path: Path) -> etree._ElementTree:
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not written yet")
    return parse(path)


def test_article_running_text_matches_source(article_source) -> None:
    text = _require(ARTICLE).find("tei:text", NS)
    message = compare(
        "article text (notes removed)", article_source.body, tei_words(text, frozenset({"note"}))
    )
    assert message is None, message


def test_article_notes_match_source_blocks(article_source) -> None:
    notes = _require(ARTICLE).findall(".//tei:text//tei:note[@place='foot']", NS)
    assert [n.get("n") for n in notes] == [str(i) for i in sorted(article_source.notes)]
    for note in notes:
        number = int(note.get("n"))
        message = compare(f"note {number}", article_source.notes[number], tei_words(note))
        assert message is None, message


def test_article_notes_concatenated_match_source(article_source) -> None:
    notes = _require(ARTICLE).findall(".//tei:text//tei:note[@place='foot']", NS)
    expected = [t for n in sorted(article_source.notes) for t in article_source.notes[n]]
    actual = [t for note in notes for t in tei_words(note)]
    message = compare("all notes in order", expected, actual)
    assert message is None, message


def test_letter_text_matches_source() -> None:
    text = _require(LETTER).find("tei:text", NS)
    source = text_after(_source_text(LETTER_SOURCE), "Translation - English")
    message = compare("letter text", words(source), tei_words(text))
    assert message is None, message


def test_a_changed_word_in_the_encoded_article_is_caught(article_source) -> None:
    """Guard against a comparison that cannot fail: alter one word of note 37 in memory."""
    note = copy.deepcopy(_require(ARTICLE).find(".//tei:note[@n='37']", NS))
    place = note.find(".//tei:placeName[@ref='places.xml#brioni']", NS)
    place.text = "Belgrade"
    message = compare("note 37", article_source.notes[37], tei_words(note))
    assert message is not None and "[[Belgrade]]" in message
