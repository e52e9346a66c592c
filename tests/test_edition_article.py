"""The encoded article (Granville 1998) and its registers: notes, links, citations, dates."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tei" / "documents"
REGISTERS = ROOT / "tei" / "registers"
ARTICLE = DOCUMENTS / "granville-1998.xml"
LETTER = DOCUMENTS / "letter-1956-11-08.xml"
ARCHIVES = REGISTERS / "archives.xml"
BIBLIOGRAPHY = REGISTERS / "bibliography.xml"
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Which register an element's @ref must point into, and the kind of entry it must find there.
REF_TARGETS = {
    "persName": {"persons.xml": "person"},
    "orgName": {"organisations.xml": "org", "archives.xml": "org"},
    "placeName": {"places.xml": "place"},
    "term": {"organisations.xml": "org", "archives.xml": "org"},
}
W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ATTACHED = {"p", "head", "titlePart", "quote", "item", "l", "cell"}


@cache
def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


@cache
def _ids(filename: str) -> dict[str, str]:
    """xml:id -> local element name for an edition file found by basename."""
    for folder in (REGISTERS, DOCUMENTS):
        path = folder / filename
        if path.exists():
            return {
                el.get(XML_ID): etree.QName(el).localname
                for el in _parse(path).iter()
                if el.get(XML_ID)
            }
    return {}


def _target(pointer: str, here: str) -> tuple[str, str]:
    """Split a pointer `file.xml#id` or `#id` into (file, id)."""
    file, _, ident = pointer.partition("#")
    return (file or here), ident


@pytest.fixture(scope="module")
def article() -> etree._ElementTree:
    return _parse(ARTICLE)


@pytest.fixture(scope="module")
def text(article) -> etree._Element:
    return article.find("tei:text", NS)


def _notes(text: etree._Element) -> list[etree._Element]:
    return text.findall(".//tei:note[@place='foot']", NS)


# --- notes -----------------------------------------------------------------------


def test_114_notes_numbered_in_document_order(text) -> None:
    notes = _notes(text)
    assert [n.get("n") for n in notes] == [str(i) for i in range(1, 115)]
    assert [n.get(XML_ID) for n in notes] == [f"n{i}" for i in range(1, 115)]


def test_every_note_is_anchored_in_running_text(text) -> None:
    floating = [
        n.get("n")
        for n in _notes(text)
        if etree.QName(n.getparent()).localname not in ATTACHED
        and not any(etree.QName(a).localname in ATTACHED for a in n.iterancestors())
    ]
    assert floating == [], f"notes not inside a paragraph, quotation or heading: {floating}"


def test_note_1_anchors_on_the_title(text) -> None:
    note = text.find(".//tei:note[@n='1']", NS)
    assert etree.QName(note.getparent()).localname == "titlePart"


def test_notes_are_not_nested(text) -> None:
    assert text.findall(".//tei:note//tei:note", NS) == []


# --- names and registers -------------------------------------------------------------


def _check_refs(tree: etree._ElementTree, here: str) -> list[str]:
    problems = []
    for name, targets in REF_TARGETS.items():
        for el in tree.iter(f"{{{TEI}}}{name}"):
            if etree.QName(el.getparent()).localname in {"person", "org", "place"}:
                continue  # a register entry's own names
            ref = el.get("ref")
            if ref is None:
                if name != "term":
                    problems.append(
                        f"line {el.sourceline}: <{name}> {''.join(el.itertext())!r} has no @ref"
                    )
                continue
            file, ident = _target(ref, here)
            kind = targets.get(file)
            if kind is None or _ids(file).get(ident) != kind:
                problems.append(
                    f"line {el.sourceline}: <{name} ref={ref!r}> is not a "
                    f"{'/'.join(sorted(set(targets.values())))} of {'/'.join(targets)}"
                )
    return problems


@pytest.mark.parametrize("path", [ARTICLE, ARCHIVES, BIBLIOGRAPHY], ids=lambda p: p.name)
def test_every_name_links_to_an_entry_of_the_right_kind(path: Path) -> None:
    problems = _check_refs(_parse(path), path.name)
    assert problems == [], "\n".join(problems[:20])


def test_names_are_marked_in_body_and_notes(text) -> None:
    counts = {n: len(text.findall(f".//tei:{n}", NS)) for n in ("persName", "orgName", "placeName")}
    assert counts["persName"] > 500 and counts["orgName"] > 200 and counts["placeName"] > 200, (
        counts
    )


# --- citations ---------------------------------------------------------------------------


def _bibl_by_id(text: etree._Element) -> dict[str, etree._Element]:
    return {b.get(XML_ID): b for b in text.iter(f"{{{TEI}}}bibl") if b.get(XML_ID)}


def test_every_same_as_resolves_to_an_earlier_bibl(text) -> None:
    bibls = list(text.iter(f"{{{TEI}}}bibl"))
    position = {b.get(XML_ID): i for i, b in enumerate(bibls) if b.get(XML_ID)}
    for i, bibl in enumerate(bibls):
        same = bibl.get("sameAs")
        if same:
            assert same.startswith("#") and same[1:] in position, (
                f"line {bibl.sourceline}: sameAs {same}"
            )
            assert position[same[1:]] < i, f"line {bibl.sourceline}: sameAs points forward"


def _archive_of(bibl: etree._Element, by_id: dict[str, etree._Element]) -> str | None:
    org = bibl.find("tei:orgName", NS)
    if org is not None and org.get("ref", "").startswith("archives.xml#"):
        return org.get("ref")
    if bibl.get("corresp", "").startswith("archives.xml#"):
        return bibl.get("corresp")
    same = bibl.get("sameAs")
    return _archive_of(by_id[same[1:]], by_id) if same else None


def test_every_archival_citation_names_its_archive_and_location(text) -> None:
    by_id = _bibl_by_id(text)
    archival = text.findall(".//tei:bibl[@type='archival']", NS)
    assert len(archival) >= 90
    for bibl in archival:
        where = f"line {bibl.sourceline}: {' '.join(''.join(bibl.itertext()).split())[:60]!r}"
        assert _archive_of(bibl, by_id), f"{where} has no archive"
        if not bibl.get("sameAs"):
            assert bibl.findall("tei:idno", NS), f"{where} has no idno"
        for idno in bibl.findall("tei:idno", NS):
            assert idno.get("type") in {
                "fond",
                "opis",
                "perechen",
                "delo",
                "dokument",
                "papka",
                "portfel",
                "rolik",
                "special",
                "box",
            }, where
        for rng in bibl.findall("tei:citedRange", NS):
            assert rng.get("unit") == "leaf" and int(rng.get("from")) <= int(rng.get("to")), where


def test_published_citations_point_at_the_bibliography(text) -> None:
    works = _ids("bibliography.xml")
    for bibl in text.iter(f"{{{TEI}}}bibl"):
        if bibl.get("type") in {"archival", "unpublished"} or bibl.get("corresp", "").startswith(
            "#"
        ):
            continue
        file, ident = _target(bibl.get("corresp", ""), ARTICLE.name)
        assert file == "bibliography.xml" and works.get(ident) == "bibl", (
            f"line {bibl.sourceline}: corresp {bibl.get('corresp')!r}"
        )
        for rng in bibl.findall("tei:citedRange", NS):
            assert rng.get("unit") == "page", f"line {bibl.sourceline}"


def test_ibid_and_op_cit_are_linked(text) -> None:
    for bibl in text.iter(f"{{{TEI}}}bibl"):
        words = " ".join(bibl.itertext())
        if re.search(r"\b(Ibid|op\.? cit)\b", words):
            assert bibl.get("sameAs"), f"line {bibl.sourceline}: {words[:60]!r} is not linked"


def test_note_37_cites_the_letter_with_its_archival_location(text) -> None:
    bibl = text.find(".//tei:note[@n='37']/tei:bibl[@type='archival']", NS)
    location = {i.get("type"): i.text for i in bibl.findall("tei:idno", NS)}
    assert bibl.find("tei:orgName", NS).get("ref") == "archives.xml#rgani"
    assert location == {"fond": "89", "perechen": "45", "dokument": "38"}
    if not LETTER.exists():
        pytest.skip("the letter is not encoded yet")
    assert bibl.get("corresp") == f"{LETTER.name}#{LETTER.stem}"
    for ms in _parse(LETTER).iterfind(".//tei:msIdentifier", NS):
        if ms.find("tei:repository", NS).get("ref") == "archives.xml#rgani":
            assert {i.get("type"): i.text for i in ms.findall("tei:idno", NS)} == location
            return
    pytest.fail("the letter has no RGANI msIdentifier")


def test_cross_references_resolve(article, text) -> None:
    ids = {el.get(XML_ID) for el in article.iter() if el.get(XML_ID)}
    targets = [r.get("target") for r in text.iter(f"{{{TEI}}}ref")]
    assert targets, (
        "the article's cross-references (Note 1 supra, Note #2 supra, ...) are not encoded"
    )
    for target in targets:
        assert target.startswith("#") and target[1:] in ids, target


def test_glossary_terms_point_at_what_they_abbreviate(text) -> None:
    glossary = text.find("tei:front/tei:div[@type='abbreviations']/tei:list[@type='gloss']", NS)
    labels = glossary.findall("tei:label", NS)
    items = glossary.findall("tei:item", NS)
    assert len(labels) == len(items) == 21
    linked = {t.get("ref") for t in glossary.iter(f"{{{TEI}}}term") if t.get("ref")}
    assert {
        "archives.xml#rgani",
        "archives.xml#rgaspi",
        "archives.xml#tsamo",
        "archives.xml#garf",
    } <= linked


def test_closing_bibliography_points_at_the_register(text) -> None:
    entries = text.findall("tei:back//tei:listBibl/tei:bibl", NS)
    assert len(entries) == 11
    works = _ids("bibliography.xml")
    for bibl in entries:
        assert works.get(bibl.get("corresp", "#").split("#")[1]) == "bibl"


def _pointers(tree: etree._ElementTree) -> set[str]:
    found = set()
    for el in tree.iter():
        for attr in ("ref", "corresp"):
            for value in (el.get(attr) or "").split():
                found.add(value)
    return found


def test_every_archive_and_work_is_cited() -> None:
    used = set()
    for path in sorted(DOCUMENTS.glob("*.xml")):
        used |= _pointers(_parse(path))
    for register in ("archives.xml", "bibliography.xml"):
        unused = sorted(
            i
            for i, kind in _ids(register).items()
            if kind in {"org", "bibl"} and f"{register}#{i}" not in used
        )
        assert unused == [], f"{register}: entries nobody cites: {unused}"


# --- dates ----------------------------------------------------------------------------------


def test_every_date_is_normalised(text) -> None:
    for date in text.iter(f"{{{TEI}}}date"):
        attrs = {
            k: v
            for k, v in date.attrib.items()
            if k in {"when", "from", "to", "notBefore", "notAfter"}
        }
        where = f"line {date.sourceline}: {''.join(date.itertext())!r}"
        assert set(attrs) in ({"when"}, {"from", "to"}, {"notBefore", "notAfter"}), where
        assert all(W3C_DATE.match(v) for v in attrs.values()), where
        low = attrs.get("from") or attrs.get("notBefore")
        high = attrs.get("to") or attrs.get("notAfter")
        if low and high:
            assert low <= high, where


MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
#: A year, or a decade ("1940s": every value must fall inside it).
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")


def _date_disagreements(date: etree._Element) -> list[str]:
    """Years and month names written in a date's words that its normalised values lack."""
    words = " ".join("".join(date.itertext()).split())
    values = [date.get(k) for k in ("when", "from", "to", "notBefore", "notAfter") if date.get(k)]
    problems = []
    for year, decade in YEAR.findall(words):
        if decade and not all(v.startswith(year[:3]) for v in values):
            problems.append(year + decade)
        elif not decade and not any(v.startswith(year) for v in values):
            problems.append(year)
    for number, month in enumerate(MONTHS, start=1):
        mentioned = re.search(rf"\b{month}\b", words)
        precise = [v for v in values if len(v) >= 7]
        if mentioned and precise and not any(v[5:7] == f"{number:02d}" for v in precise):
            problems.append(month)
    return problems


