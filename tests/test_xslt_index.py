"""Index pages rendered by xslt/html/main.xsl from the edition index XML (tp:edition)."""

from __future__ import annotations

import pytest
from lxml import etree

from teipress import xslt
from teipress.errors import ContentError
from xslt_support import DATA, fragment, golden, parse_html, xhtml_well_formed


@pytest.fixture(scope="module")
def edition() -> etree._ElementTree:
    return etree.parse(str(DATA / "edition.xml"))


def render(edition: etree._ElementTree, page: str, entry: str | None = None):
    data = xslt.render_index_page(edition, page, entry, params={"nav": "index persons places"})
    xhtml_well_formed(data)
    return parse_html(data)


def test_start_page_lists_documents_with_dates_agents_summary(edition) -> None:
    doc = render(edition, "index")
    assert doc.xpath("//h1")[0].text_content() == "Lighthouse Letters & Essays"
    entries = doc.xpath("//li[@class='document-entry']")
    assert [e.get("id") for e in entries] == ["doc-letter-1901", "doc-essay-2001"]
    first = entries[0]
    assert first.xpath(".//p[@class='document-title']/a/@href") == ["documents/letter-1901.html"]
    meta = first.xpath(".//p[@class='document-meta']")[0].text_content()
    assert meta == "4 March 1901 · from Ada Quill · to Lighthouse Society"
    assert first.xpath(".//p[@class='summary']/text()") == ["Ada asks for a new lens <urgently>."]
    assert doc.xpath("//nav//a/@href") == ["index.html", "persons/index.html", "places/index.html"]
    assert doc.xpath("//nav//a[@aria-current='page']/text()") == ["Documents"]


def test_register_index_is_one_folder_down(edition) -> None:
    doc = render(edition, "persons")
    assert doc.xpath("//link/@href") == ["../assets/teipress.css"]
    items = doc.xpath("//ul[@class='register-list']/li")
    assert [li.get("id") for li in items] == ["quill", "wick"]
    assert items[0].xpath("a/@href") == ["quill.html"]
    assert "2 mentions" in items[0].text_content() and "0 mentions" in items[1].text_content()


def test_register_entry_has_names_dates_authority_and_kwic(edition) -> None:
    doc = render(edition, "persons", "quill")
    assert doc.xpath("//h1/text()") == ["Ada Quill"]
    meta = [dd.text_content() for dd in doc.xpath("//dl[@class='entry-meta']/dd")]
    assert meta[:3] == ["Miss Quill", "1860\u20131930", "Keeper of the harbour light."]
    assert doc.xpath("//a[@class='authority']/@href") == ["https://www.wikidata.org/wiki/Q1"]
    assert b"javascript:" not in etree.tostring(doc)
    lines = doc.xpath("//a[@class='kwic-line']")
    assert [a.get("href") for a in lines] == [
        "../documents/letter-1901.html#m-1",
        "../documents/essay-2001.html#m-4",
    ]
    assert lines[0].xpath("mark/text()") == ["Miss Quill"]
    assert lines[0].text_content() == "The lamp of Miss Quill burns badly"
    assert doc.xpath("//h3[@class='mention-document']/text()") == [
        "Letter of Ada Quill", "An Essay on Lamps",
    ]  # fmt: skip


def test_chronology_is_sorted_and_drawn_as_svg(edition) -> None:
    doc = render(edition, "chronology")
    labels = doc.xpath("//ol[@class='chronology']/li/span[@class='event-label']/text()")
    assert [s.strip() for s in labels] == [
        "The lamp burns badly", "Letter of Ada Quill", "An Essay on Lamps",
    ]  # fmt: skip
    svg = doc.xpath("//svg")[0]
    circles = svg.xpath(".//circle")
    assert len(circles) == 3
    xs = [float(c.get("cx")) for c in circles]
    assert xs == sorted(xs) and xs[-1] > xs[0] + 600
    assert svg.xpath(".//text/text()")[0] == "1900"
    assert not doc.xpath("//script[not(@src)]"), "the timeline needs no script"
    assert doc.xpath("//time[@datetime='1901-03-04']")
    assert not doc.xpath("//time[contains(., 'winter')]"), "a range is not a <time>"


