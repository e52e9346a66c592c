"""A very large document is validated in bounded time and memory, in a child process.

By default the document is 20 MB (a few seconds of CPU); TEIPRESS_LARGE_MB=100 runs the
issue's 100 MB case (about a minute of CPU and 2-3 GB of memory; figures in
bench/validate_speed.py). The bounds are generous multiples of what was measured.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from validate_support import REPO

MB = 1024 * 1024


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "validate_speed", REPO / "bench/validate_speed.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_tei


@pytest.mark.slow
def test_large_document_in_bounded_time_and_memory(tmp_path: Path) -> None:
    size_mb = int(os.environ.get("TEIPRESS_LARGE_MB", "20"))
    path = tmp_path / "large.xml"
    path.write_bytes(_generator()(size_mb * MB))
    before = path.read_bytes()
    env = {**os.environ, "TEIPRESS_CACHE_DIR": str(tmp_path / "cache")}
    code = "import sys; from teipress.cli import main; sys.exit(main())"
    with (tmp_path / "out.txt").open("w+b") as out:
        child = subprocess.Popen(
            [sys.executable, "-c", code, "validate", str(path)], stdout=out, stderr=out, env=env
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, tell Popen
        out.seek(0)
        text = out.read().decode()
    assert child.returncode == 0, text
    assert text.strip().endswith("1 file checked: valid")
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = usage.ru_maxrss / 1024
    assert cpu < 10 + 3 * size_mb, f"{cpu:.1f} s of CPU for {size_mb} MB"
    assert peak_mb < 150 + 40 * size_mb, f"{peak_mb:.0f} MB peak for {size_mb} MB"
    assert path.read_bytes() == before
