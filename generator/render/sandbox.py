"""The Jinja sandbox the Word template runs in, with bounds on what it may build.

Jinja's SandboxedEnvironment stops a template from reaching Python's
internals, but not from asking for ``{{ 10**5000 }}`` or ``{{ 'x' * 2000000000 }}``,
which hang the run or exhaust the memory, nor from loading other templates
(``{% include %}``, ``{% extends %}``, ``{% import %}``), which fails with a
Python error because the report has no template folder. Here the first are
bounded and the second refused while parsing, each with a Danish message.

One budget (``Budget``) covers the whole render, every part of the template
(body, headers, footers, the document's properties) together: steps (each turn
of every loop, whatever it loops over, and each filter, operator and call),
characters written, and characters built (by ``~``, ``+``, ``*``, filters and
methods such as ``replace`` and ``join``, each checked before it is built).
Loops and ``~`` have no hook of their own in Jinja's sandbox; the code
generator (``Environment.code_generator_class``, a documented point) wraps
each loop's iterable and each ``~`` in one of the budget's filters.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, cast

from jinja2 import StrictUndefined, TemplateRuntimeError, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.utils import Namespace, pass_context
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

MAX_TEXT = 1_000_000  # characters (or items) one operation may produce; a report holds less
MAX_DIGITS = 100  # a number the template computes; no figure in a report comes near
MAX_ARGUMENT = 10_000  # a width, count or repetition given to a filter or method
MAX_OUTPUT = 50_000_000  # characters all parts of one render write; a report holds far less
MAX_RANGE_ITEMS = 1_000_000  # all range() loops of one render together
MAX_STEPS = 1_000_000  # loop turns, filters, operators and calls of one render together
MAX_BUILT = 200_000_000  # characters all operations of one render build together
MAX_DEPTH = 50  # calls one inside another (a macro calling itself, a recursive loop)
LOOP_FILTER, JOIN_FILTER = "_budget_loop", "_budget_join"  # the code generator's wrappers
LOADING_TAGS = {
    nodes.Include: "include",
    nodes.Extends: "extends",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
}
WIDE_FORMAT = re.compile(r"%[^a-zA-Z%]*?(\d{5,}|\*)")
WIDE_FIELD = re.compile(r"\{[^}]*?\d{5,}")  # "{:>999999}".format(…)
WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}
SEQUENCES = (str, list, tuple)


class RefusedTag(TemplateSyntaxError):
    """A tag that loads another template: the report is one Word file."""

    def __init__(self, tag: str, lineno: int) -> None:
        super().__init__(
            f"Kommandoen {{% {tag} %}} kan ikke bruges i skabelonen: rapporten laves af "
            "denne ene Word-fil, og den kan ikke hente andre skabeloner. Skriv teksten "
            "direkte i skabelonen.",
            lineno,
        )
        self.tag = tag


class TooLarge(TemplateRuntimeError):
    """A computation in the template that would hang the run or fill the memory."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"Et felt i skabelonen {what}. Så store tal og tekster kan ikke stå i en "
            "rapport; ret feltet i Word."
        )


class Budget:
    """What one render may still do: steps, characters written, characters built."""

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.written = MAX_OUTPUT
        self.built = MAX_BUILT
        self.depth = 0  # calls under way, one inside the other

    def step(self, count: int = 1) -> None:
        self.steps -= count
        if self.steps < 0:
            raise TooLarge("gentager en løkke eller en beregning alt for mange gange")

    def build(self, size: float) -> None:
        """Before a text of ``size`` characters is built."""
        if size > MAX_TEXT:
            raise TooLarge("laver en alt for lang tekst")
        self.built -= int(size)
        if self.built < 0:
            raise TooLarge("bygger alt for meget tekst op")

    def write(self, size: int) -> None:
        self.written -= size
        if self.written < 0:
            raise TooLarge("skriver en alt for lang tekst")

    def loop(self, iterable: Any) -> Any:
        """Each turn of a loop is a step."""
        for item in iterable:
            self.step()
            yield item