@pytest.mark.parametrize("path", [ARTICLE, LETTER], ids=lambda p: p.stem)
def test_date_values_agree_with_their_words(path: Path) -> None:
    """A year or month the text writes must be in the value (a typo like 1965 for 1956 fails)."""
    bad = [
        f"line {date.sourceline}: {''.join(date.itertext())!r} {dict(date.attrib)} lacks {problems}"
        for date in _parse(path).iter(f"{{{TEI}}}date")
        if (problems := _date_disagreements(date))
    ]
    assert not bad, "\n".join(bad)


def test_date_check_catches_a_wrong_year_and_month() -> None:
    wrong = etree.fromstring(f'<date xmlns="{TEI}" when="1965-10-04">November 4, 1956</date>')
    right = etree.fromstring(
        f'<date xmlns="{TEI}" from="1956-09" to="1956-10">September-October, 1956</date>'
    )
    assert _date_disagreements(wrong) == ["1956", "November"]
    assert _date_disagreements(right) == []
    decade = etree.fromstring(
        f'<date xmlns="{TEI}" notBefore="1945" notAfter="1952">late 1940s</date>'
    )
    assert _date_disagreements(decade) == ["1940s"]


def test_choice_keeps_the_source_reading(text) -> None:
    for choice in text.iter(f"{{{TEI}}}choice"):
        names = [etree.QName(c).localname for c in choice]
        assert names in (["sic", "corr"], ["abbr", "expan"], ["orig", "reg"]), (
            f"line {choice.sourceline}"
        )


