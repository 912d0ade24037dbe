"""The Jinja sandbox the Word template runs in, with bounds on what it may build.

Jinja's SandboxedEnvironment stops a template from reaching Python's
internals, but not from asking for ``{{ 10**5000 }}`` or ``{{ 'x' * 2000000000 }}``,
which hang the run or exhaust the memory, nor from loading other templates
(``{% include %}``, ``{% extends %}``, ``{% import %}``), which fails with a
Python error because the report has no template folder. Here the first are
bounded and the second refused while parsing, each with a Danish message.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, TemplateRuntimeError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.utils import Namespace

MAX_TEXT = 1_000_000  # characters (or items) one operation may produce; a report holds less
MAX_DIGITS = 100  # a number the template computes; no figure in a report comes near
MAX_ARGUMENT = 10_000  # a width, count or repetition given to a filter or method
MAX_OUTPUT = 100_000_000  # characters one template part renders to; a report holds far less
MAX_RANGE_ITEMS = 1_000_000  # all range() loops of one render together
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


class ReportEnvironment(SandboxedEnvironment):
    """The sandbox with the template-loading tags refused and every operator bounded."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[str, nodes.Template] = {}

    def parse_kept(self, source: str) -> nodes.Template:
        """Parse ``source`` and keep the tree for the one compile of the same text
        that follows: the lint reads each part of the template before docxtpl
        compiles it, and the report's body is the largest text Jinja parses."""
        tree = self.parse(source)
        self._kept[source] = tree
        return tree

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        kept = self._kept.pop(source, None)  # handed over once: compiling changes the tree
        if kept is not None:
            return kept
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(tuple(LOADING_TAGS)):
            raise RefusedTag(LOADING_TAGS[type(node)], node.lineno)
        return tree

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        _check_binop(operator_name, left, right)
        try:
            result = self.binop_table[operator_name](left, right)
        except (ArithmeticError, ValueError) as exc:
            raise TooLarge("regner noget ud, der ikke kan regnes ud (fx division med 0)") from exc
        except TypeError as exc:
            raise TooLarge("regner med værdier, der ikke passer sammen") from exc
        _check_result(result)
        return result

    @staticmethod
    def concat(pieces: Any) -> str:
        """Join the rendered pieces, stopping a template that writes without end."""
        kept, size = [], 0
        for piece in pieces:
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TooLarge("skriver en alt for lang tekst")
            kept.append(piece)
        return "".join(kept)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name in WIDTH_METHODS:
            _check_arguments(args, kwargs)
        if isinstance(owner, str) and name in {"format", "format_map"} and WIDE_FIELD.search(owner):
            raise TooLarge("formaterer en tekst alt for bredt")
        result = super().call(__context, __obj, *args, **kwargs)
        _check_result(result)
        return result


def report_environment(filters: dict[str, Callable[..., Any]]) -> ReportEnvironment:
    env = ReportEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(filters)
    env.filters = {name: _bounded(function) for name, function in env.filters.items()}
    env.globals["namespace"] = BoundedNamespace
    env.globals["range"] = _budgeted_range()
    return env


class BoundedNamespace(Namespace):
    """``namespace()`` whose values are bounded: a loop could double a text each turn."""

    def __setitem__(self, name: str, value: Any) -> None:
        _check_result(value)
        super().__setitem__(name, value)


def _budgeted_range() -> Callable[..., range]:
    """``range`` with one budget for the whole render, so nested loops cannot hang it."""
    left = [MAX_RANGE_ITEMS]

    def budgeted(*args: int) -> range:
        items = safe_range(*args)
        left[0] -= len(items)
        if left[0] < 0:
            raise TooLarge("gentager en løkke alt for mange gange")
        return items

    return budgeted


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
            return len(sequence) * times
    return 0


def _check_result(result: Any) -> None:
    if isinstance(result, SEQUENCES) and len(result) > MAX_TEXT:
        raise TooLarge("laver en alt for lang tekst")
    if isinstance(result, int) and not isinstance(result, bool) and _digits(result) > MAX_DIGITS:
        raise TooLarge(f"regner et tal med over {MAX_DIGITS} cifre ud")


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if _is_number(value) and not isinstance(value, float) and abs(value) > MAX_ARGUMENT:
            raise TooLarge(f"beder om en bredde eller et antal over {MAX_ARGUMENT}")


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numeric arguments and result are checked like any call."""
    # The value filtered comes first, after the context or environment if it asks for one.
    skip = 2 if hasattr(function, "jinja_pass_arg") else 1

    @functools.wraps(function)  # keeps jinja's pass_context/pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args[skip:], kwargs)
        result = function(*args, **kwargs)
        _check_result(result)
        return result

    return bounded


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _digits(value: int | float) -> int:
    if isinstance(value, float):
        return 0 if not math.isfinite(value) or abs(value) < 1 else int(math.log10(abs(value))) + 1
    return int(abs(value).bit_length() * 0.30103) + 1
