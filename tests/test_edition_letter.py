"""The encoded letter of 8 November 1956: header, structure, links, dates, validity, words."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "tei" / "documents" / "letter-1956-11-08.xml"
REGISTERS = ROOT / "tei" / "registers"
SHARED = ROOT.parent / "shared"
SOURCE = SHARED / "seeds" / "000_a7d14ad515522e94.txt"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"t": TEI_NS}
WORD = re.compile(r"\w+")
W3C_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: Editorial readings inside choice: not words of the source.
EDITORIAL = frozenset({"corr", "expan", "reg"})
#: Which register (and entry element) a name element must point into.
TARGETS = {
    "persName": ("persons.xml", "person"),
    "orgName": ("organisations.xml", "org"),
    "placeName": ("places.xml", "place"),
    "settlement": ("places.xml", "place"),
    "repository": ("archives.xml", "org"),
    "rs": ("persons.xml", "person"),  # the letter's referring strings are all persons
}


def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


@pytest.fixture(scope="module")
def letter() -> etree._ElementTree:
    return _parse(LETTER)


@pytest.fixture(scope="module")
def source() -> str:
    if not SOURCE.exists():
        pytest.skip("the letter's source (../shared/seeds) is not available")
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    """The full TEI P5 schema, compiled once per module (it takes seconds)."""
    if not TEI_ALL.exists():
        pytest.skip("tei_all.rng (../shared/schemas) is not available")
    return etree.RelaxNG(_parse(TEI_ALL))


def one(tree, xpath: str) -> etree._Element:
    found = tree.xpath(xpath, namespaces=NS)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def text_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


# --- word-for-word comparison ------------------------------------------------------------


def encoded_words(el: etree._Element) -> list[str]:
    """Words of an element in reading order, keeping sic/abbr and leaving out corr/expan.

    Each text node is split on its own, so markup inside a word shows up as a difference.
    """
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        out.extend(WORD.findall(node.text or ""))
        for child in node:
            if isinstance(child.tag, str) and etree.QName(child).localname not in EDITORIAL:
                walk(child)
            out.extend(WORD.findall(child.tail or ""))

    walk(el)
    return out


def source_words(source: str) -> list[str]:
    """Words of the translation: everything after the line "Translation - English"."""
    marker = "Translation - English"
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == marker)
    return WORD.findall("\n".join(lines[start + 1 :]))


def first_difference(expected: list[str], actual: list[str]) -> str | None:
    """None when the word sequences are equal, else where and how they first differ."""
    pairs = zip(expected, actual, strict=False)
    index = next((i for i, (exp, act) in enumerate(pairs) if exp != act), None)
    if index is None:
        if len(expected) == len(actual):
            return None
        index = min(len(expected), len(actual))

    def context(words: list[str]) -> str:
        here = words[index] if index < len(words) else "<END>"
        return " ".join(
            [*words[max(0, index - 6) : index], f"[[{here}]]", *words[index + 1 : index + 6]]
        )

    return (
        f"first difference at word {index} (source {len(expected)} words, encoding {len(actual)})\n"
        f"  source:   {context(expected)}\n  encoding: {context(actual)}"
    )


def test_letter_text_matches_source_word_for_word(letter, source) -> None:
    body = one(letter, "/t:TEI/t:text/t:body")
    message = first_difference(source_words(source), encoded_words(body))
    assert message is None, message


def test_comparison_catches_a_changed_word(letter, source) -> None:
    changed = copy.deepcopy(one(letter, "/t:TEI/t:text/t:body"))
    salute = changed.xpath(".//t:opener/t:salute[last()]", namespaces=NS)[0]
    salute.text = salute.text.replace("comrades", "friends")
    message = first_difference(source_words(source), encoded_words(changed))
    assert message is not None and "[[comrades]]" in message and "[[friends]]" in message


def test_comparison_catches_a_dropped_supplied_word(letter, source) -> None:
    changed = copy.deepcopy(one(letter, "/t:TEI/t:text/t:body"))
    supplied = changed.xpath(".//t:supplied", namespaces=NS)[0]
    supplied.text = ""
    assert first_difference(source_words(source), encoded_words(changed)) is not None


def test_sic_counts_and_corr_does_not() -> None:
    choice = "<choice><sic>farreaching</sic><corr>far-reaching</corr></choice>"
    el = etree.fromstring(f'<p xmlns="{TEI_NS}">a {choice} b</p>')
    assert encoded_words(el) == ["a", "farreaching", "b"]


def test_abstract_is_the_archives_summary(letter, source) -> None:
    summary = source.split("**Summary:**", 1)[1].split("**Original Language:**", 1)[0]
    abstract = one(letter, "//t:profileDesc/t:abstract/t:p[1]")
    message = first_difference(WORD.findall(summary), encoded_words(abstract))
    assert message is None, message


# --- header -----------------------------------------------------------------------------


def test_root_id_is_the_file_name(letter) -> None:
    assert letter.getroot().get(XML_ID) == LETTER.stem


def test_header_names_title_translator_and_edition(letter) -> None:
    title = one(letter, "//t:titleStmt/t:title[@type='main']")
    assert text_of(title).startswith("Letter of the CC UCY to the CC CPSU")
    translator = one(
        letter, "//t:titleStmt/t:respStmt[t:persName[@ref='persons.xml#aldrich-moodie']]"
    )
    assert "translated" in text_of(translator.find("t:resp", NS))
    assert text_of(one(letter, "//t:editionStmt/t:edition"))
    assert one(letter, "//t:publicationStmt/t:publisher") is not None


def test_source_description_gives_the_bulletin_and_the_digital_archive(letter) -> None:
    bibl = one(letter, "//t:sourceDesc/t:bibl[t:title[@level='j']]")
    assert "CWIHP" in text_of(bibl.find("t:title[@level='j']", NS))
    assert one(bibl, "t:biblScope[@unit='issue']").text == "10"
    pages = one(bibl, "t:biblScope[@unit='page']")
    assert (pages.get("from"), pages.get("to")) == ("145", "147")
    ptr = one(letter, "//t:sourceDesc/t:bibl/t:ptr")
    assert (
        ptr.get("target") == "https://wilson-center-digital-archive.dvincitest.com/document/111101"
    )


@pytest.mark.parametrize(
    ("archive", "idnos", "leaves"),
    [
        ("archives.xml#avprf", [("fond", "3"), ("opis", "64"), ("delo", "486")], ("61", "67")),
        ("archives.xml#rgani", [("fond", "89"), ("perechen", "45"), ("dokument", "38")], None),
    ],
)
def test_archival_locations(letter, archive, idnos, leaves) -> None:
    ident = one(letter, f"//t:sourceDesc/t:msDesc/t:msIdentifier[t:repository/@ref='{archive}']")
    assert [(i.get("type"), i.text) for i in ident.findall("t:idno", NS)] == idnos
    if leaves:
        locus = one(ident.getparent(), "t:msContents/t:msItem/t:locus")
        assert (locus.get("from"), locus.get("to")) == leaves


def test_languages_and_abstract(letter) -> None:
    idents = {
        lang.get("ident") for lang in letter.getroot().findall(".//t:langUsage/t:language", NS)
    }
    assert {"en", "ru", "ru-Latn"} <= idents
    assert len(text_of(one(letter, "//t:profileDesc/t:abstract"))) > 200


def test_correspondence_sender_and_addressee(letter) -> None:
    sent = one(letter, "//t:correspDesc/t:correspAction[@type='sent']")
    assert one(sent, "t:orgName").get("ref") == "organisations.xml#cc-ucy"
    assert one(sent, "t:persName").get("ref") == "persons.xml#tito"
    assert one(sent, "t:placeName").get("ref") == "places.xml#brioni"
    assert one(sent, "t:date").get("when") == "1956-11-08"
    received = one(letter, "//t:correspDesc/t:correspAction[@type='received']")
    assert one(received, "t:orgName").get("ref") == "organisations.xml#cc-cpsu"
    assert one(received, "t:persName").get("ref") == "persons.xml#khrushchev"


def test_revision_description(letter) -> None:
    change = letter.getroot().find(".//t:revisionDesc/t:change", NS)
    assert change is not None and W3C_DATE.fullmatch(change.get("when", ""))


# --- text structure ---------------------------------------------------------------------


def test_opener_closer_and_page_breaks(letter) -> None:
    div = one(letter, "/t:TEI/t:text/t:body/t:div[@type='letter']")
    dateline = one(div, "t:opener/t:dateline")
    assert one(dateline, "t:date").get("when") == "1956-11-08"
    assert one(dateline, "t:placeName").get("ref") == "places.xml#brioni"
    salutes = [text_of(s) for s in div.findall("t:opener/t:salute", NS)]
    assert salutes[-1] == "Dear comrades!" and "KHRUSHCHEV" in salutes[0]
    assert text_of(one(div, "t:closer/t:salute")) == "With a comradely greeting"
    assert one(div, "t:closer/t:signed/t:persName").get("ref") == "persons.xml#tito"
    assert len(div.findall("t:p", NS)) == 9
    breaks = div.findall(".//t:pb", NS)
    assert len(breaks) == 2
    for pb in breaks:  # both fall in mid-sentence: no full stop before them
        before = (
            pb.getprevious().tail if pb.getprevious() is not None else pb.getparent().text
        ) or ""
        assert not before.rstrip().endswith((".", "!", "?")), before[-40:]


def test_translators_brackets(letter) -> None:
    supplied = letter.getroot().findall(".//t:text//t:supplied", NS)
    assert [text_of(s) for s in supplied] == [
        "we",
        "forces of",
        "the problem",
        "relations",
        "i.e. Yugoslavia",
        "events",
    ]
    assert all(s.get("reason") == "editorial" for s in supplied)
    foreign = letter.getroot().findall(".//t:text//t:foreign", NS)
    assert [(f.get(XML_LANG), text_of(f)) for f in foreign] == [
        ("ru-Latn", "tiazhelye"),
        ("ru-Latn", "u nas"),
    ]
    for el in supplied + foreign:  # the brackets stay as source characters around the element
        before = (
            el.getprevious().tail if el.getprevious() is not None else el.getparent().text
        ) or ""
        assert before.endswith("[") and (el.tail or "").startswith("]"), text_of(el)


EXPECTED_DATES = {
    "8 November 1956": {"when": "1956-11-08"},
    "the afternoon of Saturday, 3 November of this year": {"when": "1956-11-03"},
    "November 2": {"when": "1956-11-02"},
    "Sunday, the fourth of the month": {"when": "1956-11-04"},
    "November 4": {"when": "1956-11-04"},
    "the night from Saturday to Sunday": {"notBefore": "1956-11-03", "notAfter": "1956-11-04"},
}


def test_dates_are_normalised(letter) -> None:
    dates = letter.getroot().findall(".//t:text//t:date", NS)
    found = {text_of(d): {k: v for k, v in d.attrib.items() if k != "cert"} for d in dates}
    for expression, attributes in EXPECTED_DATES.items():
        assert found.get(expression) == attributes, expression
    for date in dates:
        values = [
            date.get(a) for a in ("when", "notBefore", "notAfter", "from", "to") if date.get(a)
        ]
        assert values and all(W3C_DATE.fullmatch(v) for v in values), text_of(date)


# --- names and links --------------------------------------------------------------------


@pytest.fixture(scope="module")
def register_ids() -> dict[str, dict[str, str]]:
    """For each register file present: xml:id -> local name of the entry element."""
    out = {}
    for path in REGISTERS.glob("*.xml"):
        tree = _parse(path)
        out[path.name] = {
            el.get(XML_ID): etree.QName(el).localname for el in tree.iter() if el.get(XML_ID)
        }
    return out


def test_every_name_points_at_an_entry_of_the_right_kind(letter, register_ids) -> None:
    problems = []
    for tag, (register, entry) in TARGETS.items():
        for el in letter.iter(f"{{{TEI_NS}}}{tag}"):
            if tag == "repository" and register not in register_ids:
                continue  # archives.xml is written with the article; checked once it exists
            ref = el.get("ref", "")
            file, _, ident = ref.partition("#")
            if file != register or register_ids.get(register, {}).get(ident) != entry:
                problems.append(f"line {el.sourceline}: <{tag}> {text_of(el)!r} ref={ref!r}")
    assert not problems, "\n".join(problems)


def _variant_names(register_ids) -> dict[str, set[str]]:
    """Every spelling a register records, by the name element that must enclose it."""
    out: dict[str, set[str]] = {}
    for tag, (register, _) in TARGETS.items():
        if tag in ("settlement", "repository", "rs"):
            continue
        tree = _parse(REGISTERS / register)
        out[tag] = {text_of(n) for n in tree.iter(f"{{{TEI_NS}}}{tag}") if len(text_of(n)) > 2}
    return out


def test_every_known_name_in_the_text_is_marked(letter, register_ids) -> None:
    """No spelling from the registers occurs in the letter's text outside the name elements."""
    names = _variant_names(register_ids)
    pattern = {
        tag: re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(v, key=len, reverse=True))) + r")\b"
        )
        for tag, v in names.items()
    }
    body = one(letter, "/t:TEI/t:text/t:body")
    problems = []
    for node in body.xpath(".//text()"):
        parent = node.getparent()
        owner = parent if node.is_text else parent.getparent()
        enclosing = {etree.QName(a).localname for a in owner.iterancestors()} | {
            etree.QName(owner).localname
        }
        if enclosing & (EDITORIAL | set(names)):
            continue  # inside a name already (e.g. "Yugoslavia" in an organisation's name)
        for tag, regex in pattern.items():
            if tag not in enclosing:
                problems += [
                    f"line {owner.sourceline}: {m.group(0)!r} not in <{tag}>"
                    for m in regex.finditer(node)
                ]
    assert not problems, "\n".join(problems)


