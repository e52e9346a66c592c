"""Every link of the built sample site resolves to an existing file and anchor."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from xslt_support import sample_site, site_links, xhtml_well_formed


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.getbasetemp())


def _pages(site: Path) -> dict[Path, html.HtmlElement]:
    return {p: html.document_fromstring(p.read_bytes()) for p in sorted(site.rglob("*.html"))}


def test_every_href_resolves_to_a_file_and_anchor(site: Path) -> None:
    links = site_links(site)
    for path, url in links.external:
        assert urlsplit(url).scheme in {"http", "https", "mailto"}, f"{path}: {url}"
    for path, url, _ in links.local:
        assert not urlsplit(url).query, f"{path}: query string in {url}"
    assert not links.broken, "\n".join(links.broken[:20])
    assert len(links.local) > 1000


def test_every_page_is_well_formed_with_unique_ids(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        xhtml_well_formed(data)
        doc = html.document_fromstring(data)
        assert doc.get("lang"), path
        assert doc.xpath("//main") and doc.xpath("//header") and doc.xpath("//footer"), path
        dupes = [i for i, n in Counter(doc.xpath("//@id")).items() if n > 1]
        assert not dupes, f"{path}: duplicate ids {dupes[:5]}"


def test_note_links_and_cross_links_in_the_sample(site: Path) -> None:
    docs = sorted((site / "documents").glob("*.html"))
    pages = {p.stem: html.document_fromstring(p.read_bytes()) for p in docs}
    article = next(d for d in pages.values() if len(d.xpath("//*[@role='doc-footnote']")) > 100)
    assert len(article.xpath("//a[@role='doc-noteref']")) == len(
        article.xpath("//*[@role='doc-footnote']")
    )
    cross = article.xpath("//*[@id='note-37']//a[@class='edition-link']/@href")
    assert cross and cross[0].startswith("letter"), cross
    letter = pages[Path(cross[0]).stem]
    cited = letter.xpath("//section[@class='cited-by']//a/@href")
    assert any(h.endswith("#note-37") for h in cited), cited
