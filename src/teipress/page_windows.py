"""A long document's page, rendered in windows of its text.

libxslt builds a transform's whole result tree before anything is serialised. For a page
made from one long document that tree is many times the size of the document (about
26 times for a 100 MB report), on top of the annotated document itself. So when the
text of a page holds many more elements than a window, the page is made in passes
over the same annotated tree, each holding only part of the text:

* the plan: tei:text, and every division (or body, front...) inside it larger than a
  window, is a box; a box's other children are grouped into runs of about `window`
  elements (a larger child that is no box, a huge table say, is a run of its own);
* the frame pass renders the page with each run replaced by a mark: what is left is the
  boxes' own start and end tags and everything outside the text;
* each window pass renders the page with one run in its box, between a start and an end
  mark, and nothing else of the text but that box's ancestors;
* the page is put together from the frame, each mark replaced by the run's piece, in the
  text and among the footnotes.

The stylesheet says where the marks are: with `tp-windowed=yes`, teipress's own HTML
stylesheet renders each `tp:window` as a comment and brackets its notes section with
comments that give its footnote count. A stylesheet that does not (it renders the box's
children in a mode of its own, or has its own notes section) leaves a mark out or twice;
the page is then rendered whole, as before. Each window is transformed in its place,
with every ancestor, so headings, languages and note numbers come out as in a whole
render (notes without @n are numbered first; a note without tp:anchor, which only a tree
not annotated by the build has, means a whole render). What a window cannot see is the
blocks around it, which teipress's stylesheets never look at: an edition stylesheet that
numbers paragraphs by counting those before them should set `window_elements = 0`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from lxml import etree

from .resolve import P, T

#: A page is rendered in windows only when its text holds more than this many windows'
#: worth of elements (the window's size is the `[build] window_elements` setting).
WHOLE_BELOW = 4

#: Elements whose children may be cut into runs: text structure, never a list, table or
#: paragraph (their children depend on each other, or on the text between them).
BOXES = frozenset(
    T + name
    for name in ("text", "front", "body", "back", "group", "div", *(f"div{k}" for k in range(1, 8)))
)
MARK = P + "window"

#: The stylesheet's footnotes, as common/notes.xsl selects them.
FOOTNOTES = etree.XPath(
    "/descendant::tei:note[not(@place = 'inline')][ancestor::tei:text][not(ancestor::tei:note)]",
    namespaces={"tei": T[1:-1]},
)
_NOTES_COUNT = re.compile(rb"<!--tp-notes (\d+)-->")
_NOTES_END = b"<!--tp-notes-end-->"

Render = Callable[[], bytes]


class Unwindowed(Exception):
    """The stylesheet did not keep the marks: the page is rendered whole instead."""


def render_windowed(tree: etree._ElementTree, window: int, render: Render) -> list[bytes] | None:
    """The page of `tree` as pieces of bytes, rendered in windows by calling `render` (which
    transforms `tree` as it then is, with tp-windowed=yes); None when the page is short or
    the stylesheet did not keep the marks. The tree is left as it was found."""
    text = tree.getroot().find(T + "text")
    if window <= 0 or text is None or not _is_box(text):
        return None
    if next(islice(text.iter(), WHOLE_BELOW * window, None), None) is None:
        return None  # a short page (counted only as far as the threshold): rendered whole
    boxes: dict[etree._Element, list[Run | etree._Element]] = {}
    _plan(text, window, boxes)
    runs = [run for items in boxes.values() for run in items if isinstance(run, Run)]
    if len(runs) < 2:
        return None
    numbered = _number_footnotes(tree)
    if numbered is None:
        return None
    originals = {box: list(box) for box in boxes}
    try:
        return _assemble(boxes, runs, render)
    except Unwindowed:
        return None
    finally:
        for box, kids in reversed(originals.items()):  # outermost first: see _put
            _put(box, kids)  # every child back in place, each with its tail
        for note, old in numbered:
            _restore(note, old)


@dataclass(eq=False)
class Run:
    """Consecutive children of a box rendered in one window pass."""

    box: etree._Element
    kids: list[etree._Element]
    around: tuple[etree._Element, ...]  # the boxes holding `box`, outermost first
    key: str = ""


def _plan(
    box: etree._Element, window: int, boxes: dict, around: tuple[etree._Element, ...] = ()
) -> None:
    """Split `box`'s children into runs and child boxes, recursively."""
    items: list = []
    run: list[etree._Element] = []
    filled = 0
    for kid in box:
        size = _size(kid)
        if size > window and _is_box(kid):
            if run:
                items.append(Run(box, run, around))
            items.append(kid)
            run, filled = [], 0
            _plan(kid, window, boxes, (*around, box))
            continue
        if run and filled + size > window:
            items.append(Run(box, run, around))
            run, filled = [], 0
        run.append(kid)
        filled += size
    if run:
        items.append(Run(box, run, around))
    boxes[box] = items
    for k, item in enumerate(items):
        if isinstance(item, Run):
            item.key = f"{len(boxes)}-{k}"


