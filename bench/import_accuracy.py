"""Import accuracy: run `teipress import` on the sample sources and compare with tei/documents/.

Usage: python bench/import_accuracy.py [--seeds DIR] [--project DIR]

The hand-checked encodings in tei/documents/ are the reference. Both documents are
compared word by word: the words of `text/body` (editorial `corr`/`expan`/`reg` left
out, footnote markers dropped) are aligned with difflib, and each measured item is
keyed by the word where it starts:

- notes at the right anchor: reference notes whose imported namesake (same @n) sits
  after the same running-text word (note contents excluded from that count);
- note text: notes whose words (continuations after page breaks joined) equal the
  reference note's;
- paragraphs: reference body paragraphs that start at the same running-text word
  (precision: imported paragraphs that start where a reference paragraph does);
- mentions: persName/orgName/placeName with @ref (recall: reference mentions found
  with the same ref starting at the same word; precision: imported mentions that match
  a reference mention that way);
- dates: reference dates whose imported date starts at the same word and carries the
  same when/from/to/notBefore/notAfter;
- archival citations: reference bibl[@type='archival'] without @sameAs whose note holds
  an imported archival bibl with the same archive, idno values and leaves.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

T = "{http://www.tei-c.org/ns/1.0}"
ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "granville-1998.xml": "002_2505bae2a3f66b2c.txt",
    "letter-1956-11-08.xml": "000_a7d14ad515522e94.txt",
}
TARGETS = {
    "notes": 0.98,
    "note text": 0.95,
    "paragraphs": 0.90,
    "paragraph precision": 0.90,
    "mention recall": 0.90,
    "mention precision": 0.95,
    "dates": 0.90,
    "archival": 0.90,
}
SKIP = {f"{T}corr", f"{T}expan", f"{T}reg"}
MENTIONS = {f"{T}persName", f"{T}orgName", f"{T}placeName"}
WORD = re.compile(r"\w+")
MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")


@dataclass
class Walk:
    """Words of a body in reading order, with what starts at each word."""

    words: list[str] = field(default_factory=list)
    running: list[int] = field(default_factory=list)  # indices of non-note words
    mentions: list[tuple[int, str]] = field(default_factory=list)
    dates: list[tuple[int, tuple]] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)  # n -> running words before it
    archival: dict[str, list[tuple]] = field(default_factory=dict)
    note_words: dict[str, list[str]] = field(default_factory=dict)
    paragraphs: list[int] = field(default_factory=list)  # running words before each p


def walk(body: etree._Element) -> Walk:
    """Collect words and items of one body (notes included, at their anchors)."""
    w = Walk()
    _visit(body, w, in_note=None)
    return w


def _add_text(text: str | None, w: Walk, in_note: str | None) -> None:
    for word in WORD.findall(MARKER.sub(" ", text or "")):
        if in_note is None:
            w.running.append(len(w.words))
        w.words.append(word)


def _visit(el: etree._Element, w: Walk, in_note: str | None) -> None:
    if not isinstance(el.tag, str) or el.tag in SKIP:
        _add_text(el.tail if isinstance(el.tag, str) or True else None, w, in_note)
        return
    start = len(w.words)
    if el.tag == f"{T}note" and el.get("place") == "foot":
        w.notes[el.get("n", "")] = len(w.running)
        in_note = el.get("n", "")
        w.note_words[in_note] = WORD.findall(MARKER.sub(" ", " ".join(_reading(el))))
    if el.tag == f"{T}p" and in_note is None:
        w.paragraphs.append(len(w.running))
    if el.tag in MENTIONS and el.get("ref"):
        w.mentions.append((start, el.get("ref")))
    if el.tag == f"{T}date":
        w.dates.append((start, tuple(el.get(a) for a in DATE_ATTRS)))
    if el.tag == f"{T}bibl" and el.get("type") == "archival" and not el.get("sameAs"):
        w.archival.setdefault(in_note or "", []).append(archival_key(el))
    _add_text(el.text, w, in_note)
    for child in el:
        _visit(child, w, in_note)
    if el.tag == f"{T}note" and el.get("place") == "foot":
        in_note = None
    _add_text(el.tail, w, _parent_note(el))


def _reading(el: etree._Element) -> list[str]:
    """Text pieces of an element without editorial alternatives, breaks as spaces."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in SKIP:
            out.append("".join(_reading(child)))
        out.append(child.tail or "")
    return out


def _parent_note(el: etree._Element) -> str | None:
    for anc in el.iterancestors(f"{T}note"):
        if anc.get("place") == "foot":
            return anc.get("n", "")
    return None


