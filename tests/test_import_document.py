"""Archival documents as digital archives publish them: fields, header, letter parts, brackets."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_support import DATA, TEI, find, import_string, run, words

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _telegram():
    return run(DATA / "telegram.txt")


def test_header_from_the_metadata_fields() -> None:
    root, imported = _telegram()
    assert imported.kind == "archival"
    header = root.find(f"{{{TEI}}}teiHeader")
    assert find(header, "string(.//tei:titleStmt/tei:title)").startswith(
        "Telegram of the Portuguese"
    )
    assert find(header, ".//tei:profileDesc/tei:creation/tei:date/@when") == ["1921-03-12"]
    assert find(header, ".//tei:abstract/tei:p/text()")[0].startswith("The legation reports")
    assert find(header, ".//tei:langUsage/tei:language/@ident") == ["en", "pt"]
    assert "Translated by Greta" in find(header, "string(.//tei:sourceDesc/tei:bibl)")


def test_one_msdesc_per_archival_location_of_the_citation() -> None:
    root, _ = _telegram()
    ms = find(root, "//tei:sourceDesc/tei:msDesc")
    assert len(ms) == 2
    first, second = (m.find(f"{{{TEI}}}msIdentifier") for m in ms)
    assert find(first, "tei:repository/@ref") == ["archives.xml#ant"]
    assert [(i.get("type"), i.text) for i in first.iter(f"{{{TEI}}}idno")] == [
        ("fond", "12"), ("opis", "3"), ("delo", "45")]  # fmt: skip
    assert find(ms[0], ".//tei:locus/@from") == ["7"] and find(ms[0], ".//tei:locus/@to") == ["9"]
    assert find(second, "tei:repository/@ref") == ["archives.xml#lac"]  # a former name, PAC
    assert [i.get("type") for i in second.iter(f"{{{TEI}}}idno")] == [
        "fond",
        "perechen",
        "dokument",
    ]


def test_letter_parts() -> None:
    root, _ = _telegram()
    letter = find(root, "//tei:div[@type='letter']")[0]
    assert letter.get(XML_LANG) == "en"
    assert find(letter, "string(tei:head)").startswith("Telegram of the Portuguese")
    assert find(letter, "tei:opener/tei:dateline/tei:date/@when") == ["1921-03-12"]
    assert len(find(letter, "tei:opener/tei:salute")) == 2
    assert find(letter, "tei:opener/tei:salute[1]/tei:lb")
    assert find(letter, "tei:closer/tei:salute/text()") == ["With respectful greetings"]
    assert find(letter, "tei:closer/tei:signed/tei:persName/@ref") == ["persons.xml#coelho"]
    paragraphs = find(letter, "tei:p")
    assert len(paragraphs) == 2 and find(paragraphs[0], "tei:pb")


def test_brackets_supplied_or_foreign() -> None:
    root, imported = _telegram()
    assert find(root, "//tei:supplied[@reason='editorial']/text()") == ["we"]
    foreign = find(root, "//tei:foreign")
    assert [f.text for f in foreign] == ["pesadas"]
    assert foreign[0].get(XML_LANG) == "pt"  # Latin-script language: no -Latn
    assert any("pesadas" in d for d in imported.report.decisions)
    para = find(root, "//tei:div[@type='letter']/tei:p")[0]
    assert "[we]" in "".join(para.itertext())  # the brackets stay as characters


def test_transliteration_of_a_cyrillic_original(tmp_path: Path) -> None:
    text = (
        "Citation:\n\nA note, 1950.\n\nOriginal Language:\n\nRussian\n\nContents:\n\n"
        "Translation - English\n\nThe minister spoke of [trudnosti] and of [the] plan in full.\n"
    )
    root = import_string(tmp_path, text)
    assert find(root, "//tei:foreign/@xml:lang") == ["ru-Latn"]


def test_weekday_matching_the_date_is_silent_and_a_wrong_one_is_flagged(tmp_path: Path) -> None:
    root, imported = _telegram()
    assert find(root, "//tei:date[@when='1921-03-11']")
    assert not any("does not match" in d for d in imported.report.decisions)
    wrong = import_string(tmp_path, "The meeting was on Monday, 11 March 1921.\n")
    comments = [c.text for c in wrong.iter(tag=__import__("lxml.etree").etree.Comment)]
    assert any("Monday does not match 1921-03-11" in c for c in comments)


def test_every_source_word_in_reading_order() -> None:
    root, _ = _telegram()
    source = (DATA / "telegram.txt").read_text(encoding="utf-8")
    assert words(root.find(f"{{{TEI}}}text")) == __import__("re").findall(r"\w+", source)
