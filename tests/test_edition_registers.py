"""The registers of persons, organisations and places: complete and well-formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
REGISTERS = ROOT / "tei" / "registers"
SEEDS = ROOT.parent / "shared" / "seeds"
SOURCES = (SEEDS / "000_a7d14ad515522e94.txt", SEEDS / "002_2505bae2a3f66b2c.txt")
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI_NS}

#: register file -> (list element, entry element, name element)
KINDS = {
    "persons.xml": ("listPerson", "person", "persName"),
    "organisations.xml": ("listOrg", "org", "orgName"),
    "places.xml": ("listPlace", "place", "placeName"),
}
ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
W3C_DATE = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")
WIKIDATA = re.compile(r"Q[1-9]\d*")


def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


@pytest.fixture(scope="module")
def registers() -> dict[str, etree._ElementTree]:
    return {name: _parse(REGISTERS / name) for name in KINDS}


def entries(tree: etree._ElementTree, name: str) -> list[etree._Element]:
    _, entry, _ = KINDS[name]
    return tree.findall(f".//t:{entry}", NS)


def text_of(el: etree._Element) -> str:
    """The element's text with whitespace normalised (names may hold forename/surname)."""
    return " ".join("".join(el.itertext()).split())


def where(el: etree._Element) -> str:
    return f"{el.get(XML_ID)!r} (line {el.sourceline})"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_register_is_a_tei_document_with_its_list_in_the_body(registers, name) -> None:
    root = registers[name].getroot()
    assert root.tag == f"{{{TEI_NS}}}TEI"
    assert root.get(XML_ID) == Path(name).stem
    assert root.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS) is not None
    list_name, _, _ = KINDS[name]
    assert root.find(f"t:text/t:body/t:{list_name}", NS) is not None
    assert len(entries(registers[name], name)) > 0


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_entry_has_an_id_and_exactly_one_main_name(registers, name) -> None:
    _, _, name_el = KINDS[name]
    problems = []
    for entry in entries(registers[name], name):
        ident = entry.get(XML_ID)
        if not ident or not ID.fullmatch(ident):
            problems.append(f"bad or missing xml:id at line {entry.sourceline}: {ident!r}")
        mains = entry.findall(f"t:{name_el}[@type='main']", NS)
        if len(mains) != 1 or not text_of(mains[0]):
            problems.append(f"{where(entry)}: {len(mains)} main names")
        if entry.find("t:note[@type='description']", NS) is None:
            problems.append(f"{where(entry)}: no description")
    assert not problems, "\n".join(problems)


def test_main_person_names_have_a_surname(registers) -> None:
    missing = [
        where(p)
        for p in entries(registers["persons.xml"], "persons.xml")
        if p.find("t:persName[@type='main']/t:surname", NS) is None
    ]
    assert not missing, missing


def test_ids_are_unique_across_the_registers(registers) -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for name, tree in registers.items():
        for el in tree.iter():
            ident = el.get(XML_ID)
            if ident and ident in seen:
                duplicates.append(f"{ident} in {seen[ident]} and {name}")
            elif ident:
                seen[ident] = name
    assert not duplicates, duplicates


@pytest.mark.parametrize("name", sorted(KINDS))
def test_no_entry_repeats_a_name(registers, name) -> None:
    _, _, name_el = KINDS[name]
    problems = []
    for entry in entries(registers[name], name):
        names = [
            (n.get("type"), n.get("subtype"), text_of(n)) for n in entry.findall(f"t:{name_el}", NS)
        ]
        if len(names) != len(set(names)):
            problems.append(where(entry))
    assert not problems, problems


def test_life_dates_are_w3c_dates_and_in_order(registers) -> None:
    problems = []
    for person in entries(registers["persons.xml"], "persons.xml"):
        dates = {}
        for event in ("birth", "death"):
            el = person.find(f"t:{event}", NS)
            if el is None:
                continue
            value = el.get("when") or el.get("notBefore") or el.get("notAfter") or ""
            if not W3C_DATE.fullmatch(value):
                problems.append(f"{where(person)}: {event} {value!r}")
            dates[event] = value
        if len(dates) == 2 and dates["birth"][:4] >= dates["death"][:4]:
            problems.append(f"{where(person)}: born {dates['birth']}, died {dates['death']}")
    assert not problems, problems


def test_wikidata_identifiers_are_q_numbers(registers) -> None:
    bad = [
        f"{name}: {text_of(idno)!r} (line {idno.sourceline})"
        for name, tree in registers.items()
        for idno in tree.findall(".//t:idno[@type='wikidata']", NS)
        if not WIKIDATA.fullmatch(text_of(idno))
    ]
    assert not bad, bad


