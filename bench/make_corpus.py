"""Generate a synthetic TEI edition of realistic shape for benchmarks and scale tests.

Usage: python bench/make_corpus.py --docs 2000 --size-mb 200 --seed 1 OUT/

The edition follows teipress's encoding conventions (CONTRACTS.md): letters, reports and
articles of 20 KB to 5 MB with footnotes, persName/placeName/orgName/date markup,
archival and published citations (with Ibid.) in notes, five registers with thousands of
entries, and one very large FRUS-like volume of many `div type="document"`. Everything
is derived from the seed, so the same arguments give byte-identical files. Text is built
as strings (no DOM) so 200 MB take well under a minute.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from teipress.dates import MONTHS

KB = 1024
MB = 1024 * KB
MIN_DOC, MAX_DOC = 20 * KB, 5 * MB
TEI_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}">\n'
)

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "was",
    "he",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "my",
    "now",
    "such",
    "like",
    "our",
    "over",
    "man",
    "me",
    "even",
    "most",
    "made",
    "after",
    "also",
    "did",
    "many",
    "before",
    "must",
    "through",
    "back",
    "years",
    "where",
    "much",
    "your",
    "way",
    "well",
    "down",
    "should",
    "because",
    "each",
    "just",
    "those",
    "people",
    "how",
    "too",
    "little",
    "state",
    "good",
    "very",
    "make",
    "world",
    "still",
    "own",
    "see",
    "men",
    "work",
    "long",
    "get",
    "here",
    "between",
    "both",
    "life",
    "being",
    "under",
    "never",
    "day",
    "same",
    "another",
    "know",
    "while",
    "last",
    "might",
    "us",
    "great",
    "old",
    "year",
    "off",
    "come",
    "since",
    "against",
    "go",
    "came",
    "right",
    "used",
    "take",
    "three",
    "government",
    "party",
    "committee",
    "question",
    "situation",
    "leadership",
    "delegation",
    "conference",
    "meeting",
    "position",
    "policy",
    "decision",
    "support",
    "letter",
    "report",
    "comrades",
    "declaration",
    "agreement",
    "crisis",
    "relations",
    "congress",
    "troops",
    "negotiations",
    "embassy",
    "ambassador",
    "minister",
    "secretary",
    "proposal",
    "statement",
    "interests",
    "opinion",
    "attitude",
    "responsibility",
    "development",
    "measures",
    "consultation",
    "information",
    "cooperation",
]

FORENAMES = [
    "Anna",
    "Boris",
    "Dimitri",
    "Elena",
    "Ferenc",
    "Galina",
    "Henrik",
    "Ivan",
    "Jozef",
    "Katarina",
    "Lajos",
    "Marta",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rosa",
    "Sandor",
    "Tamara",
    "Vasily",
    "Zoltan",
    "Aleksandar",
    "Milovan",
    "Edvard",
    "Anastas",
    "Georgy",
    "Andras",
    "Miklos",
    "Istvan",
    "Vladimir",
    "Yuri",
    "Jan",
    "Karel",
    "Ludmila",
    "Sofia",
    "Teodor",
    "Emil",
    "Viktor",
    "Irena",
    "Petar",
    "Mirko",
]
SYLLABLES = [
    "ko",
    "va",
    "ni",
    "ro",
    "de",
    "la",
    "mi",
    "sa",
    "to",
    "re",
    "no",
    "vi",
    "ka",
    "lo",
    "ma",
    "ne",
    "ri",
    "zo",
    "ba",
    "ču",
    "ić",
    "ov",
    "ev",
    "án",
    "ő",
    "ül",
    "ski",
]
PLACE_ROOTS = [
    "Nov",
    "Bel",
    "Star",
    "Kras",
    "Zel",
    "Dub",
    "Gor",
    "Sar",
    "Vel",
    "Mal",
    "Pol",
    "Ruz",
    "Kam",
    "Bor",
    "Les",
    "Sos",
    "Lip",
    "Vor",
]
PLACE_ENDS = [
    "grad",
    "ovo",
    "ica",
    "ava",
    "sk",
    "insk",
    "yany",
    "ec",
    "ava",
    "berg",
    "hely",
    "vár",
    "pol",
    "ište",
]
ORG_KINDS = [
    "Committee",
    "Council",
    "Ministry",
    "Union",
    "Front",
    "Bureau",
    "Commission",
    "Institute",
    "Party",
    "Federation",
]
ORG_TOPICS = [
    "Foreign Affairs",
    "Defence",
    "Agriculture",
    "Workers",
    "Youth",
    "Trade",
    "Culture",
    "State Security",
    "Planning",
    "Railways",
    "Press",
    "Education",
    "Industry",
    "Peace",
]
ARCHIVE_WORDS = [
    "State",
    "Central",
    "National",
    "Presidential",
    "Military",
    "Party",
    "Foreign Policy",
]
PUB_PLACES = [
    "London",
    "New York",
    "Moscow",
    "Budapest",
    "Belgrade",
    "Paris",
    "Oxford",
    "Washington",
    "Berlin",
]
PUBLISHERS = [
    "Academic Press",
    "University Press",
    "Nauka",
    "Politika",
    "Harvard UP",
    "Clarendon",
    "Routledge",
]
IDNO_SETS = (
    (("fond", "F."), ("opis", "Op."), ("delo", "D.")),
    (
        ("fond", "F."),
        ("perechen", "Per."),
        ("dokument", "Dok."),
    ),
    (("fond", "F."), ("papka", "P."), ("portfel", "Por."), ("delo", "D.")),
)


def ascii_id(text: str) -> str:
    """Lowercase ASCII with hyphens, the edition's id convention."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in folded.lower())
    return "-".join(filter(None, out.split("-")))


