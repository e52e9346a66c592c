"""`<?xml-model?>` processing instructions, resolved to local schema files, never the network.

A document may name its schemas as Oxygen and VS Code expect. A local href is
taken relative to the document; a remote one (http, https) is looked up in the
XML catalogs listed in $XML_CATALOG_FILES, then in teipress's local schema cache,
a mirror of the URL under <cache>/schemas/<host>/<path>. Nothing is downloaded.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..errors import TeipressError
from ..reader import parse_file
from . import cache

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
_PSEUDO = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REMOTE = ("http://", "https://")


@dataclass(frozen=True)
class ModelRef:
    """One xml-model declaration: what it asks for and, if found, the local file."""

    href: str
    kind: str  # "grammar" | "rules"
    line: int
    path: Path | None


def declarations(tree: etree._ElementTree, doc: Path) -> list[ModelRef]:
    """The xml-model PIs before the root element, in order, each resolved if possible."""
    refs = []
    for pi in reversed(list(tree.getroot().itersiblings(preceding=True))):
        if not isinstance(pi, etree._ProcessingInstruction) or pi.target != "xml-model":
            continue
        attrs = {m[1]: m[2] or m[3] for m in _PSEUDO.finditer(pi.text or "")}
        href = attrs.get("href", "").strip()
        kind = _kind(attrs, href)
        if href and kind:
            refs.append(ModelRef(href, kind, pi.sourceline or 1, resolve(href, doc)))
    return refs


def _kind(attrs: dict[str, str], href: str) -> str | None:
    """Grammar or rules, from schematypens, then type, then the file extension."""
    ns = attrs.get("schematypens", "")
    if ns in {RNG_NS, XSD_NS}:
        return "grammar"
    if ns == SCH_NS or ns == "http://www.ascc.net/xml/schematron":
        return "rules"
    suffix = Path(urlparse(href).path).suffix.lower()
    if suffix in {".rng", ".rnc", ".xsd"}:
        return "grammar"
    if suffix == ".sch":
        return "rules"
    return None


def resolve(href: str, doc: Path) -> Path | None:
    """A local file for an href: relative path, file: URL, catalog entry or cached mirror."""
    if href.startswith(_REMOTE):
        return _from_catalogs(href) or _from_cache(href)
    if href.startswith("file:"):
        local = Path(unquote(urlparse(href).path))
    else:
        local = doc.resolve().parent / unquote(href)
    return local if local.is_file() else None


def _from_cache(url: str) -> Path | None:
    folder = cache.cache_dir()
    if folder is None:
        return None
    parsed = urlparse(url)
    mirror = folder / "schemas" / parsed.netloc / parsed.path.lstrip("/")
    return mirror if mirror.is_file() else None


def _from_catalogs(url: str) -> Path | None:
    for name in os.environ.get("XML_CATALOG_FILES", "").split():
        found = _lookup(
            Path(unquote(urlparse(name).path)) if name.startswith("file:") else Path(name),
            url,
            set(),
        )
        if found is not None:
            return found
    return None


def _lookup(catalog: Path, url: str, seen: set[Path]) -> Path | None:
    """Resolve through one OASIS catalog (uri, system, rewrite*, nextCatalog)."""
    if catalog in seen or not catalog.is_file():
        return None
    seen.add(catalog)
    try:
        root = parse_file(catalog).getroot()
    except TeipressError:
        return None
    base = catalog.resolve().parent
    for el in root.iter():
        if not isinstance(el.tag, str) or etree.QName(el).namespace != _CATALOG_NS:
            continue
        hit = _match(etree.QName(el).localname, el, url)
        if hit is not None:
            target = Path(unquote(urlparse(hit).path)) if hit.startswith("file:") else base / hit
            if target.is_file():
                return target
        if etree.QName(el).localname == "nextCatalog" and el.get("catalog"):
            found = _lookup(base / el.get("catalog", ""), url, seen)
            if found is not None:
                return found
    return None


def _match(kind: str, el: etree._Element, url: str) -> str | None:
    if kind == "uri" and el.get("name") == url:
        return el.get("uri")
    if kind == "system" and el.get("systemId") == url:
        return el.get("uri")
    for tag, start in (("rewriteURI", "uriStartString"), ("rewriteSystem", "systemIdStartString")):
        prefix = el.get(start)
        if kind == tag and prefix and url.startswith(prefix):
            return el.get("rewritePrefix", "") + url[len(prefix) :]
    return None
