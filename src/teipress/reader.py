"""The only place that parses XML: a hardened lxml parser that keeps source lines.

User XML is untrusted. The parser never touches the network, never loads a DTD,
expands only internal entities (libxml2 bounds their amplification, which stops a
billion-laughs document at once) and resolves XInclude only inside the edition.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .errors import ContentError, InputError, TeipressError, diagnostic_error

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
NS = {"tei": TEI_NS, "xi": XI_NS}
TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}

_BINARY_PROBE = 8192


class _InsideRoot(etree.Resolver):
    """Refuse every resource (XInclude target, external file) outside one folder."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        if url.startswith(("http:", "https:", "ftp:")):
            raise PermissionError(f"network access refused: {url}")
        target = Path(url.removeprefix("file://")).resolve()
        if not target.is_relative_to(self.root):
            raise PermissionError(f"{url} lies outside {self.root}")
        return self.resolve_filename(str(target), context)


def make_parser(
    allowed_root: Path | None = None, *, huge_tree: bool = False, collect_ids: bool = True
) -> etree.XMLParser:
    """The hardened parser factory; every parse in teipress goes through it.

    `collect_ids=False` lets a file with a repeated xml:id parse, so that a
    validator can report every repeat instead of stopping at the first.
    """
    parser = etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=huge_tree,
        remove_blank_text=False,
        collect_ids=collect_ids,
    )
    if allowed_root is not None:
        parser.resolvers.add(_InsideRoot(allowed_root))
    return parser


def read_bytes(path: Path) -> bytes:
    """Read a file, turning every OS-level failure into a one-line InputError."""
    if not path.exists():
        raise diagnostic_error(InputError, path, "file not found", "io-missing")
    if path.is_dir():
        raise diagnostic_error(InputError, path, "is a folder, not an XML file", "io-folder")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise diagnostic_error(InputError, path, f"cannot read: {exc.strerror}", "io-read") from exc


def _check_not_binary(data: bytes, path: Path | str) -> None:
    """Reject empty and binary files with a message better than libxml2's."""
    if not data.strip():
        raise diagnostic_error(
            ContentError, path, "file is empty; expected a TEI XML document", "xml-empty", 1, 1
        )
    head = data[:_BINARY_PROBE]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not utf16:
        raise diagnostic_error(
            ContentError,
            path,
            "binary file (contains NUL bytes); expected a TEI XML document",
            "xml-binary",
            1,
            1,
        )


def parse_bytes(
    data: bytes,
    path: Path | str,
    *,
    allowed_root: Path | None = None,
    huge_tree: bool = False,
    collect_ids: bool = True,
) -> etree._ElementTree:
    """Parse XML bytes that came from `path` (used for messages and relative XIncludes)."""
    _check_not_binary(data, path)
    parser = make_parser(allowed_root, huge_tree=huge_tree, collect_ids=collect_ids)
    base = str(Path(path).resolve()) if isinstance(path, Path) else str(path)
    try:
        root = etree.fromstring(data, parser, base_url=base)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 0, 0)
        raise diagnostic_error(
            ContentError, path, _syntax_message(exc), "xml-syntax", line or 0, col or 0
        ) from exc
    tree = etree.ElementTree(root)
    if root.find(f".//{{{XI_NS}}}include") is not None:
        _xinclude(tree, path, allowed_root)
    return tree


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    """libxml2's message without its trailing position, which the diagnostic already has."""
    msg = str(exc.msg if getattr(exc, "msg", None) else exc)
    msg = msg.split(", line ")[0].rstrip(".")
    if "amplification" in msg or ("entity" in msg.lower() and "loop" in msg.lower()):
        return f"entity expansion refused ({msg}); teipress bounds entity expansion"
    if "Entity" in msg and "not defined" in msg:
        return f"{msg} (external and undeclared entities are never loaded)"
    return msg


def _xinclude(tree: etree._ElementTree, path: Path | str, allowed_root: Path | None) -> None:
    """Resolve XIncludes, but only when the edition's folder is known to confine them."""
    first = tree.getroot().find(f".//{{{XI_NS}}}include")
    line = (first.sourceline or 0) if first is not None else 0
    if allowed_root is None:
        raise diagnostic_error(
            ContentError,
            path,
            "XInclude found but no edition folder confines it",
            "xml-xinclude",
            line,
            1,
        )
    try:
        tree.xinclude()
    except etree.XIncludeError as exc:
        raise diagnostic_error(
            ContentError,
            path,
            f"XInclude failed: {exc} (targets must lie inside {allowed_root})",
            "xml-xinclude",
            line,
            1,
        ) from exc


def parse_file(
    path: Path,
    *,
    allowed_root: Path | None = None,
    huge_tree: bool = False,
) -> etree._ElementTree:
    """Read and parse one XML file with the hardened parser; errors carry path:line:col."""
    path = Path(path)
    data = read_bytes(path)
    root = allowed_root if allowed_root is not None else path.resolve().parent
    return parse_bytes(data, path, allowed_root=root, huge_tree=huge_tree)


def require_tei(tree: etree._ElementTree, path: Path | str) -> None:
    """Fail unless the root element is TEI (or teiCorpus) in the TEI namespace."""
    root = tree.getroot()
    if root.tag in TEI_ROOTS:
        return
    qname = etree.QName(root)
    if qname.localname in {"TEI", "teiCorpus"}:
        hint = f'root <{qname.localname}> lacks the TEI namespace; add xmlns="{TEI_NS}"'
    else:
        hint = f'root element is <{qname.localname}>, not a TEI document (<TEI xmlns="{TEI_NS}">)'
    raise diagnostic_error(ContentError, path, hint, "tei-root", root.sourceline or 1, 1)


def load_tei(
    path: Path, *, allowed_root: Path | None = None, huge_tree: bool = False
) -> etree._ElementTree:
    """Parse a file and require a TEI root: what every command reading an edition calls."""
    tree = parse_file(path, allowed_root=allowed_root, huge_tree=huge_tree)
    require_tei(tree, path)
    return tree


__all__ = [
    "NS",
    "TEI_NS",
    "XI_NS",
    "XML_NS",
    "TeipressError",
    "load_tei",
    "make_parser",
    "parse_bytes",
    "parse_file",
    "read_bytes",
    "require_tei",
]