def unique(base: str, taken: set[str]) -> str:
    """An id not yet taken: base, else base-2, base-3, ..."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def iso_date(rng: random.Random) -> tuple[str, str]:
    """A W3C date in 1945-1975 and its display form."""
    y, m, d = rng.randint(1945, 1975), rng.randint(1, 12), rng.randint(1, 28)
    return f"{y}-{m:02d}-{d:02d}", f"{MONTHS[m - 1]} {d}, {y}"


@dataclass
class Entry:
    """One register entry: its id and the spellings texts use for it."""

    id: str
    names: list[str]


@dataclass
class Registers:
    """The generated registers; mentions draw from them with a Zipf-like skew."""

    persons: list[Entry] = field(default_factory=list)
    orgs: list[Entry] = field(default_factory=list)
    places: list[Entry] = field(default_factory=list)
    archives: list[Entry] = field(default_factory=list)
    works: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, author, title, year


def pick(rng: random.Random, items: list) -> object:
    """A Zipf-like choice: a few entries are mentioned very often, most rarely."""
    return items[min(len(items) - 1, int(len(items) * rng.random() ** 3))]


def word_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


# ---------------------------------------------------------------- registers


def register_file(stem: str, title: str, body: str) -> str:
    return (
        TEI_OPEN.format(id=stem)
        + "<teiHeader><fileDesc><titleStmt><title>"
        + title
        + "</title></titleStmt><publicationStmt><p>Synthetic register generated by "
        "bench/make_corpus.py.</p></publicationStmt><sourceDesc><p>Generated; no source."
        "</p></sourceDesc></fileDesc></teiHeader>\n<text><body>\n"
        + body
        + "</body></text>\n</TEI>\n"
    )


def make_persons(rng: random.Random, count: int, reg: Registers) -> str:
    taken: set[str] = set()
    seen_surnames: set[str] = set()
    out = ["<listPerson>\n"]
    for _ in range(count):
        fore, sur = rng.choice(FORENAMES), word_name(rng, rng.randint(2, 3))
        base = ascii_id(sur) if sur not in seen_surnames else ascii_id(f"{sur}-{fore}")
        seen_surnames.add(sur)
        pid = unique(base, taken)
        variant = sur.replace("č", "ch").replace("ć", "c").replace("ő", "o").replace("ü", "u")
        names = [f"{fore} {sur}", sur, f"{fore[0]}. {sur}"]
        if variant != sur:
            names.append(variant)
        reg.persons.append(Entry(pid, names))
        born = rng.randint(1880, 1930)
        out.append(
            f'<person xml:id="{pid}"><persName type="main"><forename>{fore}</forename> '
            f"<surname>{sur}</surname></persName>"
            + (f'<persName type="variant">{variant}</persName>' if variant != sur else "")
            + f'<birth when="{born}"/><death when="{born + rng.randint(40, 90)}"/>'
            f'<note type="description">{" ".join(rng.choices(WORDS, k=8))}.</note></person>\n'
        )
    out.append("</listPerson>\n")
    return register_file("persons", "Persons", "".join(out))


def make_orgs(rng: random.Random, count: int, reg: Registers) -> str:
    taken: set[str] = set()
    out = ["<listOrg>\n"]
    for _ in range(count):
        name = f"{rng.choice(ORG_KINDS)} of {rng.choice(ORG_TOPICS)} of {word_name(rng, 2)}"
        abbr = "".join(w[0] for w in name.split() if w[0].isupper()) + str(rng.randint(1, 99))
        oid = unique(ascii_id(abbr), taken)
        reg.orgs.append(Entry(oid, [name, abbr]))
        out.append(
            f'<org xml:id="{oid}"><orgName type="main">{name}</orgName>'
            f'<orgName type="abbr">{abbr}</orgName></org>\n'
        )
    out.append("</listOrg>\n")
    return register_file("organisations", "Organisations", "".join(out))


def make_places(rng: random.Random, count: int, reg: Registers) -> str:
    taken: set[str] = set()
    out = ["<listPlace>\n"]
    for _ in range(count):
        name = rng.choice(PLACE_ROOTS) + rng.choice(PLACE_ENDS)
        name += "" if rng.random() < 0.3 else " " + word_name(rng, 2)
        pid = unique(ascii_id(name), taken)
        reg.places.append(Entry(pid, [name]))
        lat, lon = rng.uniform(35, 65), rng.uniform(-10, 60)
        out.append(
            f'<place xml:id="{pid}"><placeName type="main">{name}</placeName>'
            f"<location><geo>{lat:.4f} {lon:.4f}</geo></location></place>\n"
        )
    out.append("</listPlace>\n")
    return register_file("places", "Places", "".join(out))


def make_archives(rng: random.Random, count: int, reg: Registers) -> str:
    taken: set[str] = set()
    out = ["<listOrg>\n"]
    for _ in range(count):
        name = f"{rng.choice(ARCHIVE_WORDS)} Archive of {word_name(rng, 2)}"
        abbr = "".join(w[0] for w in name.split() if w[0].isupper()) + word_name(rng, 1)[:2].upper()
        aid = unique(ascii_id(abbr), taken)
        former = "TsA" + word_name(rng, 1)[:2].upper()
        reg.archives.append(Entry(aid, [abbr, former]))
        out.append(
            f'<org xml:id="{aid}"><orgName type="main">{name}</orgName>'
            f'<orgName type="abbr">{abbr}</orgName>'
            f'<orgName type="former">{former}</orgName></org>\n'
        )
    out.append("</listOrg>\n")
    return register_file("archives", "Archives", "".join(out))


def make_bibliography(rng: random.Random, count: int, reg: Registers) -> str:
    taken: set[str] = set()
    out = ["<listBibl>\n"]
    for _ in range(count):
        author = rng.choice(reg.persons)
        surname, year = author.names[1], str(rng.randint(1950, 2005))
        wid = unique(f"{ascii_id(surname)}-{year}", taken)
        title = " ".join(rng.choices(WORDS[-40:], k=4)).capitalize()
        reg.works.append((wid, author.names[0], title, year))
        out.append(
            f'<bibl xml:id="{wid}"><author>{author.names[0]}</author>, '
            f'<title level="m">{title}</title> (<pubPlace>{rng.choice(PUB_PLACES)}</pubPlace>: '
            f'<publisher>{rng.choice(PUBLISHERS)}</publisher>, <date when="{year}">{year}</date>)'
            "</bibl>\n"
        )
    out.append("</listBibl>\n")
    return register_file("bibliography", "Bibliography", "".join(out))


# ---------------------------------------------------------------- text


class Writer:
    """Builds one document's text: prose with mentions, dates and footnotes."""

    def __init__(self, rng: random.Random, reg: Registers, locations: list[tuple]) -> None:
        self.rng, self.reg, self.locations = rng, reg, locations
        self.note = 0
        self.last_bibl: tuple[str, str] | None = None  # (bibl id, kind-attrs)

    def name(self, element: str, entries: list[Entry], register: str) -> str:
        entry = pick(self.rng, entries)
        text = self.rng.choice(entry.names)
        return f'<{element} ref="{register}#{entry.id}">{text}</{element}>'

    def mention(self) -> str:
        roll = self.rng.random()
        if roll < 0.5:
            return self.name("persName", self.reg.persons, "persons.xml")
        if roll < 0.75:
            return self.name("placeName", self.reg.places, "places.xml")
        if roll < 0.92:
            return self.name("orgName", self.reg.orgs, "organisations.xml")
        when, shown = iso_date(self.rng)
        return f'<date when="{when}">{shown}</date>'

    def sentence(self, marked: float) -> str:
        rng = self.rng
        words = rng.choices(WORDS, k=rng.randint(8, 22))
        parts = [w if rng.random() > marked else self.mention() for w in words]
        extra = rng.random()
        if extra < 0.02:
            parts.append('<supplied reason="editorial">sic</supplied>')
        elif extra < 0.03:
            parts.append('<foreign xml:lang="ru-Latn">tovarishch</foreign>')
        elif extra < 0.04:
            parts.append("<choice><sic>teh</sic><corr>the</corr></choice>")
        if not parts[0].startswith("<"):
            parts[0] = parts[0].capitalize()
        return " ".join(parts) + "."

    def archival(self, bid: str) -> str:
        rng = self.rng
        if self.locations and rng.random() < 0.05:
            archive, parts = rng.choice(self.locations)
        else:
            archive = pick(rng, self.reg.archives)
            labels = rng.choice(IDNO_SETS)
            parts = tuple((t, label, str(rng.randint(1, 400))) for t, label in labels)
        idnos = ", ".join(f'{label} <idno type="{t}">{v}</idno>' for t, label, v in parts)
        leaf = rng.randint(1, 300)
        when, shown = iso_date(rng)
        return (
            f'<bibl type="archival" xml:id="{bid}"><orgName ref="archives.xml#{archive.id}">'
            f"{rng.choice(archive.names)}</orgName>, {idnos}, L. "
            f'<citedRange unit="leaf" from="{leaf}" to="{leaf + rng.randint(0, 4)}">{leaf}'
            f'</citedRange>, <title>"{" ".join(rng.choices(WORDS, k=5)).capitalize()}"</title>, '
            f'<date when="{when}">{shown}</date></bibl>'
        )

    def published(self, bid: str) -> str:
        wid, author, title, year = pick(self.rng, self.reg.works)
        page = self.rng.randint(1, 600)
        return (
            f'<bibl corresp="bibliography.xml#{wid}" xml:id="{bid}"><author>{author}</author>, '
            f'<title level="m">{title}</title> (<date when="{year}">{year}</date>), '
            f'<citedRange unit="page" from="{page}" to="{page}">{page}</citedRange></bibl>'
        )

    def ibid(self, bid: str) -> str:
        antecedent, attrs = self.last_bibl  # type: ignore[misc]
        unit = "leaf" if "archival" in attrs else "page"
        n = self.rng.randint(1, 300)
        return (
            f'<bibl sameAs="#{antecedent}" {attrs} xml:id="{bid}">Ibid., '
            f'<citedRange unit="{unit}" from="{n}" to="{n}">{n}</citedRange></bibl>'
        )

    def footnote(self) -> str:
        self.note += 1
        k, rng = self.note, self.rng
        bibls = []
        for j in range(1, rng.randint(1, 3) + 1):
            bid = f"n{k}-b{j}"
            roll = rng.random()
            if self.last_bibl and roll < 0.2:
                bibls.append(self.ibid(bid))
                continue
            if roll < 0.6:
                bibls.append(self.archival(bid))
                self.last_bibl = (bid, 'type="archival"')
            else:
                bibls.append(self.published(bid))
                ref = bibls[-1].split('"', 2)[1]
                self.last_bibl = (bid, f'corresp="{ref}"')
        comment = self.sentence(0.1) + " " if rng.random() < 0.3 else ""
        return f'<note place="foot" n="{k}" xml:id="n{k}">{comment}{"; ".join(bibls)}.</note>'

    def paragraph(self, notes: float, page: int | None) -> str:
        """Sentences with footnotes at their anchors and, maybe, a page break between two."""
        out = []
        count = self.rng.randint(3, 9)
        for i in range(count):
            if page is not None and i == count // 2:
                out.append(f'<pb n="{page}"/>')
            out.append(self.sentence(0.06))
            if self.rng.random() < notes:
                out.append(self.footnote())
        return "<p>" + " ".join(out) + "</p>\n"

    def prose(self, target: int, notes: float) -> str:
        """Paragraphs (with occasional page breaks) until about `target` bytes."""
        out, size, page = [], 0, 1
        while size < target:
            breaks = self.rng.random() < 0.15
            page += breaks
            chunk = self.paragraph(notes, page if breaks else None)
            out.append(chunk)
            size += len(chunk.encode("utf-8"))
        return "".join(out)


