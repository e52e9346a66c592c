"""A large chronology or citation index is split into pages: by year, by archive.

A 200 MB edition's chronology and citation index were 90 and 100 MB pages, which no
browser shows usefully. Above `[build] split_index_items` events or citations,
chronology.html and citations.html list pages of their own, and every link into the
citation index (notes, archive entries) goes to the page that holds its source.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import html

from corpus_support import generate_corpus
from teipress.build import BuildOptions, build
from teipress.config import load_config
from xslt_support import site_links


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated edition of realistic shape: events over many years, several archives."""
    out = tmp_path_factory.mktemp("split") / "edition"
    return generate_corpus(out, "--docs", "8", "--size-mb", "0.5", "--seed", "5")


def _build(edition: Path, out: Path, split: int) -> Path:
    config = dataclasses.replace(load_config(edition), split_index_items=split)
    report = build(config, BuildOptions(out=out, full=True))
    assert report.written, [d.format() for d in report.errors]
    return out


@pytest.fixture(scope="module")
def sites(edition: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("sites")
    return {
        "whole": _build(edition, base / "whole", 0),
        "split": _build(edition, base / "split", 10),
    }


def _page(path: Path) -> html.HtmlElement:
    return html.document_fromstring(path.read_bytes())


def _listed(site: Path, name: str) -> list[Path]:
    """The pages chronology.html or citations.html lists, in their order."""
    hrefs = _page(site / f"{name}.html").xpath("//ul[@class='index-pages']//a/@href")
    return [site / h for h in hrefs]


def test_the_indexes_list_their_pages_and_each_page_exists(sites: dict[str, Path]) -> None:
    site = sites["split"]
    years = _listed(site, "chronology")
    archives = _listed(site, "citations")
    assert len(years) > 3 and len(archives) > 3
    assert all(p.is_file() for p in years + archives)
    assert [p.parent.name for p in years] == ["chronology"] * len(years)
    works = [p.name for p in archives if p.name.startswith("works")]
    assert works == ["works.html", *(f"works-{k}.html" for k in range(2, len(works) + 1))]
    assert [p.name for p in archives[-len(works) :]] == works  # after the archives
    order = [_year_and_page(p.stem) for p in years]
    assert order == sorted(order) and len(set(order)) == len(order)
    overview = _page(site / "chronology.html")
    assert not overview.xpath("//li[@class='event']"), "the overview lists years, not events"
    labels = overview.xpath("//ul[@class='index-pages']//a/text()")
    first = _page(years[1])
    assert first.xpath("string(//h1)") == f"Chronology: {labels[1]}"
    pager = first.xpath("//nav[@class='pager']//a")
    assert [a.get("rel") for a in pager] == ["prev", None, "next"]
    assert pager[0].get("href") == f"../chronology/{years[0].name}"
    assert pager[1].get("href") == "../chronology.html"


def _year_and_page(stem: str) -> tuple[int, int]:
    """chronology/<year>.html is the year's first page, <year>-<k>.html its k-th."""
    found = re.fullmatch(r"(-?\d+|undated)(?:-(\d+))?", stem)
    assert found, stem
    year = 10**9 if found[1] == "undated" else int(found[1])
    return year, int(found[2] or 1)


def test_a_group_larger_than_the_threshold_continues_on_further_pages(
    sites: dict[str, Path],
) -> None:
    """split_index_items bounds every page: a year of more events, an archive of more
    citations, the published works go on over numbered pages (a source is never cut)."""
    site = sites["split"]
    years = _listed(site, "chronology")
    assert any(_year_and_page(p.stem)[1] > 1 for p in years), "a year of more than 10 events"
    for page in years:
        assert 0 < len(_page(page).xpath("//li[@class='event']")) <= 10, page.name
    continued = set()
    for page in _listed(site, "citations"):
        doc = _page(page)
        sources = doc.xpath("//article[@class='source']")
        cited = doc.xpath("//article[@class='source']//li[@class='citation']")
        assert sources and (len(cited) <= 10 or len(sources) == 1), page.name
        if page.stem.rsplit("-", 1)[-1].isdigit():
            continued.add(page.stem.rsplit("-", 1)[0])
    assert "works" in continued and len(continued) > 1, "an archive goes on too"
    labels = _page(site / "citations.html").xpath("//ul[@class='index-pages']//a/text()")
    assert any(label.endswith("(2/" + label.rsplit("/", 1)[-1]) for label in labels)


def test_split_pages_show_every_event_and_citation_once(sites: dict[str, Path]) -> None:
    whole, split = sites["whole"], sites["split"]

    def events(page: Path) -> list[str]:
        return [li.text_content() for li in _page(page).xpath("//li[@class='event']")]

    assert [e for p in _listed(split, "chronology") for e in events(p)] == events(
        whole / "chronology.html"
    )

    def citations(page: Path) -> Counter:
        doc = _page(page)
        return Counter(
            (art.get("id"), li.text_content())
            for art in doc.xpath("//article[@class='source']")
            for li in art.xpath(".//li[@class='citation']")
        )

    parts = Counter()
    for page in _listed(split, "citations"):
        parts += citations(page)
    assert parts == citations(whole / "citations.html")
    assert sum(parts.values()) > 10


def test_links_into_the_index_go_to_the_page_of_their_source(sites: dict[str, Path]) -> None:
    site = sites["split"]
    links = site_links(site)
    assert not links.broken, "\n".join(links.broken[:20])
    into_index = [
        url for path, url, target in links.local
        if target.parent.name == "citations" and path.parent.name != "citations"
    ]  # fmt: skip
    assert len(into_index) > 10, "notes link to the archive pages"
    whole = sites["whole"]
    name = sorted((whole / "documents").glob("*.html"))[0].name
    before = _page(whole / "documents" / name).xpath("//a[@class='cite-index']/@href")
    after = _page(site / "documents" / name).xpath("//a[@class='cite-index']/@href")
    assert [h.split("#")[1] for h in after] == [h.split("#")[1] for h in before]
    assert all(h.startswith("../citations/") for h in after) and after


def test_small_indexes_and_zero_stay_one_page(edition: Path, tmp_path: Path) -> None:
    site = _build(edition, tmp_path / "site", 10**9)
    assert not (site / "chronology").exists() and not (site / "citations").exists()
    assert _page(site / "chronology.html").xpath("//li[@class='event']")
    assert load_config(edition).split_index_items == 5000  # the default


def test_an_incremental_split_site_equals_a_clean_one(edition: Path, tmp_path: Path) -> None:
    copy = tmp_path / "edition"
    shutil.copytree(edition, copy)
    with (copy / "teipress.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[build]\nsplit_index_items = 10\n")
    config = load_config(copy)
    build(config, BuildOptions(out=copy / "site"))
    doc = sorted((copy / "tei" / "documents").glob("*.xml"))[1]
    text = doc.read_text(encoding="utf-8")
    # one citation moves to a fond of its own: its archive's page changes, no year's
    doc.write_text(text.replace('<idno type="fond">', '<idno type="fond">9', 1), encoding="utf-8")
    report = build(load_config(copy), BuildOptions(out=copy / "site"))
    assert report.written and report.carried > 0
    rebuilt = {line.split(": ", 1)[0] for line in report.rebuilt}
    assert any(r.startswith("citations/") for r in rebuilt)
    assert not any(r.startswith("chronology/") for r in rebuilt)
    clean = build(load_config(copy), BuildOptions(out=copy / "clean", full=True))
    assert clean.written

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                if p.is_file() and ".teipress-cache" not in p.parts}  # fmt: skip

    assert files(copy / "site") == files(copy / "clean")