class _BudgetedCode(CodeGenerator):
    """Jinja's code generator, with each loop's iterable and each ``~`` passed through
    the budget's filters first (``_Budgeted``)."""

    def visit_Template(self, node: nodes.Template, frame: Any = None) -> None:
        _Budgeted(self.environment).visit(node)
        super().visit_Template(node, frame)


class _Budgeted(NodeTransformer):
    def __init__(self, environment: Any) -> None:
        self.environment = environment

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = self._filtered(cast(nodes.Expr, node.iter), LOOP_FILTER)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return self._filtered(nodes.List(node.nodes, lineno=node.lineno), JOIN_FILTER)

    def _filtered(self, value: nodes.Expr, name: str) -> nodes.Filter:
        wrapped = nodes.Filter(value, name, [], [], None, None, lineno=value.lineno)
        wrapped.set_environment(self.environment)
        return wrapped


class ReportEnvironment(SandboxedEnvironment):
    """The sandbox with the template-loading tags refused and every operator bounded."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    code_generator_class = _BudgetedCode

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[str, nodes.Template] = {}
        self.budget = Budget()

    def parse_kept(self, source: str) -> nodes.Template:
        """Parse ``source`` and keep the tree for the one compile of the same text
        that follows: an author's copy of the template is read for its fields, then
        linted, before docxtpl compiles it, and the report's body is the largest
        text Jinja parses. A text kept already is not parsed again."""
        tree = self._kept.get(source)
        if tree is None:
            tree = self.parse(source)
            self._kept[source] = tree
        return tree

    def parse(
        self, source: str, name: str | None = None, filename: str | None = None
    ) -> nodes.Template:
        """Jinja's parse, refusing the tags that load another template."""
        tree = super().parse(source, name, filename)
        for node in tree.find_all(tuple(LOADING_TAGS)):
            raise RefusedTag(LOADING_TAGS[type(node)], node.lineno)
        return tree

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile (which takes a parsed tree as well as a text), from the
        tree ``parse_kept`` kept for this text, else from ``parse``'s."""
        if isinstance(source, str):
            kept = self._kept.pop(source, None)  # handed over once: compiling changes the tree
            source = kept if kept is not None else self.parse(source, name, filename)
        if raw:
            return super().compile(source, name, filename, True, defer_init)
        return super().compile(source, name, filename, False, defer_init)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        self.budget.step()
        _check_binop(operator_name, left, right)
        if operator_name in ("+", "*"):
            self.budget.build(_built_by(operator_name, left, right))
        try:
            result = self.binop_table[operator_name](left, right)
        except (ArithmeticError, ValueError) as exc:
            raise TooLarge("regner noget ud, der ikke kan regnes ud (fx division med 0)") from exc
        except TypeError as exc:
            raise TooLarge("regner med værdier, der ikke passer sammen") from exc
        _check_result(result)
        return result

    def concat(self, pieces: Any) -> str:
        """Join the rendered pieces, stopping a template that writes without end."""
        kept = []
        for piece in pieces:
            self.budget.write(len(piece))
            kept.append(piece)
        return "".join(kept)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.budget.step()
        # Jinja (3.1.5 on) hands a text's format and format_map over in a wrapper of its own:
        # the method it wraps names the text, and so the widths asked for
        bound = getattr(__obj, "__wrapped__", __obj)
        owner, name = getattr(bound, "__self__", None), getattr(bound, "__name__", "")
        if isinstance(owner, str) and name in WIDTH_METHODS:
            _check_arguments(args, kwargs)
        if isinstance(owner, str) and name in {"format", "format_map"} and WIDE_FIELD.search(owner):
            raise TooLarge("formaterer en tekst alt for bredt")
        if isinstance(owner, str) and name in GROWING_METHODS:
            __self.budget.build(GROWING_METHODS[name](owner, *args, **kwargs))
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (__self.budget.loop(args[0]), *args[1:])
        for value in (*args, *kwargs.values()):  # a macro called with a text it doubled
            _check_result(value)
        __self.budget.depth += 1
        try:
            if __self.budget.depth > MAX_DEPTH:  # a macro or loop calling itself without end
                raise TooLarge("kalder sig selv igen og igen uden ende")
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            __self.budget.depth -= 1
        _check_result(result)
        return result


