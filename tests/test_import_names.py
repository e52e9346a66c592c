"""Register-driven name tagging: variants, diacritics, possessives, surnames, unknown names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_support import REGISTERS
from teipress.importer.names import NameTagger
from teipress.importer.registers import Registers, load_registers


@pytest.fixture
def tagger() -> NameTagger:
    return NameTagger(load_registers(REGISTERS))


def _tags(tagger: NameTagger, text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.attrib["ref"]) for s in tagger(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Antonín Dvořák came.", [("Antonín Dvořák", "persons.xml#dvorak")]),
        ("Antonin Dvorak came.", [("Antonin Dvorak", "persons.xml#dvorak")]),  # no diacritics
        ("Then Dvořák's report.", [("Dvořák", "persons.xml#dvorak")]),  # possessive outside
        ("Jan Lukasiewicz wrote", [("Jan Lukasiewicz", "persons.xml#lukasiewicz")]),
        (
            "in Lisboa and Lisbon.",
            [("Lisboa", "places.xml#lisbon"), ("Lisbon", "places.xml#lisbon")],
        ),
        ("signed A. Coelho.", [("A. Coelho", "persons.xml#coelho")]),
        (
            "the LoN and the League of Nations",
            [
                ("LoN", "organisations.xml#league"),
                ("League of Nations", "organisations.xml#league"),
            ],
        ),
        ("to senhor COELHO", [("COELHO", "persons.xml#coelho")]),  # capitals
        ("an anti-Coelho campaign", [("Coelho", "persons.xml#coelho")]),
        ("ottawa is lowercase here", []),
    ],
)
def test_register_forms(tagger: NameTagger, text: str, expected: list) -> None:
    assert _tags(tagger, text) == expected


def test_person_nested_in_an_organisation(tagger: NameTagger) -> None:
    spans = tagger("The Coelho ministry fell.")
    assert [(s.tag, s.attrib["ref"]) for s in spans] == [
        ("orgName", "organisations.xml#coelho-ministry")
    ]
    assert [(c.tag, c.attrib["ref"]) for c in spans[0].children] == [
        ("persName", "persons.xml#coelho")
    ]


def test_lowercase_form_recorded_in_the_register(tagger: NameTagger) -> None:
    assert _tags(tagger, "we asked our board") == [("our board", "organisations.xml#harbour-board")]


def test_shared_surname_follows_the_last_full_mention(tagger: NameTagger) -> None:
    assert _tags(tagger, "Greta Nyström arrived. Later Nyström left.")[-1] == (
        "Nyström", "persons.xml#nystrom-greta")  # fmt: skip
    assert _tags(tagger, "Harald Nyström spoke; Nyström again.")[-1] == (
        "Nyström", "persons.xml#nystrom-harald")  # fmt: skip


def test_unambiguous_surname_alone(tagger: NameTagger) -> None:
    assert _tags(tagger, "As Łukasiewicz said.") == [("Łukasiewicz", "persons.xml#lukasiewicz")]


def test_unknown_capitalised_names_are_listed_not_tagged(tagger: NameTagger) -> None:
    assert tagger("The envoy Quentin Marlowe met Ana Coelho in Ottawa.")
    assert "Quentin Marlowe" in tagger.unknown
    assert "The" not in tagger.unknown and "Ana Coelho" not in tagger.unknown


def test_without_registers_nothing_is_tagged() -> None:
    assert NameTagger(Registers())("Antonín Dvořák in Lisbon") == []
