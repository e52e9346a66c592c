"""Properties: the fast per-document paths give exactly what the simple ones gave.

wrap_text against textwrap.wrap, layout_text against its regex-per-step form, KWIC
context against normalising each slice, plain() against the flat-text walk. Each
reference below is the straightforward implementation the fast one replaced.
"""

from __future__ import annotations

import re
import textwrap

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from teipress.textwalk import FlatText, _note_of_outer_bibl, _Runs, is_doc_div, plain
from teipress.xslt import LINE_MARK, PARAGRAPH_MARK, layout_text, wrap_text

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words: short, long (URLs), with non-breaking and other Unicode spaces inside or alone.
WORD = st.one_of(
    st.text(alphabet="abcdeéłß0123456789.,;-\u2013()[]", min_size=1, max_size=9),
    st.text(alphabet="abcdeéłß0123456789.,;-\u2013()[]", min_size=1, max_size=9),
    st.text(alphabet="abcdefghij/:.-_?=&", min_size=15, max_size=90),  # URL-like
    st.sampled_from(["https://example.org/a/very/long/path/to/a/document.xml?page=12&x=y",
                     "\xa0", "a\xa0b", "\u2009", "\u3000x", "x\x85", "\u2028"]),
)  # fmt: skip
SPACE = st.sampled_from([" ", " ", " ", " ", " ", "  ", "\t", " \n ", "\r", "\xa0 ", "\x0c"])
LEAD = st.sampled_from(["", "", "[12] ", "[ibid] ", "- ", " ", "[1] ", "[toolongmarker123] "])


def _line(words: list[str], spaces: list[str], lead: str, trail: str) -> str:
    parts = [lead]
    for k, word in enumerate(words):
        parts.append(word)
        if k < len(words) - 1:
            parts.append(spaces[k % len(spaces)])
    return "".join(parts) + trail


LINE = st.builds(
    _line,
    st.lists(WORD, min_size=1, max_size=40),
    st.lists(SPACE, min_size=1, max_size=5),
    LEAD,
    st.sampled_from(["", "", "", " ", "\xa0"]),
)
HANGING = re.compile(r"^(\[[^\]\s]{1,12}\] |- )")


def _textwrap_reference(text: str, width: int) -> str:
    """wrap_text as it was: textwrap.wrap on every line longer than the width."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        match = HANGING.match(line)
        indent = " " * len(match.group(1)) if match else ""
        out.extend(
            textwrap.wrap(line, width=width, subsequent_indent=indent,
                          break_long_words=False, break_on_hyphens=False)
        )  # fmt: skip
    return "\n".join(out)


@SETTINGS
@given(st.lists(LINE, min_size=1, max_size=4), st.sampled_from([72, 72, 40, 20, 8, 3, 1]))
def test_wrap_text_is_textwrap(lines: list[str], width: int) -> None:
    text = "\n".join(lines)
    assert wrap_text(text, width) == _textwrap_reference(text, width)


@SETTINGS
@given(st.lists(st.sampled_from(["word", "longerword", "x", "é"]), min_size=1, max_size=60))
def test_wrap_text_single_spaced_prose(words: list[str]) -> None:
    """The common case, taken by the fast path: words parted by single spaces."""
    for lead in ("", "[3] ", "- "):
        text = lead + " ".join(words)
        for width in (72, 30, 10, 4):
            assert wrap_text(text, width) == _textwrap_reference(text, width)


def test_wrap_text_keeps_long_words_and_hangs_notes() -> None:
    url = "https://example.org/" + "a" * 80
    text = "[12] " + "see " * 20 + url + " and more words after the address"
    wrapped = wrap_text(text)
    assert url in wrapped.split("\n")[2].split()
    assert all(line.startswith("     ") for line in wrapped.split("\n")[1:])
    assert wrapped == _textwrap_reference(text, 72)


def _layout_reference(raw: str) -> str:
    """layout_text as it was: a callback per mark run and a strip per line."""
    any_ = f"[ \t{PARAGRAPH_MARK}{LINE_MARK}]*"
    marks = re.compile(f"{any_}[{PARAGRAPH_MARK}{LINE_MARK}]{any_}")
    marked = re.sub(r"[ \t\r\n]+", " ", raw)
    laid = marks.sub(lambda m: "\n\n" if PARAGRAPH_MARK in m.group() else "\n", marked)
    lines = [line.strip() for line in laid.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


PIECE = st.sampled_from(["a", "é", " ", " ", "\t\n ", "\r", "\xa0", PARAGRAPH_MARK, LINE_MARK])


@SETTINGS
@given(st.lists(PIECE, max_size=100))
@example(["a", " ", LINE_MARK, " ", LINE_MARK, " ", "b"])
@example([" ", PARAGRAPH_MARK, "\xa0", LINE_MARK, "a", "\t\n ", PARAGRAPH_MARK, " "])
def test_layout_text_is_the_reference(pieces: list[str]) -> None:
    raw = "".join(pieces)
    assert layout_text(raw) == _layout_reference(raw)


# --- textwalk: KWIC by offsets, plain text, the normalised-offset map -------------------

TEI = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI}}}"
SPACE = re.compile(r"\s+")


class _ReferenceFlat:
    """FlatText as it was: every element's span, three regex passes per KWIC."""

    def __init__(self, block: etree._Element) -> None:
        self.parts: list[str] = []
        self.spans: dict[etree._Element, tuple[int, int]] = {}
        self._visit(block, top=True)
        self.raw = "".join(self.parts)

    def _add(self, s: str | None) -> None:
        if s:
            self.parts.append(s)

    def _visit(self, el: etree._Element, top: bool = False) -> None:
        start = sum(map(len, self.parts))
        self._add(el.text)
        seen = 0
        for child in el:
            if isinstance(child.tag, str):
                seen += 1
                wanted = not (el.tag == f"{T}choice" and seen > 1)
                if wanted and child.tag != f"{T}note" and not is_doc_div(child):
                    self._visit(child)
            self._add(child.tail)
        if not top:
            self.spans[el] = (start, sum(map(len, self.parts)))

    def kwic(self, el: etree._Element, width: int) -> tuple[str, str, str]:
        start, end = self.spans.get(el, (0, 0))
        window = 3 * width + 64
        lo = max(0, start - window)
        before = SPACE.sub(" ", self.raw[lo:start])
        match = SPACE.sub(" ", self.raw[start:end])
        after = SPACE.sub(" ", self.raw[end : end + window])
        if len(before) > width or (lo > 0 and before.strip()):
            before = "…" + before[-width:].split(" ", 1)[-1]
        if len(after) > width or (end + window < len(self.raw) and after.strip()):
            after = after[:width].rsplit(" ", 1)[0] + "…"
        return before.lstrip(), match.strip(), after.rstrip()


