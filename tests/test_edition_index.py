"""The edition index is serialised by hand: every value must come back from a parser as
it went in, whatever characters it holds (ampersands, quotes, line ends, tabs)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from teipress.edition_index import EDITION_END, element, tag
from teipress.resolve import TP_NS

P = f"{{{TP_NS}}}"
ROOT = f'<tp:edition xmlns:tp="{TP_NS}">'.encode()

# Characters XML 1.0 allows (no other control characters, no surrogates, no U+FFFE/F).
xml_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    )
)


def _parse(markup: str) -> etree._Element:
    return etree.fromstring(ROOT + markup.encode() + EDITION_END)[0]


@given(value=xml_text)
@example(value='Vance & "Ross" <1921>\n\ttwo lines\r')
@example(value="]]> &amp; &#10;")
def test_attribute_values_and_text_come_back_unchanged(value: str) -> None:
    el = _parse(element("entry", (("name", value), ("id", "x")), value))
    assert el.tag == P + "entry"
    assert el.get("name") == (value or None)  # empty attributes are left out
    assert (el.text or "") == value


def test_carriage_returns_survive_in_text_and_attributes() -> None:
    el = _parse(element("note", (("a", "x\ry"),), "p\rq"))
    assert el.get("a") == "x\ry" and el.text == "p\rq"


def test_empty_values_are_left_out_and_empty_elements_closed() -> None:
    assert tag("event", (("a", ""), ("b", "1")), empty=True) == '<tp:event b="1"/>'
    assert element("variant", (("type", "abbr"),)) == '<tp:variant type="abbr"/>'
