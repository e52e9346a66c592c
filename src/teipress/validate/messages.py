"""Turn lxml's terse grammar messages into ones a scholar understands.

libxml2 says "Did not expect element foo there" with a line and no column. teipress
adds the column of the element's start tag, the element's path (/TEI/text/body/p[3])
and, from the grammar itself, what would have been allowed there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from lxml import etree

from ..errors import Diagnostic
from .rngmodel import GrammarModel
from .source import SourceText, element_path, locate

__all__ = ["SourceText", "explain_relaxng", "explain_xsd"]

_MAX_LISTED = 14

_TYPE_WORDS = {
    "date": "a date YYYY-MM-DD",
    "gYear": "a year YYYY",
    "gYearMonth": "a month YYYY-MM",
    "gMonth": "a month --MM",
    "gDay": "a day ---DD",
    "gMonthDay": "a day --MM-DD",
    "time": "a time hh:mm:ss",
    "dateTime": "a date and time YYYY-MM-DDThh:mm:ss",
    "ID": "an identifier (a letter or _ first, then letters, digits, - _ .) unique in the file",
    "anyURI": "a pointer without spaces (#id, file.xml#id or a URL)",
    "token": "a single word without spaces",
    "language": 'a language tag such as "en", "ru" or "ru-Latn"',
    "double": "a number",
    "decimal": "a number",
    "nonNegativeInteger": "a whole number",
    "boolean": '"true" or "false"',
    "string": "any text",
    "w3c-date": "a W3C date such as 1956, 1956-11 or 1956-11-08",
}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(p))
    for k, p in [
        ("wrong", r"^Did not expect element (\S+) there$"),
        ("expecting", r"^Expecting element (\S+), got (\S+)$"),
        ("nothing", r"^Expecting an element ?(\S*) ?, got nothing$"),
        ("extra", r"^Element (\S+) has extra content: (\S+)$"),
        ("attribute", r"^Invalid attribute (\S+) for element (\S+)$"),
        ("failed", r"^Element (\S+) failed to validate (attributes|content)$"),
        ("text", r"^Did not expect text in element (\S+) content$"),
        ("no-ns", r"^Expecting a namespace for element (\S+)$"),
        ("wrong-ns", r"^Element (\S+) has wrong namespace: expecting (\S+)$"),
        ("empty", r"^Expecting element (\S+) to be empty$"),
        ("interleave", r"^Extra element (\S+) in interleave$"),
    ]
]


def explain_relaxng(
    entries: Iterable[etree._LogEntry],
    tree: etree._ElementTree,
    source: SourceText,
    model: GrammarModel | None,
) -> list[Diagnostic]:
    """One diagnostic per real problem; libxml2's follow-on "failed to validate" lines dropped."""
    found: list[tuple[etree._Element | None, str, str, str | None]] = []
    for entry in entries:
        el = locate(tree, entry.path)
        code, text, attr = _relaxng_text(entry.message.strip(), el, model)
        found.append((el, code, text, attr))
    specific = [el for el, code, _, _ in found if code != "rng-invalid" and el is not None]
    diags = []
    for el, code, text, attr in found:
        if code == "rng-invalid" and el is not None and _covered(el, specific):
            continue
        line, col = source.position(el, attr)
        diags.append(Diagnostic(source.label, line, col, "error", code, text))
    return sorted(set(diags))


def _covered(el: etree._Element, specific: list[etree._Element]) -> bool:
    """True when a more specific message already concerns `el` or something inside it."""
    for other in specific:
        node: etree._Element | None = other
        while node is not None:
            if node is el:
                return True
            node = node.getparent()
    return False


def _relaxng_text(
    message: str, el: etree._Element | None, model: GrammarModel | None
) -> tuple[str, str, str | None]:
    """(code, message, attribute name or None) for one libxml2 RELAX NG message."""
    where = f" (at {element_path(el)})" if el is not None else ""
    parent = el.getparent() if el is not None else None
    pname = _name(parent) if parent is not None else ""
    for kind, pattern in _PATTERNS:
        match = pattern.match(message)
        if not match:
            continue
        name = _local(match.group(1))
        if kind in {"wrong", "interleave"}:
            return "rng-not-allowed", _not_allowed(name, pname, model) + where, None
        if kind == "expecting":
            hint = _model_hint(pname, model)
            got = _local(match.group(2))
            return "rng-unexpected", f"expected <{name}> here, found <{got}>{where}{hint}", None
        if kind == "nothing":
            return "rng-incomplete", _incomplete(el, name, model) + where, None
        if kind == "extra":
            child = _local(match.group(2))
            return "rng-not-allowed", _not_allowed(child, name, model) + where, None
        if kind == "attribute":
            return _attribute(name, el, model, where)
        if kind == "text":
            return "rng-text", _text_not_allowed(name, model) + where, None
        if kind == "no-ns":
            return (
                "rng-namespace",
                f"<{name}> has no namespace: declare TEI's on the root element, "
                f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{where}',
                None,
            )
        if kind == "wrong-ns":
            ns = el.nsmap.get(el.prefix) if el is not None else None
            return (
                "rng-namespace",
                f"<{name}> is in namespace {ns or 'none'}, but the schema expects "
                f"{match.group(2)}{where}",
                None,
            )
        if kind == "empty":
            return "rng-not-empty", f"<{name}> must be empty{where}", None
        return "rng-invalid", f"<{name}> does not match the schema{where}", None
    return "rng-invalid", f"{message.rstrip('.')}{where}", None


