"""ISO Schematron rules, compiled once to XSLT (cached on disk) and mapped back to source lines.

lxml.isoschematron turns a .sch file into an XSLT program in three XSLT passes;
teipress keeps the resulting program in its cache, keyed by the .sch's content,
and runs it with every file, network and write access denied. Each failed assert
in the SVRL report carries an XPath location, which teipress resolves to the
element and so to its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, isoschematron

from ..errors import ContentError, Diagnostic, Severity, UsageError, diagnostic_error
from ..reader import parse_bytes, read_bytes
from . import cache
from .source import SourceText

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_SVRL = {"svrl": SVRL_NS}
_WARNING_ROLES = {"warning", "warn", "info", "information"}
_NO_ACCESS = etree.XSLTAccessControl.DENY_ALL


def _broken(path: Path, message: str, line: int = 0, col: int = 0) -> UsageError:
    err = diagnostic_error(
        UsageError, path, f"broken Schematron: {message}", "schema-broken", line, col
    )
    assert isinstance(err, UsageError)
    return err


@dataclass
class Rules:
    """One Schematron file, turned into a validating XSLT program at most once per run."""

    path: Path
    key: str
    source: bytes
    _xslt: etree.XSLT | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: Path) -> Rules:
        """Read the .sch now (a missing file is an I/O error); compile on first use."""
        path = Path(path)
        data = read_bytes(path)
        return cls(path, cache.digest("schematron", cache.code_key(), data), data)

    def compile(self) -> etree.XSLT:
        """The XSLT program, from the cache when the same .sch was compiled before."""
        if self._xslt is None:
            program = cache.get("schematron", self.key)
            if program is None:
                program = self._compile_fresh()
                cache.put("schematron", self.key, program)
            try:
                doc = parse_bytes(program, self.path.with_suffix(".xsl"))
                self._xslt = etree.XSLT(doc, access_control=_NO_ACCESS)
            except (ContentError, etree.XSLTParseError) as exc:
                raise _broken(self.path, f"its XPath does not compile: {exc}") from exc
        return self._xslt

    def _compile_fresh(self) -> bytes:
        try:
            tree = parse_bytes(self.source, self.path, allowed_root=self.path.resolve().parent)
        except ContentError as exc:
            diag = exc.diagnostic
            raise _broken(self.path, diag.message if diag else exc.message, *(_pos(diag))) from exc
        if tree.getroot().tag != f"{{{SCH_NS}}}schema":
            raise _broken(self.path, f'root is not <schema xmlns="{SCH_NS}">', 1, 1)
        for inc in tree.getroot().iter(f"{{{SCH_NS}}}include", f"{{{SCH_NS}}}extends"):
            if inc.get("href", "").startswith(("http:", "https:", "ftp:")):
                raise _broken(
                    self.path,
                    "includes a remote file; teipress never uses the network",
                    inc.sourceline or 0,
                    1,
                )
        try:
            # No svrl:fired-rule per matched node: on a large document those would
            # outnumber the elements themselves, and teipress reads only the failures.
            schematron = isoschematron.Schematron(
                tree, store_xslt=True, compile_params={"generate-fired-rule": "false"}
            )
        except (etree.SchematronParseError, etree.XSLTApplyError, etree.XSLTParseError) as exc:
            raise _broken(self.path, _first_line(exc)) from exc
        return etree.tostring(schematron.validator_xslt)

    def check(self, tree: etree._ElementTree, source: SourceText) -> list[Diagnostic]:
        """Run the rules on one document; one diagnostic per failed assert or report."""
        try:
            report = self.compile()(tree)
        except etree.XSLTApplyError as exc:
            raise _broken(self.path, f"failed while checking {source.label}: {exc}") from exc
        diags = []
        for node in report.getroot().iterchildren(
            f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"
        ):
            diags.append(_diagnostic(node, tree, source))
        return sorted(set(diags))


def _pos(diag: Diagnostic | None) -> tuple[int, int]:
    return (diag.line, diag.col) if diag else (0, 0)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _diagnostic(node: etree._Element, tree: etree._ElementTree, source: SourceText) -> Diagnostic:
    """SVRL -> Diagnostic: text normalised to one line, location resolved to line:col."""
    text_node = node.find("svrl:text", _SVRL)
    text = " ".join("".join(text_node.itertext()).split()) if text_node is not None else ""
    code = node.get("id") or "schematron"
    role = (node.get("role") or "").lower()
    severity: Severity = "warning" if role in _WARNING_ROLES else "error"
    target = _resolve(tree, node.get("location", ""))
    line, col = source.position(target, None) if target is not None else (0, 0)
    return Diagnostic(source.label, line, col, severity, code, text or node.get("test", ""))


def _resolve(tree: etree._ElementTree, location: str) -> etree._Element | None:
    """The element an SVRL location names (an attribute location gives its owner)."""
    if not location:
        return None
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found:
        return None
    first = found[0]
    if isinstance(first, etree._Element):
        return first
    parent = getattr(first, "getparent", None)
    return parent() if parent else None