def report_environment(filters: Mapping[str, Callable[..., Any]]) -> ReportEnvironment:
    env = ReportEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(filters)
    env.filters = {
        name: _bounded(function, name, env.budget) for name, function in env.filters.items()
    }
    env.filters[LOOP_FILTER] = _loop_filter(env.budget)
    env.filters[JOIN_FILTER] = _join_filter(env.budget)
    env.globals["namespace"] = BoundedNamespace
    env.globals["range"] = _budgeted_range(env.budget)
    return env


def _loop_filter(budget: Budget) -> Callable[..., Any]:
    @pass_context  # never run while compiling (a constant would be folded)
    def loop(_context: Any, iterable: Any) -> Any:
        return budget.loop(iterable)

    return loop


def _join_filter(budget: Budget) -> Callable[..., Any]:
    @pass_context
    def join(context: Any, values: list[Any]) -> str:
        """``a ~ b ~ c`` as Jinja joins it (autoescaped when a piece is markup), counted
        and checked before the text is built."""
        budget.step()
        texts = [value if isinstance(value, str) else str(value) for value in values]
        budget.build(sum(map(len, texts)))
        if context.eval_ctx.autoescape and any(hasattr(text, "__html__") for text in texts):
            return Markup("").join(texts)
        return "".join(texts)

    return join


class BoundedNamespace(Namespace):
    """``namespace()`` whose values are bounded: a loop could double a text each turn."""

    def __setitem__(self, name: str, value: Any) -> None:
        _check_result(value)
        super().__setitem__(name, value)


def _budgeted_range(budget: Budget) -> Callable[..., range]:
    """``range`` with one budget for the whole render, so nested loops cannot hang it."""
    left = [MAX_RANGE_ITEMS]

    def budgeted(*args: int) -> range:
        items = safe_range(*args)
        left[0] -= len(items)
        if left[0] < 0:
            raise TooLarge("gentager en løkke alt for mange gange")
        return items

    return budgeted


def _replaced_length(text: str, old: Any = "", new: Any = "", count: Any = -1, *_: Any) -> float:
    """How long ``text.replace(old, new, count)`` would be, before it is built."""
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    times = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(0, len(new) - len(old))


def _joined_length(separator: str, items: Any = (), *_: Any, **__: Any) -> float:
    if not isinstance(items, list | tuple | str):
        return 0  # an iterator: its items are counted as they are made
    sizes = [len(item) if isinstance(item, str) else 0 for item in items]
    return sum(sizes) + len(separator) * max(0, len(sizes) - 1)


# str methods whose result can be far longer than their text, and how long it would be.
GROWING_METHODS: dict[str, Callable[..., float]] = {
    "replace": _replaced_length,
    "join": _joined_length,
}


