"""Check the Word template before rendering: every placeholder must name a field.

The author edits the template in Word, which splits runs, turns quotes curly
and autocorrects. A misspelt ``{{ henvisninger.totl }}`` would otherwise stop
the render at the first one; here every unknown field, unknown filter and
broken tag is listed at once, in Danish, naming the placeholder and the
nearest field that exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from ..core.problems import Code, Problem, did_you_mean, error
from ..core.wording import shortened
from .fields import BY_NAME
from .sandbox import RefusedTag, ReportEnvironment

UNKNOWN = object()  # a value the lint cannot know (a loop over an empty list, a set variable)
TAGS = re.compile(r"<[^>]+>")
HEADING = re.compile(r'<w:pStyle w:val="(?:Heading|Overskrift|Title|Titel)\d*"')
# A field from its opening to its closing, or, if it is never closed, to the
# next opening or the end of the paragraph.
PARAGRAPH = re.compile(r"<w:p([ >])")
FIELD = re.compile(r"\{[{%](?:(?!\{[{%]).)*?(?:\}\}|%\}|(?=\{[{%])|$)")
# Jinja's parser speaks English; the messages it gives for a broken field, in Danish.
REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.DOTALL), danish)
    for pattern, danish in (
        (
            r"unexpected end of template.*looking for the following tags: '(\w+)'.*",
            r"en blok er ikke lukket: der mangler et {% \1 %}",
        ),
        (r"encountered unknown tag '(end\w*)'.*", r"{% \1 %} lukker en blok, der ikke er åbnet"),
        (r"encountered unknown tag '(\w+)'.*", r"kommandoen {% \1 %} findes ikke"),
        (r"unexpected end of template.*", "feltet er ikke lukket, før skabelonen slutter"),
        (r"unexpected '\}'.*", "feltet er ikke lukket rigtigt: det skal slutte med }} eller %}"),
        (
            r"unexpected char '([“”‘’])'.*",
            r"Word har lavet et krøllet anførselstegn (\1); skriv tekst i felter med lige "
            "anførselstegn (')",
        ),
        (r"unexpected char ['\"](.)['\"].*", r"tegnet \1 kan ikke stå i et felt"),
        (r"expected name or number", "der mangler et navn efter punktummet"),
        (r"expected an expression, got .*", "der mangler et feltnavn i feltet"),
        (r"expected token .*", "feltet er ikke skrevet rigtigt: der står noget for meget"),
        (r"tag name expected", "der mangler en kommando efter {%"),
        (r"unexpected '([^']*)'.*", r"'\1' kan ikke stå her"),
        (r"'([^']+)' is undefined", r"feltet '\1' findes ikke"),
        (r".*has no attribute '([^']+)'", r"feltet '\1' findes ikke"),
        (r"access to attribute '([^']+)'.*", r"feltet bruger '\1', som en skabelon ikke må bruge"),
        (r".* is not safely callable", "feltet kalder noget, en skabelon ikke må kalde"),
    )
)


def template_parts(document: Any) -> list[str]:
    """The body, headers and footers exactly as docxtpl hands them to Jinja: patched,
    and with each paragraph on a line of its own (Jinja's line numbers then count
    paragraphs, which is how a problem is placed for the author)."""
    docx = document.get_docx()
    sources = [document.get_xml()]
    for relation in docx.part.rels.values():  # reltype first: a link has no target part
        if relation.reltype in (document.HEADER_URI, document.FOOTER_URI) and (
            relation.target_part.blob
        ):
            sources.append(document.get_part_xml(relation.target_part))
    return [PARAGRAPH.sub(r"\n<w:p\1", document.patch_xml(xml)) for xml in sources]


def lint_template(
    document: Any,
    context: dict[str, Any],
    env: ReportEnvironment,
    name: str,
    declared: Mapping[str, Any] | None = BY_NAME,
) -> list[Problem]:
    """Every unknown field, unknown filter and broken tag of the template, at once.

    ``declared`` names the fields the template may use (the report's declaration,
    ``fields.py``); ``None`` lets every name of ``context`` stand (the monthly status,
    whose context is its own).

    Each part is parsed as docxtpl will compile it, and the tree is kept for that
    compile (``ReportEnvironment.parse_kept``): the template is parsed once."""
    linter = _Linter(context, env, name, declared)
    for xml in template_parts(document):
        try:
            tree = env.parse_kept(xml)
        except RefusedTag as exc:
            where = place(xml.splitlines(), exc.lineno)
            return [error(name, None, None, Code.TEMPLATE_SYNTAX, f"{exc.message} ({where}).")]
        except TemplateSyntaxError as exc:
            return [
                _unclosed_problem(name, xml, exc, env)
                or _syntax_problem(name, xml.splitlines(), exc, env)
            ]
        broken = _broken_brace(name, xml.splitlines())
        if broken is not None:
            return [broken]
        linter.visit(tree, dict(context))
    return linter.problems


# Blocks that need an {% end… %}; {% set x %} without "=" is one too.
OPENING_TAGS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "set"}
UNCLOSED = re.compile(r".*innermost block that needs to be closed is '(\w+)'", re.DOTALL)
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
ESCAPED_BRACES = re.compile(r"\{_[{%]|[}%]_\}")  # docxtpl's way to write a brace as text


def _unclosed_problem(
    name: str, xml: str, exc: TemplateSyntaxError, env: SandboxedEnvironment
) -> Problem | None:
    """A block never closed is told where it was opened, not where the part ends (Jinja
    stops at the end, and names the first tag it would have taken there)."""
    match = UNCLOSED.match(exc.message or "")
    if match is None:
        return None
    block = match.group(1)
    opened = _opening_line(xml, block, env)
    if opened is None:
        return None
    lines = xml.splitlines()
    return error(
        name,
        None,
        None,
        Code.TEMPLATE_SYNTAX,
        f"En {{% {block} %}}-blok i skabelonen er ikke lukket: '{field_text(lines, opened)}' "
        f"({place(lines, opened)}); der mangler et {{% end{block} %}}. Skriv "
        f"{{% end{block} %}} der, hvor blokken skal slutte.",
    )


def _opening_line(xml: str, block: str, env: SandboxedEnvironment) -> int | None:
    """The line of the innermost ``block`` tag that no end tag closes."""
    try:
        tokens = [(line, kind, value) for line, kind, value in env.lex(xml) if kind != "whitespace"]
    except TemplateSyntaxError:
        return None
    stack: list[tuple[str, int]] = []
    for at, (line, kind, _) in enumerate(tokens[:-1]):
        if kind != "block_begin" or tokens[at + 1][1] != "name":
            continue
        tag = tokens[at + 1][2]
        if tag == "set" and _assigns(tokens, at + 1):
            continue
        if tag in OPENING_TAGS:
            stack.append((tag, line))
        elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
            stack.pop()
    return next((line for tag, line in reversed(stack) if tag == block), None)


def _assigns(tokens: list[tuple[int, str, str]], start: int) -> bool:
    for _, kind, value in tokens[start:]:
        if kind == "block_end":
            return False
        if kind == "operator" and value == "=":
            return True
    return False


def _broken_brace(name: str, lines: list[str]) -> Problem | None:
    """A brace left over once every whole field is read ("{ {aar}}", "{{ aar }}}",
    "{aar}"): Jinja takes it as text, and it would stand in the report as written."""
    texts = "\n".join(ESCAPED_BRACES.sub("", TAGS.sub("", line)) for line in lines)
    # a comment {# … #} is the template's own note, braces and all (it may span paragraphs)
    texts = COMMENT.sub(lambda found: "\n" * found.group(0).count("\n"), texts)
    for number, text in enumerate(texts.split("\n"), start=1):
        rest = FIELD.sub(" ", text) if "{" in text or "}" in text else ""
        if "{" in rest or "}" in rest:
            return error(
                name,
                None,
                None,
                Code.TEMPLATE_SYNTAX,
                f"Et felt i skabelonen er ødelagt: '{shortened(text.strip(), 120)}' "
                f"({place(lines, number)}): en krøllet parentes står alene. Et felt skrives "
                "med to tegn i hver ende, {{ navn }} eller {% … %}, i ét stræk.",
            )
    return None


def _syntax_problem(
    name: str, lines: list[str], exc: TemplateSyntaxError, env: SandboxedEnvironment
) -> Problem:
    """The broken field itself, where it stands, and why, in Danish."""
    number = min(max(exc.lineno or 1, 1), len(lines))
    text = TAGS.sub("", lines[number - 1]).strip()
    field = _broken_field(text, env)
    return error(
        name,
        None,
        None,
        Code.TEMPLATE_SYNTAX,
        f"Et felt i skabelonen er ødelagt: '{field}' ({place(lines, number)}): "
        f"{danish_reason(exc.message or '')}. Tjek at hvert {{{{ … }}}} og {{% … %}} er "
        "helt og skrevet i ét stræk.",
    )


def _broken_field(text: str, env: SandboxedEnvironment) -> str:
    """The first field of the paragraph that is not closed or does not parse alone
    (a lone block tag such as {% for … %} is whole when it is closed)."""
    for match in FIELD.finditer(text):
        field = match.group(0).strip()
        if not field.endswith(("}}", "%}")):
            single = field.find("}")
            return field[: single + 1] if single != -1 else field[:60]
        if field.startswith("{{"):
            try:
                env.parse(field)
            except TemplateSyntaxError:
                return field
    return text[:120] or "…"


def place(lines: list[str], number: int) -> str:
    """'afsnit 37, under overskriften "…"': where the author finds the paragraph."""
    paragraphs = sum(1 for line in lines[:number] if line.startswith("<w:p"))
    where = f"afsnit {max(paragraphs, 1)}"
    for at in range(number - 1, -1, -1):
        if HEADING.search(lines[at]):
            heading = shortened(TAGS.sub("", lines[at]).strip(), 80)
            relation = "i overskriften" if at == number - 1 else "under overskriften"
            return f"{where}, {relation} '{heading}'"
    return where


def field_text(lines: list[str], number: int) -> str:
    """The fields of paragraph line ``number`` as the author sees them, shortened."""
    if not 1 <= number <= len(lines):
        return ""
    text = TAGS.sub("", lines[number - 1])
    fields = [match.group(0) for match in FIELD.finditer(text)]
    return shortened(" ".join(fields) or text.strip(), 120)


def danish_reason(message: str) -> str:
    """Jinja's message for a broken field in Danish; never Jinja's English."""
    first = message.strip()
    for pattern, danish in REASONS:
        match = pattern.match(first)
        if match:
            return match.expand(danish)
    if re.search(r"[æøå]|\b(?:er|og|kan|ikke|skabelonen)\b", first):
        return first.rstrip(".")  # already Danish (the sandbox's own messages)
    return "feltet kan ikke læses"


class _Linter:
    def __init__(
        self,
        context: dict[str, Any],
        env: SandboxedEnvironment,
        name: str,
        declared: Mapping[str, Any] | None,
    ) -> None:
        self.context, self.env, self.name, self.declared = context, env, name, declared
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
            if node.name not in scope or not self._declared(node.name, scope):
                self._report(node.name, [name for name in scope if self._declared(name, scope)])
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
            name = _dotted(node)
            top = self._is_context(node.node, scope)
            known = [f"{_dotted(node.node)}.{key}" for key in parent]
            declared = self.declared if top else None
            if declared is not None:  # a field of the context: only what is declared
                known = [k for k in known if k in declared]
            if node.attr in parent and (declared is None or name in declared):
                return parent[node.attr]
            self._report(name, known)
        return UNKNOWN

    def _is_context(self, node: nodes.Node, scope: dict[str, Any]) -> bool:
        """``node`` is a field of the context itself, not a loop's variable."""
        return (
            isinstance(node, nodes.Name)
            and node.name in self.context
            and scope.get(node.name) is self.context[node.name]
        )

    def _declared(self, name: str, scope: dict[str, Any]) -> bool:
        """A name of the context must be declared (whole, or as the head of its fields);
        a loop's variable or a Jinja name is not the context's."""
        if name not in self.context or scope.get(name) is not self.context[name]:
            return True
        if self.declared is None:
            return True
        return name in self.declared or any(f.startswith(name + ".") for f in self.declared)

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

    def _once(self, key: str, code: Code, message: str, close: str | None, advice: str) -> None:
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
