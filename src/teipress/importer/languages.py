"""English names of languages -> BCP 47 codes, for "Original Language:" and translation lines."""

from __future__ import annotations

CODES = {
    "albanian": "sq",
    "arabic": "ar",
    "armenian": "hy",
    "bulgarian": "bg",
    "chinese": "zh",
    "croatian": "hr",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "estonian": "et",
    "finnish": "fi",
    "french": "fr",
    "georgian": "ka",
    "german": "de",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "italian": "it",
    "japanese": "ja",
    "korean": "ko",
    "latin": "la",
    "latvian": "lv",
    "lithuanian": "lt",
    "macedonian": "mk",
    "mongolian": "mn",
    "norwegian": "no",
    "persian": "fa",
    "polish": "pl",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "serbian": "sr",
    "serbo-croatian": "sh",
    "slovak": "sk",
    "slovenian": "sl",
    "spanish": "es",
    "swedish": "sv",
    "turkish": "tr",
    "ukrainian": "uk",
    "vietnamese": "vi",
    "yiddish": "yi",
}


def code(name: str) -> str | None:
    """The code of a language named in English, or None when unknown."""
    return CODES.get(name.strip().strip("*").strip().lower())


#: Languages not written in Latin script: their words in a Latin-script text are transliterations.
NON_LATIN = frozenset(
    [
        "ar",
        "be",
        "bg",
        "el",
        "fa",
        "he",
        "hi",
        "hy",
        "ja",
        "ka",
        "ko",
        "mk",
        "mn",
        "ru",
        "sr",
        "uk",
        "yi",
        "zh",
    ]
)


def transliteration(code_: str | None) -> str | None:
    """The tag for a language's words quoted in Latin letters: ru -> ru-Latn, pt -> pt."""
    if code_ is None:
        return None
    return f"{code_}-Latn" if code_ in NON_LATIN else code_
