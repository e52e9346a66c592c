"""teipress.xslt: overrides importing the defaults, errors as teipress errors, access control."""

from __future__ import annotations

from pathlib import Path

import pytest

from teipress import xslt
from teipress.config import load_config
from teipress.errors import ContentError, UsageError
from xslt_support import DATA, STYLESHEET_HEAD, fixture, parse_html, write_stylesheet


def test_override_imports_defaults_by_teipress_uri_and_takes_effect(tmp_path: Path) -> None:
    sheet = write_stylesheet(
        tmp_path,
        '<xsl:import href="teipress:html/main.xsl"/>'
        '<xsl:param name="footer-text" select="\'Edited by the Lighthouse Society.\'"/>'
        '<xsl:template match="tei:persName"><b class="custom-person"><xsl:apply-templates/></b>'
        "</xsl:template>",
    )
    doc = parse_html(xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet))
    assert doc.xpath("//b[@class='custom-person']/text()")[:1] == ["Ada Quill"]
    assert "Edited by the Lighthouse Society." in doc.xpath("//footer")[0].text_content()
    assert doc.xpath("//*[@role='doc-footnote']"), "everything else still from the defaults"


def test_override_named_in_teipress_toml_is_used(tmp_path: Path) -> None:
    write_stylesheet(
        tmp_path,
        '<xsl:import href="teipress:text/main.xsl"/>'
        '<xsl:template match="tei:supplied">&lt;<xsl:apply-templates/>&gt;</xsl:template>',
        "mytext.xsl",
    )
    (tmp_path / "teipress.toml").write_text('[build]\nstylesheet_text = "mytext.xsl"\n')
    config = load_config(tmp_path)
    assert xslt.default_stylesheets(config)[1] == tmp_path / "mytext.xsl"
    text = xslt.document_text(DATA / "letter.xml", config)
    assert "burns <badly> since" in text


def test_override_may_import_defaults_by_relative_path(tmp_path: Path) -> None:
    rel = (
        Path("..") / Path(*(".." for _ in tmp_path.parts[1:])) / xslt.DEFAULT_XSLT.relative_to("/")
    )
    sheet = write_stylesheet(tmp_path, f'<xsl:import href="{rel.as_posix()}/html/main.xsl"/>')
    assert (
        parse_html(xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet)) is not None
    )


def test_unknown_teipress_uri_is_a_usage_error(tmp_path: Path) -> None:
    sheet = write_stylesheet(tmp_path, '<xsl:import href="teipress:html/nope.xsl"/>')
    with pytest.raises(UsageError):
        xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet)


def test_broken_stylesheet_reports_path_and_line(tmp_path: Path) -> None:
    sheet = tmp_path / "broken.xsl"
    sheet.write_text(
        STYLESHEET_HEAD
        + "\n<xsl:template match='/'>\n<xsl:value-of/>\n</xsl:template></xsl:stylesheet>"
    )
    with pytest.raises(UsageError) as info:
        xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet)
    assert "broken.xsl:3:" in str(info.value)
    bad_xml = tmp_path / "bad.xsl"
    bad_xml.write_text(STYLESHEET_HEAD + "<xsl:template")
    with pytest.raises(UsageError, match="not well-formed"):
        xslt.render_document_html(fixture("letter.xml"), stylesheet=bad_xml)


def test_missing_stylesheet_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="stylesheet not found"):
        xslt.render_document_html(fixture("letter.xml"), stylesheet=tmp_path / "none.xsl")


def test_terminating_message_is_a_content_error(tmp_path: Path) -> None:
    sheet = write_stylesheet(
        tmp_path,
        "<xsl:template match='/'><xsl:message terminate='yes'>teipress: no good</xsl:message>"
        "</xsl:template>",
    )
    with pytest.raises(ContentError, match="no good"):
        xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet, source="x.xml")


def test_stylesheets_cannot_write_files(tmp_path: Path) -> None:
    target = tmp_path / "written.txt"
    sheet = write_stylesheet(
        tmp_path,
        f"<xsl:template match='/'><exsl:document href='{target}' method='text'>x"
        "</exsl:document><html/></xsl:template>",
    )
    with pytest.raises(ContentError, match="write"):
        xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet)
    assert not target.exists()


def test_stylesheets_cannot_read_the_network(tmp_path: Path) -> None:
    sheet = write_stylesheet(
        tmp_path,
        "<xsl:template match='/'><html><xsl:copy-of "
        "select=\"document('http://127.0.0.1:9/x.xml')\"/></html></xsl:template>",
    )
    with pytest.raises(ContentError, match=r"Network file read .* refused"):
        xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet)


def test_stylesheet_is_compiled_once_per_version(tmp_path: Path) -> None:
    sheet = write_stylesheet(tmp_path, "<xsl:template match='/'><html>one</html></xsl:template>")
    first = xslt.load_stylesheet(sheet)
    assert xslt.load_stylesheet(sheet) is first
    sheet.write_text(
        STYLESHEET_HEAD
        + "<xsl:template match='/'><html>second</html></xsl:template></xsl:stylesheet>"
    )
    assert b"second" in xslt.render_document_html(fixture("letter.xml"), stylesheet=sheet)


def test_every_parameter_is_documented_with_a_comment() -> None:
    text = (xslt.DEFAULT_XSLT / "common" / "params.xsl").read_text(encoding="utf-8")
    names = xslt.documented_params()
    assert {"page", "entry-id", "root", "edition-title", "nav"} <= names
    for name in names:
        before = text.split(f'<xsl:param name="{name}"')[0].rstrip()
        assert before.endswith("-->"), f"parameter {name} has no comment"
    for sheet in (xslt.DEFAULT_XSLT / "html", xslt.DEFAULT_XSLT / "text"):
        for path in sheet.glob("*.xsl"):
            assert "<xsl:param name" not in path.read_text().split("<xsl:template")[0], path
