"""English date expressions -> when / from-to / notBefore-notAfter."""

from __future__ import annotations

import pytest

from teipress.importer.dates import DateTagger


def _dates(text: str, default: str | None = None) -> list[tuple[str, dict]]:
    tagger = DateTagger(default_year=default)
    return [(text[s.start : s.end], s.attrib) for s in tagger(text)]


@pytest.mark.parametrize(
    ("text", "surface", "attrib"),
    [
        ("on November 8, 1956 we", "November 8, 1956", {"when": "1956-11-08"}),
        ("8 November 1956, Brioni", "8 November 1956", {"when": "1956-11-08"}),
        ("in November 1956.", "November 1956", {"when": "1956-11"}),
        ("in the fall of 1952 it", "fall of 1952", {"notBefore": "1952-09", "notAfter": "1952-11"}),
        (
            "September-October, 1956",
            "September-October, 1956",
            {"from": "1956-09", "to": "1956-10"},
        ),
        ("In 1955-56 officials", "1955-56", {"from": "1955", "to": "1956"}),
        ("in May and June of 1955", "May and June of 1955", {"from": "1955-05", "to": "1955-06"}),
        (
            "in mid June 1956",
            "mid June 1956",
            {"notBefore": "1956-06-10", "notAfter": "1956-06-20"},
        ),
        ("the late 1940s", "late 1940s", {"notBefore": "1945", "notAfter": "1949"}),
        ("the 1950s", "1950s", {"notBefore": "1950", "notAfter": "1959"}),
        (
            "the summer and fall of 1996",
            "summer and fall of 1996",
            {"notBefore": "1996-06", "notAfter": "1996-11"},
        ),
        (
            "early months of 1956",
            "early months of 1956",
            {"notBefore": "1956-01", "notAfter": "1956-04"},
        ),
        ("February 24-5, 1956", "February 24-5, 1956", {"from": "1956-02-24", "to": "1956-02-25"}),
        ("ot 6 noyabrya 1956 g.", "6 noyabrya 1956", {"when": "1956-11-06"}),
        ("winter of 1941 froze", "winter of 1941", {"notBefore": "1941-12", "notAfter": "1942-02"}),
    ],
)
def test_forms(text: str, surface: str, attrib: dict) -> None:
    assert _dates(text) == [(surface, attrib)]


def test_missing_year_comes_from_the_same_text_then_the_document() -> None:
    assert _dates("On November 2, 1956 and November 2-3 too")[1] == (
        "November 2-3", {"from": "1956-11-02", "to": "1956-11-03", "cert": "medium"})  # fmt: skip
    assert _dates("the afternoon of 3 November of this year", default="1956") == [
        ("3 November of this year", {"when": "1956-11-03", "cert": "medium"})]  # fmt: skip
    assert _dates("On November 2 nothing", default=None) == []


def test_prescan_takes_the_most_named_year() -> None:
    tagger = DateTagger()
    tagger.prescan("May 1, 1920. June 2, 1921. July 3, 1921. In 1999 and 1999.")
    assert tagger.default_year == "1921"


def test_weekday_cross_check() -> None:
    tagger = DateTagger()
    ok = tagger("Saturday, 3 November 1956")
    bad = tagger("Sunday, 3 November 1956")
    assert ok[0].comment is None
    assert "Sunday does not match 1956-11-03 (a Saturday)" in bad[0].comment
    assert len(tagger.problems) == 1


@pytest.mark.parametrize("text", ["pp. 1945-50", "F 1956, D 12", "p. 1923", "No. 1956", "1956-os"])
def test_numbers_that_are_not_years(text: str) -> None:
    assert _dates(text) == []


def test_impossible_date_is_left_alone() -> None:
    assert _dates("February 30, 1957") == [("1957", {"when": "1957"})]