# ---------------------------------------------------------------- documents


def header(doc_id: str, title: str, w: Writer, letter: tuple | None, summary: str) -> str:
    """teiHeader: title, source (published bibl + archival msDesc), correspondents, summary."""
    rng = w.rng
    source = (
        f'<bibl><title level="j">{" ".join(rng.choices(WORDS[-40:], k=3)).title()} Bulletin'
        f'</title> <biblScope unit="issue">{rng.randint(1, 20)}</biblScope></bibl>'
    )
    corresp = ""
    when, shown = iso_date(rng)
    if letter:
        archive, parts, sender, addressee, place, when, shown = letter
        idnos = "".join(f'<idno type="{t}">{v}</idno>' for t, _, v in parts)
        first = rng.randint(1, 200)
        source += (
            f'<msDesc><msIdentifier><repository ref="archives.xml#{archive.id}">'
            f"{archive.names[0]}</repository>{idnos}</msIdentifier><msContents><msItem>"
            f'<locus from="{first}" to="{first + 3}">ll. {first}-{first + 3}</locus>'
            f"<title>{title}</title>"
            "</msItem></msContents></msDesc>"
        )
        corresp = (
            f'<correspDesc><correspAction type="sent"><persName ref="persons.xml#{sender.id}">'
            f'{sender.names[0]}</persName><placeName ref="places.xml#{place.id}">{place.names[0]}'
            f'</placeName><date when="{when}">{shown}</date></correspAction>'
            f'<correspAction type="received"><persName ref="persons.xml#{addressee.id}">'
            f"{addressee.names[0]}</persName></correspAction></correspDesc>"
        )
    return (
        f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>"
        "<publicationStmt><publisher>teipress benchmark corpus</publisher><availability><p>"
        "Synthetic text generated by bench/make_corpus.py; free to use.</p></availability>"
        f"</publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc><profileDesc>"
        f'<creation><date when="{when}">{shown}</date></creation>'
        f'{corresp}<langUsage><language ident="en">English</language></langUsage>'
        f"<abstract><p>{summary}</p></abstract></profileDesc></teiHeader>\n"
    )


