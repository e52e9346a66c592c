"""Golden HTML fragments of the built sample site: a footnote, a person mention, a citation
index entry. Review a changed snapshot like code; TEIPRESS_UPDATE_SNAPSHOTS=1 rewrites it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from xslt_support import fragment, golden, sample_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.getbasetemp())


def _page(site: Path, rel: str) -> html.HtmlElement:
    return html.document_fromstring((site / rel).read_bytes())


def test_footnote_37_of_the_article(site: Path) -> None:
    doc = _page(site, "documents/granville-1998.html")
    golden("site-footnote-37.html", fragment(doc.get_element_by_id("note-37")))


def test_first_person_mention_of_the_letter(site: Path) -> None:
    letter = next((site / "documents").glob("letter*.html"))
    doc = _page(site, f"documents/{letter.name}")
    mention = doc.xpath("//div[@class='doc-text']//a[contains(@class,'name-person')][@id]")[0]
    golden("site-person-mention.html", fragment(mention))


def test_citation_index_entry_of_the_letter(site: Path) -> None:
    doc = _page(site, "citations.html")
    source = doc.xpath("//article[@class='source'][.//a[@class='edition-link']]")[0]
    golden("site-citation-entry.html", fragment(source))


def test_teipress_text_prints_what_the_build_wrote(site: Path) -> None:
    from click.testing import CliRunner

    from teipress.cli import main

    repo = Path(__file__).resolve().parents[1]
    for source in sorted((repo / "tei" / "documents").glob("*.xml")):
        result = CliRunner().invoke(main, ["text", str(source)])
        assert result.exit_code == 0, result.output
        built = (site / "text" / f"{source.stem}.txt").read_bytes()
        assert result.stdout_bytes == built, source.name
