"""Benchmark `teipress build` and `validate` against the lxml floor, in one run.

Usage: python bench/build_speed.py [--docs 2000] [--size-mb 200] [--seed 1] [--work DIR]

Generates (or reuses) a corpus with bench/make_corpus.py, then measures, each step in its
own subprocess so that wall time and peak memory are the step's own:
  floor        lxml parse + XSLT identity transform + serialise of every file, 1 process
  build -j1    teipress build from scratch, one process
  build -jN    teipress build from scratch, all cores
  no-op        the same build again, nothing changed
  one doc      after one document changed (one word)
  one entry    after one register entry changed (a person's description)
  validate     teipress validate of the whole corpus, first and repeated run
and prints each figure, its throughput and its ratio to the floor, then the targets of
issue 6. Peak memory is the largest sampled sum of PSS over the step's process tree (read from
/proc every 20 ms; PSS counts pages that forked workers share with the build once), and
the kernel's peak RSS of the largest single process.
It also checks that the incremental builds produced the same bytes as a clean build.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024

IDENTITY = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>
</xsl:stylesheet>"""


@dataclass
class Step:
    """One measured step: wall seconds and peak memory (tree sum and largest process)."""

    name: str
    seconds: float
    tree_rss: int
    max_rss: int
    returncode: int


def floor(corpus: Path) -> None:
    """The baseline: parse, identity-transform and serialise every XML file, one process."""
    from lxml import etree

    transform = etree.XSLT(etree.fromstring(IDENTITY))
    parser = etree.XMLParser(no_network=True, load_dtd=False, huge_tree=True)
    total = 0
    for path in sorted((corpus / "tei").rglob("*.xml")):
        tree = etree.parse(str(path), parser)
        total += len(etree.tostring(transform(tree), encoding="utf-8"))
    print(f"floor: {total} bytes serialised")


