"""Runs teipress's XSLT 1.0 stylesheets: loaded once, documented parameters, no writes, no network.

Stylesheets come from the configured `xslt/` folder (html/main.xsl, text/main.xsl) or
from an edition's own override, which imports the defaults as `teipress:html/main.xsl`
(a URI this module resolves to teipress's shipped stylesheets). Every parameter is
declared in xslt/common/params.xsl; passing an undeclared one is a usage error, so a typo
never silently renders defaults.
"""

from __future__ import annotations

import re
import textwrap
import threading
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from .config import Config, default_data_dir
from .errors import ContentError, TeipressError, UsageError, diagnostic_error
from .page_windows import render_windowed
from .reader import make_parser

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
TP_NS = "https://teipress.org/ns"
SCHEME = "teipress:"
#: teipress's own stylesheets: what `teipress:` URIs and the defaults point at.
DEFAULT_XSLT = default_data_dir("xslt")

#: Layout marks of the text stylesheet: paragraph break and line break.
PARAGRAPH_MARK = "\ufdd0"
LINE_MARK = "\ufdd1"

_ACCESS = etree.XSLTAccessControl(
    read_network=False, write_network=False, write_file=False, create_dir=False, read_file=True
)
_cache: dict[tuple[str, int, int], tuple[etree.XSLT, frozenset[str]]] = {}
_lock = threading.Lock()


class _SchemeResolver(etree.Resolver):
    """Map `teipress:html/main.xsl` to the shipped stylesheets; refuse the network."""

    def resolve(self, url, pubid, context):
        if url.startswith(SCHEME):
            root = DEFAULT_XSLT.resolve()
            target = (root / url[len(SCHEME) :].lstrip("/")).resolve()
            if target.is_relative_to(root) and target.is_file():
                return self.resolve_filename(str(target), context)
            raise UsageError(
                f"{url}: teipress ships no such stylesheet (use teipress:html/main.xsl "
                "or teipress:text/main.xsl)"
            )
        if url.startswith(("http:", "https:", "ftp:")):
            raise UsageError(f"{url}: stylesheets may not load anything from the network")
        return None


def default_stylesheets(config: Config | None = None) -> tuple[Path, Path]:
    """The HTML and text entry stylesheets of an edition: its overrides, else the defaults."""
    folder = config.xslt if config else DEFAULT_XSLT
    html = (config.stylesheet_html if config else None) or folder / "html" / "main.xsl"
    text = (config.stylesheet_text if config else None) or folder / "text" / "main.xsl"
    return html, text


def documented_params(folder: Path = DEFAULT_XSLT) -> frozenset[str]:
    """Names of the parameters declared in common/params.xsl."""
    tree = etree.parse(str(folder / "common" / "params.xsl"), make_parser())
    return frozenset(tree.getroot().xpath("xsl:param/@name", namespaces={"xsl": XSL_NS}))


