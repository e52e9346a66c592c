"""Large-input figures for `teipress import`: a generated 50 MB text, time and peak memory.

Usage: python bench/import_large.py [--mb 50] [--keep DIR]

Generates a deterministic plain text of prose paragraphs with names, dates and
numbers (seeded, nothing from the sample edition), then runs, each in a fresh
process so that peak memory (ru_maxrss) is its own:
  baseline  read + decode + split into blocks + write each block as a plain <p> with lxml
  import    `teipress import` of the same file with the sample edition's registers
and prints wall time, MB/s, peak RSS and the ratio import/baseline.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "his",
    "her",
    "their",
    "committee",
    "ministry",
    "letter",
    "report",
    "treaty",
    "council",
    "minister",
    "delegation",
    "conference",
    "embassy",
    "government",
    "proposal",
    "question",
    "answer",
    "agreement",
    "meeting",
    "said",
    "wrote",
    "replied",
]
CAPS = ["Ottawa", "Lisbon", "Harald Nyström", "Ana Coelho", "the Council", "Dvořák"]
DATES = ["12 March 1921", "April 3, 1922", "the spring of 1923", "1919-20", "May 1924"]

#: Peak memory of the measuring process itself. ru_maxrss survives fork+exec on Linux (a
#: child of a big parent reports the parent's peak), so read VmHWM of this process's own
#: memory map where /proc exists.
PEAK = """
def peak_kb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

BASELINE = (
    PEAK
    + """
import sys
from lxml import etree
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "wb") as out:
    out.write(b"<body>")
    for block in text.split("\\n\\n"):
        p = etree.Element("p")
        p.text = " ".join(block.split())
        out.write(etree.tostring(p))
    out.write(b"</body>")
print(peak_kb())
"""
)

IMPORT = (
    PEAK
    + """
import sys
from pathlib import Path
from teipress.importer import import_text, load_registers
regs = load_registers(Path(sys.argv[3]) / "tei" / "registers")
with open(sys.argv[2], "wb") as out:
    import_text(Path(sys.argv[1]), registers=regs).write(out)
print(peak_kb())
"""
)


def generate(path: Path, megabytes: int) -> None:
    """Write about `megabytes` MB of paragraphs of 40-160 words."""
    rng = random.Random(1956)
    target = megabytes * 1024 * 1024
    size = 0
    with path.open("w", encoding="utf-8") as out:
        while size < target:
            words = [rng.choice(WORDS) for _ in range(rng.randint(40, 160))]
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(CAPS)
            words[rng.randrange(len(words))] = rng.choice(DATES)
            para = " ".join(words).capitalize() + ".\n\n"
            out.write(para)
            size += len(para.encode())


def measure(code: str, source: Path, output: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh Python process running `code`."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(source), str(output), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stdout.split()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "large.txt"
        generate(source, args.mb)
        size = source.stat().st_size / 1024 / 1024
        base_t, base_m = measure(BASELINE, source, Path(tmp) / "baseline.xml")
        imp_t, imp_m = measure(IMPORT, source, Path(tmp) / "import.xml")
        print(f"source: {size:.1f} MB generated text")
        print(
            f"baseline (split + lxml <p>): {base_t:7.1f} s  {size / base_t:6.2f} MB/s  "
            f"peak RSS {base_m:6.0f} MB"
        )
        print(
            f"teipress import            : {imp_t:7.1f} s  {size / imp_t:6.2f} MB/s  "
            f"peak RSS {imp_m:6.0f} MB"
        )
        print(f"ratio import/baseline: time {imp_t / base_t:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