def archival_key(bibl: etree._Element) -> tuple:
    """Archive, location parts and leaves of an archival bibl."""
    org = bibl.find(f"{T}orgName")
    idnos = tuple((i.get("type"), i.text.strip() if i.text else "") for i in bibl.iter(f"{T}idno"))
    leaves = tuple(
        (c.get("from"), c.get("to")) for c in bibl.iter(f"{T}citedRange") if c.get("unit") == "leaf"
    )
    return (org.get("ref") if org is not None else None, idnos, leaves)


def _mapping(ref: list[str], mine: list[str]) -> dict[int, int]:
    """Word index in `mine` -> word index in `ref`, through difflib's matching blocks."""
    matcher = difflib.SequenceMatcher(None, mine, ref, autojunk=False)
    out: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


def compare(ref_tree: etree._ElementTree, mine_tree: etree._ElementTree) -> dict[str, tuple]:
    """(hits, total) per measure for one document."""
    ref = walk(ref_tree.find(f".//{T}body"))
    mine = walk(mine_tree.find(f".//{T}body"))
    to_ref = _mapping(ref.words, mine.words)
    running_ref = {idx: k for k, idx in enumerate(ref.running)}
    run_map = {k: running_ref.get(to_ref.get(idx, -1), -1) for k, idx in enumerate(mine.running)}
    run_map[len(mine.running)] = len(ref.running)
    ref_mentions = set(ref.mentions)
    mine_mentions = {(to_ref.get(i, -1), r) for i, r in mine.mentions}
    ref_dates = dict(ref.dates)
    mine_dates = {to_ref.get(i, -1): v for i, v in mine.dates}
    notes_ok = sum(
        1
        for n, pos in ref.notes.items()
        if n in mine.notes
        and (run_map.get(mine.notes[n]) == pos or run_map.get(mine.notes[n] - 1, -2) == pos - 1)
    )
    para_ref = set(ref.paragraphs)
    para_mine = {run_map.get(k, -1) for k in mine.paragraphs}
    note_text = sum(1 for n, ws in ref.note_words.items() if mine.note_words.get(n) == ws)
    arch_total = sum(len(v) for v in ref.archival.values())
    arch_ok = sum(
        1 for n, keys in ref.archival.items() for key in keys if key in mine.archival.get(n, [])
    )
    return {
        "notes": (notes_ok, len(ref.notes)),
        "note text": (note_text, len(ref.note_words)),
        "paragraphs": (len(para_ref & para_mine), len(para_ref)),
        "paragraph precision": (len(para_ref & para_mine), len(para_mine)),
        "mention recall": (len(ref_mentions & mine_mentions), len(ref_mentions)),
        "mention precision": (len(ref_mentions & mine_mentions), len(mine_mentions)),
        "dates": (sum(1 for i, v in ref_dates.items() if mine_dates.get(i) == v), len(ref_dates)),
        "archival": (arch_ok, arch_total),
    }


def run(seeds: Path, project: Path) -> dict[str, dict[str, tuple]]:
    """Import each seed with the project's registers; compare with its reference."""
    from teipress.importer import import_text, load_registers

    registers = load_registers(project / "tei" / "registers")
    results = {}
    for ref_name, seed in SOURCES.items():
        reference = project / "tei" / "documents" / ref_name
        source = seeds / seed
        if not reference.exists() or not source.exists():
            continue
        imported = import_text(source, registers=registers)
        buf = io.BytesIO()
        imported.write(buf)
        mine = etree.ElementTree(etree.fromstring(buf.getvalue()))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        results[ref_name] = compare(etree.parse(str(reference), parser), mine)
    return results


def totals(results: dict[str, dict[str, tuple]]) -> dict[str, tuple[int, int]]:
    """Sum hits and totals over documents."""
    out: dict[str, list[int]] = {}
    for measures in results.values():
        for name, (hit, total) in measures.items():
            acc = out.setdefault(name, [0, 0])
            acc[0] += hit
            acc[1] += total
    return {k: (v[0], v[1]) for k, v in out.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args()
    started = time.perf_counter()
    results = run(args.seeds, args.project)
    elapsed = time.perf_counter() - started
    if not results:
        print("reference encodings or seeds missing; nothing measured")
        return 2
    for doc, measures in results.items():
        print(doc)
        for name, (hit, total) in measures.items():
            print(f"  {name:18s} {hit:5d}/{total:<5d} {hit / total if total else 1:7.1%}")
    print("all documents")
    failed = False
    for name, (hit, total) in totals(results).items():
        share = hit / total if total else 1.0
        ok = share >= TARGETS[name]
        failed |= not ok
        print(
            f"  {name:18s} {hit:5d}/{total:<5d} {share:7.1%}  target {TARGETS[name]:.0%} "
            f"{'ok' if ok else 'BELOW'}"
        )
    print(f"imported and compared in {elapsed:.2f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