def _memory(proc: Path, page: int) -> int:
    """PSS of one process (pages shared with forked workers counted once over the tree),
    else its RSS."""
    try:
        for line in (proc / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return int((proc / "statm").read_text().split()[1]) * page


def _tree_rss(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants: the sum of their PSS."""
    total, stack, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while stack:
        p = stack.pop()
        proc = Path(f"/proc/{p}")
        try:
            total += _memory(proc, page)
            for task in (proc / "task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def run(name: str, argv: list[str], cwd: Path, log: Path, cache: Path | None = None) -> Step:
    """Run one step as a subprocess, sampling its process tree's memory meanwhile.

    `cache` is the validation cache folder the step uses (TEIPRESS_CACHE_DIR): a fresh
    one for a step measured from scratch, the same one for the steps after it."""
    env = {**os.environ, "TEIPRESS_CACHE_DIR": str(cache)} if cache is not None else None
    with log.open("ab") as out:
        out.write(f"\n=== {name}: {' '.join(argv)}\n".encode())
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    step = Step(name, seconds, peak[0], usage.ru_maxrss * 1024, proc.returncode)
    print(
        f"  {name}: {seconds:.2f} s, peak {step.tree_rss / MB:.0f} MB (tree), "
        f"exit {step.returncode}",
        flush=True,
    )
    return step


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in (corpus / "tei").rglob("*.xml"))


def change_document(corpus: Path) -> Path:
    """Change one word of one mid-sized document (a new `p` word, same markup)."""
    docs = sorted((corpus / "tei" / "documents").glob("doc-*.xml"))
    path = docs[len(docs) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<p>", "<p>Meanwhile, ", 1), encoding="utf-8")
    return path


def change_entry(corpus: Path) -> str:
    """Change the description of the most mentioned person (the first of the register)."""
    path = corpus / "tei" / "registers" / "persons.xml"
    text = path.read_text(encoding="utf-8")
    start = text.index('<note type="description">') + len('<note type="description">')
    path.write_text(text[:start] + "Revised: " + text[start:], encoding="utf-8")
    return text[text.index('xml:id="', text.index("<person ")) + 8 :].split('"', 1)[0]


def same_tree(a: Path, b: Path) -> list[str]:
    """Relative paths whose bytes differ between two sites (cache folders ignored)."""
    diffs: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        diffs.extend(prefix + n for n in cmp.left_only + cmp.right_only if "cache" not in n)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, False)
        diffs.extend(prefix + n for n in mismatch + errors)
        for sub, child in cmp.subdirs.items():
            if "cache" not in sub:
                walk(child, f"{prefix}{sub}/")

    walk(filecmp.dircmp(a, b), "")
    return diffs


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return (
        f"{platform.python_implementation()} {platform.python_version()}, {cpu}, "
        f"{os.cpu_count()} CPUs, load average {load:.2f} at start"
    )


def report(steps: dict[str, Step], size: int, jobs: int) -> list[str]:
    """The figures table and the verdict on each target of issue 6."""
    base = steps["floor"].seconds
    lines = [
        f"{'step':<22}{'seconds':>9}{'MB/s':>9}{'x floor':>9}{'tree PSS':>11}{'max proc':>10}",
    ]
    for step in steps.values():
        flag = "" if step.returncode == 0 else f"  (exit {step.returncode})"
        lines.append(
            f"{step.name:<22}{step.seconds:>9.2f}{size / MB / step.seconds:>9.1f}"
            f"{step.seconds / base:>9.2f}{step.tree_rss / MB:>8.0f} MB{step.max_rss / MB:>7.0f} MB"
            + flag
        )
    full = steps[f"build -j{jobs}"].seconds
    peak = max(s.tree_rss for s in steps.values() if s.name.startswith(("build", "one", "no")))
    checks = [
        (f"full build -j{jobs} ≤ 4x floor", full / base, 4.0, "x"),
        ("no-op rebuild ≤ 3% of full build", 100 * steps["no-op"].seconds / full, 3.0, "%"),
        ("one changed doc ≤ 5% of full build", 100 * steps["one doc"].seconds / full, 5.0, "%"),
        ("peak build memory ≤ 1024 MB", peak / MB, 1024.0, " MB"),
    ]
    lines.append("")
    for label, value, limit, unit in checks:
        verdict = "met" if value <= limit else "MISSED"
        lines.append(f"{label:<40} {value:8.2f}{unit:<4} {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--size-mb", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("bench-work"), help="scratch folder")
    parser.add_argument("--jobs", type=int, default=0, help="'all cores' (0: every CPU)")
    parser.add_argument("--no-validate", action="store_true", help="skip the validate steps")
    parser.add_argument("--no-verify", action="store_true", help="skip the clean-build check")
    parser.add_argument("--no-j1", action="store_true", help="skip the one-process build")
    parser.add_argument("--floor-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_only:
        floor(args.floor_only)
        return 0
    jobs = args.jobs or len(os.sched_getaffinity(0))
    work = args.work.resolve()
    corpus = work / f"corpus-{args.docs}-{args.size_mb:g}-{args.seed}"
    log = work / "steps.log"
    work.mkdir(parents=True, exist_ok=True)
    if not (corpus / "teipress.toml").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), "--docs", str(args.docs),
             "--size-mb", str(args.size_mb), "--seed", str(args.seed), str(corpus)],
            check=True,
        )  # fmt: skip
    pristine = work / "pristine"
    shutil.rmtree(pristine, ignore_errors=True)
    shutil.copytree(corpus, pristine)  # the steps below edit the corpus; keep the original
    size = corpus_bytes(corpus)
    teipress = [_teipress()]
    site = corpus / "site"
    print(machine(), flush=True)
    print(f"corpus: {corpus} ({size / MB:.1f} MB, {args.docs} document files)", flush=True)
    steps: dict[str, Step] = {}
    try:
        steps["floor"] = run(
            "floor", [sys.executable, __file__, "--floor-only", str(corpus)], corpus, log
        )
        builds = (("build -j1", 1), (f"build -j{jobs}", jobs))
        for name, j in builds[1:] if args.no_j1 else builds:
            shutil.rmtree(site, ignore_errors=True)
            cache = _fresh(work / f"cache-j{j}")  # from scratch: no validation results either
            steps[name] = run(name, [*teipress, "build", "--jobs", str(j)], corpus, log, cache)
        build = [*teipress, "build", "--jobs", str(jobs)]
        steps["no-op"] = run("no-op", build, corpus, log, cache)
        changed = change_document(corpus)
        steps["one doc"] = run(f"one doc ({changed.name})", build, corpus, log, cache)
        steps["one doc"].name = "one doc"
        entry = change_entry(corpus)
        steps["one entry"] = run("one entry", build, corpus, log, cache)
        print(f"changed: {changed.name}, register entry persons.xml#{entry}")
        if not args.no_validate:
            cache = _fresh(work / "cache-validate")
            for name in ("validate (first)", "validate (again)"):
                steps[name] = run(name, [*teipress, "validate"], corpus, log, cache)
        if not args.no_verify:
            clean = work / "clean-site"
            shutil.rmtree(clean, ignore_errors=True)
            cache = _fresh(work / "cache-clean")
            run("clean check", [*build, "--out", str(clean)], corpus, log, cache)
            diffs = same_tree(site, clean)
            print(
                "incremental site == clean site: "
                + ("yes" if not diffs else f"NO, {len(diffs)} files differ, e.g. {diffs[:3]}")
            )
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
        pristine.rename(corpus)
    print(f"(each step's output: {log}; {jobs} cores, shared with other work on this machine)")
    print("\n".join(report(steps, size, jobs)))
    return 0 if all(s.returncode == 0 for s in steps.values()) else 1


def _fresh(folder: Path) -> Path:
    """An empty folder (emptied if it was there)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _teipress() -> str:
    """The teipress console script next to this Python, else the one on PATH."""
    local = Path(sys.executable).with_name("teipress")
    return str(local) if local.exists() else (shutil.which("teipress") or "teipress")


if __name__ == "__main__":
    sys.exit(main())
