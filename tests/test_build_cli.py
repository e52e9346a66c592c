"""`teipress build` from the command line: summary, exit codes, failures keep the old site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from teipress import xslt
from teipress.build import BuildOptions, build
from teipress.builders import data as data_builder
from teipress.cli import main
from teipress.config import load_config
from teipress.errors import ContentError

EDITIONS = Path(__file__).parent / "data" / "editions"
REPO = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(
    r"^\d+ documents, \d+ pages, \d+ citations, \d+ warnings, \d+\.\d\ds$", re.MULTILINE
)


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    project = tmp_path / "letters"
    shutil.copytree(EDITIONS / "letters", project)
    return project


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stdout, result.stderr


def test_build_prints_one_summary_line_and_exits_0(letters: Path) -> None:
    code, out, _ = run("--project", str(letters))
    assert code == 0, out
    assert SUMMARY.search(out) and out.startswith("2 documents, 12 pages, 5 citations")
    assert (letters / "site" / "documents" / "letter-a.html").is_file()


def test_malformed_document_fails_with_exit_1_and_writes_nothing(letters: Path) -> None:
    assert run("--project", str(letters))[0] == 0
    before = (letters / "site" / "index.html").read_bytes()
    bad = letters / "tei" / "documents" / "broken.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text><p>unclosed</text></TEI>')
    code, _, err = run("--project", str(letters))
    assert code == 1
    assert re.search(r"broken\.xml:2:\d+: error: .*\[xml-syntax\]", err), err
    assert "nothing written" in err
    assert (letters / "site" / "index.html").read_bytes() == before


def test_keep_going_publishes_the_readable_documents(letters: Path) -> None:
    (letters / "tei" / "documents" / "broken.xml").write_text("<TEI>")
    code, out, err = run("--project", str(letters), "--keep-going")
    assert code == 0, err
    assert "broken.xml" in err and SUMMARY.search(out)
    assert not (letters / "site" / "documents" / "broken.html").exists()


def test_exception_mid_write_leaves_the_previous_site(
    letters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(letters)
    build(config, BuildOptions())
    snapshot = {p: p.read_bytes() for p in (letters / "site").rglob("*") if p.is_file()}

    def crash(index: object) -> str:
        raise RuntimeError("simulated kill after the pages were written")

    monkeypatch.setattr(data_builder, "citations_json_lines", crash)
    with pytest.raises(RuntimeError):
        build(config, BuildOptions(full=True))
    now = {p: p.read_bytes() for p in (letters / "site").rglob("*") if p.is_file()}
    assert now == snapshot
    assert sorted(p.name for p in letters.iterdir() if p.name.startswith(".site")) == []


def test_render_error_is_exit_1_and_keeps_the_site(
    letters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--project", str(letters))[0] == 0
    before = (letters / "site" / "documents" / "letter-a.html").read_bytes()

    def fail(*args: object, **kwargs: object) -> bytes:
        raise ContentError("letter-a.xml:1:1: error: the stylesheet failed [xslt-apply]")

    monkeypatch.setattr(xslt, "render_document_html", fail)
    source = letters / "tei" / "documents" / "letter-a.xml"
    source.write_bytes(source.read_bytes() + b"<!-- edited: the page must be rendered again -->\n")
    code, _, err = run("--project", str(letters), "--jobs", "1", "--clean")
    assert code == 1 and "xslt-apply" in err and "Traceback" not in err
    assert (letters / "site" / "documents" / "letter-a.html").read_bytes() == before


def test_output_over_a_folder_teipress_did_not_make_is_exit_2(letters: Path) -> None:
    precious = letters / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_bytes(b"years of work")
    code, _, err = run("--project", str(letters), "--out", str(precious))
    assert code == 2 and "not made by teipress build" in err
    assert (precious / "chapter1.docx").read_bytes() == b"years of work"


def test_usage_errors_are_exit_2(tmp_path: Path) -> None:
    assert run("--project", str(tmp_path / "missing"))[0] == 2
    (tmp_path / "teipress.toml").write_text('[edition]\ntitle = "Empty"\n')
    code, _, err = run("--project", str(tmp_path))
    assert code == 2 and "no documents" in err


@pytest.mark.skipif(
    not (REPO / "tei" / "documents" / "letter-1956-11-08.xml").exists(),
    reason="the sample edition is not encoded yet",
)
def test_sample_edition_builds(tmp_path: Path) -> None:
    code, out, err = run("--project", str(REPO), "--out", str(tmp_path / "site"))
    assert code == 0, err
    assert SUMMARY.search(out)
    site = tmp_path / "site"
    for rel in ("documents/letter-1956-11-08.html", "documents/granville-1998.html",
                "text/granville-1998.txt", "data/citations.json", "citations.html"):  # fmt: skip
        assert (site / rel).is_file(), rel


KILLED_BUILD = """
import sys, time
from pathlib import Path
from teipress import writer
from teipress.build import BuildOptions, build
from teipress.config import load_config

real = writer.SiteWriter.write_bytes
def slow(self, rel, data):
    real(self, rel, data)
    time.sleep(0.05)  # long enough to be killed in the middle of writing
writer.SiteWriter.write_bytes = slow
build(load_config(Path(sys.argv[1])), BuildOptions(full=True, jobs=1))
"""


def test_a_killed_build_leaves_the_previous_site(letters: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    assert run("--project", str(letters))[0] == 0
    site = letters / "site"
    snapshot = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(letters)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        temps = list(letters.glob(".site.tmp-*"))
        if temps and any(temps[0].rglob("*.html")):
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    assert list(letters.glob(".site.tmp-*")), "killed before it started writing"
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == snapshot
    code, _, err = run("--project", str(letters), "--clean", "--full")
    assert code == 0, err
    assert not list(letters.glob(".site.tmp-*"))  # --clean removed the killed build's folder
