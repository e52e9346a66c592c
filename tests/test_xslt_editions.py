"""Third-party shapes render sensibly: a play, a novel, a FRUS-style volume of many documents."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import etree

from teipress import xslt
from xslt_support import fixture, parse_html, xhtml_well_formed

WORD = re.compile(r"\w+")
TEI = "{http://www.tei-c.org/ns/1.0}"


def _words_outside_notes(el: etree._Element) -> list[str]:
    """The reading text's words, text node by text node (element boundaries split words,
    as in the HTML); notes and editorial alternatives left out."""
    skip = {f"{TEI}note", f"{TEI}sic", f"{TEI}expan", f"{TEI}orig", f"{TEI}teiHeader"}
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in skip:
            return
        out.extend(WORD.findall(node.text or ""))
        for child in node:
            walk(child)
            out.extend(WORD.findall(child.tail or ""))

    walk(el)
    return out


@pytest.mark.parametrize("name", ["play.xml", "novel.xml", "frus.xml", "letter.xml"])
def test_every_word_of_the_text_reaches_the_page(name: str) -> None:
    tree = fixture(name)
    data = xslt.render_document_html(tree)
    xhtml_well_formed(data)
    doc = parse_html(data)
    text = doc.xpath("//div[@class='doc-text']")[0]
    for ref in text.xpath(".//sup[@class='noteref'] | .//span[@class='pb']"):
        ref.drop_tree()
    body = tree.getroot().find(f"{TEI}text")
    shown = [w for chunk in text.itertext() for w in WORD.findall(chunk)]
    assert shown == _words_outside_notes(body)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_play_uses_drama_renderings_not_the_fallback() -> None:
    data = xslt.render_document_html(fixture("play.xml"))
    assert xslt.generic_elements(data) == Counter()
    doc = parse_html(data)
    assert doc.xpath("//p[contains(@class,'tei-speaker')]/text()") == ["ADA", "BO", "ADA"]
    assert doc.xpath("//div[contains(@class,'tei-l')]/@data-n") == ["1", "2"]
    assert doc.xpath("//p//span[contains(@class,'tei-stage')]/text()") == ["(he laughs)"]
    assert doc.xpath("//section[contains(@class,'type-act')]/h2/text()") == ["Act One"]
    text = xslt.render_document_text(fixture("play.xml"))
    assert "by Mara Lint" in text and "Then trim the wick (he laughs) and let it burn." in text


def test_novel_lists_tables_and_odd_note_numbers() -> None:
    doc = parse_html(xslt.render_document_html(fixture("novel.xml")))
    assert doc.get("lang") == "en" and doc.xpath("//article/@lang") == ["fr"]
    assert doc.xpath("//ol[contains(@class,'tei-list')]/li/text()") == ["premier", "second"]
    assert doc.xpath("//table//th/text()") == ["Nom", "Âge"]
    assert doc.xpath("//a[@role='doc-noteref']/@href") == ["#note-*"]
    assert doc.xpath("//section[@id='ch1']/h2/text()") == ["Chapitre premier"]
    assert doc.xpath("//section[@id='ch1']//section/h3/text()") == ["I"]
    assert doc.xpath("//span[contains(@class,'tei-gap')]/text()") == ["[…]"]


def test_volume_of_documents_keeps_note_anchors_unique() -> None:
    doc = parse_html(xslt.render_document_html(fixture("frus.xml")))
    assert doc.xpath("//*[@role='doc-footnote']/@id") == ["note-1", "note-2", "note-1-2"]
    assert doc.xpath("//a[@role='doc-noteref']/@href") == ["#note-1", "#note-2", "#note-1-2"]
    assert [h.text_content() for h in doc.xpath("//section[contains(@class,'type-document')]/h3")]
    text = xslt.render_document_text(fixture("frus.xml"))
    assert "1. Memorandum From the Keeper to the Board[1]" in text
    assert "Harbourtown, January 2, 1901" in text and "P.S. Quickly." in text


def test_block_content_never_sits_inside_an_html_p() -> None:
    tei = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T'
        "</title></titleStmt></fileDesc></teiHeader><text><body>"
        "<p>Before <list><item>one</item></list> after<note>A note <list><item>x</item>"
        "</list></note>.</p><p>Plain <stage>aside</stage> and <mysteryBox><p>inner</p>"
        "</mysteryBox>.</p><p>Only a note<note><p>with a paragraph</p></note>.</p>"
        "</body></text></TEI>"
    )
    data = xslt.render_document_html(etree.ElementTree(tei))
    xhtml_well_formed(data)
    doc = parse_html(data)
    paras = doc.xpath("//div[@class='doc-text']//div[@class='tei-body']/*")
    assert [p.tag for p in paras] == ["div", "div", "p"]
    assert not doc.xpath("//p//div | //p//ul | //p//p")
    assert doc.xpath("//aside[@id='note-1']/div/div[@class='para']/ul/li/text()") == ["x"]