def load_stylesheet(path: Path) -> tuple[etree.XSLT, frozenset[str], dict[str, str]]:
    """Compile a stylesheet once per file version; also return the parameters it accepts
    and those its own shape implies (`implied_params`), which every run gets."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except OSError as exc:
        raise diagnostic_error(UsageError, path, "stylesheet not found", "xslt-missing") from exc
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _lock:
        if key not in _cache:
            _cache[key] = _compile(path)
        return _cache[key]


def _compile(path: Path) -> tuple[etree.XSLT, frozenset[str], dict[str, str]]:
    parser = make_parser()
    parser.resolvers.add(_SchemeResolver())
    try:
        doc = etree.parse(str(path), parser)
        transform = etree.XSLT(doc, access_control=_ACCESS)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        raise diagnostic_error(
            UsageError, path, f"stylesheet is not well-formed: {exc.msg}", "xslt-syntax", line, col
        ) from exc
    except etree.XSLTParseError as exc:
        raise _log_error(UsageError, path, exc.error_log, "xslt-compile", str(exc)) from exc
    own = doc.getroot().xpath("xsl:param/@name", namespaces={"xsl": XSL_NS})
    folder = path.parent.parent
    base = folder if (folder / "common" / "params.xsl").is_file() else DEFAULT_XSLT
    allowed = documented_params(base) | frozenset(own)
    return transform, allowed, implied_params(path, allowed)


def implied_params(path: Path, allowed: frozenset[str]) -> dict[str, str]:
    """Parameters a stylesheet needs because of what it overrides.

    An edition that lays pages out with its own `html-page` expects a page's content as
    the `content` parameter; teipress's own html-page renders a document page's content
    straight into the page instead, unless told otherwise (params.xsl,
    tp-content-by-node)."""
    if "tp-content-by-node" in allowed and overrides_template(path, "html-page"):
        return {"tp-content-by-node": "no"}
    return {}


def _log_error(
    cls: type[TeipressError], path: Path | str, log: etree._ListErrorLog, code: str, fallback: str
) -> TeipressError:
    """The most telling message of an XSLT error log as one diagnostic."""
    entries = [e for e in log if e.message.strip()]
    if not entries:
        return diagnostic_error(cls, path, fallback or "XSLT failed", code)
    ours = [e for e in entries if "teipress:" in e.message]
    placed = next((e for e in entries if e.line), entries[0])
    if ours:
        message = " ".join(ours[0].message.split()).removeprefix("teipress: ")
    else:  # libxslt logs the failing instruction, then the reason (e.g. "File write refused")
        seen = dict.fromkeys(" ".join(e.message.split()) for e in entries)
        message = "; ".join(list(seen)[:3])
    first = ours[0] if ours else placed
    where = first.filename if first.filename and first.filename != "<string>" else path
    return diagnostic_error(cls, where, message, code, first.line or 0, first.column or 0)


def _quoted(params: Mapping[str, str] | None, allowed: frozenset[str], path: Path) -> dict:
    """Parameters as XPath string literals; an undeclared name is a usage error."""
    quoted = {}
    for name, value in sorted((params or {}).items()):
        if name not in allowed:
            declared = ", ".join(sorted(allowed))
            raise UsageError(f"{path}: unknown stylesheet parameter '{name}'; declared: {declared}")
        quoted[name] = etree.XSLT.strparam(str(value))
    return quoted


def _apply(
    stylesheet: Path,
    tree: etree._ElementTree | etree._Element,
    params: Mapping[str, str] | None,
    source: Path | str | None,
) -> etree._XSLTResultTree:
    transform, allowed, implied = load_stylesheet(stylesheet)
    quoted = _quoted({**implied, **(params or {})}, allowed, stylesheet)
    try:
        return transform(tree, **quoted)
    except etree.XSLTApplyError as exc:
        raise _log_error(
            ContentError, source or stylesheet, transform.error_log, "xslt-apply", str(exc)
        ) from exc


_LEADING_SPACE = re.compile(rb"[ \t\n\r\x0b\x0c]*")  # what bytes.strip() strips


def _joined(pieces: list[bytes]) -> bytearray:
    """The pieces of a windowed page in one buffer, each piece let go once copied: the
    page is held about once, not as pieces and their join at the same time."""
    page = bytearray()
    pieces.reverse()
    while pieces:
        page += pieces.pop()
    return page


def _html_bytes(result: etree._XSLTResultTree | bytes | bytearray) -> bytes | bytearray:
    """The serialised page, always starting with the HTML5 doctype and ending with a newline.

    The page is copied at most once (a large document's page is hundreds of MB): the
    checks look at its ends instead of stripping it, and a missing doctype and newline
    are added in one join, or in place to a windowed page's buffer.
    """
    data = result if isinstance(result, (bytes, bytearray)) else bytes(result)
    if not data or data.isspace():
        raise ContentError("the HTML stylesheet produced an empty page")
    start = _LEADING_SPACE.match(data).end()
    doctype = data[start : start + 9].upper() == b"<!DOCTYPE"
    prefix = b"" if doctype else b"<!DOCTYPE html>\n"
    suffix = b"" if data.endswith(b"\n") else b"\n"
    if isinstance(data, bytearray):  # a windowed page: grown in place, not copied
        data[:0] = prefix
        data += suffix
        return data
    return b"".join((prefix, data, suffix)) if prefix or suffix else data


def render_document_html(
    tree: etree._ElementTree,
    params: Mapping[str, str] | None = None,
    *,
    stylesheet: Path | None = None,
    source: Path | str | None = None,
    window: int = 0,
) -> bytes | bytearray:
    """One document page from an annotated TEI document (see CONTRACTS.md, Build).

    With `window` (elements), a page whose text holds many windows' worth is rendered in
    windows (teipress.page_windows), so that XSLT never holds its whole result tree; the
    bytes are the same as a whole render's. A stylesheet that does not keep the marks
    (one that does not import teipress's, say) has the page rendered whole once its frame
    pass shows it. A windowed page comes as a bytearray (grown in place, not joined).
    """
    sheet = stylesheet or DEFAULT_XSLT / "html" / "main.xsl"
    params = {"page": "document", **(params or {})}
    if window > 0 and "tp-windowed" in load_stylesheet(sheet)[1]:
        windowed = {**params, "tp-windowed": "yes"}
        pieces = render_windowed(tree, window, lambda: bytes(_apply(sheet, tree, windowed, source)))
        if pieces is not None:
            return _html_bytes(_joined(pieces))
    return _html_bytes(_apply(sheet, tree, params, source))


def overrides_template(path: Path, name: str) -> bool:
    """Does an edition's stylesheet, or one it imports or includes (teipress's own
    excepted), define the named template `name`? Read once per compile."""
    todo, seen = [Path(path).resolve()], set()
    own = DEFAULT_XSLT.resolve()
    while todo:
        file = todo.pop()
        if file in seen or file.is_relative_to(own) or not file.is_file():
            continue
        seen.add(file)
        try:
            root = etree.parse(str(file), make_parser()).getroot()
        except etree.XMLSyntaxError:
            continue  # the compiler has already said what is wrong with it
        if root.xpath("xsl:template[@name = $n]", namespaces={"xsl": XSL_NS}, n=name):
            return True
        for href in root.xpath("xsl:import/@href | xsl:include/@href",
                               namespaces={"xsl": XSL_NS}):  # fmt: skip
            if ":" not in href.split("/", 1)[0]:  # teipress:… and URLs are not the edition's
                todo.append((file.parent / href).resolve())
    return False


def render_index_page(
    edition_xml: etree._ElementTree | etree._Element,
    page: str,
    entry_id: str | None = None,
    *,
    params: Mapping[str, str] | None = None,
    stylesheet: Path | None = None,
) -> bytes:
    """index.html, a register page, chronology.html or citations.html from the edition XML."""
    sheet = stylesheet or DEFAULT_XSLT / "html" / "main.xsl"
    merged = {**(params or {}), "page": page, "entry-id": entry_id or ""}
    return _html_bytes(_apply(sheet, edition_xml, merged, "edition index"))


def render_document_text(
    tree: etree._ElementTree,
    params: Mapping[str, str] | None = None,
    *,
    stylesheet: Path | None = None,
    source: Path | str | None = None,
) -> str:
    """The plain text of a document, one line per paragraph (wrap it with wrap_text)."""
    sheet = stylesheet or DEFAULT_XSLT / "text" / "main.xsl"
    return layout_text(str(_apply(sheet, tree, params, source)))


#: Whitespace runs that collapsing changes: two or more characters, or one that is not a space.
_SPACES = re.compile(r"(?: [ \t\r\n]|[\t\r\n])[ \t\r\n]*")
_MARK_RUN = re.compile(f"[{PARAGRAPH_MARK}{LINE_MARK}]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def layout_text(raw: str) -> str:
    """Turn the text stylesheet's layout marks into blank lines and line breaks.

    Spaces are collapsed inside each line; a run of marks (and the spaces between them)
    holding a paragraph mark is one blank line, else one line break. The result ends with
    exactly one newline.

    Written for speed on big texts: the collapsing regex leaves single spaces alone
    (rewriting each one was most of the time); once spaces are single, the spaces before
    marks go by `str.replace` (those after them start a line and are stripped with it),
    so the mark regex starts only at marks.
    """
    marked = _SPACES.sub(" ", raw)
    for mark in (PARAGRAPH_MARK, LINE_MARK):
        marked = marked.replace(" " + mark, mark)
    laid = _MARK_RUN.sub(lambda m: "\n\n" if PARAGRAPH_MARK in m.group() else "\n", marked)
    lines = [line.strip() for line in laid.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


_HANGING = re.compile(r"^(\[[^\]\s]{1,12}\] |- )")
_OTHER_SPACE = re.compile(r"[^\S ]")  # any whitespace but the space
_MUNGED = re.compile(r"[\t\n\x0b\x0c\r]")  # what textwrap turns into spaces before wrapping
_BLANK_WORD = re.compile(r"(?<![^ ])[^\S ]+(?![^ ])")  # a word of whitespace only ("\xa0")


def wrap_text(text: str, width: int = 72) -> str:
    """Wrap every line at `width` columns; endnotes ("[12] ") and list items hang-indented.

    Words longer than a line (URLs) are never broken, so no word of the text changes.
    """
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        match = _HANGING.match(line)
        indent = " " * len(match.group(1)) if match else ""
        if width > 0 and _single_spaced(line):
            out.extend(_greedy_wrap(line, width, indent))
        else:
            out.extend(
                textwrap.wrap(
                    line,
                    width=width,
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n".join(out)


def _single_spaced(line: str) -> bool:
    """Whether `line` is words parted by single spaces, no word blank: then textwrap's
    chunks are exactly word, space, word… and nothing is rewritten or dropped but the
    space at each break (textwrap rewrites tabs and newlines, and drops blank words)."""
    if "  " in line or line.startswith(" ") or line.endswith(" "):
        return False
    return not (_OTHER_SPACE.search(line) and (_MUNGED.search(line) or _BLANK_WORD.search(line)))


def _greedy_wrap(line: str, width: int, indent: str) -> list[str]:
    """`textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
    break_on_hyphens=False)` for a single-spaced line, at about ten times its speed.

    Each line takes as many words as fit: up to the last space within reach (`rfind`,
    in C), or, if the first word alone is too long, that word unbroken. textwrap does the
    same chunk by chunk in Python, after building a wrapper and rewriting the whitespace.
    """
    lines: list[str] = []
    pos, end = 0, len(line)
    while pos < end:
        prefix = indent if lines else ""
        room = width - len(prefix)
        if end - pos <= room:
            cut = end
        else:
            cut = line.rfind(" ", pos, pos + room + 1)
            if cut < 0:  # a word longer than the line: on a line of its own
                cut = line.find(" ", pos)
                cut = end if cut < 0 else cut
        lines.append(prefix + line[pos:cut])
        pos = cut + 1
    return lines


_GENERIC = re.compile(rb'data-tei-generic="([^"]+)"')


def generic_elements(html: bytes) -> Counter[str]:
    """How often each element without its own rendering fell back to the generic one."""
    return Counter(m.decode("utf-8") for m in _GENERIC.findall(html))


def document_text(path: Path, config: Config | None = None, *, wrap: bool = True) -> str:
    """The plain text of one TEI file, as `teipress text` prints it.

    Uses the edition's text stylesheet when a configuration is given. The text stylesheet
    needs no edition-wide annotation (note numbers come from @n or position), so a file
    renders the same here as in the built site's text/ folder.
    """
    from .reader import load_tei

    root = config.root if config is not None else None
    tree = load_tei(Path(path), allowed_root=root, huge_tree=bool(config and config.huge_tree))
    sheet = default_stylesheets(config)[1]
    text = render_document_text(tree, stylesheet=sheet, source=path)
    return wrap_text(text) if wrap else text
