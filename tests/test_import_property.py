"""Property: every word of the source appears in the imported TEI, in reading order.

Words are read from the text content as a reader sees it: markup inside a word
(the label and value of "F77", an element around part of a word) does not split
it, while notes (read at their anchors) and breaks separate words.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_support import TEI, find, run, text_words

WORD = re.compile(r"\w+")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NAMES = ["Antonín Dvořák", "Dvorak's", "Lisboa", "League of Nations", "Harald Nyström",
         "Nyström", "our board", "COELHO", "Coelho ministry", "A. Coelho"]  # fmt: skip
DATES = ["November 8, 1956", "8 November 1956", "the fall of 1952", "September-October, 1956",
         "1955-56", "November 2-3", "Saturday, 3 November 1956", "mid-1940s", "1921"]  # fmt: skip
CITATIONS = ["ANTT, F. 12, Op. 3, D. 45, Ll. 7-9", "Ibid., 4", "LAC Fond 3, List 4",
             "Pereira, op. cit., 50", "supra"]  # fmt: skip
PLAIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöłßABCDEFGHXYZ0123456789", min_size=1,
                max_size=10)  # fmt: skip
PUNCT = st.sampled_from([",", ".", ";", ":", "!", "?", "-", "--", "'", '"', "(", ")", "[", "]",
                         "*", "**", "…", "“", "”"])  # fmt: skip
TOKEN = st.one_of(PLAIN, PLAIN, PLAIN, st.sampled_from(NAMES), st.sampled_from(DATES), PUNCT,
                  st.sampled_from(CITATIONS))  # fmt: skip
LEAD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFG", min_size=2, max_size=8)


def _paragraph(tokens: list[str], lead: str) -> str:
    return " ".join([lead, *tokens])


PARAGRAPH = st.builds(_paragraph, st.lists(TOKEN, min_size=1, max_size=30), LEAD)


def _import(text: str, kind: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.txt"
        path.write_text(text, encoding="utf-8")
        return run(path, kind=kind)[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, min_size=1, max_size=8), st.booleans())
def test_prose_keeps_every_word_in_order(paragraphs: list[str], page_breaks: bool) -> None:
    separator = "\n\n" if not page_breaks else "\n\n\n"
    text = separator.join(paragraphs) + "\n"
    root = _import(text, "document")
    assert text_words(root.find(f"{{{TEI}}}text")) == WORD.findall(text)


def _sup(n: int) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(n))


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[str], dict[int, str]]:
    """An article: title, paragraphs with markers, each followed by the blocks of its notes."""
    blocks = ["A Generated Article"]
    body: list[str] = ["A Generated Article"]
    notes: dict[int, str] = {}
    n = 0
    for _ in range(draw(st.integers(1, 5))):
        paragraph = draw(PARAGRAPH)
        page: list[int] = []
        for _ in range(draw(st.integers(0, 3))):
            n += 1
            paragraph += f" sentence.{_sup(n)}"
            page.append(n)
        paragraph += " " + draw(PARAGRAPH) + "."
        blocks.append(paragraph)
        body.append(paragraph)
        for number in page:
            # A note ending in a capital and a full stop ("... by A.") reads as initials
            # whose sentence runs on (segment.is_finished), so the importer may rightly
            # take the next block as its continuation: generated notes end in a word.
            note = draw(PARAGRAPH) + " end."
            notes[number] = note
            blocks.append(f"{number}. {note}")
    return "\n\n".join(blocks) + "\n", body, notes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_article_keeps_body_and_note_words_in_order(article) -> None:
    text, body, notes = article
    root = _import(text, "article")
    strip = str.maketrans({ch: " " for ch in SUPERSCRIPTS})
    expected_body = [w for para in body for w in WORD.findall(para.translate(strip))]
    assert text_words(root.find(f"{{{TEI}}}text"), skip_notes=True) == expected_body
    for number, note in notes.items():
        found = find(root, f"//tei:note[@n='{number}']")
        assert len(found) == 1
        assert text_words(found[0]) == WORD.findall(note)
