"""Plain text output: xslt/text/main.xsl, layout and wrapping, and `teipress text FILE`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teipress import xslt
from teipress.cli import main
from xslt_support import DATA, fixture, golden

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tei" / "documents"
WORD = re.compile(r"\w+")


def test_fixture_text_matches_golden() -> None:
    text = xslt.wrap_text(xslt.render_document_text(fixture("letter.xml")))
    golden("fixture-letter.txt", text)


def test_title_block_text_and_endnotes() -> None:
    text = xslt.render_document_text(fixture("letter.xml"))
    lines = text.split("\n")
    assert lines[0] == "Letter of Ada Quill to the Lighthouse Society"
    assert lines[1] == "=" * len(lines[0])
    assert "From: Ada Quill" in lines and "Date: March 4, 1901" in lines
    assert "The lamp of Miss Quill burns [badly] since the winter.[1]" in text
    assert "The glass is cracked and très dirty.[2]" in text, "corr shown, pb invisible"
    assert "Light, O light,\nshine on the night." in text, "verse lines stay lines"
    notes = text.split("NOTES\n-----\n\n")[1]
    assert notes.startswith("[1] See CLA, f. 7, op. 2, d. 19, l. 4.\n\n[2] Ibid.")
    assert "<" not in text.replace("<urgent>", ""), "no markup leaks into plain text"


def test_wrap_at_72_with_hanging_endnotes() -> None:
    long = " ".join(["word"] * 40)
    text = f"Title\n\n{long}\n\n[12] {long}\n\n- {long}\n\nhttps://example.org/{'x' * 90}\n"
    wrapped = xslt.wrap_text(text)
    for line in wrapped.split("\n"):
        assert len(line) <= 72 or " " not in line.strip(), line
    note = wrapped.split("[12] ")[1].split("\n\n")[0].split("\n")
    assert all(line.startswith("     ") for line in note[1:])
    assert WORD.findall(wrapped) == WORD.findall(text), "wrapping changes no word"
    assert xslt.wrap_text(text, width=300) == text


def test_layout_collapses_source_whitespace() -> None:
    par, line = xslt.PARAGRAPH_MARK, xslt.LINE_MARK
    raw = f"  a \n  b\t{par} {line}{par}c{line}d  "
    assert xslt.layout_text(raw) == "a b\n\nc\nd\n"


def test_cli_prints_text_and_no_wrap(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["text", str(DATA / "letter.xml")])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8").startswith("Letter of Ada Quill")
    assert "très" in result.stdout_bytes.decode("utf-8")
    nowrap = runner.invoke(main, ["text", "--no-wrap", str(DATA / "letter.xml")])
    assert any(len(line) > 72 for line in nowrap.stdout.split("\n"))
    assert nowrap.stdout == xslt.render_document_text(fixture("letter.xml"))


def test_cli_errors_are_one_line_with_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["text", str(tmp_path / "none.xml")])
    assert missing.exit_code == 2 and "file not found" in missing.output
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>")
    broken = runner.invoke(main, ["text", str(bad)])
    assert broken.exit_code == 1 and "bad.xml:1:" in broken.output
    assert "Traceback" not in broken.output
    other = tmp_path / "other.xml"
    other.write_text("<html/>")
    assert runner.invoke(main, ["text", str(other)]).exit_code == 1


@pytest.mark.parametrize("name", ["letter-1956-11-08", "granville-1998"])
def test_sample_documents_plain_text_golden(name: str) -> None:
    path = SAMPLE / f"{name}.xml"
    if not path.exists():
        pytest.skip(f"{path} not encoded yet")
    result = CliRunner().invoke(main, ["text", str(path)])
    assert result.exit_code == 0, result.output
    golden(f"{name}.txt", result.stdout_bytes.decode("utf-8"))


# ---- invariants over generated documents ----

TEI = "http://www.tei-c.org/ns/1.0"
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßçñ", min_size=1, max_size=8)
inline = st.sampled_from(["hi", "persName", "emph", "seg", "foreign", "mysteryThing", "rs", "date"])


@st.composite
def phrase(draw, depth: int = 0) -> etree._Element:
    """A run of words, some wrapped (nested) in inline elements, known or not."""
    el = etree.Element(f"{{{TEI}}}{draw(inline)}")
    el.text = " ".join(draw(st.lists(words, min_size=1, max_size=4)))
    if depth < 2 and draw(st.booleans()):
        child = draw(phrase(depth + 1))
        child.tail = " " + " ".join(draw(st.lists(words, max_size=3)))
        el.append(child)
    return el


@st.composite
def document(draw) -> etree._ElementTree:
    root = etree.fromstring(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>Generated</title>'
        "</titleStmt></fileDesc></teiHeader><text><body/></text></TEI>"
    )
    body = root.find(f".//{{{TEI}}}body")
    for _ in range(draw(st.integers(1, 4))):
        p = etree.SubElement(body, f"{{{TEI}}}{draw(st.sampled_from(['p', 'ab', 'unknownBlock']))}")
        p.text = draw(words) + " "
        for _ in range(draw(st.integers(0, 3))):
            el = draw(phrase())
            el.tail = " " + draw(words) + " "
            p.append(el)
    return etree.ElementTree(root)


def _block_words(tree: etree._ElementTree) -> list[str]:
    """The words of each block of the body in order (blocks are word boundaries)."""
    body = tree.getroot().find(f".//{{{TEI}}}body")
    return [w for block in body for w in WORD.findall("".join(block.itertext()))]


@settings(max_examples=60, deadline=None)
@given(document())
def test_every_word_survives_plain_text_rendering(tree: etree._ElementTree) -> None:
    expected = _block_words(tree)
    text = xslt.render_document_text(tree)
    rendered = text.split("\n", 2)[2]  # after the title and its underline
    assert WORD.findall(rendered) == expected
    assert "<" not in text and "\ufdd0" not in text
    assert WORD.findall(xslt.wrap_text(text)) == WORD.findall(text)


@settings(max_examples=40, deadline=None)
@given(document())
def test_every_word_survives_html_rendering(tree: etree._ElementTree) -> None:
    from xslt_support import parse_html, xhtml_well_formed

    data = xslt.render_document_html(tree)
    xhtml_well_formed(data)
    shown = parse_html(data).xpath("//div[@class='doc-text']")[0].text_content()
    assert WORD.findall(shown) == _block_words(tree)
