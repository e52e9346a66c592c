"""The atomic writer: paths stay inside the site, failures and kills keep the old site."""

from __future__ import annotations

from pathlib import Path

import pytest

from teipress.errors import UsageError
from teipress.writer import MARKER, SiteWriter, check_output, recover


def _site(out: Path, files: dict[str, bytes]) -> None:
    with SiteWriter(out) as writer:
        for rel, data in files.items():
            writer.write_bytes(rel, data)
        writer.commit()


@pytest.mark.parametrize(
    "rel", ["../x.html", "a/../../x", "/etc/passwd", "a\\..\\b", "C:x", "", "a/./b/.."]
)
def test_paths_that_leave_the_site_are_refused(tmp_path: Path, rel: str) -> None:
    with SiteWriter(tmp_path / "site") as writer, pytest.raises(UsageError):
        writer.write_bytes(rel, b"x")
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("link", ["folder", "file"])
def test_links_inside_the_temp_folder_cannot_lead_out(tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    with SiteWriter(tmp_path / "site") as writer:
        writer.write_bytes("pages/a.html", b"a")  # the folder is checked and remembered
        if link == "folder":
            (writer.temp / "evil").symlink_to(outside, target_is_directory=True)
            rel = "evil/x.html"
        else:
            (writer.temp / "pages" / "x.html").symlink_to(outside / "x.html")
            rel = "pages/x.html"
        with pytest.raises(UsageError):
            writer.write_bytes(rel, b"x")
    assert not (outside / "x.html").exists()


def test_commit_swaps_in_the_new_site_and_removes_the_old(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _site(out, {"index.html": b"one", "old.html": b"gone soon"})
    _site(out, {"index.html": b"two"})
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old.html").exists()
    assert (out / MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temp or backup left


def test_failure_mid_write_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _site(out, {"index.html": b"good", "a/b.html": b"good too"})
    with pytest.raises(RuntimeError), SiteWriter(out) as writer:
        writer.write_bytes("index.html", b"half")
        raise RuntimeError("killed while writing")
    assert (out / "index.html").read_bytes() == b"good"
    assert (out / "a" / "b.html").read_bytes() == b"good too"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_kill_between_the_two_renames_is_repaired(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _site(out, {"index.html": b"good"})
    out.rename(tmp_path / ".site.old-999")  # the state a kill after the first rename leaves
    recover(out)
    assert (out / "index.html").read_bytes() == b"good"


def test_same_path_twice_is_an_error_even_differing_in_case(tmp_path: Path) -> None:
    with SiteWriter(tmp_path / "site") as writer:
        writer.write_bytes("persons/Tito.html", b"1")
        with pytest.raises(UsageError, match="two outputs"):
            writer.write_bytes("persons/tito.html", b"2")


def test_foreign_or_overlapping_output_folders_are_refused(tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work")
    with pytest.raises(UsageError, match="not made by teipress"):
        check_output(mine, [])
    with pytest.raises(UsageError, match="overlaps"):
        check_output(tmp_path, [tmp_path / "tei"])
    with pytest.raises(UsageError, match="overlaps"):
        check_output(tmp_path / "tei" / "site", [tmp_path / "tei"])
    check_output(tmp_path / "site", [tmp_path / "tei"])  # a fresh folder is fine


def test_clean_removes_temp_folders_of_interrupted_builds(tmp_path: Path) -> None:
    stale = tmp_path / ".site.tmp-12345"
    stale.mkdir()
    _site(tmp_path / "site", {"index.html": b"x"})
    assert stale.exists()
    with SiteWriter(tmp_path / "site", clean=True) as writer:
        writer.commit()
    assert not stale.exists()