def _reference_plain(el: etree._Element) -> str:
    skipped = el.xpath(
        "boolean(.//t:note | .//t:choice | .//t:div[@type='document'])", namespaces={"t": TEI}
    )
    if not skipped:
        return SPACE.sub(" ", "".join(el.itertext())).strip()
    return SPACE.sub(" ", _ReferenceFlat(el).raw).strip()


TEXT = st.lists(
    st.sampled_from(["a", "b", "é", "ł", " ", " ", "  ", "\n   ", "\t", "\xa0", ".", "…"]),
    max_size=12,
).map("".join)
TAGS = ["hi", "persName", "note", "choice", "sic", "corr", "date", "placeName", "div", "quote"]


def _element(tag: str, children: list[str], text: str, n: int) -> str:
    attrs = f' type="document" xml:id="d{n}"' if tag == "div" else ' ref="#x"'
    return f"<{tag}{attrs}>{text}{''.join(children)}</{tag}>"


def _tail(markup: str, tail: str, extra: str) -> str:
    return markup + extra + tail


NODE = st.recursive(
    st.builds(_tail, st.just(""), TEXT, st.sampled_from(["", "", "<!-- c -->", "<?pi x?>"])),
    lambda inner: st.builds(
        _tail,
        st.builds(
            _element,
            st.sampled_from(TAGS),
            st.lists(inner, max_size=4),
            TEXT,
            st.integers(0, 10**9),
        ),
        TEXT,
        st.sampled_from(["", "", "<!--c-->"]),
    ),
    max_leaves=25,
)


def _block(text: str, children: list[str]) -> etree._Element:
    parser = etree.XMLParser(collect_ids=False)  # generated xml:ids may repeat
    return etree.fromstring(f'<p xmlns="{TEI}">{text}{"".join(children)}</p>', parser)


@SETTINGS
@given(TEXT, st.lists(NODE, max_size=6), st.sampled_from([60, 40, 7, 1]))
def test_kwic_and_plain_are_the_reference(text: str, children: list[str], width: int) -> None:
    block = _block(text, children)
    reference = _ReferenceFlat(block)
    elements = [e for e in block.iter(etree.Element) if e is not block]
    wanted = set(elements[::2])
    flat, narrowed = FlatText(block), FlatText(block, wanted)
    assert flat.raw == reference.raw
    assert flat.text == SPACE.sub(" ", reference.raw)
    for el in elements:
        assert flat.kwic(el, width) == reference.kwic(el, width)
        if el in wanted:
            assert narrowed.kwic(el, width) == reference.kwic(el, width)
    for el in [block, *elements]:
        assert plain(el) == _reference_plain(el)


RAW = st.text(alphabet=st.sampled_from(["a", "é", " ", " ", " ", "\n", "\t", "\xa0", "\u2009"]))


@SETTINGS
@given(RAW, st.data())
def test_runs_slice_equals_normalising_the_slice(raw: str, data: st.DataObject) -> None:
    runs = _Runs(raw)
    assert runs.text == SPACE.sub(" ", raw)
    for _ in range(10):
        a = data.draw(st.integers(0, len(raw)))
        b = data.draw(st.integers(0, len(raw)))
        expected = SPACE.sub(" ", raw[a:b]) if a < b else ""
        assert runs.slice(a, b) == expected


def _reference_note_of_bibl(el: etree._Element, scope: etree._Element) -> etree._Element | None:
    """The two ancestor walks assign_anchors made: the enclosing note, then no bibl between."""
    note = None
    for anc in el.iterancestors():
        if anc.tag == f"{T}note":
            note = anc
            break
        if anc is scope:
            return None
    if note is None:
        return None
    for anc in el.iterancestors():
        if anc is note:
            return note
        if anc.tag in (f"{T}bibl", f"{T}biblStruct"):
            return None
    return note


NESTING = st.recursive(
    st.just(""),
    lambda inner: st.builds(
        lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>",
        st.sampled_from(["note", "bibl", "biblStruct", "p"]),
        st.lists(inner, max_size=3),
    ),
    max_leaves=20,
)


@SETTINGS
@given(st.lists(NESTING, max_size=4), st.integers(0, 5))
@example(["<note><bibl><bibl/></bibl><p><biblStruct/></p></note>"], 0)
def test_note_of_outer_bibl_is_the_two_walks(children: list[str], depth: int) -> None:
    root = etree.fromstring(f'<div xmlns="{TEI}">{"".join(children)}</div>')
    scopes = [root, *root.iter(f"{T}p", f"{T}note")][: depth + 1]
    for scope in scopes:
        for bibl in scope.iter(f"{T}bibl", f"{T}biblStruct"):
            assert _note_of_outer_bibl(bibl, scope) is _reference_note_of_bibl(bibl, scope)
