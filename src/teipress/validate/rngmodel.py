"""What a RELAX NG grammar allows per element: child names, attributes, a compact content model.

lxml compiles a grammar into an opaque validator; to tell a scholar what *would*
have been allowed, teipress reads the grammar's XML itself. The same reading
checks that teipress's schema is a subset of tei_all (tests/test_validate_schema).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = f"{{{RNG_NS}}}"
_WRAPPERS = {"optional": "?", "zeroOrMore": "*", "oneOrMore": "+"}
_MAX_DEPTH = 8
_TOO_LONG = 180


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _rng_children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_R)]


def pattern_name(el: etree._Element) -> str:
    """The local name an element/attribute pattern matches ('*' for name classes)."""
    name = el.get("name")
    ns = el.get("ns")
    if name is None:
        first = el.find(f"{_R}name")
        name = first.text.strip() if first is not None and first.text else "*"
        ns = first.get("ns") if first is not None else None
    name = name.strip()
    if ns == XML_NS:
        return f"xml:{name}"
    return name if name.startswith("xml:") else name.split(":")[-1]


@dataclass
class Allowed:
    """Everything one element name may hold, merged over all its patterns."""

    children: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)
    text: bool = False


class GrammarModel:
    """Index of one RELAX NG grammar (XML syntax) for questions about element names."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.defines: dict[str, list[etree._Element]] = {}
        for define in tree.iter(f"{_R}define"):
            self.defines.setdefault(define.get("name", ""), []).append(define)
        self.elements: dict[str, list[etree._Element]] = {}
        for el in tree.iter(f"{_R}element"):
            self.elements.setdefault(pattern_name(el), []).append(el)
        self._allowed: dict[str, Allowed] = {}

    def names(self) -> set[str]:
        """Every element name the grammar declares."""
        return set(self.elements)

    def allowed(self, name: str) -> Allowed:
        """Children, attributes (with datatypes) and text an element of this name may hold."""
        if name not in self._allowed:
            result = Allowed()
            for el in self.elements.get(name, []):
                self._scan(el, set(), result)
            self._allowed[name] = result
        return self._allowed[name]

    def _scan(self, node: etree._Element, seen: set[str], out: Allowed) -> None:
        for child in _rng_children(node):
            kind = _local(child)
            if kind == "element":
                out.children.add(pattern_name(child))
            elif kind == "attribute":
                types = out.attributes.setdefault(pattern_name(child), set())
                types.update(self._datatypes(child))
            elif kind in {"text", "mixed"}:
                out.text = True
                if kind == "mixed":
                    self._scan(child, seen, out)
            elif kind == "ref":
                name = child.get("name", "")
                if name not in seen:
                    seen.add(name)
                    for define in self.defines.get(name, []):
                        self._scan(define, seen, out)
            elif kind not in {"name", "anyName", "nsName", "data", "value", "notAllowed"}:
                self._scan(child, seen, out)

    def _datatypes(self, attribute: etree._Element) -> set[str]:
        """Datatype names and fixed values an attribute accepts, for messages."""
        found: set[str] = set()
        for node in attribute.iter(f"{_R}data", f"{_R}value", f"{_R}ref"):
            kind = _local(node)
            if kind == "data":
                found.add(node.get("type", "text"))
            elif kind == "value":
                found.add(repr((node.text or "").strip()))
            else:
                for define in self.defines.get(node.get("name", ""), []):
                    found.update(self._datatypes(define))
        return found

    def content_model(self, name: str) -> str | None:
        """A compact, readable content model (`titleStmt, editionStmt?, …`) when short enough."""
        patterns = self.elements.get(name, [])
        if len(patterns) != 1:
            return None
        text = _Renderer(self.defines).render_children(patterns[0], 0)
        if text is None or len(text) > _TOO_LONG:
            return None
        return text or "empty"


class _Renderer:
    """Render a pattern in compact syntax, dropping attributes, inlining named patterns."""

    def __init__(self, defines: dict[str, list[etree._Element]]) -> None:
        self.defines = defines

    def render_children(self, node: etree._Element, depth: int, sep: str = ", ") -> str | None:
        rendered = [self.render(c, depth) for c in _rng_children(node)]
        if any(r is None for r in rendered):
            return None
        parts = [r for r in rendered if r]
        if sep != ", ":
            parts = [f"({p})" if ", " in _top_level(p) else _unwrap(p, sep) for p in parts]
            parts = list(dict.fromkeys(parts))
        return sep.join(parts)

    def render(self, node: etree._Element, depth: int) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        kind = _local(node)
        if kind == "element":
            return pattern_name(node)
        if kind in {"attribute", "empty", "notAllowed", "name", "anyName", "nsName"}:
            return ""
        if kind in {"text", "data", "value", "list"}:
            return "text"
        if kind == "ref":
            return self._ref(node.get("name", ""), depth)
        if kind in _WRAPPERS:
            inner = self.render_children(node, depth + 1)
            if not inner:
                return inner
            wrapped = inner if _atomic(inner) else f"({inner})"
            return wrapped + _WRAPPERS[kind]
        if kind in {"choice", "interleave"}:
            sep = " | " if kind == "choice" else " & "
            inner = self.render_children(node, depth + 1, sep)
            return f"({inner})" if inner and sep in inner else inner
        if kind in {"group", "define", "mixed"}:
            return self.render_children(node, depth + 1)
        return ""

    def _ref(self, name: str, depth: int) -> str | None:
        defines = self.defines.get(name, [])
        if len(defines) == 1:
            body = _rng_children(defines[0])
            if len(body) == 1 and _local(body[0]) == "element":
                return pattern_name(body[0])
        rendered = [self.render_children(d, depth + 1) for d in defines]
        if any(r is None for r in rendered):
            return None
        parts = [r for r in rendered if r]
        if len(parts) > 1:
            return "(" + " | ".join(parts) + ")"
        return parts[0] if parts else ""


def _unwrap(text: str, sep: str) -> str:
    """`(a | b)` inside another choice reads better as `a | b`."""
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        inner = text[1:-1]
        if ", " not in _top_level(inner):
            return inner
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _top_level(text: str) -> str:
    """The characters of `text` outside any parentheses."""
    depth, out = 0, []
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and ch not in "()":
            out.append(ch)
    return "".join(out)


def _atomic(text: str) -> bool:
    return all(ch not in text for ch in " ,|&") or (
        text.startswith("(") and text.endswith(")") and text.count("(") == 1
    )
