"""Debian's Chromium, headless, over the built sample site: footnotes, registers, cross-links.

Never downloads a browser: playwright drives /usr/bin/chromium. Without it the tests are
skipped locally, but fail in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from xslt_support import sample_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
ARTIFACTS = Path(__file__).parent / "artifacts"


def _require_browser() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("/usr/bin/chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_site(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def browser() -> Iterator:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    yield context.new_page()
    context.close()


def _url(site: Path, rel: str) -> str:
    return (site / rel).as_uri()


def _letter(site: Path) -> str:
    return next(p.name for p in sorted((site / "documents").glob("letter*.html")))


def test_open_the_letter_from_the_start_page(site: Path, page) -> None:
    page.goto(_url(site, "index.html"))
    page.locator("li.document-entry a", has_text="Letter").first.click()
    assert page.url.endswith(f"documents/{_letter(site)}")
    assert page.locator("h1").first.is_visible()
    assert page.locator("dl.doc-meta dt", has_text="Archival location").count() == 1


def test_footnote_shows_in_place_on_hover_and_focus(site: Path, page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(_url(site, "documents/granville-1998.html"))
    ref = page.locator("a[role='doc-noteref'][href='#note-5']")
    ref.scroll_into_view_if_needed()
    before = page.url
    ref.hover()
    popup = page.locator("#tp-note-popup")
    popup.wait_for(state="visible", timeout=3000)
    note_text = page.locator("#note-5 .note-body").inner_text()
    assert note_text.strip()[:40] in popup.inner_text()
    assert page.url == before, "hovering leaves the page where it is"
    box, anchor = popup.bounding_box(), ref.bounding_box()
    assert box and anchor and 0 <= box["y"] - (anchor["y"] + anchor["height"]) < 40
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "footnote-popup.png"))
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden", timeout=3000)
    page.locator("a[role='doc-noteref'][href='#note-7']").focus()
    popup.wait_for(state="visible", timeout=3000)
    assert (
        page.locator("a[role='doc-noteref'][href='#note-7']").get_attribute("aria-describedby")
        == "tp-note-popup"
    )
    assert not errors, errors


def test_footnotes_work_as_plain_links_without_javascript(site: Path, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_url(site, "documents/granville-1998.html"))
    page.locator("a[role='doc-noteref'][href='#note-5']").click()
    assert page.url.endswith("#note-5")
    note = page.locator("#note-5")
    assert note.is_visible()
    highlighted = note.evaluate("e => getComputedStyle(e).backgroundColor")
    plain = page.locator("#note-6").evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlighted != plain, ":target highlights the followed note"
    page.locator("#note-5 a[role='doc-backlink']").click()
    assert page.url.endswith("#ref-note-5")
    assert page.locator("#tp-note-popup").count() == 0
    context.close()


def test_person_link_to_register_and_back_to_the_mention(site: Path, page) -> None:
    letter = _letter(site)
    page.goto(_url(site, f"documents/{letter}"))
    mention = page.locator(".doc-text a.name-person[id]").first
    mention_id = mention.get_attribute("id")
    mention.click()
    assert re.search(r"/persons/[^/]+\.html$", page.url), page.url
    assert page.locator("h1").inner_text().strip()
    back = page.locator(f"a.kwic-line[href$='{letter}#{mention_id}']")
    assert back.count() == 1
    back.click()
    assert page.url.endswith(f"{letter}#{mention_id}")
    target = page.locator(f"[id='{mention_id}']")
    assert target.is_visible()
    assert page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        mention_id,
    ), "the browser scrolled to the mention"


def test_note_37_of_the_article_leads_to_the_letter(site: Path, page) -> None:
    page.goto(_url(site, "documents/granville-1998.html") + "#note-37")
    page.locator("#note-37 a.edition-link").first.click()
    assert page.url.endswith(f"documents/{_letter(site)}")
    cited = page.locator("section.cited-by a[href$='#note-37']")
    assert cited.count() == 1


def test_citation_index_groups_rgani_fond_89(site: Path, page) -> None:
    page.goto(_url(site, "citations.html"))
    rgani = page.locator("section.archive[data-archive='rgani']")
    assert rgani.count() == 1
    fond89 = rgani.locator("section.fond[data-fond='89']")
    assert fond89.count() == 1, "one group for fond 89"
    labels = rgani.locator(".source-label").all_inner_texts()
    in_89 = [t for t in labels if re.search(r"\bf\. ?89\b", t, re.I)]
    assert len(in_89) >= 5
    assert sorted(fond89.locator(".source-label").all_inner_texts()) == sorted(in_89)
    assert fond89.locator("a.edition-link").count() >= 1, "the letter is linked from its source"


def test_keyboard_focus_is_visible_and_phone_layout_fits(site: Path, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for rel in ("documents/granville-1998.html", f"documents/{_letter(site)}", "citations.html"):
        page.goto(_url(site, rel))
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{rel} scrolls sideways on a phone ({overflow}px)"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.className, s.outlineStyle, s.outlineWidth]; }"
    )
    assert focused[0] == "skip-link" and focused[1] != "none" and focused[2] != "0px", focused
    context.close()


def test_print_stylesheet_hides_navigation(site: Path, page) -> None:
    page.goto(_url(site, "documents/granville-1998.html"))
    assert page.locator("nav.site-nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.site-nav").is_visible()
    assert page.locator("#note-1").is_visible(), "footnotes print"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample edition with its chronology and citation index split into pages."""
    import dataclasses

    from teipress.build import BuildOptions, build
    from teipress.config import load_config

    # 161 citations and 270 events: split, RGANI (70) on one page, 1956 (185) on two
    config = dataclasses.replace(load_config(Path(__file__).parents[1]), split_index_items=100)
    out = tmp_path_factory.mktemp("split") / "site"
    assert build(config, BuildOptions(out=out)).written
    return out


