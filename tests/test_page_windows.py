"""Long pages rendered in windows (teipress.page_windows): the same bytes as a whole render,
the tree left as it was, and a whole render whenever the stylesheet does not keep the marks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from teipress import page_windows, xslt
from teipress.build import BuildOptions, build
from teipress.config import load_config

EDITIONS = Path(__file__).parent / "data" / "editions"
SAMPLE = Path(__file__).parent.parent
TEI = "http://www.tei-c.org/ns/1.0"
TP = "https://teipress.org/ns"


def spy_windows(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The number of pieces of every page render_windowed made (None: rendered whole)."""
    counts: list[int | None] = []
    real = page_windows.render_windowed

    def spy(*args):
        pieces = real(*args)
        counts.append(None if pieces is None else len(pieces))
        return pieces

    monkeypatch.setattr(xslt, "render_windowed", spy)  # the name the renderer calls
    return counts


def long_report() -> etree._ElementTree:
    """A report shaped to cross every window boundary: front matter with a note, nested
    divisions, a long list (a child cut as a whole), notes with and without @n, a repeated
    @n, an inline note, a note in a note, and back matter with a note."""
    paras = []
    for k in range(1, 37):
        n = "" if k % 3 else f' n="{k // 3}"'  # every third note numbered, with repeats
        inner = f'<note tp:anchor="in{k}">inner</note>'
        note = f'<note place="foot"{n} tp:anchor="note-a{k}">Note {k} {inner}</note>'
        inline = f'<note place="inline" tp:anchor="i{k}">aside</note>' if k % 7 == 0 else ""
        paras.append(f"<p>Paragraph {k} <persName>Ann</persName>{note} {inline}tail.</p>")
    chapters = "".join(
        f'<div type="chapter"><head>Chapter {c}</head>'
        + "".join(paras[c * 9 : c * 9 + 9])
        + (f'<div type="section"><head>Section {c}</head>{paras[c]}</div>' if c % 2 else "")
        + "</div>\n"
        for c in range(4)
    )
    items = "".join(f"<item>item {k}</item>" for k in range(30))
    xml = f"""<TEI xmlns="{TEI}" xmlns:tp="{TP}" xml:id="report"><teiHeader><fileDesc>
<titleStmt><title>A long report</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text xml:lang="en"><front><div><head>Preface</head>
<p>Before<note place="foot" tp:anchor="pre">front note</note>.</p></div></front>
<body>
{chapters}<list>{items}</list>
</body>
<back><div><head>Appendix</head>
<p>After<note place="foot" tp:anchor="post">back note</note>.</p></div></back></text></TEI>"""
    return etree.ElementTree(etree.fromstring(xml))


