"""Articles with footnotes: glossary, notes moved to their anchors, page breaks re-joined."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_support import DATA, TEI, find, import_string, run, words
from teipress.importer.article import parse_article
from teipress.importer.segment import iter_blocks


def _article():
    return run(DATA / "article.txt")


def test_detected_as_article_with_every_note_at_its_anchor() -> None:
    root, imported = _article()
    assert imported.kind == "article"
    notes = find(root, "//tei:note[@place='foot']")
    assert [n.get("n") for n in notes] == ["1", "2", "3", "4", "5", "6"]
    assert [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in notes][:2] == ["n1", "n2"]
    note2 = find(root, "//tei:note[@n='2']")[0]
    assert note2.getparent().tag == f"{{{TEI}}}p"
    assert (note2.getprevious().tail or "").endswith("") and "1923." in "".join(
        note2.getparent().itertext()
    )
    assert find(root, "//tei:titlePart/tei:note[@n='1']")


def test_note_continued_after_a_page_break_is_joined_to_its_start() -> None:
    root, _ = _article()
    note3 = find(root, "//tei:note[@n='3']")[0]
    assert " ".join(words(note3)).endswith("The argument is repeated in later work on the cartels")


def test_paragraphs_split_by_note_blocks_are_rejoined_with_pb() -> None:
    root, _ = _article()
    paragraphs = find(root, "//tei:body/tei:p")
    assert len(paragraphs) == 2
    assert len(find(paragraphs[0], "tei:pb")) == 1
    assert "could not survive without a cartel" in " ".join(words(paragraphs[0], skip_notes=True))
    assert "and closes with a sentence" in " ".join(words(paragraphs[1], skip_notes=True))


def test_glossary_and_bibliography() -> None:
    root, _ = _article()
    terms = "//tei:div[@type='abbreviations']/tei:list[@type='gloss']/tei:label/tei:term/text()"
    assert find(root, terms) == ["ANTT", "LAC", "Cx.", "Pt"]
    bibls = find(root, "//tei:back//tei:listBibl/tei:bibl")
    assert len(bibls) == 2
    assert find(bibls[0], "tei:title/text()") == ["Harbours and Empires in the Atlantic"]


def test_no_source_word_lost() -> None:
    """Markers and the numbers of note blocks become attributes; every other word stays."""
    root, _ = _article()
    text = (DATA / "article.txt").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\d+\.", " ", re.sub("[¹²³⁴⁵⁶]", " ", text))
    assert sorted(words(root.find(f"{{{TEI}}}text"))) == sorted(re.findall(r"\w+", text))


def test_bracketed_and_parenthesised_markers(tmp_path: Path) -> None:
    text = (
        "A Report\n\n"
        "Body text of a report names the port [1] and a second fact (2) and a year (1921).\n\n"
        "1. First note.\n\n2. Second note.\n\n3. Third note without marker.\n\n"
        "A further paragraph with a third marker [3] closes it.\n"
    )
    root = import_string(tmp_path, text, kind="article")
    assert [n.get("n") for n in find(root, "//tei:body//tei:note")] == ["1", "2", "3"]
    assert "1921" in " ".join(words(root.find(f".//{{{TEI}}}body")))


def test_missing_marker_is_reported_and_note_kept(tmp_path: Path) -> None:
    text = (
        "Orphans\n\n"
        "First paragraph with a marker.¹\n\n1. A note.\n\n"
        "Second paragraph without any marker at all.\n\n2. An orphan note.\n\n"
        "Third paragraph.³\n\n3. Third note.\n"
    )
    path = tmp_path / "orphan.txt"
    path.write_text(text, encoding="utf-8")
    root, imported = run(path, kind="article")
    assert find(root, "//tei:back/tei:div[@type='notes']/tei:note[@n='2']")
    assert any("note 2 has no marker" in p.message for p in imported.report.problems)


def test_parse_article_keeps_unfinished_note_open_across_body_blocks() -> None:
    text = (
        "Title\n\n"
        "Running text one.¹ It stops in the middle of a\n\n"
        "1. A note that stops in the middle of a\n\n"
        "sentence of the running text, which goes on.\n\n"
        "sentence of the note, which ends here.\n\n"
        "2. The next note.\n"
    )
    art = parse_article(list(iter_blocks(text)))
    assert art.notes[1].text.endswith("sentence of the note, which ends here.")
    assert art.body[0].text.endswith("which goes on.")


def test_block_quote_after_a_colon_stays_in_its_paragraph(tmp_path: Path) -> None:
    text = (
        "Quotes\n\n"
        "As the minister wrote in his report to the council:\n\n"
        "we shall not lower the harbour dues before the spring.¹\n\n"
        "1. Report of the minister.\n\n"
        "A new paragraph follows the quotation.\n"
    )
    root = import_string(tmp_path, text, kind="article")
    paragraphs = find(root, "//tei:body/tei:p")
    assert len(paragraphs) == 2
    quote = find(paragraphs[0], "tei:quote")
    assert len(quote) == 1 and find(quote[0], "tei:note[@n='1']")
    assert not find(paragraphs[0], "tei:pb")


@pytest.mark.parametrize(
    ("previous", "following", "joined"),
    [
        ("a commission of Major-General K.E.", "Grebennik and others met.", True),
        ("As early as the summer of that year, the minister had favored", "Kádár as leader.", True),
        ("The minister agreed with the proposal.¹", "The council did not.", False),
        ("Harbour Dues", "In 1921 the dues rose.", False),
        ("the paragraph that stops in the middle of a", "sentence goes on.", True),
        ("He replied (emphasis added)", "Then more.", False),
        ('It ended "here." (emphasis added)', "then", False),
    ],
)
def test_page_break_joins(previous: str, following: str, joined: bool) -> None:
    from teipress.importer.segment import continues

    assert continues(previous, following) is joined