def test_split_citation_index_from_a_note_and_back(split_site: Path, page) -> None:
    page.goto(_url(split_site, "documents/granville-1998.html") + "#note-37")
    page.locator("#note-37 a.cite-index").first.click()
    assert re.search(r"/citations/[a-z0-9-]+\.html#", page.url), page.url
    target = page.url.split("#", 1)[1]
    assert page.locator(f"article.source[id='{target}']").is_visible()
    assert page.locator("h1").inner_text().startswith("Citation index: ")
    page.locator("nav.pager a", has_text="All archives and works").click()
    assert page.url.endswith("/citations.html")
    archives = page.locator("ul.index-pages a")
    assert archives.count() >= 3
    page.locator("ul.index-pages a", has_text="RGANI").click()
    fond89 = page.locator("section.archive[data-archive='rgani'] section.fond[data-fond='89']")
    assert fond89.count() == 1


def test_split_chronology_pages_lead_from_year_to_year(split_site: Path, page) -> None:
    page.goto(_url(split_site, "chronology.html"))
    years = page.locator("ul.index-pages a").all_inner_texts()
    assert len(years) >= 2 and years == sorted(years, key=lambda y: int(y.split(" ")[0]))
    page.locator("ul.index-pages a", has_text=years[0]).click()
    assert page.locator("h1").inner_text() == f"Chronology: {years[0]}"
    assert page.locator("li.event").count() >= 1
    assert page.locator("figure.timeline svg").is_visible()
    page.locator("nav.pager a[rel='next']").first.click()
    assert page.locator("h1").inner_text() == f"Chronology: {years[1]}"
    page.locator("nav.pager a[rel='prev']").first.click()
    assert page.url.endswith(f"/chronology/{years[0]}.html")
    page.locator("nav.pager a", has_text="All years").first.click()
    page.locator("ul.index-pages a", has_text="1956 (1/2)").click()  # a year on two pages
    page.locator("nav.pager a[rel='next']").first.click()
    assert page.locator("h1").inner_text() == "Chronology: 1956 (2/2)"
    assert page.url.endswith("/chronology/1956-2.html")
