"""teipress.toml -> a frozen Config: where an edition's files live and how to build it."""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError, diagnostic_error

CONFIG_NAME = "teipress.toml"

# Every key teipress understands, per table, with what it means (shown in README).
KNOWN_KEYS: dict[str, dict[str, str]] = {
    "edition": {
        "title": "the edition's title, shown on the start page",
        "documents": "folder of the edition's documents (default: tei/documents)",
        "registers": "folder of the registers (default: tei/registers)",
        "output": "output folder of `teipress build` (default: site)",
    },
    "validate": {
        "schema": "RELAX NG schema (.rng or .rnc); default: teipress's own TEI customisation",
        "schematron": 'ISO Schematron rules (.sch); default: teipress\'s own rules; "" for none',
        "huge_tree": "allow very large text nodes and deep trees (default: false)",
    },
    "build": {
        "xslt": "folder holding html/main.xsl and text/main.xsl (default: teipress's own)",
        "stylesheet_html": "the edition's own HTML stylesheet, importing the defaults",
        "stylesheet_text": "the edition's own text stylesheet, importing the defaults",
        "key_prefix": "prefix that turns @key values into register ids (default: none)",
        "window_elements": "a page whose text holds many times this many elements is rendered"
        " in windows of about this many, to bound memory (default: 16000; 0: always whole)",
        "split_index_items": "a chronology or citation index with more than this many events"
        " or citations is split into pages, by year or by archive (default: 5000; 0: never)",
    },
}


@dataclass(frozen=True)
class Config:
    """Everything a command needs to know about one edition; paths are absolute."""

    root: Path
    title: str
    documents: Path
    registers: Path
    output: Path
    schema: Path
    schematron: Path | None
    xslt: Path
    stylesheet_html: Path | None
    stylesheet_text: Path | None
    key_prefix: str
    huge_tree: bool
    fingerprint: str
    window_elements: int = 16_000
    split_index_items: int = 5_000


def default_data_dir(name: str) -> Path:
    """A folder teipress ships: inside the wheel (teipress/data/...), else in the source tree.

    Editable installs do not see the wheel's force-included folders, so a source
    checkout falls back to the repository's own `xslt/` and `tei/schema/`.
    """
    packaged = Path(__file__).resolve().parent / "data" / name
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2]
    return repo / ("tei/schema" if name == "schema" else name)


def find_project(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` holding a teipress.toml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def _check_keys(data: dict, path: Path) -> None:
    """Reject unknown tables and keys, naming the closest valid spelling."""
    for table, values in data.items():
        if table not in KNOWN_KEYS:
            raise _unknown(path, table, list(KNOWN_KEYS), "table")
        if not isinstance(values, dict):
            raise diagnostic_error(UsageError, path, f"[{table}] must be a table", "config-type")
        for key in values:
            if key not in KNOWN_KEYS[table]:
                raise _unknown(
                    path, f"{table}.{key}", [f"{table}.{k}" for k in KNOWN_KEYS[table]], "key"
                )


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_place(message: str) -> tuple[str, int, int]:
    """tomllib's message without its "(at line L, column C)", and L and C (0 when absent):
    the place goes where every diagnostic has it, file:line:col."""
    found = _TOML_PLACE.search(message)
    if found is None:
        return message, 0, 0
    return message[: found.start()], int(found.group(1)), int(found.group(2))


def _unknown(path: Path, name: str, valid: list[str], what: str) -> UsageError:
    close = difflib.get_close_matches(name, valid, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; valid: {', '.join(sorted(valid))}"
    line = _line_of(path, name.rsplit(".", 1)[-1])
    return diagnostic_error(
        UsageError, path, f"unknown {what} '{name}'{hint}", "config-key", line, 1
    )


def _line_of(path: Path, word: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.strip().lstrip("[").startswith(word):
            return number
    return 0


def _path(root: Path, value: object, key: str, toml: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise diagnostic_error(
            UsageError, toml, f"'{key}' must be a non-empty path string", "config-type"
        )
    return (root / value).resolve()


def _count(table: dict, key: str, toml: Path, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise diagnostic_error(
            UsageError, toml, f"'{key}' must be a whole number, 0 or more", "config-type",
            _line_of(toml, key), 1,
        )  # fmt: skip
    return value


def _optional(root: Path, table: dict, key: str, toml: Path, default: Path | None) -> Path | None:
    if key not in table:
        return default
    value = table[key]
    return None if value == "" else _path(root, value, key, toml)


def load_config(project_dir: Path | None = None) -> Config:
    """Load the edition's teipress.toml (the nearest one upwards when no folder is given)."""
    root = Path(project_dir).resolve() if project_dir else find_project()
    if root is None:
        raise UsageError(
            f"no {CONFIG_NAME} found in {Path.cwd()} or above; run teipress inside "
            "an edition or pass --project DIR (see README: start your own edition)"
        )
    toml = root / CONFIG_NAME
    if not toml.is_file():
        raise UsageError(f"{toml}: not found; create it or pass another --project DIR")
    raw = toml.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        message, line, col = _toml_place(str(exc))
        raise diagnostic_error(
            UsageError, toml, f"not valid TOML: {message}", "config-syntax", line, col
        ) from exc
    _check_keys(data, toml)
    return _build_config(root, toml, data, hashlib.sha256(raw).hexdigest())


def _build_config(root: Path, toml: Path, data: dict, fingerprint: str) -> Config:
    edition, validate, build = (data.get(t, {}) for t in ("edition", "validate", "build"))
    schema_dir = default_data_dir("schema")
    return Config(
        root=root,
        title=str(edition.get("title", root.name)),
        documents=_path(root, edition.get("documents", "tei/documents"), "documents", toml),
        registers=_path(root, edition.get("registers", "tei/registers"), "registers", toml),
        output=_path(root, edition.get("output", "site"), "output", toml),
        schema=_optional(root, validate, "schema", toml, schema_dir / "teipress.rng"),
        schematron=_optional(root, validate, "schematron", toml, schema_dir / "teipress.sch"),
        xslt=_optional(root, build, "xslt", toml, default_data_dir("xslt")),
        stylesheet_html=_optional(root, build, "stylesheet_html", toml, None),
        stylesheet_text=_optional(root, build, "stylesheet_text", toml, None),
        key_prefix=str(build.get("key_prefix", "")),
        huge_tree=bool(validate.get("huge_tree", False)),
        fingerprint=fingerprint,
        window_elements=_count(build, "window_elements", toml, 16_000),
        split_index_items=_count(build, "split_index_items", toml, 5_000),
    )


def _xml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.xml") if p.is_file())


def document_files(config: Config) -> list[Path]:
    """The edition's documents, sorted, registers excluded even when nested inside."""
    registers = set(_xml_files(config.registers))
    return [p for p in _xml_files(config.documents) if p not in registers]


def register_files(config: Config) -> list[Path]:
    """The edition's register files, sorted."""
    return _xml_files(config.registers)


def edition_files(config: Config) -> list[Path]:
    """Documents then registers: every XML file that makes up the edition."""
    return document_files(config) + register_files(config)