@pytest.mark.parametrize("window", [1, 2, 3, 5, 8, 13, 21, 40])
def test_windowed_page_is_the_whole_page(window: int, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = long_report()
    before = etree.tostring(tree, method="c14n")
    whole = xslt.render_document_html(tree, {"root": "../"})
    used = spy_windows(monkeypatch)
    windowed = xslt.render_document_html(tree, {"root": "../"}, window=window)
    assert used and (used[0] or 0) > 4, "the page was not windowed"
    assert windowed == whole
    assert b"<!--tp-" not in windowed
    assert etree.tostring(tree, method="c14n") == before  # notes' @n and children restored


def test_a_page_without_footnotes_has_no_notes_section() -> None:
    tree = long_report()
    for note in list(tree.getroot().iter(f"{{{TEI}}}note")):
        note.getparent().remove(note)
    whole = xslt.render_document_html(tree)
    assert b"footnotes" not in whole
    assert xslt.render_document_html(tree, window=2) == whole


def test_short_pages_and_unannotated_notes_render_whole() -> None:
    tree = long_report()
    assert page_windows.render_windowed(tree, 10_000, lambda: b"") is None  # too short
    note = next(tree.getroot().iter(f"{{{TEI}}}note"))
    del note.attrib[f"{{{TP}}}anchor"]  # an anchor would depend on the notes before it
    assert page_windows.render_windowed(tree, 2, lambda: b"") is None
    assert xslt.render_document_html(tree, window=2) == xslt.render_document_html(tree)


def edition_stylesheet(tmp_path: Path, body: str) -> Path:
    sheet = tmp_path / "edition.xsl"
    sheet.write_text(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="{TEI}" exclude-result-prefixes="tei">
  <xsl:import href="{xslt.DEFAULT_XSLT.as_uri()}/html/main.xsl"/>
  {body}
</xsl:stylesheet>""",
        encoding="utf-8",
    )
    return sheet


@pytest.mark.parametrize(
    "body",
    [
        # the divisions' children in a mode of the edition's own: the marks are never met
        '<xsl:template match="tei:div"><section><xsl:apply-templates mode="own"/></section>'
        '</xsl:template><xsl:template match="*" mode="own"><xsl:apply-templates select="."/>'
        "</xsl:template>",
        # a notes section of the edition's own: no bracketing comments
        '<xsl:template name="footnotes"><ol class="own-notes">'
        '<xsl:for-each select="$footnotes"><li><xsl:value-of select="."/></li></xsl:for-each>'
        "</ol></xsl:template>",
        # a catch-all template that outranks teipress's rendering of the marks
        '<xsl:template match="*[not(self::tei:*)]"/>',
        # divisions rendered twice over: every mark comes out twice
        '<xsl:template match="tei:div"><section><xsl:apply-templates/></section>'
        "<xsl:apply-templates/></xsl:template>",
    ],
)
def test_stylesheets_that_lose_the_marks_render_whole(tmp_path: Path, body: str) -> None:
    sheet = edition_stylesheet(tmp_path, body)
    tree = long_report()
    whole = xslt.render_document_html(tree, stylesheet=sheet)
    assert xslt.render_document_html(tree, stylesheet=sheet, window=2) == whole
    assert b"<!--tp-" not in whole


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and ".teipress" not in p.parts
    }


@pytest.mark.parametrize("edition", ["letters", "frus", "novel", "play", "sample"])
def test_a_site_built_in_windows_is_the_same(
    edition: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(SAMPLE if edition == "sample" else EDITIONS / edition)
    windowed = spy_windows(monkeypatch)
    sites = {}
    for window in (0, 1):
        out = tmp_path / f"site-{window}"
        report = build(dataclasses.replace(config, window_elements=window), BuildOptions(out=out))
        assert report.written, [d.format() for d in report.errors]
        sites[window] = site_files(out)
    assert any(windowed), "no page was windowed"
    assert sites[1] == sites[0]


def test_an_edition_html_page_is_windowed_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edition that lays pages out itself gets the article as `content`: the marks are
    copied into its page with the rest, so its long pages are windowed as well."""
    sheet = edition_stylesheet(
        tmp_path,
        '<xsl:template name="html-page"><xsl:param name="title"/><xsl:param name="content"/>'
        '<html><body><h1><xsl:value-of select="$title"/></h1><div id="frame">'
        '<xsl:copy-of select="$content"/></div></body></html></xsl:template>',
    )
    tree = long_report()
    whole = xslt.render_document_html(tree, stylesheet=sheet)
    used = spy_windows(monkeypatch)
    assert xslt.render_document_html(tree, stylesheet=sheet, window=3) == whole
    assert used and used[0], "the page was not windowed"
    assert b'<div id="frame"><article' in whole


def test_a_stylesheet_of_its_own_renders_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stylesheet that does not import teipress's knows nothing of the marks: the frame
    pass finds none, and the page is rendered whole."""
    sheet = tmp_path / "own.xsl"
    sheet.write_text(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="{TEI}" exclude-result-prefixes="tei">
  <xsl:output method="html"/>
  <xsl:param name="page"/>
  <xsl:template match="/"><html><body><xsl:apply-templates select="//tei:p"/></body></html>
  </xsl:template>
  <xsl:template match="tei:p"><p><xsl:value-of select="."/></p></xsl:template>
</xsl:stylesheet>""",
        encoding="utf-8",
    )
    whole = xslt.render_document_html(long_report(), stylesheet=sheet)
    used = spy_windows(monkeypatch)
    assert xslt.render_document_html(long_report(), stylesheet=sheet, window=2) == whole
    assert used == [None]  # tried, and given up after the frame pass
    assert whole.count(b"<p>Paragraph") == 4 * 9 + 2  # two are repeated in sections
