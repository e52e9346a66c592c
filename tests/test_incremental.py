"""Incremental builds: only what changed is rebuilt, and the result equals a clean build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_support import generate_corpus
from teipress import executors
from teipress.build import BuildOptions, BuildReport, build
from teipress.cli import main
from teipress.config import default_data_dir, load_config
from teipress.state import CACHE_DIR, STATE_NAME


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small edition of realistic shape: letters, reports, a FRUS-like volume, registers."""
    out = tmp_path_factory.mktemp("generated") / "edition"
    generate_corpus(out, "--docs", "6", "--size-mb", "0.4", "--seed", "3")
    # Own copies of the stylesheets and schema: the edition's inputs stay fixed even while
    # the repository's own change (a change there would rightly mean a full rebuild).
    shutil.copytree(default_data_dir("xslt"), out / "xslt")
    shutil.copytree(default_data_dir("schema"), out / "schema")
    with (out / "teipress.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            '\n[validate]\nschema = "schema/teipress.rng"\nschematron = "schema/teipress.sch"\n'
            '\n[build]\nxslt = "xslt"\n'
        )
    return out


@pytest.fixture
def edition(generated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "edition"
    shutil.copytree(generated, copy)
    return copy


def run(edition: Path, out: str = "site", **options: object) -> BuildReport:
    report = build(load_config(edition), BuildOptions(out=edition / out, **options))
    assert report.written, [d.format() for d in report.errors]
    return report


def files(site: Path) -> dict[str, bytes]:
    """Every output's bytes, the build cache left out."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and CACHE_DIR not in p.parts
    }


def inodes(site: Path) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): p.stat().st_ino
        for p in site.rglob("*")
        if p.is_file() and CACHE_DIR not in p.parts
    }


def assert_same_as_clean(edition: Path) -> None:
    """The incremental site has exactly the bytes of a build from scratch."""
    run(edition, out="clean", full=True)
    incremental, clean = files(edition / "site"), files(edition / "clean")
    assert sorted(incremental) == sorted(clean)
    differ = [rel for rel in clean if incremental[rel] != clean[rel]]
    assert differ == []


def rebuilt(report: BuildReport) -> set[str]:
    return {line.split(": ", 1)[0] for line in report.rebuilt}


def edit_paragraph(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<p>", "<p>Meanwhile, ", 1), encoding="utf-8")


def test_second_build_is_a_no_op_that_keeps_the_site(edition: Path) -> None:
    first = run(edition)
    before = inodes(edition / "site")
    again = run(edition)
    assert again.up_to_date and not first.up_to_date
    assert (again.documents, again.pages) == (first.documents, first.pages)
    assert inodes(edition / "site") == before, "a no-op build rewrites nothing"


def test_a_no_op_build_repeats_the_warnings_of_the_build_before(edition: Path) -> None:
    persons = edition / "tei" / "registers" / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    unused = '<person xml:id="nobody-at-all"><persName>Nobody At All</persName></person>'
    persons.write_text(text.replace("</listPerson>", unused + "</listPerson>", 1), "utf-8")
    first = run(edition)
    again = run(edition)
    assert again.up_to_date
    said = [d.format() for d in first.warnings if d.code != "build-state"]
    assert any("nobody-at-all" in line for line in said)
    assert [d.format() for d in again.warnings] == said


def test_touching_a_file_without_changing_it_rebuilds_nothing(edition: Path) -> None:
    run(edition)
    doc = edition / "tei" / "documents" / "doc-00001.xml"
    doc.write_bytes(doc.read_bytes())
    assert run(edition).up_to_date


def test_changed_document_rebuilds_its_pages_and_the_indexes_it_feeds(edition: Path) -> None:
    run(edition)
    before = inodes(edition / "site")
    edit_paragraph(edition / "tei" / "documents" / "doc-00002.xml")
    report = run(edition)
    changed = rebuilt(report)
    assert {"documents/doc-00002.html", "text/doc-00002.txt"} <= changed
    assert "tei/documents/doc-00002.xml" in changed
    assert not any(r.startswith(("documents/doc-00001", "text/doc-00001")) for r in changed)
    assert any("doc-00002.xml changed" in line for line in report.rebuilt)
    after = inodes(edition / "site")
    always = ("data/", "assets/", ".teipress-site")  # cheap outputs, written every build
    kept = [r for r in before if r not in changed and not r.startswith(always)]
    assert kept and [r for r in kept if after[r] != before[r]] == [], "carried over, not rewritten"
    assert report.carried >= len(kept) - 5
    assert_same_as_clean(edition)


def test_a_new_id_nobody_links_to_rebuilds_only_its_document(edition: Path) -> None:
    """Pages depend on the link targets refs and ptrs name, not on every xml:id: giving
    a paragraph an id rebuilds that document's outputs, not the site."""
    run(edition)
    doc = edition / "tei" / "documents" / "doc-00002.xml"
    head, body = doc.read_text(encoding="utf-8").split("<body>", 1)
    body = body.replace("<p>", '<p xml:id="p-new-target">', 1)
    doc.write_text(f"{head}<body>{body}", encoding="utf-8")
    changed = {r for r in rebuilt(run(edition)) if r.startswith(("documents/", "text/"))}
    assert changed == {"documents/doc-00002.html", "text/doc-00002.txt"}
    assert_same_as_clean(edition)


def test_changed_words_rebuild_only_the_index_pages_that_show_them(edition: Path) -> None:
    """Index pages depend on the slice of the edition index they show: a word added to a
    paragraph changes the context lines of its mentions, not the chronology or the
    citation index (so those big pages are not rendered again)."""
    run(edition)
    path = edition / "tei" / "documents" / "doc-00002.xml"
    text = path.read_text(encoding="utf-8")
    body = text.index("<body>")
    start = text.index("<p>", text.index("</p>", body))  # the body's second paragraph
    person = re.search(r'<persName ref="persons\.xml#([^"]+)"', text[start:]).group(1)
    path.write_text(text[:start] + "<p>Anyway " + text[start + 3 :], encoding="utf-8")
    changed = rebuilt(run(edition))
    assert {"documents/doc-00002.html", f"persons/{person}.html"} <= changed
    assert not {"chronology.html", "citations.html", "index.html"} & changed
    assert_same_as_clean(edition)


def test_removed_document_removes_its_pages(edition: Path) -> None:
    run(edition)
    (edition / "tei" / "documents" / "doc-00003.xml").unlink()
    run(edition)
    site = edition / "site"
    assert not (site / "documents" / "doc-00003.html").exists()
    assert not (site / "text" / "doc-00003.txt").exists()
    assert not (site / "tei" / "documents" / "doc-00003.xml").exists()
    assert_same_as_clean(edition)


def _mentioned_person(edition: Path) -> tuple[str, set[str]]:
    """A person mentioned by some but not all document files, and those files' stems."""
    docs = sorted((edition / "tei" / "documents").glob("*.xml"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in docs}
    persons = (edition / "tei" / "registers" / "persons.xml").read_text(encoding="utf-8")
    for pid in re.findall(r'<person xml:id="([^"]+)"', persons):
        users = {stem for stem, t in texts.items() if f'persons.xml#{pid}"' in t}
        if 0 < len(users) < len(texts) - 1 and "volume" not in users:
            return pid, users
    raise AssertionError("no suitable person in the generated edition")


def test_renamed_register_entry_rebuilds_the_pages_that_mention_it(edition: Path) -> None:
    run(edition)
    pid, users = _mentioned_person(edition)
    path = edition / "tei" / "registers" / "persons.xml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'<person xml:id="{pid}">')
    entry = text[start : text.index("</person>", start)]
    renamed = entry.replace("<surname>", "<surname>Renamed", 1)
    path.write_text(text.replace(entry, renamed), encoding="utf-8")
    report = run(edition)
    pages = {r for r in rebuilt(report) if r.startswith("documents/")}
    assert pages == {f"documents/{stem}.html" for stem in users}
    assert f"persons/{pid}.html" in rebuilt(report)
    assert_same_as_clean(edition)


def test_changed_description_rebuilds_the_entry_page_not_the_documents(edition: Path) -> None:
    run(edition)
    pid, _ = _mentioned_person(edition)
    path = edition / "tei" / "registers" / "persons.xml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'<person xml:id="{pid}">')
    at = text.index('<note type="description">', start) + len('<note type="description">')
    path.write_text(text[:at] + "Revised. " + text[at:], encoding="utf-8")
    changed = rebuilt(run(edition))
    assert f"persons/{pid}.html" in changed
    assert not any(r.startswith(("documents/", "text/")) for r in changed)
    assert_same_as_clean(edition)


def test_config_change_rebuilds_everything(edition: Path) -> None:
    run(edition)
    toml = edition / "teipress.toml"
    toml.write_text(toml.read_text().replace("Synthetic edition", "Renamed edition"))
    report = run(edition)
    assert report.rebuilt and "teipress.toml changed" in report.rebuilt[0]
    assert report.carried == 0
    assert_same_as_clean(edition)


def test_stylesheet_change_rebuilds_everything(edition: Path) -> None:
    run(edition)
    main_xsl = edition / "xslt" / "html" / "main.xsl"
    main_xsl.write_text(main_xsl.read_text() + "<!-- changed -->\n")
    report = run(edition)
    assert "stylesheets changed" in report.rebuilt[0] and report.carried == 0


def test_full_rebuild_asked_for_is_no_warning(edition: Path) -> None:
    run(edition)
    report = run(edition, full=True)
    assert not [w for w in report.warnings if w.code == "build-state"]
    assert len(report.rebuilt) == 1 and report.rebuilt[0].endswith(" outputs: --full given")


def test_corrupt_state_means_a_warning_and_a_full_rebuild(edition: Path) -> None:
    run(edition)
    (edition / "site" / CACHE_DIR / STATE_NAME).write_text('{"version": 1, "files": [')
    report = run(edition)
    assert any(d.code == "build-state" and "rebuilding everything" in d.message
               for d in report.warnings)  # fmt: skip
    assert report.carried == 0 and not report.up_to_date
    assert_same_as_clean(edition)


def test_verbose_cli_says_why_each_output_was_rebuilt(edition: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--project", str(edition), "-j", "1"])
    assert first.exit_code == 0, first.output
    edit_paragraph(edition / "tei" / "documents" / "doc-00001.xml")
    second = runner.invoke(main, ["build", "--project", str(edition), "-j", "1", "-v"])
    assert second.exit_code == 0, second.output
    assert "rebuilt documents/doc-00001.html: tei/documents/doc-00001.xml changed" in (
        second.output
    )
    third = runner.invoke(main, ["build", "--project", str(edition), "-j", "1"])
    assert "up to date" in third.output


@pytest.mark.parametrize("fresh_workers", [False, True], ids=["forked", "forkserver"])
def test_output_is_byte_identical_whatever_the_number_of_jobs(
    edition: Path, monkeypatch: pytest.MonkeyPatch, fresh_workers: bool
) -> None:
    if fresh_workers:  # render workers as a large edition gets them: not forked from here
        monkeypatch.setattr(executors, "FRESH_ABOVE_BYTES", 0)
    run(edition, out="one", jobs=1, full=True)
    run(edition, out="two", jobs=2, full=True)
    assert files(edition / "one") == files(edition / "two")


def test_output_is_byte_identical_on_a_dask_cluster(edition: Path) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="distributed is not installed (pip install 'teipress[dask]')"
    )
    run(edition, out="local", jobs=1, full=True)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        report = run(
            edition, out="dask", executor="dask", scheduler=cluster.scheduler_address, full=True
        )
    assert report.documents > 0
    assert files(edition / "local") == files(edition / "dask")
