"""Incremental build state: content hashes of inputs and the outputs that depend on them.

A build records, in `<output>/.teipress-cache/state.json`, the content hash of every
input it read (files, register entries, any derived data the build chooses to key on),
the hash of everything that affects all outputs (teipress version, teipress.toml,
stylesheets, schema) and, for every output, the inputs it was made from. The next build
compares: only outputs with a changed input are rebuilt, outputs that vanished are
removed, and every decision carries a reason that `teipress build -v` prints. Hashes,
never modification times, decide: a touched file with the same bytes rebuilds nothing,
and an edited file with an old mtime is still seen. A missing, corrupt or older state
means a full rebuild with a warning, never a wrong incremental one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import __version__

STATE_VERSION = 2  # 2: outputs list their dependencies as indexes into "deps"
CACHE_DIR = ".teipress-cache"
FULL_ASKED = "--full given"  # the reason of a full rebuild the user asked for
STATE_NAME = "state.json"
RESULTS_DIR = "results"

# What a change of each global part means, for the full-rebuild reason.
GLOBAL_LABELS = {
    "teipress": "teipress version",
    "config": "teipress.toml",
    "xslt": "stylesheets",
    "schema": "schema",
    "schematron": "Schematron rules",
}

T = TypeVar("T")
R = TypeVar("R")


def hash_bytes(data: bytes) -> str:
    """The content hash used throughout (sha256: hardware-accelerated, ~1.5 GB/s)."""
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path) -> str:
    """Content hash of one file, read in one go (edition files fit in memory)."""
    return hash_bytes(Path(path).read_bytes())


def hash_text(*parts: str) -> str:
    """Hash of a sequence of strings, unambiguous however they split."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def hash_tree(path: Path | None) -> str:
    """Hash of a file, or of every file under a folder (names and contents); '' if absent."""
    if path is None:
        return ""
    path = Path(path)
    if path.is_file():
        return hash_file(path)
    if not path.is_dir():
        return "absent"
    files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return hash_text(*(f"{p.relative_to(path).as_posix()}={hash_file(p)}" for p in files))


@dataclass(frozen=True)
class Inputs:
    """What one build reads: global parts (affect every output) and keyed content hashes."""

    globals: Mapping[str, str]
    files: Mapping[str, str]
    derived: Mapping[str, str] = field(default_factory=dict)

    @property
    def hashes(self) -> dict[str, str]:
        """Every keyed hash: files and derived inputs."""
        return {**self.files, **self.derived}

    def with_hashes(self, extra: Mapping[str, str]) -> Inputs:
        """The same inputs plus derived ones (register entries, resolved contexts...).

        Derived keys must not collide with file keys; use e.g. `persons.xml#tito`.
        """
        clash = set(extra) & set(self.files)
        if clash:
            raise ValueError(f"derived input keys clash with files: {sorted(clash)[:3]}")
        return Inputs(self.globals, self.files, {**self.derived, **extra})


def edition_inputs(config: Any, files: Iterable[Path] | None = None) -> Inputs:
    """Hash the edition's files (keys: paths relative to the project) and its global parts.

    `config` is a teipress Config; `files` defaults to every document and register.
    """
    from .config import edition_files

    paths = list(files) if files is not None else edition_files(config)
    root = Path(config.root).resolve()
    files = {_relative(p, root): hash_file(p) for p in paths}
    stylesheets = [config.xslt, config.stylesheet_html, config.stylesheet_text]
    globals_ = {
        "teipress": f"{__version__} {code_hash()}",
        "config": config.fingerprint,
        "xslt": hash_text(*(hash_tree(p) for p in stylesheets)),
        "schema": hash_tree(config.schema),
        "schematron": hash_tree(config.schematron),
    }
    return Inputs(globals_, files)


@functools.cache
def code_hash() -> str:
    """Hash of teipress's own modules and lxml's version: new code means fresh results."""
    from lxml import etree

    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    parts = (f"{p.relative_to(package).as_posix()}={hash_file(p)}" for p in files)
    return hash_text(str(etree.LXML_VERSION), *parts)[:16]


