"""Helpers for the rendering tests: parse HTML output, golden files, strip the tp: annotation."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

from teipress.reader import load_tei

DATA = Path(__file__).parent / "data" / "xslt"
SNAPSHOTS = Path(__file__).parent / "snapshots"
TP_NS = "https://teipress.org/ns"
UPDATE = os.environ.get("TEIPRESS_UPDATE_SNAPSHOTS") == "1"


def fixture(name: str) -> etree._ElementTree:
    """A test document parsed with teipress's hardened reader."""
    return load_tei(DATA / name)


def parse_html(data: bytes) -> html.HtmlElement:
    """Parse a page as a browser would (lxml's HTML parser), failing on an empty result."""
    assert data.startswith(b"<!DOCTYPE html>"), data[:60]
    return html.document_fromstring(data)


def xhtml_well_formed(data: bytes) -> None:
    """Check the page's tags balance: every non-void element that opens also closes."""
    void = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}  # fmt: skip
    body = re.sub(rb"<!DOCTYPE[^>]*>", b"", data)
    stack: list[str] = []
    for m in re.finditer(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", body):
        closing, name = m.group(1), m.group(2).decode().lower()
        if name in void:
            continue
        if closing:
            assert stack and stack[-1] == name, f"</{name}> closes <{stack[-1] if stack else ''}>"
            stack.pop()
        else:
            stack.append(name)
    assert not stack, f"unclosed: {stack}"


def strip_tp(tree: etree._ElementTree) -> etree._ElementTree:
    """The same document as plain TEI: every tp: attribute and element removed."""
    plain = copy.deepcopy(tree)
    for el in plain.iter():
        if not isinstance(el.tag, str):
            continue
        for name in [n for n in el.attrib if n.startswith(f"{{{TP_NS}}}")]:
            del el.attrib[name]
    for el in plain.getroot().findall(f"{{{TP_NS}}}context"):
        el.getparent().remove(el)
    etree.cleanup_namespaces(plain)
    return plain


def golden(name: str, actual: str) -> None:
    """Compare with tests/snapshots/<name>; TEIPRESS_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        if not UPDATE:
            raise AssertionError(
                f"{path} missing; run with TEIPRESS_UPDATE_SNAPSHOTS=1, then review it"
            )
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


def fragment(node: html.HtmlElement) -> str:
    """An element serialised as HTML, for golden fragments."""
    return html.tostring(node, encoding="unicode", with_tail=False) + "\n"


REPO = Path(__file__).resolve().parents[1]
_SITE: dict[str, Path] = {}


def sample_site(tmp_root: Path) -> Path:
    """The sample edition built once per test session (skips when it is not encoded yet)."""
    import pytest

    from teipress.build import BuildOptions, build
    from teipress.config import load_config

    if "site" not in _SITE:
        if not list((REPO / "tei" / "documents").glob("*.xml")):
            pytest.skip("the sample edition is not encoded yet")
        out = tmp_root / "site"
        report = build(load_config(REPO), BuildOptions(out=out, keep_going=True))
        assert report.documents >= 2, report
        _SITE["site"] = out
    return _SITE["site"]


STYLESHEET_HEAD = (
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
    'xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:exsl="http://exslt.org/common" '
    'extension-element-prefixes="exsl">'
)


def write_stylesheet(folder: Path, body: str, name: str = "custom.xsl") -> Path:
    """An XSLT 1.0 stylesheet of `body` (tei and exsl prefixes declared) in `folder`."""
    path = folder / name
    path.write_text(STYLESHEET_HEAD + body + "</xsl:stylesheet>", encoding="utf-8")
    return path


LINKS = "//a/@href | //link/@href | //script/@src | //img/@src"


@dataclass
class SiteLinks:
    """Every link of a built site's pages: local ones with the file they lead to,
    external ones, and the local ones that lead nowhere (no such file, or no such id)."""

    local: list[tuple[Path, str, Path]] = field(default_factory=list)  # page, url, target
    external: list[tuple[Path, str]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)


def site_links(site: Path) -> SiteLinks:
    """Read every page of `site` once and follow each of its links."""
    from urllib.parse import unquote, urlsplit

    site = site.resolve()
    pages = {p: html.document_fromstring(p.read_bytes()) for p in sorted(site.rglob("*.html"))}
    ids = {path: set(doc.xpath("//@id")) for path, doc in pages.items()}
    found = SiteLinks()
    for path, doc in pages.items():
        for url in doc.xpath(LINKS):
            parts = urlsplit(url)
            if parts.scheme:
                found.external.append((path, url))
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            found.local.append((path, url, target))
            where = f"{path.relative_to(site)}: {url}"
            if not target.is_file():
                found.broken.append(f"{where} (no file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in ids[target]
            ):
                found.broken.append(f"{where} (no anchor)")
    return found