# --- validity --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} not available")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


@pytest.mark.slow
@pytest.mark.parametrize("path", [ARTICLE, ARCHIVES, BIBLIOGRAPHY], ids=lambda p: p.name)
def test_valid_against_tei_all(tei_all: etree.RelaxNG, path: Path) -> None:
    valid = tei_all.validate(_parse(path))
    errors = [f"{e.line}: {e.message}" for e in tei_all.error_log][:10]
    assert valid, "\n".join(errors)


# --- header ---------------------------------------------------------------------------------


def test_header_gives_the_journal_citation_and_the_author(article) -> None:
    header = article.getroot().find("tei:teiHeader", NS)
    title = header.find("tei:fileDesc/tei:titleStmt/tei:title[@type='main']", NS)
    assert "".join(title.itertext()) == "Josip Broz Tito's Role in the 1956 'Nagy Affair'"
    author = header.find("tei:fileDesc/tei:titleStmt/tei:author/tei:persName", NS)
    assert author.get("ref") == "persons.xml#granville"
    source = header.find("tei:fileDesc/tei:sourceDesc/tei:biblStruct", NS)
    assert source.find("tei:analytic/tei:author/tei:persName", NS).get("ref") == author.get("ref")
    monogr = source.find("tei:monogr", NS)
    journal = monogr.find("tei:title[@level='j']", NS)
    assert "".join(journal.itertext()) == "The Slavonic and East European Review"
    imprint = monogr.find("tei:imprint", NS)
    scopes = {s.get("unit"): s for s in imprint.findall("tei:biblScope", NS)}
    assert (scopes["volume"].text, scopes["issue"].text) == ("76", "4")
    assert (scopes["page"].get("from"), scopes["page"].get("to")) == ("672", "702")
    assert imprint.find("tei:date", NS).get("when") == "1998-10"
