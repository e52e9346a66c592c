"""Regenerate teipress.rng from teipress.rnc: `python -m teipress.validate.compile_schema`.

The .rnc is the readable source; the .rng is what ships and what lxml compiles.
`--check` exits 1 when the .rng is out of date (a test runs it), so the two never drift.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import default_data_dir
from ..errors import TeipressError
from .grammar import rnc_to_rng

HEADER = (
    b"<!-- Generated from teipress.rnc by `python -m teipress.validate.compile_schema`;"
    b" edit the .rnc, not this file. -->\n"
)


def generated_rng(rnc: Path) -> bytes:
    """The .rng text for an .rnc source, with a do-not-edit header."""
    rng = rnc_to_rng(rnc)
    if rng.startswith(b"<?xml"):
        decl, _, rest = rng.partition(b"?>")
        return decl + b"?>\n" + HEADER + rest.lstrip()
    return HEADER + rng


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the .rng next to the .rnc."""
    parser = argparse.ArgumentParser(prog="python -m teipress.validate.compile_schema")
    default = default_data_dir("schema") / "teipress.rnc"
    parser.add_argument("rnc", nargs="?", type=Path, default=default, help="the .rnc source")
    parser.add_argument("--check", action="store_true", help="fail if the .rng is stale")
    args = parser.parse_args(argv)
    target = args.rnc.with_suffix(".rng")
    try:
        wanted = generated_rng(args.rnc)
    except TeipressError as exc:
        print(f"teipress: {exc}", file=sys.stderr)
        return 2
    current = target.read_bytes() if target.is_file() else b""
    if args.check:
        if current != wanted:
            print(f"{target} is out of date; run python -m teipress.validate.compile_schema")
            return 1
        return 0
    if current != wanted:
        target.write_bytes(wanted)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
