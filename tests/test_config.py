"""teipress.toml: found upwards, defaults filled in, typos caught with a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from teipress.config import document_files, load_config
from teipress.errors import UsageError

REPO = Path(__file__).resolve().parents[1]


def test_repository_config_describes_the_sample_edition() -> None:
    config = load_config(REPO)
    assert config.documents == REPO / "tei" / "documents"
    assert config.schema.name == "teipress.rng"
    assert config.xslt == REPO / "xslt"


def test_nearest_config_upwards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "teipress.toml").write_text('[edition]\ntitle = "Letters"\n')
    nested = tmp_path / "tei" / "documents"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    config = load_config()
    assert (config.root, config.title) == (tmp_path.resolve(), "Letters")
    assert config.schematron is not None and config.schematron.name == "teipress.sch"


def test_typo_in_key_suggests_the_right_one(tmp_path: Path) -> None:
    (tmp_path / "teipress.toml").write_text('[edition]\ntitle = "X"\ndocumnets = "docs"\n')
    with pytest.raises(UsageError) as err:
        load_config(tmp_path)
    assert "unknown key 'edition.documnets'" in str(err.value)
    assert "did you mean 'edition.documents'" in str(err.value)
    assert err.value.diagnostic.line == 3


def test_broken_toml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "teipress.toml").write_text("[edition\n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_config(tmp_path)


def test_broken_toml_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "teipress.toml").write_text('[edition]\ntitle = "x"\n[build]\n[build]\n')
    with pytest.raises(UsageError) as err:
        load_config(tmp_path)
    assert err.value.diagnostic.line == 4 and err.value.diagnostic.col > 0
    assert str(err.value).startswith(f"{tmp_path / 'teipress.toml'}:4:")
    assert "(at line" not in str(err.value)  # said once, where diagnostics say it


def test_documents_exclude_registers_nested_inside(tmp_path: Path) -> None:
    (tmp_path / "teipress.toml").write_text('[edition]\ndocuments = "tei"\nregisters = "tei/reg"\n')
    (tmp_path / "tei" / "reg").mkdir(parents=True)
    (tmp_path / "tei" / "a.xml").write_text("<a/>")
    (tmp_path / "tei" / "reg" / "persons.xml").write_text("<b/>")
    assert [p.name for p in document_files(load_config(tmp_path))] == ["a.xml"]


@pytest.mark.parametrize("key", ["window_elements", "split_index_items"])
@pytest.mark.parametrize("value", ["-1", "true", '"16000"', "1.5"])
def test_counts_must_be_whole_numbers(tmp_path: Path, key: str, value: str) -> None:
    """[build] window_elements and split_index_items: a whole number from 0, or a
    one-line error at the key's line."""
    (tmp_path / "teipress.toml").write_text(f"[build]\n{key} = {value}\n")
    with pytest.raises(UsageError, match=rf"teipress.toml:2:1: .*'{key}' must be a whole"):
        load_config(tmp_path)