def test_spooled_slices_read_back_as_the_slices_held_in_memory(
    edition: Path, tmp_path: Path
) -> None:
    """A build keeps entry pages' and split pages' slices as spans of data/edition.xml,
    not in memory; read back they are the very bytes (and hashes) of the held ones."""
    from teipress.build import read_edition
    from teipress.builders.index_pages import IndexSlicer, Span
    from teipress.builders.site import nav_sections
    from teipress.edition_index import edition_start
    from teipress.writer import LINE_END

    config = dataclasses.replace(load_config(edition), split_index_items=10)
    read = read_edition(config)
    ctx = read.context
    held = IndexSlicer(edition_start(ctx), nav_sections(ctx), ctx)
    for _ in held.feed(read.sections()):
        pass
    spool = tmp_path / "edition.xml"
    spooled = IndexSlicer(edition_start(ctx), nav_sections(ctx), ctx, spool)
    with spool.open("wb") as out:
        for line in spooled.feed(read.sections()):
            out.write(line + LINE_END)
    pages, kept = held.pages(), spooled.pages()
    assert [p.rel for p in kept] == [p.rel for p in pages]
    assert [p.digest for p in kept] == [p.digest for p in pages]
    assert [p.source for p in kept] == [p.source for p in pages]
    spans = [s for p in kept for s in p.parts if isinstance(s, Span)]
    assert any(s.gaps for s in spans), "a year's events are read as one span"
    assert sum(s.length for s in spans) > sum(p.size for p in kept) / 2
    assert all(p.loaded().parts == (p.source,) for p in kept[:20])


def test_the_index_made_with_a_mention_spool_is_the_index_made_in_memory(
    edition: Path, tmp_path: Path
) -> None:
    """The build spools each entry's mentions to a file while it groups them; the index
    is the same bytes as one grouped in memory, and data/edition.xml says so too."""
    from teipress.build import read_edition
    from teipress.edition_index import edition_sections, part_bytes

    read = read_edition(load_config(edition))

    def flat(spool: Path | None) -> bytes:
        out = []
        sections = edition_sections(read.docs, read.registers, read.index, read.context, spool)
        for section in sections:
            out += [section.start, *(part_bytes(p) for p in section.parts), section.end]
        return b"".join(out)

    held = flat(None)
    assert held.count(b"<tp:mention ") > 20
    assert flat(tmp_path) == held
    assert list(tmp_path.iterdir()) == [], "the spool file is gone"
    site = _build(edition, tmp_path / "site", 5000)
    written = (site / "data" / "edition.xml").read_bytes().replace(b"\n", b"")
    assert held.replace(b"\n", b"") in written


def test_a_spooled_slice_that_cannot_be_read_is_a_one_line_error(tmp_path: Path) -> None:
    from teipress.builders.index_pages import Span
    from teipress.errors import InputError

    with pytest.raises(InputError, match="cannot read the edition index"):
        Span(str(tmp_path / "gone.xml"), 0, 10).read()
    short = tmp_path / "edition.xml"
    short.write_bytes(b"<tp:edition/>")
    with pytest.raises(InputError, match="changed while the site was built"):
        Span(str(short), 5, 100).read()
    assert Span(str(short), 1, 9, (3,)).read() == b"tp:ditio"  # the byte at 3 dropped
