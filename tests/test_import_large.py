"""A large source imports in bounded memory (figures for 50 MB: bench/import_large.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import import_large  # noqa: E402


@pytest.mark.slow
def test_five_megabytes_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "large.txt"
    import_large.generate(source, 5)
    output = tmp_path / "large.xml"
    _seconds, peak_mb = import_large.measure(import_large.IMPORT, source, output)
    # The text is held once, its blocks once, and one paragraph's elements at a time:
    # far below what a whole lxml tree of the document would take.
    assert peak_mb < 150, f"peak RSS {peak_mb:.0f} MB for a 5 MB source"
    tail = output.read_bytes()[-40:]
    assert tail.endswith(b"</body>\n</text>\n</TEI>\n")
    assert (
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from lxml import etree; etree.parse(sys.argv[1])",
                str(output),
            ],
            check=False,
        ).returncode
        == 0
    )
