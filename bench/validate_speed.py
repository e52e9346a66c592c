"""How fast is `teipress validate`? Sample edition, a generated 10 MB file, and a 100 MB file.

Runs the real command in a subprocess with a private cache folder, first with an
empty cache ("first run") and then again ("repeated run"), and prints each time
next to a baseline measured in the same run: a child process that starts Python,
imports teipress and parses the same files with plain lxml (no validation).

    python bench/validate_speed.py             # everything, including the 100 MB file
    python bench/validate_speed.py --quick     # skip the 100 MB file
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
TEI_ALL = Path(os.environ.get("TEI_ALL", REPO.parent / "shared" / "schemas" / "tei_all.rng"))
PARAGRAPH = (
    '<p xml:id="p{i}">On <date when="1956-11-{day:02d}">{day} November 1956</date> '
    '<persName ref="#person{k}">Person {k}</persName> wrote from '
    '<placeName ref="#place{k}">Place {k}</placeName> to the <orgName ref="#org{k}">Committee '
    '{k}</orgName> about the events of the day, the <hi rend="italic">situation</hi> and '
    '<choice><sic>teh</sic><corr>the</corr></choice> reply.<note place="foot" n="{n}" '
    'xml:id="n{n}"><bibl><title level="m">Documents</title>, <citedRange unit="page" '
    'from="{n}" to="{n}">{n}</citedRange></bibl>.</note></p>\n'
)


def generate_tei(size: int) -> bytes:
    """A valid TEI document (teipress schema, rules and tei_all) of about `size` bytes."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" '
        'xml:id="generated">\n<teiHeader><fileDesc><titleStmt><title>Generated</title></titleStmt>'
        "<publicationStmt><p>teipress benchmark</p></publicationStmt><sourceDesc><bibl>Generated, "
        '<date when="2024">2024</date></bibl></sourceDesc></fileDesc></teiHeader>\n<text><body>\n'
    )
    people = "".join(
        f'<person xml:id="person{k}"><persName>Person {k}</persName></person>' for k in range(50)
    )
    places = "".join(
        f'<place xml:id="place{k}"><placeName>Place {k}</placeName></place>' for k in range(50)
    )
    orgs = "".join(
        f'<org xml:id="org{k}"><orgName>Committee {k}</orgName></org>' for k in range(50)
    )
    tail = (
        f"<div><listPerson>{people}</listPerson><listPlace>{places}</listPlace>"
        f"<listOrg>{orgs}</listOrg></div>\n</body></text>\n</TEI>\n"
    )
    parts, total, n = [head], len(head) + len(tail), 0
    while total < size:
        chunk = ['<div type="section">\n']
        for _ in range(20):
            n += 1
            chunk.append(PARAGRAPH.format(i=n, day=n % 28 + 1, k=n % 50, n=n))
        chunk.append("</div>\n")
        text = "".join(chunk)
        parts.append(text)
        total += len(text)
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def run_validate(args: list[str], cache: Path) -> tuple[float, float, int, str]:
    """Wall time, CPU time, peak memory (MB) and last output line of one validate run.

    CPU time (user + system of the child) is the figure to compare on a busy machine
    (wall time includes waiting for the CPU when other processes run);
    os.wait4 gives the resource use of exactly this child.
    """
    env = {**os.environ, "TEIPRESS_CACHE_DIR": str(cache)}
    code = "import sys; from teipress.cli import main; sys.exit(main())"
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", code, "validate", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO,
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
    if child.returncode not in (0, 1):
        raise SystemExit(f"validate failed ({child.returncode}): {lines[-1:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss // 1024, lines[-1] if lines else ""


def parse_baseline(files: list[Path]) -> float:
    """Baseline in a child process: start Python, import teipress, parse every file with
    plain lxml (what any validator must at least do). CPU seconds."""
    code = (
        "import sys; from lxml import etree; import teipress.cli\n"
        "for p in sys.argv[1:]: etree.parse(p, etree.XMLParser(huge_tree=True))"
    )
    child = subprocess.Popen([sys.executable, "-c", code, *map(str, files)], cwd=REPO)
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return max(usage.ru_utime + usage.ru_stime, 1e-3)


def row(label: str, args: list[str], files: list[Path], cache: Path) -> None:
    base = parse_baseline(files)
    first = run_validate(args, cache)
    again = run_validate(args, cache)
    print(
        f"{label:<30} first: wall {first[0]:6.2f} s, cpu {first[1]:6.2f} s | "
        f"repeated: wall {again[0]:6.2f} s, cpu {again[1]:6.2f} s | "
        f"baseline cpu {base:5.2f} s (x{first[1] / base:.1f} first, x{again[1] / base:.1f} "
        f"repeated) | peak RSS {first[2]} MB\n{'':<30} -> {first[3]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100 MB file")
    args = parser.parse_args()
    from teipress.config import edition_files, load_config

    edition = edition_files(load_config(REPO))
    with tempfile.TemporaryDirectory(prefix="teipress-bench-") as tmp:
        folder = Path(tmp)
        ten = folder / "ten-mb.xml"
        ten.write_bytes(generate_tei(10 * 1024 * 1024))
        print(f"python {sys.version.split()[0]}, lxml {etree.__version__}; files in {folder}")
        row("sample edition (7 files)", [], edition, folder / "cache-edition")
        row("10 MB file, edition schema", [str(ten)], [ten], folder / "cache-10")
        if TEI_ALL.is_file():
            schema = ["--schema", str(TEI_ALL)]
            row("10 MB file, tei_all.rng", [str(ten), *schema], [ten], folder / "cache-10-all")
        if not args.quick:
            huge = folder / "hundred-mb.xml"
            huge.write_bytes(generate_tei(100 * 1024 * 1024))
            row("100 MB file, edition schema", [str(huge)], [huge], folder / "cache-100")


if __name__ == "__main__":
    main()
