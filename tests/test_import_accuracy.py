"""The importer's accuracy on the sample sources against the hand-checked encodings (floors)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import import_accuracy  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
MISSING = [
    str(path)
    for ref, seed in import_accuracy.SOURCES.items()
    for path in (ROOT / "tei" / "documents" / ref, SEEDS / seed)
    if not path.exists()
]


@pytest.mark.skipif(bool(MISSING), reason=f"reference encodings or sources missing: {MISSING}")
def test_accuracy_floors() -> None:
    results = import_accuracy.run(SEEDS, ROOT)
    totals = import_accuracy.totals(results)
    assert set(totals) == set(import_accuracy.TARGETS)
    for name, floor in import_accuracy.TARGETS.items():
        hit, total = totals[name]
        assert total > 0, name
        assert hit / total >= floor, f"{name}: {hit}/{total} below {floor:.0%}"


def test_compare_counts_a_misplaced_note_and_a_wrong_date() -> None:
    """The measure itself: a note moved by one word and a wrong date are not counted."""
    from lxml import etree

    tei = "http://www.tei-c.org/ns/1.0"
    ref = etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="{tei}"><text><body><p>One two<note place="foot" n="1">x</note> three '
        f'<date when="1956">1956</date> <persName ref="p.xml#a">Ann</persName></p>'
        '</body></text></TEI>'
    ))  # fmt: skip
    mine = etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="{tei}"><text><body><p>One two three<note place="foot" n="1">x</note> '
        f'<date when="1957">1956</date> <persName ref="p.xml#a">Ann</persName> '
        f'<placeName ref="x.xml#b">Bee</placeName></p></body></text></TEI>'
    ))  # fmt: skip
    measures = import_accuracy.compare(ref, mine)
    assert measures["notes"] == (0, 1)
    assert measures["dates"] == (0, 1)
    assert measures["mention recall"] == (1, 1)
    assert measures["mention precision"] == (1, 2)
