"""Where things are in a source file: element paths, line and column of a start tag.

lxml gives an element's line but not its column; teipress finds the column by
locating the element's start tag on that line, so editors can jump right to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

_STEP = re.compile(r"^(?P<name>[^\[\]]+)(?:\[(?P<index>\d+)\])?$")


class SourceText:
    """A document's bytes and display label; split into lines only when a column is needed."""

    def __init__(self, data: bytes, label: str) -> None:
        self.data = data
        self.label = label
        self._lines: list[bytes] | None = None

    def line_text(self, number: int) -> str:
        """Line `number` (1-based) decoded, or "" when out of range."""
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1].decode("utf-8", errors="replace")
        return ""

    def position(self, el: etree._Element | None, attribute: str | None) -> tuple[int, int]:
        """(line, column) of an element's start tag, or of one of its attributes."""
        if el is None or not el.sourceline:
            return 0, 0
        line = el.sourceline
        col = self._tag_column(el, line)
        if attribute and col:
            name = re.escape(source_name(el, attribute))
            match = re.compile(rf"\s({name})\s*=").search(self.line_text(line), col - 1)
            if match:
                col = match.start(1) + 1
        return line, col

    def _tag_column(self, el: etree._Element, line: int) -> int:
        """Column of el's start tag: the k-th `<qname` on its line, k = its rank there."""
        rank = sum(
            1 for e in _earlier_on_line(el, line) if e.tag == el.tag and e.prefix == el.prefix
        )
        return tag_column(self.line_text(line), source_name(el, el.tag), rank)


def tag_column(text: str, qname: str, rank: int) -> int:
    """1-based column of the rank-th (0-based) `<qname` start tag in a line, else 1."""
    starts = [m.start() for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>])", text)]
    return starts[rank] + 1 if rank < len(starts) else 1


def _earlier_on_line(el: etree._Element, line: int) -> Iterator[etree._Element]:
    """Elements starting on `line` before `el`, walking backwards; stops at the line's start.

    Cost is proportional to the elements on that line, not to the document.
    """
    node = el
    while True:
        prev = node.getprevious()
        if prev is None:
            parent = node.getparent()
            if parent is None or parent.sourceline != line:
                return
            yield parent
            node = parent
            continue
        node = prev
        if not isinstance(prev.tag, str):
            continue
        for item in _reverse_subtree(prev):
            if item.sourceline != line:
                return
            yield item


def _reverse_subtree(el: etree._Element) -> Iterator[etree._Element]:
    """A subtree's elements in reverse document order (last descendant first)."""
    for child in reversed([c for c in el if isinstance(c.tag, str)]):
        yield from _reverse_subtree(child)
    yield el


def source_name(el: etree._Element, name: str) -> str:
    """How an element or attribute name is spelled in the source (prefix:local)."""
    qname = etree.QName(name)
    if qname.namespace == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{qname.localname}"
    if qname.namespace is None:
        return qname.localname
    prefix = next((p for p, uri in el.nsmap.items() if uri == qname.namespace and p), None)
    if name == el.tag and el.prefix is None:
        return qname.localname
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def locate(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    """The element libxml2's error path (`/*/*[2]/x:hi`) names, walked step by step."""
    if not path or not path.startswith("/"):
        return None
    node: etree._Element | None = None
    for step in path.strip("/").split("/"):
        match = _STEP.match(step)
        if match is None:
            return node
        name = match.group("name").split(":")[-1]
        index = int(match.group("index") or 1)
        pool = [tree.getroot()] if node is None else [c for c in node if isinstance(c.tag, str)]
        if name != "*":
            pool = [c for c in pool if etree.QName(c).localname == name]
        if len(pool) < index:
            return node
        node = pool[index - 1]
    return node


def element_path(el: etree._Element) -> str:
    """A readable path: /TEI/text/body/div[2]/p[3] (positions only where names repeat)."""
    steps = []
    node: etree._Element | None = el
    while node is not None:
        name = etree.QName(node).localname
        parent = node.getparent()
        if parent is None:
            steps.append(name)
            break
        same = [c for c in parent if isinstance(c.tag, str) and c.tag == node.tag]
        steps.append(f"{name}[{same.index(node) + 1}]" if len(same) > 1 else name)
        node = parent
    return "/" + "/".join(reversed(steps))