#: Spellings of the translation and the person entry each must be linked to.
PERSON_SPELLINGS = {
    "nagy": r"Nagy",
    "kadar": r"Kadar",
    "szanto": r"Szanto",
    "khrushchev": r"Khrushchev|KHRUSHCHEV",
    "tito": r"Tito",
    "gero": r"Gerö",
    "malenkov": r"Malenkov",
    "kardelj": r"Kardelj",
    "griaznov": r"Griaznov",
    "rakosi": r"Rakosi",
}


def test_each_person_mention_is_linked(letter, source) -> None:
    """As many links to each person as the translation has mentions of them."""
    translation = " ".join(source_words(source))
    refs = [el.get("ref") for el in one(letter, "/t:TEI/t:text").iter(f"{{{TEI_NS}}}persName")]
    for ident, spelling in PERSON_SPELLINGS.items():
        mentions = len(re.findall(rf"\b(?:{spelling})\b", translation))
        assert mentions and refs.count(f"persons.xml#{ident}") == mentions, ident


def test_places_and_organisations_in_the_text(letter) -> None:
    text = one(letter, "/t:TEI/t:text")
    places = {el.get("ref") for el in text.iter(f"{{{TEI_NS}}}placeName")}
    for ident in (
        "hungary",
        "yugoslavia",
        "budapest",
        "belgrade",
        "brioni",
        "soviet-union",
        "europe",
    ):
        assert f"places.xml#{ident}" in places, ident
    orgs = {el.get("ref") for el in text.iter(f"{{{TEI_NS}}}orgName")}
    for ident in ("cc-ucy", "cc-cpsu", "ucy", "presidium", "soviet-army", "hwp", "petofi-circle"):
        assert f"organisations.xml#{ident}" in orgs, ident


