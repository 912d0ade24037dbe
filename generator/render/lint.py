"""Check the Word template before rendering: every placeholder must name a field.

The author edits the template in Word, which splits runs, turns quotes curly
and autocorrects. A misspelt ``{{ henvisninger.totl }}`` would otherwise stop
the render at the first one; here every unknown field, unknown filter and
broken tag is listed at once, in Danish, naming the placeholder and the
nearest field that exists.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from ..problems import Code, Problem, did_you_mean, error

UNKNOWN = object()  # a value the lint cannot know (a loop over an empty list, a set variable)
TAGS = re.compile(r"<[^>]+>")


def template_xml(document: Any) -> str:
    """The template's body, headers and footers as docxtpl will see them."""
    docx = document.get_docx()
    parts = [document.patch_xml(document.xml_to_string(docx.element.body))]
    for relation in docx.part.rels.values():
        if relation.reltype in (document.HEADER_URI, document.FOOTER_URI):
            blob = relation.target_part.blob
            parts.append(document.patch_xml(blob.decode("utf-8")))
    return "".join(parts)


def lint_template(
    document: Any, context: dict[str, Any], env: SandboxedEnvironment, name: str
) -> list[Problem]:
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", template_xml(document))
    try:
        tree = env.parse(xml)
    except TemplateSyntaxError as exc:
        line = TAGS.sub("", xml.splitlines()[exc.lineno - 1]) if exc.lineno else ""
        return [
            error(
                name,
                None,
                None,
                Code.TEMPLATE_SYNTAX,
                f"Et felt i skabelonen er ødelagt ({exc.message}) i teksten "
                f"'{line.strip()[:120]}'. Tjek at hvert {{{{ … }}}} og {{% … %}} er "
                "helt og skrevet i ét stræk.",
            )
        ]
    linter = _Linter(context, env, name)
    linter.visit(tree, dict(context))
    return linter.problems


class _Linter:
    def __init__(self, context: dict[str, Any], env: SandboxedEnvironment, name: str) -> None:
        self.context, self.env, self.name = context, env, name
        self.problems: list[Problem] = []
        self.seen: set[str] = set()

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            inner = dict(scope, loop=UNKNOWN)
            self._bind(node.target, self._first(self.value(node.iter, scope)), inner)
            for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Assign):
            self.value(node.node, scope)
            self._bind(node.target, UNKNOWN, scope)
            return
        if isinstance(node, nodes.Expr):
            self.value(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def value(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """The context value an expression names (or UNKNOWN), reporting what is missing."""
        if isinstance(node, nodes.Name):
            if node.name not in scope:
                self._report(node.name, list(scope))
                return UNKNOWN
            return scope[node.name]
        if isinstance(node, nodes.Getattr):
            return self._attribute(node, scope)
        if isinstance(node, nodes.Filter) and node.name not in self.env.filters:
            self._report_filter(node.name)
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.value(child, scope)
        return UNKNOWN

    def _attribute(self, node: nodes.Getattr, scope: dict[str, Any]) -> Any:
        parent = self.value(node.node, scope)
        if isinstance(parent, dict):
            if node.attr in parent:
                return parent[node.attr]
            self._report(_dotted(node), [f"{_dotted(node.node)}.{key}" for key in parent])
        return UNKNOWN

    @staticmethod
    def _first(value: Any) -> Any:
        return value[0] if isinstance(value, list) and value else UNKNOWN

    @staticmethod
    def _bind(target: nodes.Node, value: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
            return
        for name in target.find_all(nodes.Name):  # a tuple target: for a, b in …
            scope[name.name] = UNKNOWN

    def _report(self, field: str, known: list[str]) -> None:
        self._once(
            field,
            Code.UNKNOWN_FIELD,
            f"Skabelonen bruger feltet '{{{{ {field} }}}}', som ikke findes.",
            did_you_mean(field, known),
            "Ret stavningen i Word.",
        )

    def _report_filter(self, name: str) -> None:
        self._once(
            f"|{name}",
            Code.UNKNOWN_FILTER,
            f"Skabelonen bruger formateringen '|{name}', som ikke findes.",
            did_you_mean(name, self.env.filters),
            "Brug fx |tal, |kr, |pct eller |dato.",
        )

    def _once(self, key: str, code: str, message: str, close: str | None, advice: str) -> None:
        if key in self.seen:
            return
        self.seen.add(key)
        hint = f" Mente du '{close}'?" if close else ""
        self.problems.append(error(self.name, None, None, code, f"{message}{hint} {advice}"))


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Name):
        return node.name
    return "…"
