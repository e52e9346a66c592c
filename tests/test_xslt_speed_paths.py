"""The stylesheets' fast paths render exactly what the general ones do, and overrides still win.

The document page is written straight into html-page (content-node) instead of being copied
from a parameter; paragraphs and footnotes skip the search for nested blocks when the
document has none; tei-layout looks block names up by template match while tei-block-names
is the default list. Each test pins the output of such a path against the general one.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from teipress import xslt
from xslt_support import parse_html, write_stylesheet

TEI = "http://www.tei-c.org/ns/1.0"
XSL = "http://www.w3.org/1999/XSL/Transform"


def _tei(body: str, header: str = "") -> etree._ElementTree:
    return etree.ElementTree(
        etree.fromstring(
            f'<TEI xmlns="{TEI}" xmlns:x="urn:x"><teiHeader><fileDesc><titleStmt>'
            f"<title>A test</title></titleStmt>{header}</fileDesc></teiHeader>"
            f"<text><body>{body}</body></text></TEI>"
        )
    )


MIXED = (
    "<p>Plain <persName>Ada</persName> and <mysteryBox>an <ab>inner block</ab></mysteryBox>"
    "<note>A note</note>.</p>"
    "<p>Items <list><item>one</item></list> and <x:p>foreign p</x:p> and <x:span>span</x:span>.</p>"
    "<div><head>Head</head><floatingText><body><p>Floating</p></body></floatingText>"
    "<unknownThing>inline <hi>hi</hi></unknownThing><said>Said <lg><l>a line</l></lg></said></div>"
)


def test_block_name_pattern_lists_exactly_the_default_block_names() -> None:
    sheet = etree.parse(str(xslt.DEFAULT_XSLT / "common" / "generic.xsl"))
    ns = {"xsl": XSL}
    default = sheet.xpath("//xsl:variable[@name='tp-default-block-names']/@select", namespaces=ns)
    names = set(str(etree.XPath(default[0])(etree.Element("x"))).split())
    pattern = sheet.xpath(
        "//xsl:template[@mode='tp-block-name'][normalize-space(.) = 'block']/@match", namespaces=ns
    )
    matched = {name.strip().removeprefix("tei:") for name in pattern[0].split("|")}
    assert names and matched == names


def test_layout_fast_path_renders_like_the_general_one(tmp_path: Path) -> None:
    # the same block names, spelled differently: tei-layout takes its general path
    same_names = (
        '<xsl:variable name="tei-block-names" select="concat(\' \', $tp-default-block-names)"/>'
    )
    html_sheet = write_stylesheet(
        tmp_path, '<xsl:import href="teipress:html/main.xsl"/>' + same_names
    )
    text_sheet = write_stylesheet(
        tmp_path, '<xsl:import href="teipress:text/main.xsl"/>' + same_names, "text.xsl"
    )
    doc = _tei(MIXED)
    assert xslt.render_document_text(doc, stylesheet=text_sheet) == xslt.render_document_text(doc)
    html = xslt.render_document_html(doc)
    assert xslt.render_document_html(doc, stylesheet=html_sheet) == html
    assert b'<div class="tei-generic tei-mysteryBox"' in html  # holds an ab: a block
    assert b'<span class="tei-generic tei-unknownThing"' in html


def test_edition_block_names_and_layout_override_still_take_effect(tmp_path: Path) -> None:
    doc = _tei("<p>Before <persName>Ada</persName> after <floatingText>x</floatingText></p>")
    names = write_stylesheet(
        tmp_path,
        '<xsl:import href="teipress:text/main.xsl"/><xsl:variable name="tei-block-names" '
        "select=\"concat($tp-default-block-names, 'persName ')\"/>",
    )
    assert "Before\n\nAda\n\nafter" in xslt.render_document_text(doc, stylesheet=names)
    inline = write_stylesheet(
        tmp_path,
        '<xsl:import href="teipress:text/main.xsl"/>'
        '<xsl:template name="tei-layout"><xsl:param name="node" select="."/>inline</xsl:template>',
        "inline.xsl",
    )
    assert "after x" in xslt.render_document_text(doc, stylesheet=inline)
    assert "after\n\nx" in xslt.render_document_text(doc)


def test_paragraphs_and_footnotes_with_and_without_nested_blocks() -> None:
    plain = parse_html(xslt.render_document_html(_tei("<p>One<note>A note</note></p>")))
    assert plain.xpath("//div[@class='doc-text']//p[@class]") == []
    assert [p.text for p in plain.xpath("//div[@class='doc-text']//p")] == ["One"]
    assert plain.xpath("//aside//div[@class='note-body']/p/text()") == ["A note"]
    nested = parse_html(
        xslt.render_document_html(
            _tei(
                "<p>Two</p><p>Three <list><item>i</item></list></p>"
                "<p>Four<note>Note <p>with a paragraph</p></note></p>"
            )
        )
    )
    text = nested.xpath("//div[@class='doc-text']")[0]
    assert [p.text for p in text.xpath(".//p")] == ["Two", "Four"]
    assert text.xpath(".//div[contains(@class, 'para')]/text()")[0].startswith("Three")
    body = nested.xpath("//aside//div[@class='note-body']")[0]
    assert body.xpath("./div[@class='para']/text()")[0].startswith("Note")


def test_footnotes_are_the_text_notes_outside_notes_in_document_order() -> None:
    doc = _tei(
        '<p>a<note n="1">one<note>inside</note></note> b<note place="inline">aside</note>'
        '<note n="2">two</note></p><floatingText><body><p>c<note n="3">three</note></p>'
        "</body></floatingText>",
        header='<sourceDesc><p>s<note n="9">header note</note></p></sourceDesc>',
    )
    page = parse_html(xslt.render_document_html(doc))
    assert page.xpath("//aside[@role='doc-footnote']/@data-n") == ["1", "2", "3"]
    text = xslt.render_document_text(doc)
    assert re.findall(r"^\[(\d+)\]", text, re.M) == ["1", "2", "3"]


def test_document_page_main_holds_the_article_and_html_page_takes_content(
    tmp_path: Path,
) -> None:
    page = parse_html(xslt.render_document_html(_tei("<p>Body text</p>")))
    assert page.xpath("//main[@id='tp-main']/article[@class='document']//p/text()") == ["Body text"]
    assert page.xpath("//main/article/header[@class='doc-header']/h1/text()") == ["A test"]
    own = write_stylesheet(
        tmp_path,
        '<xsl:import href="teipress:html/main.xsl"/>'
        '<xsl:template match="tei:TEI" mode="document-page"><xsl:call-template name="html-page">'
        '<xsl:with-param name="title" select="\'Mine\'"/><xsl:with-param name="content">'
        '<p id="mine"><xsl:value-of select="//tei:body/tei:p"/></p></xsl:with-param>'
        "</xsl:call-template></xsl:template>",
    )
    mine = parse_html(xslt.render_document_html(_tei("<p>Body text</p>"), stylesheet=own))
    assert mine.xpath("//main[@id='tp-main']/p[@id='mine']/text()") == ["Body text"]
    assert mine.xpath("//main/article") == []


def test_notes_without_n_or_anchor_numbered_by_position_and_repeats_suffixed() -> None:
    def member(numbers: list[str | None]) -> str:
        notes = "".join(
            f"<p>x<note{'' if n is None else f' n={n!r}'}>N</note></p>".replace("'", '"')
            for n in numbers
        )
        return (
            "<TEI><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc>"
            f"</teiHeader><text><body>{notes}</body></text></TEI>"
        )

    corpus = etree.ElementTree(
        etree.fromstring(
            f'<teiCorpus xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>C</title>'
            f"</titleStmt></fileDesc></teiHeader>{member(['1', None, '2'])}"
            f"{member(['1', '2', None])}</teiCorpus>"
        )
    )
    page = parse_html(xslt.render_document_html(corpus))
    assert page.xpath("//aside/@data-n") == ["1", "2", "2", "1", "2", "6"]
    assert page.xpath("//aside/@id") == [
        "note-1", "note-2", "note-2", "note-1-2", "note-2-2", "note-6"
    ]  # fmt: skip
    assert page.xpath("//sup/a/@href") == ["#" + a for a in page.xpath("//aside/@id")]
    text = xslt.render_document_text(corpus)
    assert re.findall(r"^\[(\d+)\]", text, re.M) == ["1", "2", "2", "1", "2", "6"]


def test_an_edition_html_page_still_gets_the_document_as_content(tmp_path: Path) -> None:
    """An edition that lays pages out with its own html-page (copying `$content`, as
    editions did before `content-node`) still gets the whole article on document pages,
    also when the override sits in a stylesheet its own stylesheet imports."""
    write_stylesheet(
        tmp_path,
        '<xsl:template name="html-page"><xsl:param name="title"/><xsl:param name="content"/>'
        '<html><body><div id="frame"><xsl:copy-of select="$content"/></div></body></html>'
        "</xsl:template>",
        "layout.xsl",
    )
    own = write_stylesheet(
        tmp_path,
        '<xsl:import href="teipress:html/main.xsl"/><xsl:import href="layout.xsl"/>',
    )
    assert xslt.overrides_template(own, "html-page")
    assert not xslt.overrides_template(xslt.DEFAULT_XSLT / "html" / "main.xsl", "html-page")
    page = parse_html(xslt.render_document_html(_tei("<p>Body text</p>"), stylesheet=own))
    assert page.xpath("//div[@id='frame']/article[@class='document']//p/text()") == ["Body text"]