def letter_meta(rng: random.Random, reg: Registers) -> tuple:
    archive = pick(rng, reg.archives)
    parts = tuple((t, label, str(rng.randint(1, 400))) for t, label in rng.choice(IDNO_SETS))
    when, shown = iso_date(rng)
    return (archive, parts, pick(rng, reg.persons), pick(rng, reg.persons),
            pick(rng, reg.places), when, shown)  # fmt: skip


def make_document(doc_id: str, kind: str, size: int, w: Writer, meta: tuple | None) -> str:
    """One letter, report or article of about `size` bytes."""
    rng = w.rng
    title = f"{kind.capitalize()}: " + " ".join(rng.choices(WORDS[-60:], k=5)).capitalize()
    summary = w.sentence(0.15)
    notes = {"letter": 0.05, "report": 0.15, "article": 0.6}[kind]
    opener = closer = ""
    if meta:
        _, _, sender, addressee, place, when, shown = meta
        opener = (
            f'<opener><dateline><placeName ref="places.xml#{place.id}">{place.names[0]}'
            f'</placeName>, <date when="{when}">{shown}</date></dateline><salute>Dear '
            f'<persName ref="persons.xml#{addressee.id}">{addressee.names[1]}</persName>,'
            "</salute></opener>\n"
        )
        closer = (
            f'<closer><signed><persName ref="persons.xml#{sender.id}">{sender.names[0]}'
            "</persName></signed></closer>\n"
        )
    head = (
        TEI_OPEN.format(id=doc_id)
        + header(doc_id, title, w, meta, summary)
        + f'<text><body><div type="{kind}">\n<head>{title}</head>\n{opener}'
    )
    tail = closer + "</div></body></text>\n</TEI>\n"
    body = w.prose(max(size - len(head.encode("utf-8")) - len(tail), 1000), notes)
    return head + body + tail


