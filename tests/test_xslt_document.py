"""Document pages rendered by xslt/html/main.xsl from annotated (and plain) TEI."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from teipress import xslt
from teipress.errors import UsageError
from xslt_support import fixture, fragment, golden, parse_html, strip_tp, xhtml_well_formed


@pytest.fixture(scope="module")
def page() -> bytes:
    return xslt.render_document_html(fixture("letter.xml"))


def test_page_is_html5_with_landmarks_and_lang(page: bytes) -> None:
    xhtml_well_formed(page)
    doc = parse_html(page)
    assert doc.get("lang") == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert doc.xpath(f"//{landmark}"), landmark
    assert doc.xpath("//article/@lang") == ["en"]
    assert len(doc.xpath("//meta[@http-equiv or @charset]")) == 1
    assert doc.xpath("//link[@rel='stylesheet']/@href") == ["../assets/teipress.css"]
    assert doc.xpath("//script/@src") == ["../assets/teipress.js"]
    assert doc.xpath("//link[@rel='alternate']/@href") == ["../text/letter-1901.txt"]


def test_ids_are_unique_and_every_fragment_link_has_a_target(page: bytes) -> None:
    doc = parse_html(page)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for href in doc.xpath("//a/@href[starts-with(., '#')]"):
        assert href[1:] in ids, href


def test_footnotes_link_both_ways_with_dpub_roles(page: bytes) -> None:
    doc = parse_html(page)
    refs = doc.xpath("//a[@role='doc-noteref']")
    notes = doc.xpath("//*[@role='doc-footnote']")
    assert [r.text for r in refs] == ["1", "2"]
    assert [n.get("id") for n in notes] == ["note-1", "note-2"]
    for ref, note in zip(refs, notes, strict=True):
        assert ref.get("href") == "#" + note.get("id")
        back = note.xpath(".//a[@role='doc-backlink']")[0]
        assert back.get("href") == "#" + ref.get("id")
    assert "CLA, f. 7" in notes[0].text_content()


def test_names_link_to_registers_with_anchor_and_label(page: bytes) -> None:
    doc = parse_html(page)
    mention = doc.get_element_by_id("m-1")
    assert mention.tag == "a"
    assert mention.get("href") == "../persons/quill.html"
    assert mention.get("title") == "Quill, Ada"
    assert mention.text_content() == "Miss Quill"


def test_dates_carry_their_normalised_value(page: bytes) -> None:
    doc = parse_html(page)
    single = doc.xpath("//p[@id='p1']//time")
    assert not single  # the range in p1 is no single date
    ranged = doc.xpath("//p[@id='p1']//span[@class='date']")[0]
    assert ranged.get("data-iso") == "1900-12-01/1901-01-15"
    assert ranged.get("title") == "1 December 1900 \u2013 15 January 1901"
    assert doc.xpath("//time[@datetime='1901-03-04']")


def test_editorial_interventions_are_marked(page: bytes) -> None:
    doc = parse_html(page)
    supplied = doc.xpath("//*[contains(@class,'tei-supplied')]")[0]
    assert "editorial" in supplied.get("class")
    assert supplied.text_content() == "[badly]"
    corr = doc.xpath("//*[contains(@class,'corr')]")[0]
    assert corr.text_content() == "glass" and corr.get("title") == "source reads: glas"
    assert doc.xpath("//abbr[@title='approximately']/text()") == ["approx."]
    pb = doc.get_element_by_id("page-2")
    assert pb.get("class") == "pb"


def test_links_only_from_tp_href(page: bytes) -> None:
    doc = parse_html(page)
    hrefs = doc.xpath("//@href | //@src")
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    assert b"javascript:" not in page
    bad = doc.xpath("//span[@class='tei-ref'][.='a bad link']")
    assert bad, "a ref without tp:href keeps its text but gets no link"
    assert doc.xpath("//a[@href='https://example.org/a?b=1&c=2']/text()") == ["a good one"]


def test_text_is_escaped(page: bytes) -> None:
    assert b"two crates &lt;urgent&gt; &amp; a" in page


def test_citations_link_to_index_and_edition(page: bytes) -> None:
    doc = parse_html(page)
    note = doc.get_element_by_id("note-1")
    assert note.xpath(".//a[@class='cite-index']/@href") == ["../citations.html#cla-7-2-19"]
    assert note.xpath(".//a[@class='edition-link']/@href") == ["other-doc.html"]
    ibid = doc.get_element_by_id("note-2-b1")
    assert ibid.get("title") == "= CLA, f. 7, op. 2, d. 19"


def test_header_metadata(page: bytes) -> None:
    doc = parse_html(page)
    meta = dict(
        zip(
            [dt.text_content() for dt in doc.xpath("//dl[@class='doc-meta']/dt")],
            [dd.text_content() for dd in doc.xpath("//dl[@class='doc-meta']/dd")],
            strict=True,
        )
    )
    assert meta["From"] == "Ada Quill"
    assert meta["To"] == "the Lighthouse Society"
    assert meta["Date"] == "March 4, 1901"
    assert meta["Archival location"] == "CLA, f. 7, op. 2, d. 19, ll. 4-6"
    assert meta["Translator"] == "Bo Reed"
    assert meta["Original language"] == "French"
    assert doc.xpath("//section[@class='doc-summary']//p")[0].text_content().startswith("Ada asks")


def test_cited_by_and_next_from_tp_context(page: bytes) -> None:
    doc = parse_html(page)
    cited = doc.xpath("//section[@class='cited-by']//a")[0]
    assert cited.get("href") == "essay-2001.html#note-37"
    assert cited.text_content() == "An Essay on Lamps, note 37"
    assert doc.xpath("//a[@rel='next']")[0].text_content() == "An Essay on Lamps →"


def test_unknown_elements_are_rendered_and_counted(page: bytes) -> None:
    doc = parse_html(page)
    el = doc.xpath("//*[@data-tei-generic]")[0]
    assert el.tag == "span" and el.text_content() == "strange thing"
    assert xslt.generic_elements(page) == Counter({"mysteryElement": 1})


def test_plain_tei_without_annotation_still_renders() -> None:
    plain = strip_tp(fixture("letter.xml"))
    data = xslt.render_document_html(plain, {"root": "../"})
    xhtml_well_formed(data)
    doc = parse_html(data)
    assert [a.get("href") for a in doc.xpath("//a[@role='doc-noteref']")] == ["#note-1", "#note-2"]
    assert not doc.xpath("//div[@class='doc-text']//a[not(@role)]"), "no links without tp:href"
    assert doc.xpath("//time[@datetime='1901-03-04']")
    assert doc.get_element_by_id("p1") is not None


def test_notes_without_n_are_numbered_by_position() -> None:
    tei = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T'
        "</title></titleStmt></fileDesc></teiHeader><text><body><p>a<note>x</note>b"
        "<note>y</note></p></body></text></TEI>"
    )
    doc = parse_html(xslt.render_document_html(etree.ElementTree(tei)))
    assert doc.xpath("//a[@role='doc-noteref']/text()") == ["1", "2"]
    assert doc.xpath("//*[@role='doc-footnote']/@id") == ["note-1", "note-2"]


def test_rendering_is_deterministic() -> None:
    tree = fixture("letter.xml")
    assert xslt.render_document_html(tree) == xslt.render_document_html(fixture("letter.xml"))


def test_parameters_are_quoted_and_checked() -> None:
    tree = fixture("letter.xml")
    tricky = 'Ada\'s "edition" <b>&amp;</b>'
    doc = parse_html(xslt.render_document_html(tree, {"edition-title": tricky}))
    assert doc.xpath("//p[@class='site-title']/a")[0].text_content() == tricky
    with pytest.raises(UsageError, match="unknown stylesheet parameter 'titel'"):
        xslt.render_document_html(tree, {"titel": "x"})


def test_golden_footnote_and_mention(page: bytes) -> None:
    doc = parse_html(page)
    golden("fixture-footnote.html", fragment(doc.get_element_by_id("note-1")))
    golden("fixture-mention.html", fragment(doc.xpath("//p[@id='p1']")[0]))