def _warning(row: list) -> list:
    """One saved warning, checked: [path, line, col, code, message]."""
    path, line, col, code, message = row
    if not all(isinstance(v, str) for v in (path, code, message)):
        raise ValueError("a warning's path, code and message are text")
    return [path, int(line), int(col), code, message]


def _outputs(deps: list, outputs: dict) -> dict[str, list[str]]:
    """Outputs with their dependencies by name, from the saved table (see `save`)."""
    names = [str(d) for d in deps]
    result = {}
    for out, numbers in outputs.items():
        if any(not isinstance(k, int) or k < 0 for k in numbers):
            raise ValueError("dependency numbers must be whole numbers from 0")
        result[str(out)] = [names[k] for k in numbers]
    return result


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root` (already resolved), else its absolute form."""
    path = Path(path).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Plan:
    """What an incremental build must do, and why (for `build -v`)."""

    full: str | None
    rebuild: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    changed_inputs: dict[str, str] = field(default_factory=dict)
    warning: str | None = None

    def needs(self, output: str) -> bool:
        """True when `output` must be (re)written."""
        return output in self.rebuild

    @property
    def nothing_to_do(self) -> bool:
        return not self.rebuild and not self.remove and self.full is None

    def explain(self) -> list[str]:
        """One line per rebuilt or removed output: `path: reason; reason`, sorted."""
        lines = [f"{out}: {'; '.join(why)}" for out, why in sorted(self.rebuild.items())]
        lines += [f"{out}: removed (its inputs are gone)" for out in sorted(self.remove)]
        return lines

    def summary(self) -> str:
        """`N to rebuild, M up to date, K to remove` (and why, for a full rebuild)."""
        text = (
            f"{len(self.rebuild)} to rebuild, {len(self.unchanged)} up to date, "
            f"{len(self.remove)} to remove"
        )
        return f"{text} (full rebuild: {self.full})" if self.full else text


@dataclass
class BuildState:
    """The recorded state of the last successful build of one output folder."""

    globals: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    derived: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, list[str]] = field(default_factory=dict)
    problem: str | None = "no previous build"
    info: dict[str, int] = field(default_factory=dict)  # counts for a no-op build's report
    # The build's warnings ([path, line, col, code, message]): a no-op build repeats them.
    warnings: list[list] = field(default_factory=list)

    # ------------------------------------------------------------ load and save

    @classmethod
    def load(cls, output: Path) -> BuildState:
        """The state kept in `output`; an empty one (with `problem` set) when unusable."""
        path = Path(output) / CACHE_DIR / STATE_NAME
        if not path.exists():
            return cls(problem="no previous build state")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return cls(problem=f"build state {path} is unreadable ({exc.__class__.__name__})")
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            found = data.get("version") if isinstance(data, dict) else None
            return cls(problem=f"build state format {found!r} is not {STATE_VERSION}")
        try:
            return cls(
                globals=_str_map(data["globals"]),
                files=_str_map(data["files"]),
                derived=_str_map(data["derived"]),
                outputs=_outputs(data["deps"], data["outputs"]),
                problem=None,
                info={str(k): int(v) for k, v in data.get("info", {}).items()},
                warnings=[_warning(w) for w in data.get("warnings", [])],
            )
        except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
            return cls(problem=f"build state {path} is corrupt ({exc.__class__.__name__})")

    @classmethod
    def record(
        cls,
        inputs: Inputs,
        graph: Mapping[str, Iterable[str]],
        info: Mapping[str, int] | None = None,
        warnings: Iterable[list] = (),
    ) -> BuildState:
        """The state to save after a successful build with these inputs and dependencies."""
        used = {dep for deps in graph.values() for dep in deps}
        missing = sorted(used - set(inputs.hashes))
        if missing:
            raise ValueError(f"dependencies without a hash: {', '.join(missing[:5])}")
        return cls(
            globals=dict(inputs.globals),
            files=dict(inputs.files),
            derived=dict(inputs.derived),
            outputs={out: sorted(set(deps)) for out, deps in graph.items()},
            problem=None,
            info=dict(info or {}),
            warnings=[list(w) for w in warnings],
        )

    def save(self, output: Path) -> Path:
        """Write the state atomically into `output`'s cache folder (sorted, stable JSON)."""
        folder = Path(output) / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        # Every dependency is written once, and outputs name theirs by index: a large
        # edition's pages each depend on hundreds of register entries (@label:…), which
        # written out in full made the state hundreds of MB.
        deps = sorted({d for ds in self.outputs.values() for d in ds})
        number = {d: k for k, d in enumerate(deps)}
        data = {
            "version": STATE_VERSION,
            "teipress": self.globals.get("teipress", __version__),
            "globals": self.globals,
            "files": self.files,
            "derived": self.derived,
            "deps": deps,
            "outputs": {out: [number[d] for d in ds] for out, ds in self.outputs.items()},
            "info": self.info,
            "warnings": self.warnings,
        }
        # One line, by json's C encoder: `indent=` would use the pure-Python one (seconds).
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return _atomic_write(folder / STATE_NAME, text.encode("utf-8"))

    # ------------------------------------------------------------ comparing

    @property
    def warning(self) -> str | None:
        """A message for the user when a previous state existed but cannot be used (not
        when there was none, nor when the user asked for a full build)."""
        quiet = self.problem is None or self.problem == FULL_ASKED
        if quiet or self.problem.startswith("no previous"):
            return None
        return f"{self.problem}; rebuilding everything"

    def global_change(self, inputs: Inputs) -> str | None:
        """Why every output must be rebuilt, or None when the global parts are unchanged."""
        if self.problem is not None:
            return self.problem
        changed = [
            GLOBAL_LABELS.get(key, key)
            for key in sorted(set(self.globals) | set(inputs.globals))
            if self.globals.get(key) != inputs.globals.get(key)
        ]
        return f"{', '.join(changed)} changed" if changed else None

    def changed_inputs(self, inputs: Inputs) -> dict[str, str]:
        """Each input key that differs from the last build: 'changed', 'added' or 'removed'."""
        old, new = {**self.files, **self.derived}, inputs.hashes
        diff = {k: "changed" for k in new.keys() & old.keys() if new[k] != old[k]}
        diff |= {k: "added" for k in new.keys() - old.keys()}
        diff |= {k: "removed" for k in old.keys() - new.keys()}
        return diff

    def up_to_date(self, inputs: Inputs, output: Path | None = None) -> bool:
        """True when nothing at all changed: the fast path of a no-op rebuild.

        Only files are compared (added, removed or edited ones all count), so this is
        cheap enough to run before reading anything; every recorded output must exist.
        """
        if self.global_change(inputs) is not None or not self.outputs:
            return False
        if self.files != dict(inputs.files):
            return False
        return output is None or all((Path(output) / o).exists() for o in self.outputs)

    def plan(
        self,
        inputs: Inputs,
        graph: Mapping[str, Iterable[str]],
        output: Path | None = None,
    ) -> Plan:
        """What to rebuild now, given the current inputs and dependency graph, and why."""
        full = self.global_change(inputs)
        plan = Plan(full=full, warning=self.warning)
        plan.changed_inputs = self.changed_inputs(inputs) if full is None else {}
        for out, deps in sorted(graph.items()):
            reasons = self._reasons(out, sorted(set(deps)), plan.changed_inputs, output, full)
            if reasons:
                plan.rebuild[out] = reasons
            else:
                plan.unchanged.append(out)
        plan.remove = sorted(set(self.outputs) - set(graph))
        return plan

    def _reasons(
        self,
        out: str,
        deps: list[str],
        changed: Mapping[str, str],
        output: Path | None,
        full: str | None,
    ) -> list[str]:
        if full is not None:
            return [full]
        if out not in self.outputs:
            return ["new output"]
        if output is not None and not (Path(output) / out).exists():
            return ["missing from the output folder"]
        before = self.outputs[out]
        hit = changed.keys() & deps  # in C: a page has hundreds of dependencies
        if not hit and deps == before:  # both sorted: the usual case, nothing to say
            return []
        reasons = [f"{dep} {changed[dep]}" for dep in deps if dep in hit]
        gained, lost = sorted(set(deps) - set(before)), sorted(set(before) - set(deps))
        reasons += [f"now depends on {dep}" for dep in gained if dep not in changed]
        reasons += [f"no longer depends on {dep}" for dep in lost]
        return reasons


def _str_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("expected an object")
    return {str(k): str(v) for k, v in value.items()}


def _atomic_write(path: Path, data: bytes) -> Path:
    """Write via a temporary file in the same folder and rename: never a torn file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def pickled(fn: Callable[[T], Any], item: T) -> bytes:
    """`fn(item)`, pickled where it ran: a worker pickles its result once, for both the
    trip back to the build and the cache (use with functools.partial)."""
    return pickle.dumps(fn(item), protocol=pickle.HIGHEST_PROTOCOL)


class ResultCache:
    """Per-file results of the previous build, kept by content hash, so that an
    incremental build re-reads only the files that changed.

    Entries are pickles in the output's cache folder, named by a hash of the key (content
    hash and task) and a salt (teipress code, config, stylesheets): a result is reused
    only for the very same bytes read by the very same toolkit. Unreadable entries are
    recomputed. New entries go to a staging folder beside the output (not memory: they
    are as large as a third of the edition) until `persist` moves them, with links to the
    reused ones, into the new site, so the cache is swapped in with the site. The cache
    is teipress's own file in the user's own output folder, like a .pyc.
    """

    def __init__(self, output: Path | None, salt: str) -> None:
        self.output = Path(output) if output is not None else None
        self.folder = self.output / CACHE_DIR / RESULTS_DIR if self.output else None
        self.salt = salt
        self.hits = 0
        self.staging: Path | None = None
        self.fresh: set[str] = set()

    def name(self, key: str) -> str:
        return f"{hash_text(self.salt, key)}.pickle"

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, result) when cached and readable, else (False, None)."""
        if self.folder is None:
            return False, None
        try:
            return True, pickle.loads((self.folder / self.name(key)).read_bytes())
        except Exception:  # missing, truncated or from an older class: recomputed
            return False, None

    def put(self, key: str, data: bytes) -> None:
        """Stage a fresh result (pickled bytes) for `persist`."""
        if self.output is None:
            return
        if self.staging is None:
            self.staging = self.output.parent / f".{self.output.name}.results-{os.getpid()}"
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir(parents=True)
            weakref.finalize(self, shutil.rmtree, self.staging, ignore_errors=True)
        (self.staging / self.name(key)).write_bytes(data)
        self.fresh.add(key)

    def map(
        self,
        run: Callable[[Callable[[T], bytes], Sequence[T]], Iterable[bytes]],
        fn: Callable[[T], R],
        items: Sequence[T],
        keys: Sequence[str],
    ) -> list[R]:
        """`fn(item)` for the items whose key is not cached (through `run`, an executor's
        imap, so misses still run in parallel); cached results otherwise; in item order.

        Each fresh result is unpickled and staged as it comes, and its bytes let go: all
        of them at once were as large again as the results (350 MB at 200 MB of TEI)."""
        results: list[Any] = [None] * len(items)
        missing: list[int] = []
        for i, key in enumerate(keys):
            found, value = self.get(key)
            if found:
                results[i] = value
                self.hits += 1
            else:
                missing.append(i)
        fresh = run(functools.partial(pickled, fn), [items[i] for i in missing]) if missing else []
        for i, data in zip(missing, fresh, strict=True):
            results[i] = pickle.loads(data)
            self.put(keys[i], data)
        return results

    def persist(self, site: Path, keys: Iterable[str]) -> None:
        """Put the entries of `keys` into `site`'s cache: fresh ones moved, old ones linked.

        Entries of files no longer in the edition are left behind with the old site.
        """
        target = Path(site) / CACHE_DIR / RESULTS_DIR
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.staging is not None and self.staging.is_dir():
            self.staging.rename(target)
        else:
            target.mkdir(exist_ok=True)
        for key in keys:
            name = self.name(key)
            if key in self.fresh or self.folder is None or not (self.folder / name).is_file():
                continue
            try:
                os.link(self.folder / name, target / name)
            except OSError:
                shutil.copy2(self.folder / name, target / name)