def make_volume(size: int, w: Writer, parts: int) -> str:
    """A FRUS-like volume: one file, many `div type="document"`, notes numbered throughout."""
    rng = w.rng
    title = "Foreign Relations, Synthetic Volume " + word_name(rng, 2)
    divs = []
    for k in range(1, parts + 1):
        w.last_bibl = None  # Ibid. never reaches into the previous document
        when, shown = iso_date(rng)
        head = " ".join(rng.choices(WORDS[-60:], k=6)).capitalize()
        divs.append(
            f'<div type="document" xml:id="d{k}" n="{k}"><head>{k}. {head}</head>\n'
            f'<dateline><date when="{when}">{shown}</date></dateline>\n'
            + w.prose(max(size // parts - 600, 500), 0.3)
            + "</div>\n"
        )
    return (
        TEI_OPEN.format(id="volume")
        + header("volume", title, w, None, w.sentence(0.1))
        + '<text><body><div type="volume">\n<head>'
        + title
        + "</head>\n"
        + "".join(divs)
        + "</div></body></text>\n</TEI>\n"
    )


def doc_sizes(rng: random.Random, count: int, total: int) -> list[int]:
    """Log-normal sizes clipped to 20 KB-5 MB, rescaled towards `total` bytes."""
    weights = [rng.lognormvariate(0, 1.6) for _ in range(count)]
    scale = total / sum(weights)
    for _ in range(8):
        sizes = [min(MAX_DOC, max(MIN_DOC, int(w * scale))) for w in weights]
        scale *= total / max(1, sum(sizes))
    return sizes


def generate(
    out: Path,
    docs: int,
    size_mb: float,
    seed: int,
    volume_mb: float | None,
    long_mb: float | None = None,
) -> dict:
    """Write the whole edition into `out`; returns counts for the summary line.

    With `long_mb`, the FRUS-like volume is replaced by one long single document of that
    size (`long.xml`: one report, no document divs, like a novel or a long report)."""
    rng = random.Random(seed)
    total = int(size_mb * MB)
    reg = Registers()
    scale = size_mb**0.6  # registers grow less than linearly: ~3,800 persons at 200 MB
    registers = {
        "persons": make_persons(rng, max(20, int(160 * scale)), reg),
        "organisations": make_orgs(rng, max(5, int(40 * scale)), reg),
        "places": make_places(rng, max(10, int(80 * scale)), reg),
        "archives": make_archives(rng, 6 + int(2 * size_mb**0.5), reg),
        "bibliography": make_bibliography(rng, max(10, int(100 * scale)), reg),
    }
    (out / "tei" / "registers").mkdir(parents=True, exist_ok=True)
    (out / "tei" / "documents").mkdir(parents=True, exist_ok=True)
    for stem, text in registers.items():
        (out / "tei" / "registers" / f"{stem}.xml").write_text(text, encoding="utf-8")
    volume = int((volume_mb * MB) if volume_mb else min(10 * MB, max(MIN_DOC, total // 20)))
    volume = int(long_mb * MB) if long_mb else volume  # the long document takes its place
    singles = max(0, docs - 1)
    sizes = doc_sizes(rng, singles, max(singles * MIN_DOC, total - volume)) if singles else []
    locations: list[tuple] = []
    written = 0
    for i, size in enumerate(sizes, 1):
        doc_rng = random.Random(f"{seed}:{i}")
        kind = ("letter", "report", "article")[min(2, int(doc_rng.random() * 3))]
        meta = letter_meta(doc_rng, reg) if kind == "letter" else None
        writer = Writer(doc_rng, reg, locations)
        text = make_document(f"doc-{i:05d}", kind, size, writer, meta)
        if meta:
            locations.append((meta[0], meta[1]))
        written += _write(out / "tei" / "documents" / f"doc-{i:05d}.xml", text)
    if long_mb:
        long_writer = Writer(random.Random(f"{seed}:long"), reg, locations)
        text = make_document("long", "report", int(long_mb * MB), long_writer, None)
        written += _write(out / "tei" / "documents" / "long.xml", text)
    else:
        vol_writer = Writer(random.Random(f"{seed}:volume"), reg, locations)
        parts = max(3, min(800, volume // (25 * KB)))
        written += _write(
            out / "tei" / "documents" / "volume.xml", make_volume(volume, vol_writer, parts)
        )
    written += sum(len(t.encode("utf-8")) for t in registers.values())
    (out / "teipress.toml").write_text(
        f'[edition]\ntitle = "Synthetic edition (seed {seed}, {docs} documents)"\n'
        'documents = "tei/documents"\nregisters = "tei/registers"\noutput = "site"\n',
        encoding="utf-8",
    )
    counts = {k: len(getattr(reg, k)) for k in ("persons", "orgs", "places", "archives", "works")}
    return {"documents": singles + 1, "bytes": written, **counts}


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create (must be empty or absent)")
    parser.add_argument("--docs", type=int, default=200, help="number of document files")
    parser.add_argument("--size-mb", type=float, default=20.0, help="approximate total size")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    parser.add_argument(
        "--volume-mb", type=float, default=None, help="size of the FRUS-like volume (MB)"
    )
    parser.add_argument(
        "--long-mb",
        type=float,
        default=None,
        help="instead of the volume, one long document of this size (MB), no document divs",
    )
    args = parser.parse_args(argv)
    if args.docs < 1 or args.size_mb <= 0:
        parser.error("--docs must be ≥ 1 and --size-mb > 0")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; give a new folder")
    summary = generate(args.out, args.docs, args.size_mb, args.seed, args.volume_mb, args.long_mb)
    mb = summary.pop("bytes") / MB
    details = ", ".join(f"{v} {k}" for k, v in summary.items())
    print(f"wrote {args.out}: {mb:.1f} MB, {details}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