def _filter_growth(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> float:
    """How long the text a growing filter would build is, before it is built."""
    if name == "replace" and isinstance(value, str):
        return _replaced_length(value, *args[:3], *kwargs.values())
    if name == "join":
        separator = args[0] if args and isinstance(args[0], str) else kwargs.get("d", "")
        items = list(value) if isinstance(value, list | tuple) else []
        attribute = kwargs.get("attribute") or (args[1] if len(args) > 1 else None)
        if attribute is None and all(isinstance(item, str) for item in items):
            return _joined_length(str(separator), items)
        return 0
    if name == "indent" and isinstance(value, str):
        width = args[0] if args else kwargs.get("width", 4)
        width = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        return len(value) + (value.count("\n") + 1) * max(0, width)
    return 0


def _check_binop(operator_name: str, left: Any, right: Any) -> None:
    numbers = _is_number(left) and _is_number(right)
    if operator_name == "**" and numbers and _power_digits(left, right) > MAX_DIGITS:
        raise TooLarge(f"regner et tal med over {MAX_DIGITS} cifre ud")
    if operator_name == "*" and numbers and _digits(left) + _digits(right) > MAX_DIGITS:
        raise TooLarge(f"regner et tal med over {MAX_DIGITS} cifre ud")
    if operator_name == "*" and _repeated_length(left, right) > MAX_TEXT:
        raise TooLarge("gentager en tekst alt for mange gange")
    sequences = isinstance(left, SEQUENCES) and isinstance(right, SEQUENCES)
    if operator_name == "+" and sequences and len(left) + len(right) > MAX_TEXT:
        raise TooLarge("laver en alt for lang tekst")
    if operator_name == "%" and isinstance(left, str) and WIDE_FORMAT.search(left):
        raise TooLarge("formaterer en tekst alt for bredt")


def _power_digits(base: float, exponent: float) -> float:
    if abs(base) <= 1 or exponent <= 0:
        return 0
    return exponent * math.log10(abs(base))


def _repeated_length(left: Any, right: Any) -> float:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, SEQUENCES) and _is_number(times):
            return float(len(sequence) * times)
    return 0


def _check_result(result: Any) -> None:
    if isinstance(result, SEQUENCES) and len(result) > MAX_TEXT:
        raise TooLarge("laver en alt for lang tekst")
    if isinstance(result, int) and not isinstance(result, bool) and _digits(result) > MAX_DIGITS:
        raise TooLarge(f"regner et tal med over {MAX_DIGITS} cifre ud")


def _check_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if _is_number(value) and not isinstance(value, float) and abs(value) > MAX_ARGUMENT:
            raise TooLarge(f"beder om en bredde eller et antal over {MAX_ARGUMENT}")


def _bounded(function: Callable[..., Any], name: str, budget: Budget) -> Callable[..., Any]:
    """A filter counted as a step, whose numeric arguments, the text it would build and
    its result are checked like any call."""
    # The value filtered comes first, after the context or environment if it asks for one.
    skip = 2 if hasattr(function, "jinja_pass_arg") else 1

    @functools.wraps(function)  # keeps jinja's pass_context/pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget.step()
        _check_arguments(args[skip:], kwargs)
        if len(args) >= skip:
            budget.build(_filter_growth(name, args[skip - 1], args[skip:], kwargs))
        try:
            result = function(*args, **kwargs)
        except FILTER_FAULTS as exc:  # the template's fault, not the program's
            value = args[skip - 1] if len(args) >= skip else None
            raise TemplateRuntimeError(
                f"filteret '{name}' kan ikke bruge {_shown(value)}"
                + (" med de argumenter, det fik" if args[skip:] or kwargs else "")
            ) from exc
        _check_result(result)
        if isinstance(result, str):
            budget.build(len(result))
        return result

    return bounded


# What a filter raises when a template hands it the wrong kind of value (a name
# where an amount belongs, a year for a date, an argument it does not take).
FILTER_FAULTS = (
    TypeError,
    ValueError,
    ArithmeticError,
    LookupError,
    AttributeError,
    AssertionError,
)


def _shown(value: Any) -> str:
    """The value a filter could not use, as a message names it (short, never huge)."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:40] + "…"
        return f"teksten '{text}'"
    if isinstance(value, bool) or value is None:
        return "en tom værdi" if value is None else "en ja/nej-værdi"
    if isinstance(value, int | float):
        return f"tallet {value}"
    return "den værdi, det fik"


def _built_by(operator_name: str, left: Any, right: Any) -> float:
    if operator_name == "*":
        return _repeated_length(left, right)
    if isinstance(left, SEQUENCES) and isinstance(right, SEQUENCES):
        return len(left) + len(right)
    return 0


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _digits(value: int | float) -> int:
    if isinstance(value, float):
        return 0 if not math.isfinite(value) or abs(value) < 1 else int(math.log10(abs(value))) + 1
    return int(abs(value).bit_length() * 0.30103) + 1