def test_every_place_has_plausible_coordinates(registers) -> None:
    problems = []
    for place in entries(registers["places.xml"], "places.xml"):
        geo = place.find("t:location/t:geo", NS)
        parts = text_of(geo).split() if geo is not None else []
        try:
            lat, lon = (float(p) for p in parts)
        except ValueError:
            problems.append(f"{where(place)}: geo {parts!r}")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(f"{where(place)}: {lat} {lon} out of range")
    assert not problems, problems


def _variants(registers, name: str, ident: str) -> set[str]:
    _, entry_el, name_el = KINDS[name]
    found = registers[name].xpath(f"//t:{entry_el}[@xml:id=$ident]", namespaces=NS, ident=ident)
    assert len(found) == 1, f"{name} has {len(found)} entries {ident!r}"
    return {text_of(n) for n in found[0].findall(f"t:{name_el}", NS)}


#: Spellings the issue names explicitly; each must sit in the entry that the id names.
EXPECTED_SPELLINGS = {
    ("persons.xml", "kadar"): {"Kadar", "Kádár", "János Kádár", "Janos Kadar"},
    ("persons.xml", "gero"): {"Gerő", "Geró", "Gerö", "Ernő Gerő"},
    ("persons.xml", "micunovic"): {"Micunovic", "Veljko Micunovic", "Veljko Mićunović"},
    ("persons.xml", "szanto"): {"Szanto", "Szánto", "Szántó", "Zoltan Szanto"},
    ("persons.xml", "munnich"): {"Munnich", "Ferenc Münnich"},
    ("persons.xml", "rakosi"): {"Rakosi", "Rákosi", "Mátyás Rákosi"},
    ("persons.xml", "tito"): {"Tito", "I.B. Tito", "Josip Broz Tito", "Trto"},
    ("persons.xml", "khrushchev"): {"Khrushchev", "KHRUSHCHEV", "N. S. Khrushchev"},
    ("organisations.xml", "ucy"): {"UCY", "CPY", "Communist Party of Yugoslavia"},
    ("organisations.xml", "avh"): {"AVH", "AVO"},
    ("organisations.xml", "petofi-circle"): {"Petöfi club", "Petofi Circle", "Petőfi Circle"},
    ("places.xml", "szklarska-poreba"): {"Szklarska Poreba", "Szklarska Poręba"},
    ("places.xml", "brioni"): {"Brioni", "Brijuni"},
}


@pytest.mark.parametrize(("name", "ident"), sorted(EXPECTED_SPELLINGS))
def test_entry_records_the_spellings_of_the_sources(registers, name, ident) -> None:
    missing = EXPECTED_SPELLINGS[(name, ident)] - _variants(registers, name, ident)
    assert not missing, f"{name}#{ident} lacks {sorted(missing)}"


#: Persons, organisations and places the two sources name; a sample the registers must hold.
REQUIRED = {
    "persons.xml": [
        "tito",
        "khrushchev",
        "stalin",
        "nagy",
        "kadar",
        "gero",
        "rakosi",
        "rajk-laszlo",
        "szanto",
        "munnich",
        "micunovic",
        "kardelj",
        "griaznov",
        "malenkov",
        "molotov",
        "beria",
        "mikoyan",
        "suslov",
        "andropov",
        "zhukov",
        "voroshilov",
        "vukmanovic",
        "grigulevich",
        "trotsky",
        "pavelic",
        "nedic",
        "rupnik",
        "mihailovic",
        "banac",
        "litvan",
        "vali",
        "lomax",
        "gati",
        "zinner",
        "kecskemeti",
        "satuchin",
        "georgievic",
        "vinogradov",
        "zamchevskii",
        "aldrich-moodie",
        "granville",
    ],
    "organisations.xml": [
        "cpsu",
        "cc-cpsu",
        "presidium",
        "ucy",
        "cc-ucy",
        "hwp",
        "hswp",
        "avh",
        "kgb",
        "cominform",
        "comintern",
        "warsaw-pact",
        "nato",
        "balkan-pact",
        "petofi-circle",
        "institute-1956",
        "wilson-center",
        "cwihp",
        "nsarchive",
        "soviet-army",
    ],
    "places.xml": [
        "budapest",
        "belgrade",
        "moscow",
        "brioni",
        "crimea",
        "trieste",
        "szklarska-poreba",
        "zagreb",
        "yugoslavia",
        "hungary",
        "soviet-union",
        "poland",
        "romania",
        "czechoslovakia",
        "albania",
        "bulgaria",
        "greece",
        "turkey",
        "korea",
        "mexico",
    ],
}


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_required_entries_exist(registers, name) -> None:
    ids = {e.get(XML_ID) for e in entries(registers[name], name)}
    assert not set(REQUIRED[name]) - ids, sorted(set(REQUIRED[name]) - ids)


