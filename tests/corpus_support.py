"""Small editions from bench/make_corpus.py, for tests of builds of realistic shape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "make_corpus.py"


def generate_corpus(out: Path, *args: str) -> Path:
    """Run the generator with `args` (--docs, --size-mb, --seed...) into `out`."""
    subprocess.run(
        [sys.executable, str(GENERATOR), *args, str(out)], check=True, capture_output=True
    )
    return out
