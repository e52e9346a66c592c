"""Benchmark the memory of `teipress build` and `validate` on one ~100 MB TEI file.

Usage: python bench/single_file.py [--mb 100] [--shape volume|long|both] [--profile]

Issue 6 asks that "a 100 MB single TEI file builds without holding more than a small
multiple of its size in memory". This generates (bench/make_corpus.py) two editions
each holding one file of about `--mb` MB:

  volume   a FRUS-like volume: hundreds of `div type="document"` with xml:id, one page each
  long     one long single document: no document divs, one page (a novel, a long report)

and measures, each step in its own process (wall seconds, peak PSS summed over the
step's process tree, the kernel's peak RSS of the largest process):

  parse          lxml parse of the file alone, the tree held (the baseline)
  parse+xslt     parse + XSLT identity transform + serialise (build_speed.py's floor)
  build -j1      teipress build from scratch, one process
  build -j2      teipress build from scratch, two worker processes
  validate       teipress validate

printing each peak as a multiple of the file's size and of the parse baseline. Each
build validates from scratch (cached validation results are dropped before it) unless
--warm-validation is given.

With --profile it then runs `teipress build --jobs 1` once more inside a profiling
process that samples its RSS every 5 ms and names the phase running at each sample
(read: parse, validate, extract; resolve; render: annotate, HTML, text; write: pages,
data, state), with the validation results of the steps before taken from the cache;
--tracemalloc adds the Python heap's peak per phase (lxml's C allocations are not in
it: RSS minus the Python heap is mostly libxml2 trees and freed heap not yet returned).
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_speed import IDENTITY, MB, Step, _teipress, machine, run  # noqa: E402

SHAPES = {
    "volume": ("volume.xml", "--volume-mb"),  # FRUS-like: many document divs
    "long": ("long.xml", "--long-mb"),  # one long document, no document divs
}


# ---------------------------------------------------------------- baselines (own process)


def baseline(kind: str, path: Path) -> None:
    """The baselines: parse only (tree held until exit), or parse + identity + serialise."""
    from lxml import etree

    parser = etree.XMLParser(no_network=True, load_dtd=False, huge_tree=True)
    tree = etree.parse(str(path), parser)
    if kind == "parse+xslt":
        transform = etree.XSLT(etree.fromstring(IDENTITY))
        size = len(etree.tostring(transform(tree), encoding="utf-8"))
        print(f"{kind}: {size} bytes serialised")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{kind}: {path.name}, peak RSS {peak} MB, tree of {tree.getroot().tag}")


# ---------------------------------------------------------------- the phase profile


@dataclass
class Phase:
    """What the profile saw during one phase (exclusive of the phases nested in it)."""

    calls: int = 0
    seconds: float = 0.0
    rss_peak: int = 0
    py_peak: int = 0


@dataclass
class Profile:
    """Samples this process's RSS every `interval` seconds and charges it to the phase
    running then (the innermost wrapped function); tracemalloc's peak likewise."""

    interval: float = 0.005
    stack: list[str] = field(default_factory=lambda: ["setup"])
    phases: dict[str, Phase] = field(default_factory=dict)
    timeline: list[tuple[float, int, str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    since: float = field(default_factory=time.perf_counter)
    _done: threading.Event = field(default_factory=threading.Event)

    def _phase(self, name: str) -> Phase:
        return self.phases.setdefault(name, Phase())

    def _switch(self, to: list[str]) -> None:
        """Close the current phase's interval (time, Python peak), then move to `to`."""
        now = time.perf_counter()
        current = self._phase(self.stack[-1])
        current.seconds += now - self.since
        if tracemalloc.is_tracing():
            current.py_peak = max(current.py_peak, tracemalloc.get_traced_memory()[1])
            tracemalloc.reset_peak()
        self.stack, self.since = to, now

    def wrap(self, module: str, attr: str, name: str) -> None:
        """Charge calls of module.attr (looked up by name at call time) to phase `name`."""
        owner = importlib.import_module(module)
        if "." in attr:  # a method: Class.method
            cls_name, attr = attr.split(".")
            owner = getattr(owner, cls_name)
        inner = getattr(owner, attr, None)
        if inner is None:
            print(f"(profile: {module}.{attr} not found; its time goes to its caller)")
            return

        def wrapped(*args, **kwargs):
            self._switch([*self.stack, name])
            self._phase(name).calls += 1
            try:
                return inner(*args, **kwargs)
            finally:
                self._switch(self.stack[:-1])

        setattr(owner, attr, wrapped)

    def sample(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        last = 0.0
        while not self._done.wait(self.interval):
            rss = int(Path("/proc/self/statm").read_text().split()[1]) * page
            phase = self._phase(self.stack[-1])
            phase.rss_peak = max(phase.rss_peak, rss)
            now = time.perf_counter() - self.started
            if now - last >= 1.0:
                self.timeline.append((now, rss, self.stack[-1]))
                last = now

    def run(self, fn: Callable[[], object]) -> object:
        sampler = threading.Thread(target=self.sample, daemon=True)
        sampler.start()
        try:
            return fn()
        finally:
            self._switch(["done"])
            self._done.set()
            sampler.join()

    def report(self, size: int, parse_peak: int, heap: bool) -> list[str]:
        """The phase table (exclusive peaks), then RSS over time."""
        lines = [
            f"{'phase':<26}{'calls':>7}{'seconds':>9}{'RSS peak':>11}{'x file':>8}"
            + (f"{'Python peak':>13}" if heap else "")
        ]
        for name, p in self.phases.items():
            if p.calls == 0 and name != "setup":
                continue
            lines.append(
                f"{name:<26}{p.calls:>7}{p.seconds:>9.1f}{p.rss_peak / MB:>8.0f} MB"
                f"{p.rss_peak / size:>8.1f}" + (f"{p.py_peak / MB:>10.0f} MB" if heap else "")
            )
        if parse_peak:
            lines.append(f"(parse baseline: {parse_peak / MB:.0f} MB, {parse_peak / size:.1f}x)")
        lines.append("")
        lines.append("RSS over time (one sample a second, at most 30 shown):")
        step = max(1, -(-len(self.timeline) // 30))
        for t, rss, phase in self.timeline[::step]:
            lines.append(f"  {t:7.1f} s {rss / MB:7.0f} MB  {phase}")
        return lines


#: (module, function, phase) of the build, innermost phases last in each group.
PHASES = [
    ("teipress.incremental", "Incremental.read", "read (cache, pickling)"),
    ("teipress.builders.documents", "parse", "read: parse"),
    ("teipress.builders.documents", "_validate", "read: validate"),
    ("teipress.validate.validator", "check_read_file", "read: validate"),
    ("teipress.builders.documents", "entries_in", "read: extract"),
    ("teipress.builders.documents", "_archive_uses", "read: extract"),
    ("teipress.builders.documents", "read_units", "read: extract"),
    ("teipress.build", "_validate", "edition checks"),
    ("teipress.build", "resolve", "resolve"),
    ("teipress.writer", "SiteWriter.write_lines", "edition index, data files"),
    ("teipress.builders.site", "render_batch", "render: index pages"),
    ("teipress.builders.site", "render_with", "render: other"),
    ("teipress.builders.documents", "annotate", "render: annotate"),
    ("teipress.xslt", "render_document_html", "render: HTML"),
    ("teipress.xslt", "render_document_text", "render: text"),
    ("teipress.xslt", "wrap_text", "render: text"),
    ("teipress.builders.site", "_emit", "write: pages"),
    ("teipress.builders.site", "_copy_sources", "write: sources"),
    ("teipress.builders.data", "bibliography_json", "edition index, data files"),
    ("teipress.incremental", "Incremental.finish", "write: state"),
]


def profile_build(project: Path, with_tracemalloc: bool, size: int, parse_peak: int) -> None:
    """`teipress build --jobs 1` in this process, with the phase profile printed after."""
    from teipress.build import BuildOptions, build
    from teipress.config import load_config

    profile = Profile()
    for module, attr, name in PHASES:
        profile.wrap(module, attr, name)
    config = load_config(project)
    if with_tracemalloc:
        tracemalloc.start()
    out = project / "site"
    shutil.rmtree(out, ignore_errors=True)
    report = profile.run(lambda: build(config, BuildOptions(out=out, jobs=1)))
    print(f"build: {report.summary()}, written {report.written}")  # type: ignore[attr-defined]
    print("\n".join(profile.report(size, parse_peak, with_tracemalloc)))


# ---------------------------------------------------------------- the run


def make_edition(work: Path, shape: str, mb: float, seed: int) -> Path:
    """One edition holding one file of about `mb` MB (made once, then reused)."""
    name, option = SHAPES[shape]
    project = work / f"{shape}-{mb:g}-{seed}"
    if not (project / "tei" / "documents" / name).exists():
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), "--docs", "1", "--size-mb", str(mb),
             option, str(mb), "--seed", str(seed), str(project)],
            check=True,
        )  # fmt: skip
    return project


def measure(
    project: Path, shape: str, jobs: int, validate: bool, warm: bool, log: Path
) -> dict[str, Step]:
    """Every step on one edition, each in its own process."""
    path = project / "tei" / "documents" / SHAPES[shape][0]
    me = [sys.executable, __file__]
    steps: dict[str, Step] = {}
    for kind in ("parse", "parse+xslt"):
        steps[kind] = run(kind, [*me, "--baseline", kind, str(path)], project, log)
    teipress = _teipress()
    for j in sorted({1, jobs}):
        shutil.rmtree(project / "site", ignore_errors=True)
        _cold_validation(warm)
        steps[f"build -j{j}"] = run(
            f"build -j{j}", [teipress, "build", "--jobs", str(j)], project, log
        )
    if validate:
        _cold_validation(warm)
        steps["validate"] = run("validate", [teipress, "validate"], project, log)
    return steps


def _cold_validation(warm: bool = False) -> None:
    """Forget cached validation results (kept by content hash), so each step validates;
    with `warm`, keep them (the builds then take each file's grammar and rule results
    from the cache, as a second build would)."""
    if warm:
        return
    shutil.rmtree(Path(os.environ["TEIPRESS_CACHE_DIR"]) / "results", ignore_errors=True)


def table(steps: dict[str, Step], size: int) -> list[str]:
    """Seconds and peak memory of each step, as multiples of the file and of the parse."""
    parse = steps["parse"].max_rss
    lines = [
        f"{'step':<12}{'seconds':>9}{'MB/s':>7}{'tree PSS':>11}{'max proc':>11}"
        f"{'PSS/file':>10}{'PSS/parse':>11}{'proc/parse':>12}"
    ]
    for step in steps.values():
        flag = "" if step.returncode == 0 else f"  (exit {step.returncode})"
        lines.append(
            f"{step.name:<12}{step.seconds:>9.1f}{size / MB / step.seconds:>7.1f}"
            f"{step.tree_rss / MB:>8.0f} MB{step.max_rss / MB:>8.0f} MB"
            f"{step.tree_rss / size:>9.1f}x{step.tree_rss / parse:>10.1f}x"
            f"{step.max_rss / parse:>11.1f}x" + flag
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100.0, help="size of the one file (MB)")
    parser.add_argument("--shape", choices=[*SHAPES, "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="workers of the parallel build")
    parser.add_argument("--work", type=Path, default=Path("bench-work"), help="scratch folder")
    parser.add_argument("--no-validate", action="store_true", help="skip `teipress validate`")
    parser.add_argument(
        "--warm-validation",
        action="store_true",
        help="keep cached validation results between steps (the profile always does)",
    )
    parser.add_argument("--profile", action="store_true", help="then profile build -j1's phases")
    parser.add_argument("--no-measure", action="store_true", help="only --profile")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="Python heap per phase (slows the profile)"
    )
    parser.add_argument("--baseline", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--parse-peak", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline:
        baseline(args.baseline[0], Path(args.baseline[1]))
        return 0
    if args.profile_only:
        files = (args.profile_only / "tei" / "documents").glob("*.xml")
        size = max(p.stat().st_size for p in files)  # the one large file
        profile_build(args.profile_only, args.tracemalloc, size, args.parse_peak)
        return 0
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.environ["TEIPRESS_CACHE_DIR"] = str(work / "teipress-cache")  # not the user's cache
    log = work / "single_file.log"
    print(machine(), flush=True)
    failed = False
    for shape in SHAPES if args.shape == "both" else (args.shape,):
        project = make_edition(work, shape, args.mb, args.seed)
        path = project / "tei" / "documents" / SHAPES[shape][0]
        size = path.stat().st_size
        print(f"\n{shape}: {path} ({size / MB:.1f} MB; registers beside it)", flush=True)
        parse_peak = 0
        if not args.no_measure:
            steps = measure(
                project, shape, args.jobs, not args.no_validate, args.warm_validation, log
            )
            print("\n".join(table(steps, size)), flush=True)
            failed |= any(s.returncode != 0 for s in steps.values())
            parse_peak = steps["parse"].max_rss
        if args.profile:  # validation results of the steps above reused: they are the same
            print(f"\nprofile of build -j1 ({shape}):", flush=True)
            argv = [sys.executable, __file__, "--profile-only", str(project)]
            argv += ["--parse-peak", str(parse_peak)]
            argv += ["--tracemalloc"] if args.tracemalloc else []
            failed |= subprocess.run(argv).returncode != 0
    print(f"\n(each step's output: {log})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
