"""Read results travel between processes packed: what the resolve phase reads from them
must be what the reader found, however often they are pickled."""

from __future__ import annotations

import pickle

from teipress.model import DocumentData, DocumentMeta, Mention


def _doc() -> DocumentData:
    meta = DocumentMeta(id="d1", file="d1.xml", title="A letter")
    mention = Mention("d1", "m-1", "persName", "persons.xml#vance", "Dear ", "Vance", ",")
    return DocumentData(meta, mentions=(mention,), ids=(("p1", "p1"),),
                        element_counts=(("p", 3),))  # fmt: skip


def test_packed_fields_read_back_unchanged_and_stay_packed_across_pickling() -> None:
    plain = _doc()
    packed = pickle.loads(pickle.dumps(_doc().pack()))
    assert packed == plain
    assert packed.mentions[0].match == "Vance" and packed.ids == (("p1", "p1"),)
    assert packed.citations == () and packed.element_counts == (("p", 3),)
    assert isinstance(packed._bulk["mentions"], bytes)  # never unpickled by the transfer
    assert packed.metadata_only() == DocumentData(plain.meta, element_counts=(("p", 3),))


def test_packing_twice_changes_nothing() -> None:
    once = _doc().pack()
    assert once.pack() == _doc() and once.pack()._bulk == once._bulk