def test_citation_index_groups_by_archive_then_fond(edition) -> None:
    doc = render(edition, "citations")
    toc = doc.xpath("//ul[@class='archive-toc']/li")
    assert [li.text_content() for li in toc] == ["CLA \u00b7 4 sources, 5 citations"]
    assert toc[0].xpath("a/@href") == ["#cla"]
    archive = doc.get_element_by_id("cla")
    assert "Also cited as: Harbour Records Office" in archive.text_content()
    fonds = archive.xpath("section[@class='fond']")
    assert [f.get("data-fond") for f in fonds] == ["7", "12", None]
    assert [s.get("id") for s in fonds[0].xpath("article")] == ["cla-7-1-2", "cla-7-2-19"]
    assert fonds[2].xpath("h4/text()") == ["Other locations"]
    source = doc.get_element_by_id("cla-7-2-19")
    assert source.xpath(".//a[@class='edition-link']/@href") == ["documents/letter-1901.html"]
    notes = source.xpath(".//li[@class='citation']/a")
    assert [a.get("href") for a in notes] == [
        "documents/essay-2001.html#note-3", "documents/essay-2001.html#note-4",
    ]  # fmt: skip
    assert notes[0].text_content() == "An Essay on Lamps, note 3"
    work = doc.get_element_by_id("reed-1950")
    assert work.xpath(".//span[@class='cited-range']/text()") == [": p. 3"]
    golden("fixture-citation-entry.html", fragment(source))


def test_unknown_page_and_entry_are_content_errors(edition) -> None:
    with pytest.raises(ContentError, match='unknown page "bogus"'):
        xslt.render_index_page(edition, "bogus")
    with pytest.raises(ContentError, match='no entry "nobody" in the persons register'):
        xslt.render_index_page(edition, "persons", "nobody")
    with pytest.raises(ContentError, match="no organisations register"):
        xslt.render_index_page(edition, "organisations")


def test_empty_edition_renders_every_page() -> None:
    empty = etree.ElementTree(etree.fromstring(
        '<tp:edition xmlns:tp="https://teipress.org/ns" title="Empty"><tp:documents/>'
        '<tp:register type="persons"/><tp:chronology/><tp:citations/></tp:edition>'
    ))  # fmt: skip
    for page in ("index", "persons", "chronology", "citations"):
        xhtml_well_formed(xslt.render_index_page(empty, page))


def test_chronology_puts_a_year_before_its_days() -> None:
    ed = etree.ElementTree(etree.fromstring(
        '<tp:edition xmlns:tp="https://teipress.org/ns" title="T"><tp:chronology>'
        '<tp:event sort-key="1943-12-24|2" iso="1943-12-24" display="24 December 1943" label="b"/>'
        '<tp:event sort-key="1943|1" iso="1943" display="1943" label="a"/>'
        '<tp:event sort-key="1942-01|3" iso="1942-01" display="January 1942" label="c"/>'
        "</tp:chronology></tp:edition>"
    ))  # fmt: skip
    doc = parse_html(xslt.render_index_page(ed, "chronology"))
    labels = doc.xpath("//span[@class='event-label']/text()")
    assert [s.strip() for s in labels] == ["c", "a", "b"]


def test_persons_sort_by_surname_ignoring_case_and_diacritics() -> None:
    ed = etree.ElementTree(etree.fromstring(
        '<tp:edition xmlns:tp="https://teipress.org/ns" title="T"><tp:register type="persons">'
        '<tp:entry id="a" name="Zoë Árpád"/><tp:entry id="b" name="Ada Zeller"/>'
        '<tp:entry id="c" name="Čapek, Karel"/><tp:entry id="d" name="Bo Ćosić"/>'
        '<tp:entry id="e" name="Anyone" sort="Aaa"/></tp:register>'
        '<tp:register type="places"><tp:entry id="p" name="Zagreb"/><tp:entry id="q" name="Ústí"/>'
        '<tp:entry id="r" name="Brno"/></tp:register></tp:edition>'
    ))  # fmt: skip
    persons = parse_html(xslt.render_index_page(ed, "persons"))
    assert persons.xpath("//ul[@class='register-list']/li/@id") == ["e", "a", "c", "d", "b"]
    places = parse_html(xslt.render_index_page(ed, "places"))
    assert places.xpath("//ul[@class='register-list']/li/@id") == ["r", "q", "p"]