@pytest.fixture(scope="module")
def source_text() -> str:
    if not all(path.exists() for path in SOURCES):
        pytest.skip("the source texts (../shared/seeds) are not available")
    return " ".join(" ".join(p.read_text(encoding="utf-8") for p in SOURCES).split())


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_variant_spelling_occurs_in_a_source(registers, name, source_text) -> None:
    """Variants record the sources' spellings: one that no source uses is a typo or invented."""
    _, _, name_el = KINDS[name]
    unused = [
        f"{where(n.getparent())}: {text_of(n)!r}"
        for n in registers[name].findall(f".//t:{name_el}[@type='variant']", NS)
        if text_of(n) not in source_text
    ]
    assert not unused, "\n".join(unused)


DOCUMENTS = ROOT / "tei" / "documents"
POINTING = ("ref", "corresp", "sameAs", "target", "resp", "who")

#: Entries that no document points at, each with the reason why no mention can be marked.
#: A new unused entry fails the test below; one of these that gets linked fails the next test.
NOT_LINKABLE = {
    "persons.xml#horthy": "named only in the word 'Horthyites', which a name element would split",
}


def _used_targets() -> set[str]:
    return {
        target
        for path in sorted(DOCUMENTS.glob("*.xml"))
        for el in _parse(path).iter()
        for attribute in POINTING
        for target in (el.get(attribute) or "").split()
    }


def test_every_register_entry_is_used_by_a_document(registers) -> None:
    if not list(DOCUMENTS.glob("*.xml")):
        pytest.skip("no documents yet")
    used = _used_targets()
    unused = [
        f"{name}#{entry.get(XML_ID)}"
        for name, tree in registers.items()
        for entry in entries(tree, name)
        if f"{name}#{entry.get(XML_ID)}" not in used
    ]
    unexplained = sorted(set(unused) - set(NOT_LINKABLE))
    assert not unexplained, f"register entries no document points at: {unexplained}"


def test_exceptions_to_the_used_rule_are_really_unused() -> None:
    """An exception that a document now points at is stale and would hide a later regression."""
    if not list(DOCUMENTS.glob("*.xml")):
        pytest.skip("no documents yet")
    stale = sorted(set(NOT_LINKABLE) & _used_targets())
    assert not stale, f"linked now, remove from NOT_LINKABLE: {stale}"


#: Publishers and places of publication that are register entries: each citation naming them
#: marks them inside its publisher/pubPlace (the article's wording, then the register id).
PUBLICATION_NAMES = [
    ("publisher", "orgName", "organisations.xml#mta-jelenkor", 2),
    ("publisher", "orgName", "organisations.xml#mta", 2),
    ("publisher", "orgName", "organisations.xml#institute-1956", 4),
    ("publisher", "orgName", "organisations.xml#balkanoloski-institut", 1),
    ("publisher", "orgName", "organisations.xml#wilson-center", 1),
    ("pubPlace", "placeName", "places.xml#garden-city", 1),
]


@pytest.mark.parametrize(("slot", "element", "ref", "count"), PUBLICATION_NAMES)
def test_publishers_that_are_register_entries_are_marked(slot, element, ref, count) -> None:
    article = DOCUMENTS / "granville-1998.xml"
    if not article.exists():
        pytest.skip("no article yet")
    found = _parse(article).xpath(f"//t:{slot}//t:{element}[@ref=$ref]", namespaces=NS, ref=ref)
    assert len(found) == count, f"{ref}: {len(found)} marked in {slot}, expected {count}"


def test_no_publisher_or_place_of_publication_is_left_bare() -> None:
    """A publication slot whose whole text is a register name must carry the name element."""
    article = DOCUMENTS / "granville-1998.xml"
    if not article.exists():
        pytest.skip("no article yet")
    names = set()
    for name, (_, _, name_el) in KINDS.items():
        if name == "persons.xml":
            continue
        tree = _parse(REGISTERS / name)
        names |= {text_of(n) for n in tree.findall(f".//t:{name_el}", NS)}
    bare = [
        f"line {el.sourceline}: {text_of(el)!r}"
        for el in _parse(article).xpath("//t:publisher | //t:pubPlace", namespaces=NS)
        if len(el) == 0 and text_of(el) in names
    ]
    assert not bare, bare