def _is_box(node: etree._Element) -> bool:
    """Text structure holding nothing but elements and whitespace (mixed content cannot be
    cut, and a list's or table's children depend on each other)."""
    if node.tag not in BOXES or (node.text or "").strip():
        return False
    return all(not (kid.tail or "").strip() for kid in node)


def _size(node: etree._Element) -> int:
    return sum(1 for _ in node.iter())


def _number_footnotes(tree: etree._ElementTree) -> list[tuple[etree._Element, str | None]] | None:
    """Give each footnote without @n the number a whole render gives it (its position among
    the footnotes), since a window sees only its own; returns what to restore. None when a
    footnote has no tp:anchor (the build gives every note one): its anchor would then
    depend on the notes before it, which a window does not see."""
    notes = FOOTNOTES(tree)
    if any(P + "anchor" not in note.attrib for note in notes):
        return None
    changed = []
    for k, note in enumerate(notes, start=1):
        old = note.get("n")
        if not (old or "").strip():
            note.set("n", str(k))
            changed.append((note, old))
    return changed


def _restore(note: etree._Element, old: str | None) -> None:
    if old is None:
        del note.attrib["n"]
    else:
        note.set("n", old)


def _put(box: etree._Element, kids: list[etree._Element]) -> None:
    """Make `kids` the children of `box`. lxml walks the whole subtree of an element it
    moves, so a box is never moved while it is full: boxes are emptied innermost first and
    filled outermost first, and a box already holding `kids` is left alone."""
    if len(box) == len(kids) and all(a is b for a, b in zip(box, kids, strict=True)):
        return
    box[:] = kids


def _mark(at: str) -> etree._Element:
    mark = etree.Element(MARK)
    mark.set("at", at)
    return mark


def _assemble(boxes: dict, runs: list[Run], render: Render) -> list[bytes]:
    """The frame pass, one pass per run, and the page put together from their pieces."""
    for box, items in boxes.items():  # the frame: each run a mark (innermost boxes first)
        _put(box, [_mark(i.key) if isinstance(i, Run) else i for i in items])
    frame = render()
    before, count, section = _notes(frame)
    section, after = _cut(section, _NOTES_END)
    pieces: dict[str, tuple[bytes, bytes]] = {}
    for run in runs:
        pieces[run.key] = _window_pass(run, render)
    text = _splice(before, b"<!--tp-window ", pieces, 0)
    if not count and not any(notes for _, notes in pieces.values()):
        return [*text, after]  # a whole render has no notes section at all
    return [*text, *_splice(section, b"<!--tp-window-notes ", pieces, 1), after]


def _window_pass(run: Run, render: Render) -> tuple[bytes, bytes]:
    """One run rendered in its box, with nothing else of the text but the boxes around it:
    the run's text and its notes."""
    _put(run.box, [_mark("start"), *run.kids, _mark("end")])
    for outer, inner in zip(run.around, (*run.around[1:], run.box), strict=False):
        _put(outer, [inner])  # the live tree may have lost the link: it was cut last pass
    data = render()
    _, _, section = _notes(data)
    section, _ = _cut(section, _NOTES_END)
    text = _between(data, b"<!--tp-window start-->", b"<!--tp-window end-->")
    notes = _between(section, b"<!--tp-window-notes start-->", b"<!--tp-window-notes end-->")
    return text, notes


def _splice(
    data: bytes, opening: bytes, pieces: dict[str, tuple[bytes, bytes]], which: int
) -> list[bytes]:
    """`data` cut at each mark `<!--tp-window… KEY-->`, each mark replaced by its run's piece
    (`which`: 0 text, 1 notes); every run's mark must be there once."""
    out: list[bytes] = []
    start, seen = 0, set()
    while (at := data.find(opening, start)) >= 0:
        end = data.find(b"-->", at)
        key = data[at + len(opening) : end].decode("ascii", "replace")
        if key not in pieces or key in seen:
            raise Unwindowed(f"window mark {key!r} unknown or repeated")
        seen.add(key)
        out += [data[start:at], pieces[key][which]]
        start = end + 3
    if len(seen) != len(pieces):
        raise Unwindowed("a window mark is missing")
    out.append(data[start:])
    return out


def _notes(data: bytes) -> tuple[bytes, int, bytes]:
    """What comes before the notes-section comment, its footnote count, and what follows."""
    found = list(_NOTES_COUNT.finditer(data))
    if len(found) != 1 or data.count(_NOTES_END) != 1:
        raise Unwindowed("the notes section is not bracketed once")
    match = found[0]
    if data.find(_NOTES_END) < match.end():
        raise Unwindowed("the notes section's comments are out of order")
    return data[: match.start()], int(match.group(1)), data[match.end() :]


def _cut(data: bytes, mark: bytes) -> tuple[bytes, bytes]:
    """`data` before and after the one occurrence of `mark`."""
    if data.count(mark) != 1:
        raise Unwindowed(f"{mark!r} is not in the page once")
    before, after = data.split(mark)
    return before, after


def _between(data: bytes, start: bytes, end: bytes) -> bytes:
    _, rest = _cut(data, start)
    inside, _ = _cut(rest, end)
    return inside