def _local(name: str) -> str:
    return name.split(":")[-1]


def _name(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _listing(names: Iterable[str]) -> str:
    ordered = sorted(names, key=str.lower)
    if len(ordered) > _MAX_LISTED:
        shown = ", ".join(ordered[:_MAX_LISTED])
        return f"{shown} … and {len(ordered) - _MAX_LISTED} more"
    return ", ".join(ordered)


def _model_hint(parent: str, model: GrammarModel | None) -> str:
    if model is None or not parent:
        return ""
    content = model.content_model(parent)
    if content:
        return f"; <{parent}> expects: {content}"
    children = model.allowed(parent).children
    return f"; <{parent}> may contain: {_listing(children)}" if children else ""


def _not_allowed(name: str, parent: str, model: GrammarModel | None) -> str:
    if model is None or not parent:
        return f"<{name}> is not allowed here"
    if name not in model.names():
        close = difflib.get_close_matches(name, sorted(model.names()), n=1, cutoff=0.75)
        guess = f"; did you mean <{close[0]}>?" if close else ""
        return f"<{name}> is not an element of this schema{guess}"
    allowed = model.allowed(parent).children
    if name not in allowed:
        listed = f"; <{parent}> may contain: {_listing(allowed)}" if allowed else ""
        return f"<{name}> is not allowed inside <{parent}>{listed}"
    content = model.content_model(parent)
    order = f"; <{parent}> expects: {content}" if content else ""
    return (
        f"<{name}> is allowed inside <{parent}> but not at this point "
        f"(wrong order, or one too many){order}"
    )


def _incomplete(el: etree._Element | None, name: str, model: GrammarModel | None) -> str:
    if el is None:
        return "an element is incomplete"
    own = _name(el)
    wanted = f"; expected <{name}>" if name else ""
    expects = ""
    if model is not None:
        content = model.content_model(own)
        children = model.allowed(own).children
        if content:
            expects = f"; <{own}> expects: {content}"
        elif children:
            expects = f"; <{own}> may contain: {_listing(children)}"
    return f"<{own}> is incomplete: required content is missing{wanted}{expects}"


def _attribute(
    name: str, el: etree._Element | None, model: GrammarModel | None, where: str
) -> tuple[str, str, str | None]:
    owner = _name(el) if el is not None else "element"
    key = _attribute_key(el, name)
    value = el.get(key) if el is not None and key else None
    declared = model.allowed(owner).attributes if model is not None else {}
    if key and key.startswith("{http://www.w3.org/XML/1998/namespace}"):
        name = f"xml:{name}"
    if name in declared and value is not None:
        expected = _describe_types(declared[name])
        return (
            "rng-value",
            f'@{name}="{value}" on <{owner}> is not valid: expected {expected}{where}',
            key,
        )
    listed = f"; allowed: {_listing('@' + a for a in declared)}" if declared else ""
    return "rng-attribute", f"<{owner}> does not take @{name}{where}{listed}", key


def _attribute_key(el: etree._Element | None, name: str) -> str | None:
    if el is None:
        return None
    for key in el.attrib:
        if etree.QName(key).localname == name:
            return str(key)
    return None


_W3C_DATES = {"date", "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay", "time", "dateTime"}


def _describe_types(types: set[str]) -> str:
    if {"date", "gYear"} <= types:
        types = (types - _W3C_DATES) | {"w3c-date"}
    values = sorted(t for t in types if t.startswith("'"))
    words = list(dict.fromkeys(_TYPE_WORDS.get(t, t) for t in sorted(types) if t not in values))
    if values:
        words.insert(0, "one of " + ", ".join(v.replace("'", '"') for v in values))
    return " or ".join(words) if words else "another value"


def _text_not_allowed(name: str, model: GrammarModel | None) -> str:
    base = f"text is not allowed directly inside <{name}>"
    if model is not None:
        holders = [c for c in ("p", "ab", "item") if c in model.allowed(name).children]
        if holders:
            return f"{base}; put it inside a <{holders[0]}>"
    return f"{base}; put it inside an element that holds text"


def explain_xsd(
    entries: Iterable[etree._LogEntry], tree: etree._ElementTree, source: SourceText
) -> list[Diagnostic]:
    """W3C XML Schema messages are readable already: drop namespaces, add column and path."""
    diags = []
    for entry in entries:
        el = locate(tree, entry.path)
        text = re.sub(r"\{[^}]*\}", "", entry.message.strip()).rstrip(".")
        where = f" (at {element_path(el)})" if el is not None else ""
        line, col = source.position(el, None)
        diags.append(
            Diagnostic(source.label, line or entry.line, col, "error", "xsd", text + where)
        )
    return sorted(set(diags))