# --- schema -----------------------------------------------------------------------------


def test_letter_is_valid_tei_all(letter, tei_all) -> None:
    valid = tei_all.validate(letter)
    errors = [f"line {e.line}: {e.message}" for e in list(tei_all.error_log)[:10]]
    assert valid, "\n".join(errors)


@pytest.mark.parametrize("name", ["persons.xml", "organisations.xml", "places.xml"])
def test_registers_are_valid_tei_all(tei_all, name) -> None:
    tree = _parse(REGISTERS / name)
    valid = tei_all.validate(tree)
    errors = [f"line {e.line}: {e.message}" for e in list(tei_all.error_log)[:10]]
    assert valid, "\n".join(errors)


def test_cross_references_resolve(letter) -> None:
    """Every `file.xml#id` target (e.g. to the notes of the article) names an existing id."""
    ids: dict[str, set[str]] = {}
    for path in [*REGISTERS.glob("*.xml"), *LETTER.parent.glob("*.xml")]:
        ids[path.name] = {el.get(XML_ID) for el in _parse(path).iter() if el.get(XML_ID)}
    problems = []
    for el in letter.iter():
        for target in (el.get("target") or "").split():
            if target.startswith(("http://", "https://")):
                continue
            file, _, ident = target.partition("#")
            if ident not in ids.get(file or LETTER.name, set()):
                problems.append(f"line {el.sourceline}: {target}")
    assert not problems, problems
